
2
xPlaceholder*
dtype0*
shape
:
$
yCastx*

SrcT0*

DstT0