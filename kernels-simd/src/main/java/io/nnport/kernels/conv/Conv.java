package io.nnport.kernels.conv;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.gemm.Gemm;
import io.nnport.kernels.gemm.GemmVariant;
import io.nnport.kernels.gemm.Im2col;
import io.nnport.kernels.gemm.PackedB;
import io.nnport.kernels.gemm.Team;

/**
 * Convolution facade: conv2d over NHWC and conv1d over NWC with TensorFlow's weights layout (HWIO,
 * and [kw, cin, cout] for Keras Conv1D), SAME (extra padding at the end, as TF) or VALID, any
 * strides and dilations. A layer is packed once at load ({@link #pack2d}, {@link #pack1d}); each
 * call then runs the GEMM driver with im2col writing the packed A slivers straight from the
 * input (no im2col matrix, no GEMM of its own), and a 1x1 stride-1 convolution is the plain GEMM
 * on the input. Numerics are the GEMM's: every output is one fma chain over (kh, kw, cin) in that
 * order, padded taps multiplying a zero, so {@link ConvScalar} agrees bit for bit.
 *
 * <p><b>Groups</b> (TensorFlow's Conv2D whose filter depth is cin / G, ONNX Conv's {@code group}):
 * input channels [g * cin/G, (g+1) * cin/G) feed only output channels [g * cout/G, (g+1) * cout/G),
 * and the filter is HWIO [kh, kw, cin/G, cout], output channel o belonging to group o / (cout/G).
 * Each group is packed as its own B at load, and a call runs the GEMM driver once per group: im2col
 * reads the group's channel slice, C is the group's channel slice of the output, and the epilogue
 * (one for the whole layer) is read from the group's first channel on. The call is the same as for
 * G = 1. Depthwise convolution (cin/G = 1) has its own kernel; it works here, without its speed.
 */
public final class Conv {

    private Conv() {}

    /**
     * Packs a 2-D layer: HWIO weights {@code w[wOff + ((y*kw + x)*cin + ci)*cout + co]}, windows
     * {@code rows} (input height, kh, stride, dilation, padding) and {@code cols} (the same along W).
     */
    public static PackedConv pack2d(float[] w, int wOff, Window rows, Window cols, int cin, int cout) {
        return pack2d(GemmVariant.DEFAULT, w, wOff, rows, cols, cin, cout, 1);
    }

    /**
     * Packs a grouped 2-D layer: {@code cin} input channels in all, HWIO weights
     * {@code w[wOff + ((y*kw + x)*(cin/groups) + ci)*cout + co]} (see the class comment).
     *
     * @throws IllegalArgumentException if groups is below 1 or does not divide cin and cout
     */
    public static PackedConv pack2d(float[] w, int wOff, Window rows, Window cols, int cin, int cout, int groups) {
        return pack2d(GemmVariant.DEFAULT, w, wOff, rows, cols, cin, cout, groups);
    }

    /** {@link #pack2d} for a given GEMM variant (tests and benchmarks). */
    public static PackedConv pack2d(GemmVariant variant, float[] w, int wOff, Window rows, Window cols, int cin,
                                    int cout) {
        return pack2d(variant, w, wOff, rows, cols, cin, cout, 1);
    }

    /** The grouped {@link #pack2d} for a given GEMM variant (tests and benchmarks). */
    public static PackedConv pack2d(GemmVariant variant, float[] w, int wOff, Window rows, Window cols, int cin,
                                    int cout, int groups) {
        return new PackedConv(packGroups(variant, w, wOff, rows.size() * cols.size(), cin, cout, groups), rows,
                cols, cin, false);
    }

    /** Packs a 1-D layer: weights {@code w[wOff + (x*cin + ci)*cout + co]}, window {@code cols} along W. */
    public static PackedConv pack1d(float[] w, int wOff, Window cols, int cin, int cout) {
        return pack1d(GemmVariant.DEFAULT, w, wOff, cols, cin, cout, 1);
    }

    /**
     * Packs a grouped 1-D layer: weights {@code w[wOff + (x*(cin/groups) + ci)*cout + co]}.
     *
     * @throws IllegalArgumentException if groups is below 1 or does not divide cin and cout
     */
    public static PackedConv pack1d(float[] w, int wOff, Window cols, int cin, int cout, int groups) {
        return pack1d(GemmVariant.DEFAULT, w, wOff, cols, cin, cout, groups);
    }

    /** {@link #pack1d} for a given GEMM variant (tests and benchmarks). */
    public static PackedConv pack1d(GemmVariant variant, float[] w, int wOff, Window cols, int cin, int cout) {
        return pack1d(variant, w, wOff, cols, cin, cout, 1);
    }

    /** The grouped {@link #pack1d} for a given GEMM variant (tests and benchmarks). */
    public static PackedConv pack1d(GemmVariant variant, float[] w, int wOff, Window cols, int cin, int cout,
                                    int groups) {
        Window rows = new Window(1, 1, 1, 1, Padding.VALID);
        return new PackedConv(packGroups(variant, w, wOff, cols.size(), cin, cout, groups), rows, cols, cin, true);
    }

    /**
     * One B per group: rows (tap, ci) of the group's cin/G channels, its cout/G columns of the
     * filter (row stride cout).
     */
    private static PackedB[] packGroups(GemmVariant variant, float[] w, int wOff, int taps, int cin, int cout,
                                        int groups) {
        if (groups < 1 || cin % groups != 0 || cout % groups != 0) {
            throw new IllegalArgumentException("groups must be >= 1 and divide cin and cout: groups=" + groups
                    + " cin=" + cin + " cout=" + cout);
        }
        int k = taps * (cin / groups);
        int groupCout = cout / groups;
        PackedB[] packed = new PackedB[groups];
        for (int g = 0; g < groups; g++) {
            packed[g] = variant.packB(w, wOff + g * groupCout, cout, k, groupCout);
        }
        return packed;
    }

    /** Scratch floats a call with {@code batch} images needs (one region per thread of {@code team}). */
    public static int scratchFloats(PackedConv conv, int batch, Team team) {
        return scratchFloats(GemmVariant.DEFAULT, conv, batch, team);
    }

    /** {@link #scratchFloats(PackedConv, int, Team)} for a given variant. */
    public static int scratchFloats(GemmVariant variant, PackedConv conv, int batch, Team team) {
        int m = batch * conv.view().outH() * conv.view().outW();
        return variant.scratchFloatsPerThread(m, conv.view().k()) * team.threads();
    }

    /**
     * {@code out = e(conv2d(in, weights))}: in is [batch, h, w, cin] at inOff, out is
     * [batch, outH, outW, cout] at outOff (written, never read); ctx's scratch holds
     * {@link #scratchFloats(PackedConv, int, Team)} floats for its team. Allocation-free.
     */
    public static void conv2d(float[] in, int inOff, int batch, PackedConv conv, Epilogue e, float[] out, int outOff,
                              KernelContext ctx) {
        run(GemmVariant.DEFAULT, in, inOff, batch, conv, e, out, outOff, ctx);
    }

    /** {@code out = e(conv1d(in, weights))}: in is [batch, w, cin], out [batch, outW, cout]. */
    public static void conv1d(float[] in, int inOff, int batch, PackedConv conv, Epilogue e, float[] out, int outOff,
                              KernelContext ctx) {
        if (!conv.oneDimensional()) {
            throw new IllegalArgumentException("conv1d needs a layer packed by pack1d");
        }
        run(GemmVariant.DEFAULT, in, inOff, batch, conv, e, out, outOff, ctx);
    }

    /** The convolution on a given GEMM variant; conv2d and conv1d are this with the default one. */
    public static void run(GemmVariant variant, float[] in, int inOff, int batch, PackedConv conv, Epilogue e,
                           float[] out, int outOff, KernelContext ctx) {
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0: " + batch);
        }
        Im2col view = conv.view();
        if (view.isIdentity()) {
            variant.gemm(batch * view.h() * view.w(), in, inOff, view.cin(), conv.weights(0), out, outOff,
                    conv.cout(), e, ctx);
            return;
        }
        float[] scratch = ctx.scratch();
        int scratchOff = ctx.scratchOffset();
        Team team = ctx.team();
        int groupCin = conv.groupCin();
        int groupCout = conv.groupCout();
        for (int g = 0; g < conv.groups(); g++) {
            Gemm.gemm(variant, view, batch, in, inOff + g * groupCin, conv.weights(g), out, outOff + g * groupCout,
                    conv.cout(), e, g * groupCout, scratch, scratchOff, team);
        }
    }
}
