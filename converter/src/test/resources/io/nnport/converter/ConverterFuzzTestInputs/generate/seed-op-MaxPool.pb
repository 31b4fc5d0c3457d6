
:
xPlaceholder*
dtype0*
shape:
T
yMaxPoolx*
T0*
ksize
*
strides
*
paddingVALID