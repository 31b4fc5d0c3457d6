package io.nnport.ir.eval;

import io.nnport.ir.DType;

/**
 * The scalar elementwise functions of one operand, in double: the reference both for unary layers
 * and activations ({@link io.nnport.ir.layers.Activation}) and for front-end constant folding.
 *
 * <pre>
 *   RELU        max(x, 0)                          numeric (integers too)
 *   RELU6       min(max(x, 0), 6)                  numeric
 *   LEAKY_RELU  x &gt; 0 ? x : alpha x                float32
 *   ELU         x &gt; 0 ? x : exp(x) - 1             float32
 *   SELU        1.0507 (x &gt; 0 ? x : 1.6733 (exp(x) - 1))
 *   SIGMOID     1 / (1 + exp(-x))                  TANH tanh(x)
 *   SOFTPLUS    log(1 + exp(x))                    SOFTSIGN x / (1 + |x|)
 *   RSQRT, SQRT 1/sqrt(x), sqrt(x)                 EXP, LOG, FLOOR, CEIL as named
 *   SQUARE, NEG, ABS  x*x, -x, |x|                 numeric (integers wrap)
 *   LOGICAL_NOT !x                                 bool only
 * </pre>
 *
 * <p>Float functions are evaluated in double and rounded once to float32 by the caller, so they are
 * at least as accurate as the frameworks' (whose exp/tanh/sigmoid use approximations within a few ulp).
 */
public enum UnaryFn {
    RELU(true, true), RELU6(true, true), LEAKY_RELU(false, true), ELU(false, true), SELU(false, true),
    SIGMOID(false, false), TANH(false, true), SOFTPLUS(false, false), SOFTSIGN(false, true),
    RSQRT(false, false), SQRT(false, true), SQUARE(true, true), EXP(false, false), LOG(false, false),
    NEG(true, true), ABS(true, true), FLOOR(false, true), CEIL(false, true), LOGICAL_NOT(false, false);

    private static final double SELU_SCALE = 1.0507009873554804934193349852946;
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    private final boolean acceptsIntegers;
    private final boolean preservesZero;

    UnaryFn(boolean acceptsIntegers, boolean preservesZero) {
        this.acceptsIntegers = acceptsIntegers;
        this.preservesZero = preservesZero;
    }

    /** f(0) == 0: zero padding may be applied before or after. */
    public boolean preservesZero() {
        return preservesZero;
    }

    /** The input dtypes it is defined on: bool for LOGICAL_NOT, float32, and integers where the table says so. */
    public boolean accepts(DType dtype) {
        return this == LOGICAL_NOT ? dtype == DType.BOOL : dtype == DType.FLOAT32 || (acceptsIntegers && dtype.isInteger());
    }

    /** Float semantics; {@code alpha} is LEAKY_RELU's slope. */
    public double apply(double x, double alpha) {
        return switch (this) {
            case RELU -> x > 0 ? x : 0;
            case RELU6 -> Math.min(Math.max(x, 0), 6);
            case LEAKY_RELU -> x > 0 ? x : alpha * x;
            case ELU -> x > 0 ? x : Math.expm1(x);
            case SELU -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x));
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
            case SOFTPLUS -> x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
            case SOFTSIGN -> x / (1 + Math.abs(x));
            case RSQRT -> 1 / Math.sqrt(x);
            case SQRT -> Math.sqrt(x);
            case SQUARE -> x * x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case LOGICAL_NOT -> x == 0 ? 1 : 0;
        };
    }

    /** Integer semantics, for the functions that accept integers. */
    public long applyLong(long x) {
        return switch (this) {
            case RELU -> Math.max(x, 0);
            case RELU6 -> Math.min(Math.max(x, 0), 6);
            case SQUARE -> x * x;
            case NEG -> -x;
            case ABS -> Math.abs(x);
            default -> throw new IllegalStateException(name() + " has no integer form");
        };
    }
}
