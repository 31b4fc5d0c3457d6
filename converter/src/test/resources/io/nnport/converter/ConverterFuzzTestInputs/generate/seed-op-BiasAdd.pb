
2
xPlaceholder*
dtype0*
shape
:
=
biasConst*
dtype0*!
valueB"û¨b?û½øú>

yBiasAddxbias*
T0