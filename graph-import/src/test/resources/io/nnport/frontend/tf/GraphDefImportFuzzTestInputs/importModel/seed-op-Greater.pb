
:
aPlaceholder*
dtype0*
shape:
:
bPlaceholder*
dtype0*
shape:

yGreaterab*
T0