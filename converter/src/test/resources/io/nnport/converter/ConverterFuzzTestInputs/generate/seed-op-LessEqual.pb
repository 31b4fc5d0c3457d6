
6
aPlaceholder*
dtype0*
shape:
6
bPlaceholder*
dtype0*
shape:

y	LessEqualab*
T0