
7
x0Placeholder*
dtype0*
shape:
7
x1Placeholder*
dtype0*
shape:
/
yPackx0x1*
T0*
N*

axis