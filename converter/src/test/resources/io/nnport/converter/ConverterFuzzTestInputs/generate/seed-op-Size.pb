
:
xPlaceholder*
dtype0*
shape:
%
ySizex*
T0*
out_type0	