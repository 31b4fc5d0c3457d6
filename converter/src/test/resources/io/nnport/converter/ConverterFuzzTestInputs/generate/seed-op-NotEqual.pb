
:
aPlaceholder*
dtype0*
shape:
:
bPlaceholder*
dtype0*
shape:

yNotEqualab*
T0