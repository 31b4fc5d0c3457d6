package io.nnport.ir;

import java.util.Arrays;

/**
 * A tensor shape: a list of dimensions, each {@code >= 0} or {@link #UNKNOWN} (-1), or an
 * unknown rank altogether.
 *
 * <p>Batch convention: dimension 0 of a graph input may be {@link #UNKNOWN}, the dynamic batch.
 * Shape rules carry it through (a Conv2D of {@code [?,32,32,3]} is {@code [?,16,16,8]}); any other
 * unknown dimension is a genuine unknown that the converter must have fixed by {@code --input}.
 *
 * <p>Immutable; {@code equals} compares rank and dimensions.
 */
public final class Shape {
    /** An unknown dimension. */
    public static final int UNKNOWN = -1;

    private static final Shape UNKNOWN_RANK = new Shape(null);
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /** A shape of known rank; each dimension {@code >= 0} or {@link #UNKNOWN}. */
    public static Shape of(int... dims) {
        for (int d : dims) {
            if (d < UNKNOWN) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
        }
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** A shape from {@code long} dimensions, as TensorFlow stores them; each must fit an int. */
    public static Shape ofLongs(long... dims) {
        int[] ints = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < UNKNOWN || dims[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("dimension out of range in " + Arrays.toString(dims));
            }
            ints[i] = (int) dims[i];
        }
        return of(ints);
    }

    public static Shape scalar() {
        return SCALAR;
    }

    public static Shape unknownRank() {
        return UNKNOWN_RANK;
    }

    /** A known rank with every dimension unknown. */
    public static Shape unknownDims(int rank) {
        int[] dims = new int[rank];
        Arrays.fill(dims, UNKNOWN);
        return of(dims);
    }

    public boolean hasRank() {
        return dims != null;
    }

    /** The rank; throws if it is unknown (check {@link #hasRank()} first). */
    public int rank() {
        requireRank();
        return dims.length;
    }

    /** Dimension {@code axis}, {@link #UNKNOWN} if unknown; negative axes count from the end. */
    public int dim(int axis) {
        requireRank();
        return dims[axis < 0 ? axis + dims.length : axis];
    }

    public int[] dims() {
        requireRank();
        return dims.clone();
    }

    /** Known rank and every dimension known. */
    public boolean isFullyKnown() {
        if (dims == null) {
            return false;
        }
        for (int d : dims) {
            if (d == UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    /** Number of elements of a fully known shape, as a long so that it cannot overflow silently. */
    public long numElements() {
        if (!isFullyKnown()) {
            throw new IllegalStateException("shape " + this + " is not fully known");
        }
        long n = 1;
        for (int d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** This shape with dimension {@code axis} replaced. */
    public Shape withDim(int axis, int value) {
        int[] copy = dims();
        copy[axis < 0 ? axis + copy.length : axis] = value;
        return of(copy);
    }

    /** Row-major strides of a fully known shape (elements, not bytes). */
    public int[] strides() {
        int[] strides = new int[rank()];
        int stride = 1;
        for (int i = strides.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= dims[i];
        }
        return strides;
    }

    /**
     * True when the two shapes may describe the same tensor: unknown ranks and unknown dimensions
     * match anything.
     */
    public boolean isCompatibleWith(Shape other) {
        if (!hasRank() || !other.hasRank()) {
            return true;
        }
        if (dims.length != other.dims.length) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != UNKNOWN && other.dims[i] != UNKNOWN && dims[i] != other.dims[i]) {
                return false;
            }
        }
        return true;
    }

    private void requireRank() {
        if (dims == null) {
            throw new IllegalStateException("shape has unknown rank");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code [?,28,28]}; {@code <unknown rank>} without a rank. */
    @Override
    public String toString() {
        if (dims == null) {
            return "<unknown rank>";
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            text.append(i == 0 ? "" : ",").append(dims[i] == UNKNOWN ? "?" : Integer.toString(dims[i]));
        }
        return text.append(']').toString();
    }
}
