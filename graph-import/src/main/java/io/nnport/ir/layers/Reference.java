package io.nnport.ir.layers;

import io.nnport.frontend.tf.Attr;
import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.frontend.tf.ops.Binary;
import io.nnport.frontend.tf.ops.Cast;
import io.nnport.frontend.tf.ops.Concat;
import io.nnport.frontend.tf.ops.Conv;
import io.nnport.frontend.tf.ops.Gather;
import io.nnport.frontend.tf.ops.MatMul;
import io.nnport.frontend.tf.ops.OpSemantics;
import io.nnport.frontend.tf.ops.Pool;
import io.nnport.frontend.tf.ops.Rearrange;
import io.nnport.frontend.tf.ops.Reduce;
import io.nnport.frontend.tf.ops.Resize;
import io.nnport.frontend.tf.ops.Softmax;
import io.nnport.frontend.tf.ops.Unary;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How layers reuse the op families: a layer states the TensorFlow op it is equivalent to (op
 * semantics, attributes, and its operands: runtime inputs and constants in TF order); its shape rule
 * is that op's {@code infer} and its reference evaluation is that op's {@code evaluate}. So a layer
 * and the TF op it came from cannot disagree, and no scalar loop is written twice.
 */
final class Reference {
    private Reference() {}

    // The op families layers delegate to; named here because Layer's records shadow their class names.
    static final OpSemantics CONV2D = new Conv(Conv.Kind.CONV2D);
    static final OpSemantics DEPTHWISE = new Conv(Conv.Kind.DEPTHWISE);
    static final OpSemantics CONV_TRANSPOSE = new Conv(Conv.Kind.TRANSPOSE);
    static final OpSemantics MATMUL = new MatMul(false);
    static final OpSemantics BATCH_MATMUL = new MatMul(true);
    static final OpSemantics ADD_N = new Binary.AddN();
    static final OpSemantics MAX_POOL = new Pool(Pool.Kind.MAX);
    static final OpSemantics AVG_POOL = new Pool(Pool.Kind.AVG);
    static final OpSemantics SOFTMAX = new Softmax(false);
    static final OpSemantics LOG_SOFTMAX = new Softmax(true);
    static final OpSemantics CONCAT = new Concat(Concat.Kind.CONCAT);
    static final OpSemantics SPLIT_V = new Concat(Concat.Kind.SPLIT_V);
    static final OpSemantics PAD = new Rearrange(Rearrange.Kind.PAD);
    static final OpSemantics TRANSPOSE = new Rearrange(Rearrange.Kind.TRANSPOSE);
    static final OpSemantics TILE = new Rearrange(Rearrange.Kind.TILE);
    static final OpSemantics GATHER = new Gather(true);
    static final OpSemantics ARG_MAX = new Reduce(Reduce.Kind.ARG_MAX);
    static final OpSemantics CAST = new Cast();
    static final OpSemantics RESIZE_BILINEAR = new Resize(true);
    static final OpSemantics RESIZE_NEAREST = new Resize(false);

    static OpSemantics reduce(Reduce.Kind kind) {
        return new Reduce(kind);
    }

    static OpSemantics unary(Unary.Fn fn) {
        return new Unary(fn);
    }

    static OpSemantics binary(Binary.Fn fn) {
        return new Binary(fn);
    }

    /** An operand of the equivalent TF op: runtime input {@code index}, or a constant. */
    record Operand(int index, Tensor constant) {
        static Operand input(int index) {
            return new Operand(index, null);
        }

        static Operand of(Tensor constant) {
            return new Operand(-1, constant);
        }
    }

    /** The equivalent TF op of a layer. */
    record TfOp(OpSemantics semantics, Node node, List<Operand> operands) {

        static TfOp of(OpSemantics semantics, String op, Map<String, Attr> attrs, Operand... operands) {
            return new TfOp(semantics, new Node(op, op, List.of(), List.of(), attrs), List.of(operands));
        }

        List<TensorType> infer(List<TensorType> inputs) {
            List<TensorInfo> infos = new ArrayList<>();
            for (Operand operand : operands) {
                if (operand.constant() != null) {
                    infos.add(TensorInfo.of(operand.constant()));
                } else {
                    TensorType type = inputs.get(operand.index());
                    infos.add(TensorInfo.of(type.dtype(), type.shape()));
                }
            }
            List<TensorType> out = new ArrayList<>();
            for (TensorInfo info : semantics.infer(node, infos)) {
                out.add(new TensorType(info.dtype(), info.shape()));
            }
            return out;
        }

        List<Tensor> evaluate(List<Tensor> inputs) {
            List<Tensor> tensors = new ArrayList<>();
            for (Operand operand : operands) {
                tensors.add(operand.constant() != null ? operand.constant() : inputs.get(operand.index()));
            }
            return semantics.evaluate(node, tensors);
        }
    }

    static Map<String, Attr> attrs(Object... keysAndValues) {
        Map<String, Attr> attrs = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            attrs.put((String) keysAndValues[i], (Attr) keysAndValues[i + 1]);
        }
        return attrs;
    }

    static Attr ints(long... values) {
        List<Attr> items = new ArrayList<>();
        for (long v : values) {
            items.add(new Attr.Int(v));
        }
        return new Attr.ListValue(items);
    }

    static Attr str(String value) {
        return new Attr.Str(value);
    }

    static Attr type(DType dtype) {
        return new Attr.Type(dtype.toString(), dtype);
    }

    static Tensor vector(int... values) {
        return Tensor.vectorInts(values);
    }

    static Tensor scalar(int value) {
        return Tensor.scalarInt(value);
    }

    /** {@code shape} with a 1 inserted at {@code axis}. */
    static Shape insertOne(Shape shape, int axis) {
        int[] dims = shape.dims();
        int[] out = new int[dims.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == axis ? 1 : dims[j++];
        }
        return Shape.of(out);
    }

    /** {@code shape} without dimension {@code axis}. */
    static Shape remove(Shape shape, int axis) {
        int[] dims = shape.dims();
        int[] out = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != axis) {
                out[j++] = dims[i];
            }
        }
        return Shape.of(out);
    }
}
