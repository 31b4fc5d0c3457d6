
:
aPlaceholder*
dtype0*
shape:
.
bPlaceholder*
dtype0*
shape:

yMaximumab*
T0