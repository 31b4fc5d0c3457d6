package io.nnport.kernels.conv;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.gemm.Gemm;
import io.nnport.kernels.gemm.GemmVariant;
import io.nnport.kernels.gemm.Team;

/**
 * Convolution facade: conv2d over NHWC and conv1d over NWC with TensorFlow's weights layout (HWIO,
 * and [kw, cin, cout] for Keras Conv1D), SAME (extra padding at the end, as TF) or VALID, any
 * strides and dilations. A layer is packed once at load ({@link #pack2d}, {@link #pack1d}); each
 * call then runs the GEMM driver with im2col writing the packed A slivers straight from the
 * input (no im2col matrix, no GEMM of its own), and a 1x1 stride-1 convolution is the plain GEMM
 * on the input. Numerics are the GEMM's: every output is one fma chain over (kh, kw, cin) in that
 * order, padded taps multiplying a zero, so {@link ConvScalar} agrees bit for bit.
 */
public final class Conv {

    private Conv() {}

    /**
     * Packs a 2-D layer: HWIO weights {@code w[wOff + ((y*kw + x)*cin + ci)*cout + co]}, windows
     * {@code rows} (input height, kh, stride, dilation, padding) and {@code cols} (the same along W).
     */
    public static PackedConv pack2d(float[] w, int wOff, Window rows, Window cols, int cin, int cout) {
        return pack2d(GemmVariant.DEFAULT, w, wOff, rows, cols, cin, cout);
    }

    /** {@link #pack2d} for a given GEMM variant (tests and benchmarks). */
    public static PackedConv pack2d(GemmVariant variant, float[] w, int wOff, Window rows, Window cols, int cin,
                                    int cout) {
        int k = rows.size() * cols.size() * cin;
        return new PackedConv(variant.packB(w, wOff, cout, k, cout), rows, cols, cin, false);
    }

    /** Packs a 1-D layer: weights {@code w[wOff + (x*cin + ci)*cout + co]}, window {@code cols} along W. */
    public static PackedConv pack1d(float[] w, int wOff, Window cols, int cin, int cout) {
        return pack1d(GemmVariant.DEFAULT, w, wOff, cols, cin, cout);
    }

    /** {@link #pack1d} for a given GEMM variant (tests and benchmarks). */
    public static PackedConv pack1d(GemmVariant variant, float[] w, int wOff, Window cols, int cin, int cout) {
        Window rows = new Window(1, 1, 1, 1, Padding.VALID);
        return new PackedConv(variant.packB(w, wOff, cout, cols.size() * cin, cout), rows, cols, cin, true);
    }

    /** Scratch floats a call with {@code batch} images needs (one region per thread of {@code team}). */
    public static int scratchFloats(PackedConv conv, int batch, Team team) {
        return scratchFloats(GemmVariant.DEFAULT, conv, batch, team);
    }

    /** {@link #scratchFloats(PackedConv, int, Team)} for a given variant. */
    public static int scratchFloats(GemmVariant variant, PackedConv conv, int batch, Team team) {
        int m = batch * conv.view().outH() * conv.view().outW();
        return variant.scratchFloatsPerThread(m, conv.weights().k()) * team.threads();
    }

    /**
     * {@code out = e(conv2d(in, weights))}: in is [batch, h, w, cin] at inOff, out is
     * [batch, outH, outW, cout] at outOff (written, never read). Allocation-free.
     */
    public static void conv2d(float[] in, int inOff, int batch, PackedConv conv, Epilogue e, float[] out, int outOff,
                              float[] scratch, int scratchOff, Team team) {
        run(GemmVariant.DEFAULT, in, inOff, batch, conv, e, out, outOff, scratch, scratchOff, team);
    }

    /** {@code out = e(conv1d(in, weights))}: in is [batch, w, cin], out [batch, outW, cout]. */
    public static void conv1d(float[] in, int inOff, int batch, PackedConv conv, Epilogue e, float[] out, int outOff,
                              float[] scratch, int scratchOff, Team team) {
        if (!conv.oneDimensional()) {
            throw new IllegalArgumentException("conv1d needs a layer packed by pack1d");
        }
        run(GemmVariant.DEFAULT, in, inOff, batch, conv, e, out, outOff, scratch, scratchOff, team);
    }

    /** The convolution on a given GEMM variant; conv2d and conv1d are this with the default one. */
    public static void run(GemmVariant variant, float[] in, int inOff, int batch, PackedConv conv, Epilogue e,
                           float[] out, int outOff, float[] scratch, int scratchOff, Team team) {
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0: " + batch);
        }
        if (conv.view().isIdentity()) {
            int cin = conv.view().cin();
            variant.gemm(batch * conv.view().h() * conv.view().w(), in, inOff, cin, conv.weights(), out, outOff,
                    conv.cout(), e, scratch, scratchOff, team);
        } else {
            Gemm.gemm(variant, conv.view(), batch, in, inOff, conv.weights(), out, outOff, e,
                    scratch, scratchOff, team);
        }
    }
}
