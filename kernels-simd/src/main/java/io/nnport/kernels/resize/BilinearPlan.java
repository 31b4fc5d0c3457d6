package io.nnport.kernels.resize;

/**
 * The interpolation table of one bilinear resize, made once at model load exactly as TensorFlow's
 * {@code ResizeBilinear} CPU kernel makes it (resize_bilinear_op.cc, image_resizer_state.h), so that
 * {@link ResizeBilinear#resize} allocates nothing and matches TensorFlow bit for bit.
 *
 * <pre>
 *   scale = align_corners &amp;&amp; out &gt; 1 ? (in - 1) / (float) (out - 1) : in / (float) out
 *   src(i) = half_pixel_centers ? (i + 0.5f) * scale - 0.5f : i * scale      (float arithmetic)
 *   lower  = max(floor(src), 0),  upper = min(ceil(src), in - 1),  lerp = src - floor(src)
 * </pre>
 *
 * per output row and per output column. A resize to the input's own size is a copy, as in
 * TensorFlow. align_corners and half_pixel_centers together are rejected, as TensorFlow does.
 */
public final class BilinearPlan {

    final int inH;
    final int inW;
    final int outH;
    final int outW;
    final int channels;
    /** Per output row: the float offsets, within an image, of input rows lower and upper; the weight of upper. */
    final int[] rowLower;
    final int[] rowUpper;
    final float[] rowLerp;
    /** Per output column: the float offsets, within an input row, of columns lower and upper; the weight of upper. */
    final int[] colLower;
    final int[] colUpper;
    final float[] colLerp;

    private BilinearPlan(int inH, int inW, int outH, int outW, int channels, boolean alignCorners,
                         boolean halfPixelCenters) {
        if (inH < 1 || inW < 1 || outH < 1 || outW < 1 || channels < 1) {
            throw new IllegalArgumentException("resize needs positive sizes: in " + inH + "x" + inW + ", out " + outH
                    + "x" + outW + ", channels " + channels);
        }
        if (alignCorners && halfPixelCenters) {
            throw new IllegalArgumentException("If half_pixel_centers is True, align_corners must be False.");
        }
        if ((long) inH * inW * channels > Integer.MAX_VALUE || (long) outH * outW * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("resize image of more than 2^31 - 1 floats");
        }
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        this.channels = channels;
        this.rowLower = new int[outH];
        this.rowUpper = new int[outH];
        this.rowLerp = new float[outH];
        this.colLower = new int[outW];
        this.colUpper = new int[outW];
        this.colLerp = new float[outW];
        weights(inH, outH, alignCorners, halfPixelCenters, inW * channels, rowLower, rowUpper, rowLerp);
        weights(inW, outW, alignCorners, halfPixelCenters, channels, colLower, colUpper, colLerp);
    }

    /**
     * The plan for resizing [batch, inH, inW, channels] to [batch, outH, outW, channels] with
     * TensorFlow's {@code align_corners} and {@code half_pixel_centers} attributes.
     *
     * @throws IllegalArgumentException if a size is below 1, an image exceeds 2^31 - 1 floats, or both
     *         flags are set
     */
    public static BilinearPlan of(int inH, int inW, int outH, int outW, int channels, boolean alignCorners,
                                  boolean halfPixelCenters) {
        return new BilinearPlan(inH, inW, outH, outW, channels, alignCorners, halfPixelCenters);
    }

    private static void weights(int in, int out, boolean alignCorners, boolean halfPixelCenters, int unit,
                                int[] lower, int[] upper, float[] lerp) {
        float scale = alignCorners && out > 1 ? (in - 1) / (float) (out - 1) : in / (float) out;
        for (int i = 0; i < out; i++) {
            float src = halfPixelCenters ? ((float) i + 0.5f) * scale - 0.5f : (float) i * scale;
            float floor = (float) Math.floor(src);
            lower[i] = Math.max((int) floor, 0) * unit;
            upper[i] = Math.min((int) Math.ceil(src), in - 1) * unit;
            lerp[i] = src - floor;
        }
    }

    /** True when the output has the input's size: TensorFlow copies the image unchanged. */
    public boolean isCopy() {
        return inH == outH && inW == outW;
    }

    /** Floats of one input image. */
    public int inputSize() {
        return inH * inW * channels;
    }

    /** Floats of one output image. */
    public int outputSize() {
        return outH * outW * channels;
    }

    @Override
    public String toString() {
        return "BilinearPlan[" + inH + "x" + inW + " -> " + outH + "x" + outW + " x " + channels + "]";
    }
}
