package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.TensorType;

/**
 * A tensor flowing between layers: a graph input or a layer output.
 *
 * <p><b>Names.</b> A value is named after the source model's tensor it holds, as the front end
 * writes it (TensorFlow: {@code "node"} for output 0 and {@code "node:k"} for output k &gt; 0, e.g.
 * {@code "sequential/dense/Relu"}, {@code "split:1"}). A fused layer's output is named after the
 * last source node of its pattern (a Conv2D+BiasAdd+Relu layer outputs {@code ".../Relu"}).
 * Names are raw model data: the converter sanitizes them into Java identifiers.
 *
 * <p><b>Batch.</b> Dimension 0 is {@link Shape#UNKNOWN} (-1) exactly when the value carries the
 * dynamic batch; every other dimension is known. A value without the batch (a static batch, or a
 * batch-independent value such as {@code strided_slice(softmax)[0]} of shape {@code [5]}) has a
 * fully known shape: its size does not grow with the batch.
 */
public record Value(String name, DType dtype, Shape shape) {

    public Value {
        if (name == null || name.isEmpty() || dtype == null || shape == null) {
            throw new IllegalArgumentException("a value needs a name, dtype and shape");
        }
    }

    /** True when dimension 0 is the dynamic batch. */
    public boolean batched() {
        return shape.hasRank() && shape.rank() > 0 && shape.dim(0) == Shape.UNKNOWN;
    }

    /**
     * Elements per batch sample for a batched value; the total element count otherwise.
     *
     * @throws ArithmeticException when the count overflows a long
     */
    public long elementsPerSample() {
        long n = 1;
        int[] dims = shape.dims();
        for (int d = batched() ? 1 : 0; d < dims.length; d++) {
            n = Math.multiplyExact(n, dims[d]);
        }
        return n;
    }

    public TensorType type() {
        return new TensorType(dtype, shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + shape;
    }
}
