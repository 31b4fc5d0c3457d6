package io.nnport.ir.layers;

import io.nnport.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What a convolution, dense or batch-norm layer does to each output value after its sum: the fused
 * bias, folded BatchNorm and activation, as data. For output channel {@code c} (the last axis):
 *
 * <pre>
 *   v = acc * scale[c] + shift[c]        scale null means 1, shift null means 0
 *   v = min(max(v, clampMin), clampMax)  (+-infinity: no clamp)
 *   y = activation(v, alpha)
 * </pre>
 *
 * This mirrors the kernels' {@code Epilogue}, which the converter builds from it. Scale and shift
 * are new 1-D float32 tensors made by fusion (a bias is {@code shift}; an inference BatchNorm is
 * {@code scale = gamma / sqrt(var + eps)}, {@code shift = beta - mean * scale}); the model's own
 * constants are never edited.
 */
public record Epilogue(Tensor scale, Tensor shift, float clampMin, float clampMax, Activation activation, float alpha) {

    /** Nothing after the sum. */
    public static final Epilogue NONE = new Epilogue(null, null, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
            Activation.NONE, 0f);

    public Epilogue {
        if (activation == null) {
            throw new IllegalArgumentException("activation is required (NONE for none)");
        }
        if (!(clampMin <= clampMax)) {
            throw new IllegalArgumentException("clampMin " + clampMin + " > clampMax " + clampMax);
        }
        checkVector(scale, "scale");
        checkVector(shift, "shift");
        if (scale != null && shift != null && scale.size() != shift.size()) {
            throw new IllegalArgumentException("scale has " + scale.size() + " values, shift " + shift.size());
        }
    }

    private static void checkVector(Tensor t, String what) {
        if (t != null && (t.rank() != 1 || t.dtype() != io.nnport.ir.DType.FLOAT32)) {
            throw new IllegalArgumentException(what + " must be a 1-D float32 tensor, is " + t.dtype() + t.shape());
        }
    }

    /** The number of channels the scale or shift covers; -1 when neither is set. */
    public int channels() {
        return scale != null ? scale.size() : shift != null ? shift.size() : -1;
    }

    public boolean hasActivation() {
        return activation != Activation.NONE;
    }

    public boolean isIdentity() {
        return scale == null && shift == null && clampMin == Float.NEGATIVE_INFINITY
                && clampMax == Float.POSITIVE_INFINITY && activation == Activation.NONE;
    }

    /** f(0) == 0 for every channel: no shift, and the clamp and activation keep 0. */
    public boolean preservesZero() {
        return shift == null && clampMin <= 0 && clampMax >= 0 && activation.preservesZero();
    }

    /** This epilogue with {@code bias} added after the existing scale and shift. */
    public Epilogue plusBias(Tensor bias) {
        requireNoTail("a bias");
        if (shift == null) {
            return new Epilogue(scale, bias, clampMin, clampMax, activation, alpha);
        }
        float[] sum = shift.floats();
        for (int c = 0; c < sum.length; c++) {
            sum[c] += bias.getFloat(c);
        }
        return new Epilogue(scale, Tensor.ofFloats(shift.shape(), sum), clampMin, clampMax, activation, alpha);
    }

    /** This epilogue followed by {@code y * factor[c] + offset[c]} (a folded BatchNorm or a Mul/Add pair). */
    public Epilogue thenScaleShift(Tensor factor, Tensor offset) {
        requireNoTail("a scale");
        int n = factor.size();
        float[] newScale = new float[n];
        float[] newShift = new float[n];
        for (int c = 0; c < n; c++) {
            float s = scale == null ? 1f : scale.getFloat(c);
            float t = shift == null ? 0f : shift.getFloat(c);
            newScale[c] = s * factor.getFloat(c);
            newShift[c] = t * factor.getFloat(c) + (offset == null ? 0f : offset.getFloat(c));
        }
        return new Epilogue(Tensor.ofFloats(factor.shape(), newScale),
                offset == null && shift == null ? null : Tensor.ofFloats(factor.shape(), newShift),
                clampMin, clampMax, activation, alpha);
    }

    /** This epilogue followed by an activation; it must not have one yet. */
    public Epilogue then(Activation next, float nextAlpha) {
        requireNoTail("an activation");
        return new Epilogue(scale, shift, clampMin, clampMax, next, nextAlpha);
    }

    private void requireNoTail(String what) {
        if (activation != Activation.NONE || clampMin != Float.NEGATIVE_INFINITY || clampMax != Float.POSITIVE_INFINITY) {
            throw new IllegalStateException("cannot add " + what + " after " + activation + " / clamp");
        }
    }

    /** The scalar reference for one value of channel {@code c}. */
    public float apply(float acc, int c) {
        float v = acc;
        if (scale != null) {
            v *= scale.getFloat(c);
        }
        if (shift != null) {
            v += shift.getFloat(c);
        }
        v = v < clampMin ? clampMin : (v > clampMax ? clampMax : v);
        return activation.apply(v, alpha);
    }

    /** Applies the epilogue to every element of a float tensor whose last axis is the channel. */
    public Tensor applyTo(Tensor x) {
        if (isIdentity()) {
            return x;
        }
        int channels = x.shape().dim(-1);
        if (channels() >= 0 && channels() != channels) {
            throw new IllegalArgumentException("epilogue has " + channels() + " channels, value " + x.shape());
        }
        float[] values = x.floats();
        for (int i = 0; i < values.length; i++) {
            values[i] = apply(values[i], i % channels);
        }
        return Tensor.ofFloats(x.shape(), values);
    }

    /** {@code +scale +bias +relu}, the suffix of a layer description; empty for NONE. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (scale != null) {
            parts.add("+scale");
        }
        if (shift != null) {
            parts.add(scale != null ? "+shift" : "+bias");
        }
        if (clampMin != Float.NEGATIVE_INFINITY || clampMax != Float.POSITIVE_INFINITY) {
            parts.add("+clamp(" + clampMin + "," + clampMax + ")");
        }
        if (activation != Activation.NONE) {
            parts.add("+" + activation.label() + (activation == Activation.LEAKY_RELU ? "(" + alpha + ")" : ""));
        }
        return String.join(" ", parts);
    }
}
