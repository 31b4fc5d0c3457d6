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
 * <h2>Why one loop object per activation</h2>
 * C2 keeps a FloatVector in a register only while every method it flows through is inlined into the
 * method being compiled; a call it declines to inline boxes the vector on the heap (an allocation per
 * vector, and ten times slower). It declines for two reasons that bite here: the branches of a switch
 * shared by many activations are inlined by the profile of whichever ran first, and a compilation that
 * has already inlined many loops stops inlining at a fixed node budget, mid-way through the next
 * activation's math. So each activation's loop is its own {@link Loop} object, called through one
 * interface call: with one or two activations in use C2 inlines it; with more, the call site is
 * megamorphic, stays a call, and each loop is compiled on its own with all of its math inlined.
 * {@code CoreKernelsZeroAllocationTest} runs every activation in one JVM and checks nothing allocates.
 */
final class ElementwiseVector {

    /** One activation over the whole vectors of a range: {@code [0, upper)}, upper a multiple of LANES. */
    @FunctionalInterface
    interface Loop {
        void run(float alpha, float[] src, int srcOff, float[] dst, int dstOff, int upper);
    }

    private static final Loop[] LOOPS = new Loop[Activation.values().length];

    static {
        for (Activation a : Activation.values()) {
            LOOPS[a.ordinal()] = loop(a);
        }
    }

    private ElementwiseVector() {}

    static void apply(Activation activation, float alpha, float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int upper = F.loopBound(n);
        LOOPS[activation.ordinal()].run(alpha, src, srcOff, dst, dstOff, upper);
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

    private static Loop loop(Activation activation) {
        return switch (activation) {
            case NONE -> (alpha, src, srcOff, dst, dstOff, upper) -> System.arraycopy(src, srcOff, dst, dstOff, upper);
            case RELU -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.relu(x).intoArray(dst, dstOff + i);
                }
            };
            case RELU6 -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.relu6(x).intoArray(dst, dstOff + i);
                }
            };
            case LEAKY_RELU -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.leakyRelu(x, alpha).intoArray(dst, dstOff + i);
                }
            };
            case ELU -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.elu(x).intoArray(dst, dstOff + i);
                }
            };
            case SELU -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.selu(x).intoArray(dst, dstOff + i);
                }
            };
            case SIGMOID -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.sigmoid(x).intoArray(dst, dstOff + i);
                }
            };
            case TANH -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.tanh(x).intoArray(dst, dstOff + i);
                }
            };
            case SOFTPLUS -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.softplus(x).intoArray(dst, dstOff + i);
                }
            };
            case SOFTSIGN -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.softsign(x).intoArray(dst, dstOff + i);
                }
            };
            case HARD_SIGMOID -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.hardSigmoid(x).intoArray(dst, dstOff + i);
                }
            };
            case SWISH -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.swish(x).intoArray(dst, dstOff + i);
                }
            };
            case GELU_TANH -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.geluTanh(x).intoArray(dst, dstOff + i);
                }
            };
            case GELU_ERF -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.geluErf(x).intoArray(dst, dstOff + i);
                }
            };
            case EXP -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.exp(x).intoArray(dst, dstOff + i);
                }
            };
            case NEG -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    x.neg().intoArray(dst, dstOff + i);
                }
            };
            case ABS -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    x.abs().intoArray(dst, dstOff + i);
                }
            };
            case SQRT -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    x.sqrt().intoArray(dst, dstOff + i);
                }
            };
            case RSQRT -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.rsqrt(x).intoArray(dst, dstOff + i);
                }
            };
            case SQUARE -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    x.mul(x).intoArray(dst, dstOff + i);
                }
            };
            case LOG -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.log(x).intoArray(dst, dstOff + i);
                }
            };
            case FLOOR -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.floor(x).intoArray(dst, dstOff + i);
                }
            };
            case CEIL -> (alpha, src, srcOff, dst, dstOff, upper) -> {
                for (int i = 0; i < upper; i += LANES) {
                    FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
                    VectorMath.ceil(x).intoArray(dst, dstOff + i);
                }
            };
        };
    }
}
