package io.nnport.kernels.resize;

/**
 * The index tables of one nearest-neighbour resize, made once at model load: per output row the
 * offset of the input row it copies, per output column the offset of the input pixel, both chosen by
 * a {@link NearestRule}, so that {@link ResizeNearest#resize} only copies and allocates nothing.
 */
public final class NearestPlan {

    final int inH;
    final int inW;
    final int outH;
    final int outW;
    final int channels;
    /** Per output row: the float offset, within an image, of the input row it copies. */
    final int[] rowSource;
    /** Per output column: the float offset, within an input row, of the pixel it copies. */
    final int[] colSource;

    private NearestPlan(int inH, int inW, int outH, int outW, int channels, NearestRule rule) {
        if (inH < 1 || inW < 1 || outH < 1 || outW < 1 || channels < 1) {
            throw new IllegalArgumentException("resize needs positive sizes: in " + inH + "x" + inW + ", out " + outH
                    + "x" + outW + ", channels " + channels);
        }
        if ((long) inH * inW * channels > Integer.MAX_VALUE || (long) outH * outW * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("resize image of more than 2^31 - 1 floats");
        }
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        this.channels = channels;
        this.rowSource = table(rule, inH, outH, inW * channels);
        this.colSource = table(rule, inW, outW, channels);
    }

    /**
     * The plan for resizing [batch, inH, inW, channels] to [batch, outH, outW, channels] with
     * TensorFlow's {@code ResizeNearestNeighbor} and its {@code align_corners} and
     * {@code half_pixel_centers} attributes ({@link NearestRule#tensorflow}).
     *
     * @throws IllegalArgumentException if a size is below 1, an image exceeds 2^31 - 1 floats, or both
     *         flags are set
     */
    public static NearestPlan of(int inH, int inW, int outH, int outW, int channels, boolean alignCorners,
                                 boolean halfPixelCenters) {
        return of(inH, inW, outH, outW, channels, NearestRule.tensorflow(alignCorners, halfPixelCenters));
    }

    /**
     * The plan for resizing with any {@link NearestRule} (the same rule on both axes).
     *
     * @throws IllegalArgumentException if a size is below 1 or an image exceeds 2^31 - 1 floats
     */
    public static NearestPlan of(int inH, int inW, int outH, int outW, int channels, NearestRule rule) {
        return new NearestPlan(inH, inW, outH, outW, channels, rule);
    }

    private static int[] table(NearestRule rule, int in, int out, int unit) {
        int[] offsets = new int[out];
        for (int i = 0; i < out; i++) {
            offsets[i] = rule.source(i, in, out) * unit;
        }
        return offsets;
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
        return "NearestPlan[" + inH + "x" + inW + " -> " + outH + "x" + outW + " x " + channels + "]";
    }
}
