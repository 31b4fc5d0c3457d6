
:
xPlaceholder*
dtype0*
shape:
9
axesConst*
dtype0*
valueB"ýÿÿÿÿÿÿÿ
8
yMeanxaxes*
T0*

Tidx0*
	keep_dims(