package io.nnport.ir;

/** The dtype and shape of a value, what layer shape rules take and give (dimension 0 may be -1, the batch). */
public record TensorType(DType dtype, Shape shape) {
    public TensorType {
        if (dtype == null || shape == null) {
            throw new IllegalArgumentException("dtype and shape are required");
        }
    }

    /** The type of a concrete tensor. */
    public static TensorType of(Tensor tensor) {
        return new TensorType(tensor.dtype(), tensor.shape());
    }

    public int rank() {
        return shape.rank();
    }

    public int dim(int axis) {
        return shape.dim(axis);
    }

    @Override
    public String toString() {
        return dtype + "" + shape;
    }
}
