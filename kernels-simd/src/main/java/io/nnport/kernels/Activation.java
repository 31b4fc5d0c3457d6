package io.nnport.kernels;

/**
 * Elementwise unary functions shared by the elementwise kernels and the GEMM/conv epilogue.
 *
 * <p>Each constant carries its scalar reference semantics ({@link #apply(float, float)}), which is
 * what the scalar twins run and what the vector versions in
 * {@code io.nnport.kernels.vector.VectorMath} are tested against. Formulas follow TensorFlow/Keras:
 *
 * <pre>
 *   NONE          x
 *   RELU          max(x, 0)
 *   RELU6         min(max(x, 0), 6)
 *   LEAKY_RELU    x &gt; 0 ? x : alpha * x                      (alpha: TF LeakyRelu attr, default 0.2)
 *   ELU           x &gt; 0 ? x : exp(x) - 1
 *   SELU          SELU_SCALE * (x &gt; 0 ? x : SELU_ALPHA * (exp(x) - 1))
 *   SIGMOID       1 / (1 + exp(-x))
 *   TANH          tanh(x)
 *   SOFTPLUS      log(1 + exp(x)), computed as max(x, 0) + log1p(exp(-|x|)) to avoid overflow
 *   SOFTSIGN      x / (1 + |x|)
 *   HARD_SIGMOID  clamp(0.2 * x + 0.5, 0, 1)                   (Keras 2 definition)
 *   SWISH         x * sigmoid(x)                               (also called SiLU)
 *   GELU_TANH     0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
 *   GELU_ERF      0.5 x (1 + erf(x / sqrt(2)))
 *   EXP           exp(x)
 *   NEG, ABS, SQRT, RSQRT (1/sqrt(x)), SQUARE (x*x)
 *   LOG           log(x): -inf at +-0, NaN below 0
 *   FLOOR, CEIL   floor(x), ceil(x) (Math.floor/ceil: -0.5 ceils to -0)
 * </pre>
 *
 * <p>NaN propagates through every function; the sign of a zero result is not significant.
 *
 * <p>{@link #preservesZero()} and {@link #isExact()} are traits that planners and tests ask instead
 * of listing constants.
 */
public enum Activation {
    NONE(true, true),
    RELU(true, true),
    RELU6(true, true),
    LEAKY_RELU(true, false),
    ELU(true, false),
    SELU(true, false),
    SIGMOID(false, false),
    TANH(true, false),
    SOFTPLUS(false, false),
    SOFTSIGN(true, false),
    HARD_SIGMOID(false, false),
    SWISH(true, false),
    GELU_TANH(true, false),
    GELU_ERF(true, false),
    EXP(false, false),
    NEG(true, true),
    ABS(true, true),
    SQRT(true, false),
    RSQRT(false, false),
    SQUARE(true, false),
    LOG(false, false),
    FLOOR(true, true),
    CEIL(true, true);

    /** SELU's fixed scale (Klambauer et al. 2017), as in TensorFlow. */
    public static final float SELU_SCALE = 1.0507009873554805f;
    /** SELU's fixed alpha, as in TensorFlow. */
    public static final float SELU_ALPHA = 1.6732632423543772f;
    /** sqrt(2 / pi), the GELU tanh-approximation constant. */
    public static final float GELU_TANH_C = 0.7978845608028654f;

    private final boolean preservesZero;
    private final boolean exact;

    Activation(boolean preservesZero, boolean exact) {
        this.preservesZero = preservesZero;
        this.exact = exact;
    }

    /** f(0) == 0: zero padding may be applied before or after this function. */
    public boolean preservesZero() {
        return preservesZero;
    }

    /** Exact in float32 (no rounding beyond the input's): vector and scalar agree bit for bit. */
    public boolean isExact() {
        return exact;
    }

    /** The scalar reference: this function applied to {@code x}; {@code alpha} is used by LEAKY_RELU. */
    public float apply(float x, float alpha) {
        return switch (this) {
            case NONE -> x;
            case RELU -> x < 0f ? 0f : x;
            case RELU6 -> x < 0f ? 0f : (x > 6f ? 6f : x);
            case LEAKY_RELU -> x > 0f ? x : alpha * x;
            case ELU -> x > 0f ? x : (float) Math.expm1(x);
            case SELU -> SELU_SCALE * (x > 0f ? x : SELU_ALPHA * (float) Math.expm1(x));
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
            case TANH -> (float) Math.tanh(x);
            case SOFTPLUS -> (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs((double) x))));
            case SOFTSIGN -> x / (1f + Math.abs(x));
            case HARD_SIGMOID -> Math.min(Math.max(0.2f * x + 0.5f, 0f), 1f);
            case SWISH -> (float) (x / (1.0 + Math.exp(-x)));
            case GELU_TANH -> (float) (0.5 * x * (1.0 + Math.tanh(GELU_TANH_C * (x + 0.044715 * x * x * x))));
            case GELU_ERF -> (float) (0.5 * x * (1.0 + Erf.erf(x * 0.7071067811865476)));
            case EXP -> (float) Math.exp(x);
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQRT -> (float) Math.sqrt(x);
            case RSQRT -> (float) (1.0 / Math.sqrt(x));
            case SQUARE -> x * x;
            case LOG -> (float) Math.log(x);
            case FLOOR -> (float) Math.floor(x);
            case CEIL -> (float) Math.ceil(x);
        };
    }
}
