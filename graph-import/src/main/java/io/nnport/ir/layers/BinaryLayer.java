package io.nnport.ir.layers;

import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.BinaryFn;
import io.nnport.ir.eval.Elementwise;
import java.util.List;
import java.util.Map;

/**
 * <b>Binary</b>: {@code z = op(a, b)} elementwise with NumPy broadcasting (shapes right-aligned,
 * a 1 stretches). Both operands are runtime inputs, or one is the constant {@code constant}
 * ({@code constantFirst}: it is {@code a}); a runtime operand's batch dimension stays dimension 0.
 *
 * <p>A {@code [C]} constant broadcasts on the last axis (a bias, NHWC). Evaluation:
 * {@link Elementwise#binary} with the op's {@link BinaryFn}. Numeric dtypes (int32 wraps).
 * EQUAL also compares bool operands; its result is bool. Rejected: shapes that do not broadcast,
 * mixed dtypes, DIV of integers.
 */
public record BinaryLayer(Op op, Tensor constant, boolean constantFirst) implements Layer {
    /** The elementwise operations, each the core function it evaluates with. */
    public enum Op {
        ADD(BinaryFn.ADD, true, false),
        SUB(BinaryFn.SUB, false, false),
        MUL(BinaryFn.MUL, true, false),
        DIV(BinaryFn.REAL_DIV, false, false),
        MAXIMUM(BinaryFn.MAXIMUM, true, true),
        MINIMUM(BinaryFn.MINIMUM, true, true),
        SQUARED_DIFFERENCE(BinaryFn.SQUARED_DIFFERENCE, true, false),
        /** Numeric or bool operands, a bool result. */
        EQUAL(BinaryFn.EQUAL, true, true);

        private final BinaryFn function;
        private final boolean commutative;
        private final boolean exact;

        Op(BinaryFn function, boolean commutative, boolean exact) {
            this.function = function;
            this.commutative = commutative;
            this.exact = exact;
        }

        public BinaryFn function() {
            return function;
        }

        /** f(a, b) == f(b, a): the operands may be swapped (a constant moved second). */
        public boolean commutative() {
            return commutative;
        }

        /** The result is one of the operands (max, min): no rounding. */
        public boolean exact() {
            return exact;
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /** Both operands at run time. */
    public static BinaryLayer of(Op op) {
        return new BinaryLayer(op, null, false);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, constant == null ? 2 : 1, "Binary");
        List<TensorType> operands = constant == null ? inputs
                : constantFirst ? List.of(TensorType.of(constant), inputs.get(0)) : List.of(inputs.get(0), TensorType.of(constant));
        return LayerRules.one(Elementwise.binaryType(op.function(), operands.get(0), operands.get(1)));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        List<Tensor> operands = constant == null ? inputs
                : constantFirst ? List.of(constant, inputs.get(0)) : List.of(inputs.get(0), constant);
        return List.of(Elementwise.binary(op.function(), operands.get(0), operands.get(1)));
    }

    @Override
    public String describe() {
        String operand = constant == null ? "" : " const" + constant.shape() + (constantFirst ? " first" : "");
        return "Binary " + op.name().toLowerCase(java.util.Locale.ROOT) + operand;
    }

    @Override
    public Traits traits() {
        boolean zero = switch (op) {
            case MUL -> true;
            case ADD, SUB, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE -> constant != null && isAllZero(constant);
            case DIV, EQUAL -> false;
        };
        return new Traits(true, constant == null ? Traits.InPlace.ANY_SAME_SHAPE : Traits.InPlace.FIRST, false,
                zero, op.exact());
    }

    private static boolean isAllZero(Tensor t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.getDouble(i) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Map<String, Tensor> constants() {
        return LayerRules.named("constant", constant);
    }
}
