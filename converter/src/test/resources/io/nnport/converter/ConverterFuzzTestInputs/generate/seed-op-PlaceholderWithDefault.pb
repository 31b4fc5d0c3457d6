
H
defaultConst*
dtype0*)
value B"Åw;¿¹Ö{¿Ýd¨½ˆó¾èP¿
B
pPlaceholderWithDefaultdefault*
dtype0*
shape:

yIdentityp*
T0