
:
xPlaceholder*
dtype0*
shape:
S
yAvgPoolx*
T0*
ksize
*
strides
*
paddingSAME