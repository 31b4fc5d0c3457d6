
.
xPlaceholder*
dtype0*
shape:
 
yPreventGradientx*
T0