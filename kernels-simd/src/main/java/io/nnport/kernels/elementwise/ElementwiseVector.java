package io.nnport.kernels.elementwise;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;

import io.nnport.kernels.Activation;
import io.nnport.kernels.vector.VectorMath;
import jdk.incubator.vector.FloatVector;

/**
 * The vector twin of {@link ElementwiseScalar}: whole vectors through {@link VectorMath}, the tail
 * (fewer than {@code LANES} floats) through the scalar reference. Only loaded when
 * {@code Simd.VECTOR}.
 *
 * <p>One loop method per activation, not one loop around {@code VectorMath.apply}'s switch: C2 only
 * keeps a FloatVector in registers when every method it passes through is inlined, and it inlines
 * the branches of a shared switch according to whichever activations ran first (the rest are "too
 * big" cold calls that box every vector). A loop of its own makes each function hot where it is used.
 */
final class ElementwiseVector {

    private ElementwiseVector() {}

    static void apply(Activation activation, float alpha, float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int upper = F.loopBound(n);
        switch (activation) {
            case NONE -> System.arraycopy(src, srcOff, dst, dstOff, upper);
            case RELU -> relu(src, srcOff, dst, dstOff, upper);
            case RELU6 -> relu6(src, srcOff, dst, dstOff, upper);
            case LEAKY_RELU -> leakyRelu(alpha, src, srcOff, dst, dstOff, upper);
            case ELU -> elu(src, srcOff, dst, dstOff, upper);
            case SELU -> selu(src, srcOff, dst, dstOff, upper);
            case SIGMOID -> sigmoid(src, srcOff, dst, dstOff, upper);
            case TANH -> tanh(src, srcOff, dst, dstOff, upper);
            case SOFTPLUS -> softplus(src, srcOff, dst, dstOff, upper);
            case SOFTSIGN -> softsign(src, srcOff, dst, dstOff, upper);
            case HARD_SIGMOID -> hardSigmoid(src, srcOff, dst, dstOff, upper);
            case SWISH -> swish(src, srcOff, dst, dstOff, upper);
            case GELU_TANH -> geluTanh(src, srcOff, dst, dstOff, upper);
            case GELU_ERF -> geluErf(src, srcOff, dst, dstOff, upper);
            case EXP -> exp(src, srcOff, dst, dstOff, upper);
            case NEG -> neg(src, srcOff, dst, dstOff, upper);
            case ABS -> abs(src, srcOff, dst, dstOff, upper);
            case SQRT -> sqrt(src, srcOff, dst, dstOff, upper);
            case RSQRT -> rsqrt(src, srcOff, dst, dstOff, upper);
            case SQUARE -> square(src, srcOff, dst, dstOff, upper);
            case LOG -> log(src, srcOff, dst, dstOff, upper);
            case FLOOR -> floor(src, srcOff, dst, dstOff, upper);
            case CEIL -> ceil(src, srcOff, dst, dstOff, upper);
        }
        for (int i = upper; i < n; i++) {
            dst[dstOff + i] = activation.apply(src[srcOff + i], alpha);
        }
    }

    static void clamp(float min, float max, float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int upper = F.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            VectorMath.clamp(FloatVector.fromArray(F, src, srcOff + i), min, max).intoArray(dst, dstOff + i);
        }
        for (int i = upper; i < n; i++) {
            dst[dstOff + i] = ElementwiseScalar.clamp(src[srcOff + i], min, max);
        }
    }

    private static void relu(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.relu(x).intoArray(dst, dstOff + i);
        }
    }

    private static void relu6(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.relu6(x).intoArray(dst, dstOff + i);
        }
    }

    private static void leakyRelu(float alpha, float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.leakyRelu(x, alpha).intoArray(dst, dstOff + i);
        }
    }

    private static void elu(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.elu(x).intoArray(dst, dstOff + i);
        }
    }

    private static void selu(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.selu(x).intoArray(dst, dstOff + i);
        }
    }

    private static void sigmoid(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.sigmoid(x).intoArray(dst, dstOff + i);
        }
    }

    private static void tanh(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.tanh(x).intoArray(dst, dstOff + i);
        }
    }

    private static void softplus(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.softplus(x).intoArray(dst, dstOff + i);
        }
    }

    private static void softsign(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.softsign(x).intoArray(dst, dstOff + i);
        }
    }

    private static void hardSigmoid(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.hardSigmoid(x).intoArray(dst, dstOff + i);
        }
    }

    private static void swish(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.swish(x).intoArray(dst, dstOff + i);
        }
    }

    private static void geluTanh(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.geluTanh(x).intoArray(dst, dstOff + i);
        }
    }

    private static void geluErf(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.geluErf(x).intoArray(dst, dstOff + i);
        }
    }

    private static void exp(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.exp(x).intoArray(dst, dstOff + i);
        }
    }

    private static void neg(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            x.neg().intoArray(dst, dstOff + i);
        }
    }

    private static void abs(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            x.abs().intoArray(dst, dstOff + i);
        }
    }

    private static void sqrt(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            x.sqrt().intoArray(dst, dstOff + i);
        }
    }

    private static void rsqrt(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.rsqrt(x).intoArray(dst, dstOff + i);
        }
    }

    private static void square(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            x.mul(x).intoArray(dst, dstOff + i);
        }
    }

    private static void log(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.log(x).intoArray(dst, dstOff + i);
        }
    }

    private static void floor(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.floor(x).intoArray(dst, dstOff + i);
        }
    }

    private static void ceil(float[] src, int srcOff, float[] dst, int dstOff, int upper) {
        for (int i = 0; i < upper; i += LANES) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            VectorMath.ceil(x).intoArray(dst, dstOff + i);
        }
    }
}
