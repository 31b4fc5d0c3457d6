package io.nnport.kernels;

import java.util.Objects;

/**
 * What a GEMM or convolution does to each output value while it is still in registers: the epilogue
 * is data, so there is one kernel, not one per combination of bias, BatchNorm and activation.
 *
 * <p>For output column (channel) {@code j} and accumulated dot product {@code acc}:
 *
 * <pre>
 *   v = fma(acc, scale[j], shift[j])     scale == null means 1, shift == null means 0 (one rounding)
 *   v = min(max(v, clampMin), clampMax)  (+-infinity: no clamp)
 *   y = activation(v, alpha)
 * </pre>
 *
 * A bias is {@code shift}; a folded inference BatchNorm is {@code scale, shift}; ReLU is
 * {@code clamp(0, +inf)}; ReLU6 is {@code clamp(0, 6)}; every other {@link Activation} runs after the
 * clamp. Arrays are read, never written, and must hold at least N values.
 */
public record Epilogue(float[] scale, float[] shift, float clampMin, float clampMax,
                       Activation activation, float alpha) {

    /** Plain C = A x B. */
    public static final Epilogue NONE = new Epilogue(null, null, Float.NEGATIVE_INFINITY,
            Float.POSITIVE_INFINITY, Activation.NONE, 0f);

    public Epilogue {
        Objects.requireNonNull(activation, "activation");
        if (!(clampMin <= clampMax)) {
            throw new IllegalArgumentException("clampMin " + clampMin + " > clampMax " + clampMax);
        }
        // ReLU and ReLU6 are clamps: one code path, exact in every variant.
        if (activation == Activation.RELU) {
            clampMin = Math.max(clampMin, 0f);
            activation = Activation.NONE;
        } else if (activation == Activation.RELU6) {
            clampMin = Math.max(clampMin, 0f);
            clampMax = Math.min(clampMax, 6f);
            activation = Activation.NONE;
        }
    }

    /** Adds a per-column bias. */
    public static Epilogue bias(float[] bias) {
        return new Epilogue(null, bias, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Activation.NONE, 0f);
    }

    /** Per-column scale and shift: a folded inference BatchNorm (shift may carry the bias too). */
    public static Epilogue scaleShift(float[] scale, float[] shift) {
        return new Epilogue(scale, shift, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Activation.NONE, 0f);
    }

    /** This epilogue followed by {@code activation} (RELU and RELU6 become clamps). */
    public Epilogue then(Activation next, float nextAlpha) {
        if (activation != Activation.NONE && next != Activation.NONE) {
            throw new IllegalStateException("epilogue already ends in " + activation + "; cannot add " + next);
        }
        return new Epilogue(scale, shift, clampMin, clampMax, next == Activation.NONE ? activation : next,
                next == Activation.NONE ? alpha : nextAlpha);
    }

    /** The scalar reference of this epilogue for column {@code j}. */
    public float apply(float acc, int j) {
        float v;
        if (scale == null) {
            v = shift == null ? acc : acc + shift[j];
        } else {
            v = shift == null ? acc * scale[j] : Math.fma(acc, scale[j], shift[j]);
        }
        v = v < clampMin ? clampMin : (v > clampMax ? clampMax : v);
        return activation.apply(v, alpha);
    }

    /** True when the epilogue changes nothing. */
    public boolean isIdentity() {
        return scale == null && shift == null && clampMin == Float.NEGATIVE_INFINITY
                && clampMax == Float.POSITIVE_INFINITY && activation == Activation.NONE;
    }
}
