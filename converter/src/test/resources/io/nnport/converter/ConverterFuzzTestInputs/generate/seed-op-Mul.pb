
.
aPlaceholder*
dtype0*
shape:
.
bPlaceholder*
dtype0*
shape:

yMulab*
T0