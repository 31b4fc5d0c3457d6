
6
aPlaceholder*
dtype0*
shape:
.
bPlaceholder*
dtype0*
shape:

yAddab*
T0