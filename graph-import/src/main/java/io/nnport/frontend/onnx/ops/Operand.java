package io.nnport.frontend.onnx.ops;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;

/**
 * What an ONNX value is during import: a constant known at conversion time (initializers,
 * {@code Constant} nodes and everything folded from them), or a runtime value of the layer graph.
 */
public sealed interface Operand permits Operand.Const, Operand.Runtime {

    /** The value's dtype. */
    DType dtype();

    /** The value's shape in ONNX's own axis order (dimension 0 may be -1, the batch). */
    Shape logicalShape();

    default int rank() {
        return logicalShape().rank();
    }

    /**
     * A constant.
     *
     * @param value     the tensor
     * @param batchMask null, or an int64 tensor of value's shape that is 1 where an element stands
     *                  for the dynamic batch size (a {@code Shape} of a batched value, and what is
     *                  gathered, sliced or concatenated from it); such an element holds 1 in
     *                  {@code value}, and only a {@code Reshape} may read it as the batch
     */
    record Const(Tensor value, Tensor batchMask) implements Operand {
        public Const(Tensor value) {
            this(value, null);
        }

        @Override
        public DType dtype() {
            return value.dtype();
        }

        @Override
        public Shape logicalShape() {
            return value.shape();
        }

        /** True when element {@code i} is the dynamic batch size. */
        public boolean isBatch(int i) {
            return batchMask != null && batchMask.getLong(i) != 0;
        }
    }

    /**
     * A runtime value of the layer graph.
     *
     * @param value         its name in the layer graph
     * @param type          its type as the layer graph holds it (channels last when {@code channelsLast})
     * @param channelsLast  held as {@code [N, spatial..., C]} while ONNX sees {@code [N, C, spatial...]}
     *                      ({@link Layout}); only for rank 3 and up
     * @param featureOrder  null, or for a {@code [N, F]} value flattened from a channels-last tensor:
     *                      element j holds ONNX feature {@code featureOrder[j]} (a following
     *                      Gemm/MatMul permutes its weight rows to match, instead of transposing)
     */
    record Runtime(String value, TensorType type, boolean channelsLast, int[] featureOrder) implements Operand {
        public Runtime(String value, TensorType type, boolean channelsLast) {
            this(value, type, channelsLast, null);
        }

        @Override
        public DType dtype() {
            return type.dtype();
        }

        @Override
        public Shape logicalShape() {
            return channelsLast ? Layout.fromChannelsLast(type.shape()) : type.shape();
        }

        public boolean batched() {
            return type.rank() > 0 && type.dim(0) == Shape.UNKNOWN;
        }
    }
}
