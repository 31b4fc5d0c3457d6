package io.nnport.kernels.conv;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.gemm.FloatRuns;
import io.nnport.kernels.gemm.Gemm;
import io.nnport.kernels.gemm.GemmVariant;
import io.nnport.kernels.gemm.Im2col;
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

    /** The window along H of a 1-D layer: one row, one tap. */
    private static final Window ONE_ROW = new Window(1, 1, 1, 1, Padding.VALID);

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
        return pack(variant, filter(w, wOff, rows.size() * cols.size(), cin, cout, groups), rows, cols, cin, cout,
                groups, false);
    }

    /** {@link #pack2d} from a filter streamed in HWIO order (a weights resource read at load). */
    public static PackedConv pack2d(FloatRuns w, Window rows, Window cols, int cin, int cout) {
        return pack2d(w, rows, cols, cin, cout, 1);
    }

    /** The grouped {@link #pack2d} from a filter streamed in HWIO order. */
    public static PackedConv pack2d(FloatRuns w, Window rows, Window cols, int cin, int cout, int groups) {
        return pack(GemmVariant.DEFAULT, w, rows, cols, cin, cout, groups, false);
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
        return pack(variant, filter(w, wOff, cols.size(), cin, cout, groups), ONE_ROW, cols, cin, cout, groups, true);
    }

    /** {@link #pack1d} from a filter streamed in [kw, cin, cout] order (a weights resource read at load). */
    public static PackedConv pack1d(FloatRuns w, Window cols, int cin, int cout) {
        return pack1d(w, cols, cin, cout, 1);
    }

    /** The grouped {@link #pack1d} from a filter streamed in [kw, cin/groups, cout] order. */
    public static PackedConv pack1d(FloatRuns w, Window cols, int cin, int cout, int groups) {
        return pack(GemmVariant.DEFAULT, w, ONE_ROW, cols, cin, cout, groups, true);
    }

    /** The filter's elements in {@code w} from {@code wOff}: taps x cin/groups x cout of them. */
    private static FloatRuns filter(float[] w, int wOff, int taps, int cin, int cout, int groups) {
        checkGroups(cin, cout, groups);
        return FloatRuns.of(w, wOff, (long) taps * (cin / groups) * cout);
    }

    private static void checkGroups(int cin, int cout, int groups) {
        if (groups < 1 || cin % groups != 0 || cout % groups != 0) {
            throw new IllegalArgumentException("groups must be >= 1 and divide cin and cout: groups=" + groups
                    + " cin=" + cin + " cout=" + cout);
        }
    }

    /**
     * One B per group: rows (tap, ci) of the group's cin/G channels, its cout/G columns of the
     * filter (row stride cout), packed in one pass over the filter.
     */
    private static PackedConv pack(GemmVariant variant, FloatRuns w, Window rows, Window cols, int cin, int cout,
                                   int groups, boolean oneDimensional) {
        checkGroups(cin, cout, groups);
        int k = rows.size() * cols.size() * (cin / groups);
        return new PackedConv(variant.packGroups(w, k, cout, groups), rows, cols, cin, oneDimensional);
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
