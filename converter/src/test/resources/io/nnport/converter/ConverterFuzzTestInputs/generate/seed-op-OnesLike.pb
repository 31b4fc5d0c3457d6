
6
xPlaceholder*
dtype0*
shape:

yOnesLikex*
T0