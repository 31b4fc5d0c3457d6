
.
xPlaceholder*
dtype0*
shape:
&
yShapex*
T0*
out_type0