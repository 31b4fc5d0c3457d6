package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Argument checks and index arithmetic shared by the op families. */
final class Rules {
    private Rules() {}

    static void arity(Node node, List<?> inputs, int count) {
        if (inputs.size() != count) {
            throw node.error("expects " + count + " inputs, has " + inputs.size());
        }
    }

    static void minArity(Node node, List<?> inputs, int count) {
        if (inputs.size() < count) {
            throw node.error("expects at least " + count + " inputs, has " + inputs.size());
        }
    }

    /** A known rank, or an error naming what needs it. */
    static int rank(Node node, Shape shape, String what) {
        if (!shape.hasRank()) {
            throw node.error(what + " has unknown rank");
        }
        return shape.rank();
    }

    static void requireRank(Node node, Shape shape, int rank, String what) {
        if (shape.hasRank() && shape.rank() != rank) {
            throw node.error(what + " must have rank " + rank + ", has shape " + shape);
        }
    }

    /** {@code axis} in [-rank, rank) made non-negative. */
    static int axis(Node node, long axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw node.error("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    static void requireNumeric(Node node, DType dtype) {
        if (!dtype.isNumeric()) {
            throw node.error("does not accept " + dtype + " inputs");
        }
    }

    static void requireFloat(Node node, DType dtype) {
        if (dtype != DType.FLOAT32) {
            throw node.error("supports float32 only, not " + dtype);
        }
    }

    /** The value of constant input {@code i} as longs, or null when it is not known. */
    static long[] constLongs(List<TensorInfo> inputs, int i) {
        TensorInfo info = inputs.get(i);
        return info.hasValue() ? info.value().longs() : null;
    }

    static List<TensorInfo> one(DType dtype, Shape shape) {
        return List.of(TensorInfo.of(dtype, shape));
    }

    static List<Tensor> one(Tensor tensor) {
        return List.of(tensor);
    }

    /** What is known of concrete tensors, to run a shape rule on them. */
    static List<TensorInfo> infos(List<Tensor> tensors) {
        List<TensorInfo> infos = new ArrayList<>(tensors.size());
        for (Tensor tensor : tensors) {
            infos.add(TensorInfo.of(tensor));
        }
        return infos;
    }

    /** The single output shape a rule gives for concrete inputs. */
    static Shape outputShape(OpSemantics op, Node node, List<Tensor> inputs) {
        return op.infer(node, infos(inputs)).get(0).shape();
    }

    /** Row-major coordinates of flat index {@code index} in {@code dims}. */
    static int[] coordinates(int index, int[] dims) {
        int[] coords = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            if (dims[d] > 0) {
                coords[d] = index % dims[d];
                index /= dims[d];
            }
        }
        return coords;
    }

    /**
     * Numpy broadcasting of two shapes (right-aligned; 1 stretches). An unknown dimension against
     * 1 stays unknown; against a known size it takes that size.
     */
    static Shape broadcast(Node node, Shape a, Shape b) {
        if (!a.hasRank() || !b.hasRank()) {
            return Shape.unknownRank();
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
            int db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
            if (da == 1) {
                out[i] = db;
            } else if (db == 1) {
                out[i] = da;
            } else if (da == Shape.UNKNOWN) {
                out[i] = db;
            } else if (db == Shape.UNKNOWN || da == db) {
                out[i] = da;
            } else {
                throw node.error("shapes " + a + " and " + b + " do not broadcast");
            }
        }
        return Shape.of(out);
    }

    /**
     * For each element of {@code out}, the flat index of the element of a tensor of shape {@code in}
     * that broadcasts to it.
     */
    static int[] broadcastIndex(Shape in, Shape out) {
        int rank = out.rank();
        int offset = rank - in.rank();
        int[] inStrides = in.strides();
        int[] stride = new int[rank];
        for (int i = 0; i < in.rank(); i++) {
            stride[i + offset] = in.dim(i) == 1 ? 0 : inStrides[i];
        }
        int size = Tensor.checkedSize(out);
        int[] index = new int[size];
        int[] dims = out.dims();
        int[] coords = new int[rank];
        int flat = 0;
        for (int i = 0; i < size; i++) {
            index[i] = flat;
            for (int d = rank - 1; d >= 0; d--) {
                coords[d]++;
                flat += stride[d];
                if (coords[d] < dims[d]) {
                    break;
                }
                flat -= stride[d] * dims[d];
                coords[d] = 0;
            }
        }
        return index;
    }

    /** Checked element count for an output, turned into an error at the node if too large. */
    static Tensor.Builder builder(Node node, DType dtype, Shape shape) {
        try {
            return Tensor.builder(dtype, shape);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }
}
