package io.nnport.kernels;

import java.util.Arrays;

/**
 * Shape conventions shared by the kernel plans ({@code BroadcastPlan}, {@code ReducePlan},
 * {@code TransposePlan}, {@code PadPlan}, {@code ConcatPlan}) and range checks shared by the kernel
 * facades.
 *
 * <p>A shape is TensorFlow's, row-major (NHWC), with {@link #BATCH} standing for the batch size that
 * is only known at the call (TensorFlow's {@code -1} / {@code ?}); it may appear at axis 0 only. Every
 * other dimension is at least 1.
 */
public final class Dims {

    /** The dynamic batch dimension of a shape, passed to each kernel call as {@code batch}. */
    public static final int BATCH = -1;

    private Dims() {}

    /**
     * Checks {@code shape}: BATCH only at axis 0, every other dimension at least 1, and the number of
     * elements per batch entry below 2^31; returns that number (the product of the non-BATCH axes).
     */
    public static int sampleSize(int[] shape, String what) {
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            int d = shape[i];
            if (d == BATCH && i == 0) {
                continue;
            }
            if (d < 1) {
                throw new IllegalArgumentException(what + " shape " + toString(shape) + ": dimension " + i
                        + " is " + d + (d == BATCH ? " (the batch may only be axis 0)" : " (must be >= 1)"));
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " shape " + toString(shape) + " holds more than 2^31 - 1"
                        + " elements per batch entry");
            }
        }
        return (int) size;
    }

    /** True when axis 0 of {@code shape} is {@link #BATCH}. */
    public static boolean isBatched(int[] shape) {
        return shape.length > 0 && shape[0] == BATCH;
    }

    /** {@code [?, 28, 28, 3]}: the shape as TensorFlow prints it. */
    public static String toString(int[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i] == BATCH ? "?" : Integer.toString(shape[i]));
        }
        return sb.append(']').toString();
    }

    /** Throws IndexOutOfBoundsException unless {@code [off, off + n)} lies inside {@code array}. */
    public static void checkRange(float[] array, int off, long n, String what) {
        if (off < 0 || n < 0 || off + n > array.length) {
            throw new IndexOutOfBoundsException(what + ": range [" + off + ", " + (off + n) + ") is outside an array of "
                    + array.length + " floats");
        }
    }

    /** Throws IndexOutOfBoundsException unless {@code [off, off + n)} lies inside {@code array}. */
    public static void checkRange(int[] array, int off, long n, String what) {
        if (off < 0 || n < 0 || off + n > array.length) {
            throw new IndexOutOfBoundsException(what + ": range [" + off + ", " + (off + n) + ") is outside an array of "
                    + array.length + " ints");
        }
    }

    /** Throws IllegalArgumentException unless {@code batch >= 0}. */
    public static void checkBatch(int batch) {
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0, not " + batch);
        }
    }

    /** A defensive copy, for plans that keep a caller's shape. */
    public static int[] copy(int[] shape) {
        return Arrays.copyOf(shape, shape.length);
    }
}
