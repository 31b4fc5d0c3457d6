package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Axes;
import io.nnport.ir.eval.Elementwise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

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
        return at(node, () -> Axes.normalize(axis, rank));
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

    /** NumPy broadcasting of two shapes ({@link Elementwise#broadcast}), an error at the node when they do not. */
    static Shape broadcast(Node node, Shape a, Shape b) {
        return at(node, () -> Elementwise.broadcast(a, b));
    }

    /**
     * Runs core math or a core shape rule for this node: what it rejects (an
     * {@link IllegalArgumentException}) becomes an error located at the node.
     */
    static <T> T at(Node node, Supplier<T> math) {
        try {
            return math.get();
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    /** The core type of what is known of an input. */
    static TensorType type(TensorInfo info) {
        return new TensorType(info.dtype(), info.shape());
    }

    static List<TensorInfo> one(TensorType type) {
        return one(type.dtype(), type.shape());
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
