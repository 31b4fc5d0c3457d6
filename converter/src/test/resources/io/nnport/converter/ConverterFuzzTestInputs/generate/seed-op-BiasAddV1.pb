
6
xPlaceholder*
dtype0*
shape:
E
biasConst*
dtype0*)
value B"#i=¶ù4?Zî-¿±õ>•;Ê¾
 
y	BiasAddV1xbias*
T0