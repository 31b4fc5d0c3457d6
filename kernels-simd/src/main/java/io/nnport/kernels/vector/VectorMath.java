package io.nnport.kernels.vector;

import static jdk.incubator.vector.VectorOperators.ABS;
import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.EXPM1;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LOG1P;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NEG;
import static jdk.incubator.vector.VectorOperators.SQRT;
import static jdk.incubator.vector.VectorOperators.TANH;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Erf;
import jdk.incubator.vector.FloatVector;

/**
 * The vector form of every {@link Activation}, lane by lane, on {@link Species#F}. Used by the
 * elementwise kernels and by the GEMM/convolution epilogue while the tile is in registers.
 * Each case must agree with {@link Activation#apply(float, float)}: bit for bit where the
 * activation {@link Activation#isExact() is exact}, within a few ulps otherwise.
 */
public final class VectorMath {

    private VectorMath() {}

    /** {@code activation} applied to every lane of {@code x}. */
    public static FloatVector apply(Activation activation, FloatVector x, float alpha) {
        return switch (activation) {
            case NONE -> x;
            case RELU -> x.blend(0f, x.compare(LT, 0f));
            case RELU6 -> x.blend(0f, x.compare(LT, 0f)).blend(6f, x.compare(GT, 6f));
            case LEAKY_RELU -> x.blend(x.mul(alpha), x.compare(GT, 0f).not());
            case ELU -> x.blend(x.lanewise(EXPM1), x.compare(GT, 0f).not());
            case SELU -> x.blend(x.lanewise(EXPM1).mul(Activation.SELU_ALPHA), x.compare(GT, 0f).not())
                    .mul(Activation.SELU_SCALE);
            case SIGMOID -> sigmoid(x);
            case TANH -> x.lanewise(TANH);
            case SOFTPLUS -> x.max(0f).add(x.lanewise(ABS).neg().lanewise(EXP).lanewise(LOG1P));
            case SOFTSIGN -> x.div(x.lanewise(ABS).add(1f));
            case HARD_SIGMOID -> x.fma(0.2f, 0.5f).max(0f).min(1f);
            case SWISH -> x.mul(sigmoid(x));
            case GELU_TANH -> {
                FloatVector inner = x.mul(x).mul(x).mul(0.044715f).add(x).mul(Activation.GELU_TANH_C);
                yield x.mul(0.5f).mul(inner.lanewise(TANH).add(1f));
            }
            case GELU_ERF -> x.mul(0.5f).mul(erf(x.mul(0.70710678f)).add(1f));
            case EXP -> x.lanewise(EXP);
            case NEG -> x.lanewise(NEG);
            case ABS -> x.lanewise(ABS);
            case SQRT -> x.lanewise(SQRT);
            case RSQRT -> {
                FloatVector root = x.lanewise(SQRT);
                yield root.broadcast(1f).div(root);
            }
            case SQUARE -> x.mul(x);
        };
    }

    /** 1 / (1 + exp(-x)). */
    public static FloatVector sigmoid(FloatVector x) {
        FloatVector denominator = x.neg().lanewise(EXP).add(1f);
        return denominator.broadcast(1f).div(denominator);
    }

    /** {@link Erf#erf(double)}'s rational form in float lanes. */
    public static FloatVector erf(FloatVector x) {
        FloatVector ax = x.lanewise(ABS);
        FloatVector denominator = ax.mul((float) Erf.P).add(1f);
        FloatVector t = denominator.broadcast(1f).div(denominator);
        FloatVector poly = t.fma((float) Erf.A5, (float) Erf.A4)
                .fma(t, t.broadcast((float) Erf.A3))
                .fma(t, t.broadcast((float) Erf.A2))
                .fma(t, t.broadcast((float) Erf.A1))
                .mul(t);
        FloatVector y = poly.mul(ax.mul(ax).neg().lanewise(EXP)).neg().add(1f);
        return y.blend(y.neg(), x.compare(LT, 0f));
    }
}
