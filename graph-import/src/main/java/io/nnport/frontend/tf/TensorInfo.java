package io.nnport.frontend.tf;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
/**
 * What is known about a value before running the graph: its dtype, its shape (possibly with an
 * unknown batch, see {@link Shape}) and, when it is a constant, its value ({@code null} otherwise).
 * Shape rules consume and produce these.
 */
public record TensorInfo(DType dtype, Shape shape, Tensor value) {
    public TensorInfo {
        if (dtype == null || shape == null) {
            throw new IllegalArgumentException("dtype and shape are required");
        }
    }

    public static TensorInfo of(DType dtype, Shape shape) {
        return new TensorInfo(dtype, shape, null);
    }

    public static TensorInfo of(Tensor constant) {
        return new TensorInfo(constant.dtype(), constant.shape(), constant);
    }

    public boolean hasValue() {
        return value != null;
    }
}
