package io.nnport.kernels.gemm;

import io.nnport.kernels.Window;
import java.util.Arrays;

/**
 * A convolution seen as the A operand of a GEMM, without building the im2col matrix: row
 * {@code i = (b*outH + oh)*outW + ow} is one output position, column {@code p = (kh*kw_size + kw)*cin + ci}
 * one filter tap (HWIO order), and element (i, p) is the NHWC input value under that tap, or 0 in
 * padding. {@link #pack} writes MR-row slivers of this view straight into the GEMM's packed-A layout.
 *
 * <p>The view reads {@code cin} channels per pixel of an input whose pixels are {@code pixelStride}
 * floats apart: equal for a plain convolution; for one group of a grouped convolution the input has
 * G * cin channels (pixelStride) and the call's input offset points at the group's first channel.
 *
 * <p>Immutable geometry, built once per layer (at load) from TensorFlow's {@link Window}s; the input
 * array and offset come with each call.
 */
public final class Im2col {

    /** Runs shorter than this are copied in a loop (see {@link #copy}). */
    private static final int SHORT_RUN = 16;

    private final int h;
    private final int w;
    private final int cin;
    private final int pixelStride;
    private final int kh;
    private final int kw;
    private final int strideH;
    private final int strideW;
    private final int dilationH;
    private final int dilationW;
    private final int padTop;
    private final int padLeft;
    private final int outH;
    private final int outW;

    /** Geometry of a 2-D convolution over [h, w, cin] with windows {@code rows} (H) and {@code cols} (W). */
    public Im2col(Window rows, Window cols, int cin) {
        this(rows, cols, cin, cin);
    }

    /**
     * Geometry of a 2-D convolution reading channels [0, cin) of an input [h, w, pixelStride]: one
     * group's slice, at the input offset of its first channel.
     */
    public Im2col(Window rows, Window cols, int cin, int pixelStride) {
        if (cin < 1 || pixelStride < cin) {
            throw new IllegalArgumentException("im2col needs 1 <= cin <= pixelStride: cin=" + cin
                    + " pixelStride=" + pixelStride);
        }
        this.h = rows.in();
        this.w = cols.in();
        this.cin = cin;
        this.pixelStride = pixelStride;
        this.kh = rows.size();
        this.kw = cols.size();
        this.strideH = rows.stride();
        this.strideW = cols.stride();
        this.dilationH = rows.dilation();
        this.dilationW = cols.dilation();
        this.padTop = rows.padBefore();
        this.padLeft = cols.padBefore();
        this.outH = rows.out();
        this.outW = cols.out();
    }

    public int h() {
        return h;
    }

    public int w() {
        return w;
    }

    /** Channels the view reads per pixel (a group's channels in a grouped convolution). */
    public int cin() {
        return cin;
    }

    /** Floats between consecutive input pixels: the input's channel count. */
    public int pixelStride() {
        return pixelStride;
    }

    public int outH() {
        return outH;
    }

    public int outW() {
        return outW;
    }

    /** The GEMM's k: kh * kw * cin. */
    public int k() {
        return kh * kw * cin;
    }

    /** Floats of one input image. */
    public int inputSize() {
        return h * w * pixelStride;
    }

    /**
     * Floats from the call's input offset to one past the last one the view of {@code images} images
     * reads: short of the last image's end by the channels after the slice.
     */
    public long inputSpan(int images) {
        return images == 0 ? 0 : (long) images * inputSize() - (pixelStride - cin);
    }

    /** True when the view is the input itself (1x1 kernel, stride 1, no padding): a plain GEMM. */
    public boolean isIdentity() {
        return cin == pixelStride && kh == 1 && kw == 1 && strideH == 1 && strideW == 1 && padTop == 0
                && padLeft == 0
                && outH == h && outW == w;
    }

    /**
     * Element (row, p) of the view: the input value under tap p of output position row, or 0 in
     * padding. The scalar twin's definition of the convolution; {@link #pack} writes the same values.
     */
    public float element(float[] in, int inOff, int row, int p) {
        int pixels = outH * outW;
        int b = row / pixels;
        int rem = row - b * pixels;
        int oh = rem / outW;
        int ow = rem - oh * outW;
        int tap = p / cin;
        int ci = p - tap * cin;
        int th = tap / kw;
        int ih = oh * strideH - padTop + th * dilationH;
        int iw = ow * strideW - padLeft + (tap - th * kw) * dilationW;
        if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
            return 0f;
        }
        return in[inOff + ((b * h + ih) * w + iw) * pixelStride + ci];
    }

    /**
     * Packs rows [row0, row0 + mc) and columns [p0, p0 + kc) into slivers of {@code mr} rows at
     * {@code dst[dstOff]}: row i of sliver s, column p at {@code dstOff + (s*mr + i)*Gemm.KC + p}; rows
     * past mc are zero. Runs of consecutive columns that are contiguous in the NHWC input (a tap's cin
     * channels, and without dilation or channel slicing the following taps of its kernel row) are
     * copied as such.
     */
    public void pack(float[] in, int inOff, int row0, int mc, int p0, int kc, int mr, float[] dst, int dstOff) {
        int pixels = outH * outW;
        int rows = GemmVariant.roundUp(mc, mr);
        for (int i = 0; i < rows; i++) {
            int d = dstOff + i * Gemm.KC;
            if (i >= mc) {
                Arrays.fill(dst, d, d + kc, 0f);
                continue;
            }
            int row = row0 + i;
            int b = row / pixels;
            int rem = row - b * pixels;
            int oh = rem / outW;
            int ow = rem - oh * outW;
            int image = inOff + b * h * w * pixelStride;
            // Tap (th, tw) and channel ci of column p, advanced with p (no division per run).
            int tap = p0 / cin;
            int ci = p0 - tap * cin;
            int th = tap / kw;
            int tw = tap - th * kw;
            int p = p0;
            int end = p0 + kc;
            while (p < end) {
                int ih = oh * strideH - padTop + th * dilationH;
                int iw = ow * strideW - padLeft + tw * dilationW;
                int at = d + p - p0;
                int run;
                if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
                    run = Math.min(cin - ci, end - p);
                    Arrays.fill(dst, at, at + run, 0f);
                } else {
                    // Undilated and unsliced, the next taps of this kernel row read the next pixels:
                    // one copy for all of them that are inside the image.
                    int taps = dilationW == 1 && pixelStride == cin ? Math.min(kw - tw, w - iw) : 1;
                    run = Math.min(taps * cin - ci, end - p);
                    copy(in, image + (ih * w + iw) * pixelStride + ci, dst, at, run);
                }
                p += run;
                ci += run;
                while (ci >= cin) {
                    ci -= cin;
                    if (++tw == kw) {
                        tw = 0;
                        th++;
                    }
                }
            }
        }
    }

    /**
     * A run of a few floats (one group's channels of a tap) in a plain loop: System.arraycopy's fixed
     * cost is several times that of copying 4 floats.
     */
    private static void copy(float[] src, int from, float[] dst, int to, int length) {
        if (length < SHORT_RUN) {
            for (int q = 0; q < length; q++) {
                dst[to + q] = src[from + q];
            }
        } else {
            System.arraycopy(src, from, dst, to, length);
        }
    }

    /** {@link #pack} for a plain row-major matrix {@code a[aOff + i*lda + p]}. */
    public static void packMatrix(float[] a, int aOff, int lda, int row0, int mc, int p0, int kc, int mr,
                                  float[] dst, int dstOff) {
        int rows = GemmVariant.roundUp(mc, mr);
        for (int i = 0; i < rows; i++) {
            int d = dstOff + i * Gemm.KC;
            if (i < mc) {
                System.arraycopy(a, aOff + (row0 + i) * lda + p0, dst, d, kc);
            } else {
                Arrays.fill(dst, d, d + kc, 0f);
            }
        }
    }
}
