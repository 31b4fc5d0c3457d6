
.
aPlaceholder*
dtype0*
shape:
.
bPlaceholder*
dtype0*
shape:
!
y	IdentityNab*
T
2