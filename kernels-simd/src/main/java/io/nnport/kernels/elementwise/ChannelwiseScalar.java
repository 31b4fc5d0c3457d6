package io.nnport.kernels.elementwise;

import io.nnport.kernels.Epilogue;

/** The scalar twin of {@link Channelwise}: {@link Epilogue#apply} per element, no argument checks. */
public final class ChannelwiseScalar {

    private ChannelwiseScalar() {}

    /** See {@link Channelwise#apply}. */
    public static void apply(Epilogue epilogue, float[] src, int srcOff, float[] dst, int dstOff, int rows,
                             int channels) {
        for (int r = 0; r < rows; r++) {
            int base = r * channels;
            for (int c = 0; c < channels; c++) {
                dst[dstOff + base + c] = epilogue.apply(src[srcOff + base + c], c);
            }
        }
    }

    /**
     * The affine and clamp steps of {@link Epilogue#apply(float, int)}, without its activation:
     * {@code epilogue.activation().apply(affineClamp(e, acc, j), alpha) == e.apply(acc, j)}. The scalar
     * tails of vector kernels that run the activation as a separate pass use it.
     */
    public static float affineClamp(Epilogue e, float acc, int j) {
        float[] scale = e.scale();
        float[] shift = e.shift();
        float v;
        if (scale == null) {
            v = shift == null ? acc : acc + shift[j];
        } else {
            v = shift == null ? acc * scale[j] : Math.fma(acc, scale[j], shift[j]);
        }
        return v < e.clampMin() ? e.clampMin() : (v > e.clampMax() ? e.clampMax() : v);
    }
}
