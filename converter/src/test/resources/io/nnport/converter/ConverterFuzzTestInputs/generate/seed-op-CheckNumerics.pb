
2
xPlaceholder*
dtype0*
shape
:
0
yCheckNumericsx*
T0*
messagebad