package io.nnport.ir.layers;

import io.nnport.ir.eval.UnaryFn;

/**
 * The elementwise functions a layer may apply, alone ({@link UnaryLayer}) or as the last step of
 * a fused epilogue ({@link Epilogue}). The names mirror the kernels' {@code io.nnport.kernels.Activation}
 * one for one (the converter maps them by name).
 *
 * <pre>
 *   NONE          x
 *   RELU          max(x, 0)                 RELU6   min(max(x, 0), 6)
 *   LEAKY_RELU    x &gt; 0 ? x : alpha x
 *   ELU           x &gt; 0 ? x : exp(x) - 1    SELU    1.0507 (x &gt; 0 ? x : 1.6733 (exp(x) - 1))
 *   SIGMOID       1 / (1 + exp(-x))         TANH    tanh(x)
 *   SOFTPLUS      log(1 + exp(x))           SOFTSIGN x / (1 + |x|)
 *   HARD_SIGMOID  clamp(0.2 x + 0.5, 0, 1)  SWISH   x sigmoid(x)
 *   GELU_TANH     0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
 *   GELU_ERF      0.5 x (1 + erf(x / sqrt(2)))
 *   ERF           erf(x) (ONNX's Erf; the kernels have it only inside GELU_ERF)
 *   EXP, LOG, NEG, ABS, SQRT, RSQRT (1/sqrt x), SQUARE (x*x), FLOOR, CEIL
 * </pre>
 *
 * <p>Traits (asked by fusion, the buffer planner and test tolerances instead of lists of names):
 * {@link #preservesZero()} f(0) == 0; {@link #isExact()} the result is the input or a value chosen
 * from it without rounding (so every implementation agrees bit for bit).
 */
public enum Activation {
    NONE(true, true, null),
    RELU(true, true, UnaryFn.RELU),
    RELU6(true, true, UnaryFn.RELU6),
    LEAKY_RELU(true, false, UnaryFn.LEAKY_RELU),
    ELU(true, false, UnaryFn.ELU),
    SELU(true, false, UnaryFn.SELU),
    SIGMOID(false, false, UnaryFn.SIGMOID),
    TANH(true, false, UnaryFn.TANH),
    SOFTPLUS(false, false, UnaryFn.SOFTPLUS),
    SOFTSIGN(true, false, UnaryFn.SOFTSIGN),
    HARD_SIGMOID(false, false, null),
    SWISH(true, false, null),
    GELU_TANH(true, false, null),
    GELU_ERF(true, false, null),
    ERF(true, false, null),
    EXP(false, false, UnaryFn.EXP),
    LOG(false, false, UnaryFn.LOG),
    NEG(true, true, UnaryFn.NEG),
    ABS(true, true, UnaryFn.ABS),
    SQRT(true, false, UnaryFn.SQRT),
    RSQRT(false, false, UnaryFn.RSQRT),
    SQUARE(true, false, UnaryFn.SQUARE),
    FLOOR(true, true, UnaryFn.FLOOR),
    CEIL(true, true, UnaryFn.CEIL);

    private static final double GELU_TANH_C = 0.7978845608028654;

    private final boolean preservesZero;
    private final boolean exact;
    /** The core scalar function this one evaluates with; null for NONE and the Keras-only ones, computed here. */
    private final UnaryFn function;

    Activation(boolean preservesZero, boolean exact, UnaryFn function) {
        this.preservesZero = preservesZero;
        this.exact = exact;
        this.function = function;
    }

    /** f(0) == 0: zero padding may be applied before or after this function. */
    public boolean preservesZero() {
        return preservesZero;
    }

    /** No rounding: the result is the input, a clamp of it or its sign flipped. */
    public boolean isExact() {
        return exact;
    }

    /** The core scalar function behind this activation, or null (NONE and the Keras-only ones). */
    public UnaryFn function() {
        return function;
    }

    /**
     * The scalar reference, evaluated in double and rounded once to float32;
     * {@code alpha} is LEAKY_RELU's slope.
     */
    public float apply(float x, float alpha) {
        if (function != null) {
            return (float) function.apply(x, alpha);
        }
        return switch (this) {
            case NONE -> x;
            case HARD_SIGMOID -> (float) Math.min(Math.max(0.2 * x + 0.5, 0), 1);
            case SWISH -> (float) (x / (1 + Math.exp(-x)));
            case GELU_TANH -> (float) (0.5 * x * (1 + Math.tanh(GELU_TANH_C * (x + 0.044715 * x * x * x))));
            case GELU_ERF -> (float) (0.5 * x * (1 + erf(x / Math.sqrt(2))));
            case ERF -> (float) erf(x);
            default -> throw new IllegalStateException(name() + " has a reference function");
        };
    }

    /**
     * erf to double precision: its Taylor series below 2.5 and the continued fraction of erfc above
     * (Java has no erf; the GELU reference must be far more accurate than float32).
     */
    private static double erf(double x) {
        double ax = Math.abs(x);
        double result;
        if (ax < 2.5) {
            double term = ax;
            double sum = ax;
            double x2 = ax * ax;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= -x2 / n;
                sum += term / (2 * n + 1);
            }
            result = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double fraction = 0;
            for (int n = 60; n >= 1; n--) {
                fraction = n / 2.0 / (ax + fraction);
            }
            result = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + fraction);
        }
        return x < 0 ? -result : result;
    }

    /** Lower-case name for layer descriptions, e.g. {@code relu}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
