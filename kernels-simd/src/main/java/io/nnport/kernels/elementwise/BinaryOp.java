package io.nnport.kernels.elementwise;

/**
 * The binary elementwise operations of {@link Binary}, with their scalar reference semantics
 * ({@link #apply}). TensorFlow ops: AddV2/Add, Sub, Mul, RealDiv/Div (float), Maximum, Minimum,
 * SquaredDifference.
 *
 * <p>MAX and MIN follow {@link Math#max(float, float)}: NaN if either operand is NaN, and -0 &lt; +0.
 * (TensorFlow's CPU kernel returns the first operand when only the second is NaN; a NaN in a model is a
 * bug either way, and the symmetric rule keeps vector and scalar identical.)
 */
public enum BinaryOp {
    /** a + b */
    ADD,
    /** a - b */
    SUB,
    /** a * b */
    MUL,
    /** a / b */
    DIV,
    /** max(a, b) */
    MAX,
    /** min(a, b) */
    MIN,
    /** (a - b) * (a - b) */
    SQUARED_DIFFERENCE;

    /** The scalar reference of this operation. */
    public float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case SQUARED_DIFFERENCE -> {
                float d = a - b;
                yield d * d;
            }
        };
    }
}
