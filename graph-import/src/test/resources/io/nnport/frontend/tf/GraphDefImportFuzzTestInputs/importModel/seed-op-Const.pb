
:
cConst*
dtype0*!
valueB"ì÷:?›£½SŸ2?