
2
xPlaceholder*
dtype0*
shape
:

ySnapshotx*
T0