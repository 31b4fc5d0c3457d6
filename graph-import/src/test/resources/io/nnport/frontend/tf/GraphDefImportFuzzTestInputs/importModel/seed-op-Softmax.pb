
2
xPlaceholder*
dtype0*
shape
:

ySoftmaxx*
T0