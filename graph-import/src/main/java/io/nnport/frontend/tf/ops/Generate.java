package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that create a tensor from sizes and scalars.
 *
 * <ul>
 * <li><b>FILL</b> (Fill): inputs (dims 1-D int32/int64, value scalar); every element = value.</li>
 * <li><b>RANGE</b> (Range): inputs (start, limit, delta) scalars of one numeric dtype;
 *     {@code start + i*delta} for {@code i < ceil((limit - start) / delta)}. Rejected: delta 0,
 *     delta pointing away from limit.</li>
 * <li><b>ZEROS_LIKE, ONES_LIKE</b> (ZerosLike, OnesLike): x's dtype and shape, all 0 (1).</li>
 * </ul>
 *
 * <p>Rejected: a size over {@link Tensor#MAX_ELEMENTS} (checked before allocating).
 */
public record Generate(Kind kind) implements OpSemantics {

    public enum Kind { FILL, RANGE, ZEROS_LIKE, ONES_LIKE }

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        switch (kind) {
            case FILL -> {
                Rules.arity(node, inputs, 2);
                long[] dims = Rules.constLongs(inputs, 0);
                if (dims == null) {
                    Shape s = inputs.get(0).shape();
                    return Rules.one(inputs.get(1).dtype(),
                            s.hasRank() && s.rank() == 1 && s.dim(0) != Shape.UNKNOWN ? Shape.unknownDims(s.dim(0)) : Shape.unknownRank());
                }
                try {
                    Shape shape = Shape.ofLongs(dims);
                    Tensor.checkedSize(shape);
                    return Rules.one(inputs.get(1).dtype(), shape);
                } catch (IllegalArgumentException e) {
                    throw node.error("dims " + Arrays.toString(dims) + ": " + e.getMessage());
                }
            }
            case RANGE -> {
                Rules.arity(node, inputs, 3);
                DType dtype = inputs.get(0).dtype();
                for (TensorInfo input : inputs) {
                    Rules.requireNumeric(node, input.dtype());
                    if (input.dtype() != dtype) {
                        throw node.error("start, limit and delta must have one dtype");
                    }
                }
                if (!inputs.get(0).hasValue() || !inputs.get(1).hasValue() || !inputs.get(2).hasValue()) {
                    return Rules.one(dtype, Shape.unknownDims(1));
                }
                return Rules.one(dtype, Shape.of(rangeSize(node, inputs.get(0).value(), inputs.get(1).value(), inputs.get(2).value())));
            }
            default -> {
                Rules.arity(node, inputs, 1);
                return Rules.one(inputs.get(0).dtype(), inputs.get(0).shape());
            }
        }
    }

    private static int rangeSize(Node node, Tensor start, Tensor limit, Tensor delta) {
        double s = start.getDouble(0);
        double l = limit.getDouble(0);
        double d = delta.getDouble(0);
        if (d == 0 || (d > 0 && s > l) || (d < 0 && s < l)) {
            throw node.error("range from " + s + " to " + l + " by " + d + " is empty or endless");
        }
        double size = start.dtype().isInteger()
                ? Math.ceil(Math.abs((double) (limit.getLong(0) - start.getLong(0)) / delta.getLong(0)))
                : Math.ceil(Math.abs((l - s) / d));
        if (size > Tensor.MAX_ELEMENTS) {
            throw node.error("range of " + size + " elements exceeds Tensor.MAX_ELEMENTS");
        }
        return (int) size;
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        TensorInfo out = infer(node, Rules.infos(inputs)).get(0);
        Tensor.Builder y = Rules.builder(node, out.dtype(), out.shape());
        for (int i = 0; i < y.size(); i++) {
            switch (kind) {
                case FILL -> y.copy(i, inputs.get(1), 0);
                case RANGE -> {
                    if (out.dtype().isInteger()) {
                        y.setLong(i, inputs.get(0).getLong(0) + i * inputs.get(2).getLong(0));
                    } else {
                        y.setDouble(i, inputs.get(0).getFloat(0) + i * inputs.get(2).getFloat(0));
                    }
                }
                case ZEROS_LIKE -> y.setLong(i, 0);
                case ONES_LIKE -> y.setLong(i, 1);
            }
        }
        return Rules.one(y.build());
    }

    @Override
    public String toString() {
        return "generate " + kind;
    }
}
