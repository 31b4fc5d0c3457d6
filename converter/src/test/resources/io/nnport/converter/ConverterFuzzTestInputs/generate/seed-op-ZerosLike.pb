
.
xPlaceholder*
dtype0*
shape:

y	ZerosLikex*
T0