package io.nnport.ir.eval;

/** Axis arguments as model formats write them: negative axes count from the end. */
public final class Axes {
    private Axes() {}

    /** {@code axis} in [-rank, rank) made non-negative. */
    public static int normalize(long axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }
}
