package io.nnport.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * A model input or output as the caller sees it.
 *
 * @param name   the TensorFlow tensor name (e.g. {@code dense_2/Softmax:0} without the index)
 * @param dtype  element type of the Java array passed or returned
 * @param shape  dimensions; {@link #BATCH} in dimension 0 means the batch size is chosen per call
 */
public record TensorSpec(String name, NpyArray.DType dtype, int[] shape) {

    /** Marks a dynamic batch dimension. */
    public static final int BATCH = -1;

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 && !(i == 0 && shape[i] == BATCH)) {
                throw new IllegalArgumentException(name + ": only dimension 0 may be the batch, got "
                        + Arrays.toString(shape));
            }
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** True when dimension 0 is the per-call batch size. */
    public boolean batched() {
        return shape.length > 0 && shape[0] == BATCH;
    }

    /** Elements per batch sample (all elements when not batched). */
    public int perSample() {
        int n = 1;
        for (int i = batched() ? 1 : 0; i < shape.length; i++) {
            n = Math.multiplyExact(n, shape[i]);
        }
        return n;
    }

    /** Elements for a call with {@code batch} samples. */
    public int elements(int batch) {
        return batched() ? Arguments.arrayLength(name, perSample(), batch, 0) : perSample();
    }

    /** The concrete shape for a call with {@code batch} samples. */
    public int[] shape(int batch) {
        int[] s = shape.clone();
        if (batched()) {
            s[0] = batch;
        }
        return s;
    }

    /** {@code [B,1014,70]}-style text. */
    public String shapeText() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? "," : "").append(shape[i] == BATCH ? "B" : Integer.toString(shape[i]));
        }
        return b.append(']').toString();
    }

    /** {@code name [B,3] float32}: a record would print the shape array's identity. */
    @Override
    public String toString() {
        return name + " " + shapeText() + " " + dtype.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A new zeroed Java array of this spec's dtype for {@code batch} samples. */
    public Object newArray(int batch) {
        int n = elements(batch);
        return switch (dtype) {
            case FLOAT32 -> new float[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
            case BOOL -> new boolean[n];
        };
    }
}
