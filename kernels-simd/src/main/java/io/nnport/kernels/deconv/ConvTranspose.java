package io.nnport.kernels.deconv;

import io.nnport.kernels.Dims;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Simd;
import io.nnport.kernels.Window;
import io.nnport.kernels.gemm.Gemm;
import io.nnport.kernels.gemm.PackedB;
import io.nnport.kernels.gemm.Team;

/**
 * Transposed 2-D convolution, TensorFlow's {@code Conv2DBackpropInput} (tf.nn.conv2d_transpose,
 * Keras Conv2DTranspose; the gradient of conv2d with respect to its input, not a deconvolution),
 * NHWC, with a fused {@link Epilogue} (bias, folded BatchNorm, clamp, activation) per output channel.
 *
 * <h2>Definition</h2>
 * Filter {@code w[kh, kw, cOut, cIn]} (TensorFlow's {@code [height, width, output_channels,
 * in_channels]}), input {@code [batch, inH, inW, cIn]}, output {@code [batch, outH, outW, cOut]}.
 * The windows are the forward convolution's, over the output: {@code rows = new Window(outH, kh,
 * strideH, dilationH, padding)} (SAME, VALID, or {@link Window#explicit}), and {@code rows.out()}
 * must be inH; likewise {@code cols} along W. Each input pixel spreads over the output:
 * <pre>
 *   out[b, oh, ow, co] = e( sum over taps (y, x) and input pixels (ih, iw) with
 *                             oh = ih*strideH - padTop + y*dilationH, ow = iw*strideW - padLeft + x*dilationW
 *                           of  sum_ci in[b, ih, iw, ci] * w[y, x, co, ci] )
 * </pre>
 *
 * <h2>Method and summation order</h2>
 * For each tap t = (y, x) in order, the GEMM multiplies the input (rows = input pixels, k = cIn) by
 * the tap's packed cIn x cOut matrix into a scratch block, which is then added into the output
 * pixels the tap reaches (col2im); the epilogue runs once at the end. A tap reaches each output
 * pixel from at most one input pixel, so every output value is +0, plus one GEMM dot product (an fma
 * chain over ci ascending) per tap in tap order, then the epilogue: an order that does not depend on
 * the blocking, and that {@link ConvTransposeScalar} follows in plain loops. Vector and scalar agree
 * bit for bit, except for a transcendental activation ({@code !Activation.isExact()}), whose vector
 * form is within the bounds of {@code VectorMath}.
 *
 * <p>Input rows go to the GEMM {@link #ROW_BLOCK} at a time, so the scratch block is small and still
 * in L2 when it is added into the output. The output is written, never read (it is zeroed first),
 * and must not overlap the input or the scratch. Allocates nothing.
 */
public final class ConvTranspose {

    /**
     * Input pixels per GEMM call: two of the GEMM's MC row blocks, so its blocks are whole; the
     * scratch block of ROW_BLOCK x cOut floats (384 KiB at 256 channels) stays in L2 between the GEMM
     * that writes it and the col2im that reads it.
     */
    public static final int ROW_BLOCK = 2 * Gemm.MC;

    private ConvTranspose() {}

    /**
     * Packs the filter {@code w[wOff + ((y*kw + x)*cOut + co)*cIn + ci]} (TF layout
     * {@code [kh, kw, cOut, cIn]}) for the forward windows {@code rows} (size kh) and {@code cols}
     * (size kw); see the class documentation for what the windows mean.
     *
     * @throws IllegalArgumentException if a channel count is below 1
     * @throws IndexOutOfBoundsException if w is too short
     */
    public static PackedConvTranspose pack2d(float[] w, int wOff, Window rows, Window cols, int cOut, int cIn) {
        if (cIn < 1 || cOut < 1) {
            throw new IllegalArgumentException("conv2d_transpose needs cIn, cOut >= 1: cIn=" + cIn + " cOut=" + cOut);
        }
        int taps = rows.size() * cols.size();
        Dims.checkRange(w, wOff, (long) taps * cOut * cIn, "conv2d_transpose filter");
        PackedB[] packed = new PackedB[taps];
        float[] b = new float[cIn * cOut];
        for (int t = 0; t < taps; t++) {
            for (int ci = 0; ci < cIn; ci++) {
                for (int co = 0; co < cOut; co++) {
                    b[ci * cOut + co] = w[wOff + (t * cOut + co) * cIn + ci];
                }
            }
            packed[t] = Gemm.packB(b, 0, cIn, cOut);
        }
        return new PackedConvTranspose(packed, rows, cols, cIn, cOut);
    }

    /** Scratch floats a call with {@code batch} images needs: one GEMM result block and the GEMM's own scratch. */
    public static int scratchFloats(PackedConvTranspose layer, int batch, Team team) {
        int m = Math.max(1, Math.min(ROW_BLOCK, batch * layer.rows().out() * layer.cols().out()));
        return m * layer.cOut() + Gemm.scratchFloats(m, layer.cIn(), team);
    }

    /**
     * {@code out = e(conv2d_transpose(in, w))}: in is [batch, inH, inW, cIn] at inOff, out is
     * [batch, outH, outW, cOut] at outOff.
     *
     * @param ctx its scratch holds at least {@link #scratchFloats} floats; its team runs the GEMM
     *            ({@link Team#SERIAL} or a pool: the same bits for any count)
     * @throws IllegalArgumentException if batch is negative or the epilogue has fewer than cOut values
     * @throws IndexOutOfBoundsException if in, out or the scratch is too short
     */
    public static void conv2dTranspose(float[] in, int inOff, int batch, PackedConvTranspose layer, Epilogue e,
                                       float[] out, int outOff, KernelContext ctx) {
        Dims.checkBatch(batch);
        Dims.checkRange(in, inOff, (long) batch * layer.inputSize(), "conv2d_transpose in");
        Dims.checkRange(out, outOff, (long) batch * layer.outputSize(), "conv2d_transpose out");
        checkChannels(e.scale(), layer.cOut(), "scale");
        checkChannels(e.shift(), layer.cOut(), "shift");
        if (Simd.VECTOR) {
            float[] scratch = ctx.scratch();
            int scratchOff = ctx.scratchOffset();
            Team team = ctx.team();
            Dims.checkRange(scratch, scratchOff, scratchFloats(layer, batch, team), "conv2d_transpose scratch");
            ConvTransposeVector.conv2dTranspose(in, inOff, batch, layer, e, out, outOff, scratch, scratchOff, team);
        } else {
            ConvTransposeScalar.conv2dTranspose(in, inOff, batch, layer, e, out, outOff, ctx);
        }
    }

    private static void checkChannels(float[] values, int n, String name) {
        if (values != null && values.length < n) {
            throw new IllegalArgumentException("epilogue " + name + " has " + values.length + " values, needs " + n);
        }
    }
}
