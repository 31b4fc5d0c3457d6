package io.nnport.kernels.conv;

import io.nnport.kernels.Window;
import io.nnport.kernels.gemm.Im2col;
import io.nnport.kernels.gemm.PackedB;

/**
 * One convolution layer, prepared at load: per group, its HWIO weights packed as the GEMM's B
 * (k = kh * kw * cin / groups rows, cout / groups columns), and its geometry (input size, windows,
 * padding, the channels of one group) as an {@link Im2col} view shared by the groups. Immutable;
 * share it between threads. Made by {@link Conv#pack2d} or {@link Conv#pack1d}.
 */
public final class PackedConv {

    private final PackedB[] weights;
    private final Im2col view;
    private final boolean oneDimensional;

    PackedConv(PackedB[] weights, Window rows, Window cols, int cin, boolean oneDimensional) {
        this.weights = weights;
        this.view = new Im2col(rows, cols, cin / weights.length, cin);
        this.oneDimensional = oneDimensional;
        if (view.k() != weights[0].k()) {
            throw new IllegalArgumentException("weights have k=" + weights[0].k() + ", geometry needs " + view.k());
        }
    }

    /** The packed weights of group {@code group}: the GEMM's B for its channels. */
    public PackedB weights(int group) {
        return weights[group];
    }

    /** The geometry: the GEMM's A view of one group's input channels. */
    public Im2col view() {
        return view;
    }

    /** True for a layer made by {@link Conv#pack1d}. */
    public boolean oneDimensional() {
        return oneDimensional;
    }

    /** Groups G: 1 for a plain convolution. */
    public int groups() {
        return weights.length;
    }

    /** Input channels of one group. */
    public int groupCin() {
        return view.cin();
    }

    /** Output channels of one group. */
    public int groupCout() {
        return weights[0].n();
    }

    /** Output channels of the layer. */
    public int cout() {
        return weights.length * weights[0].n();
    }

    /** Floats of one output image: outH * outW * cout. */
    public int outputSize() {
        return view.outH() * view.outW() * cout();
    }
}
