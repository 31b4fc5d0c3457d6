package io.nnport.kernels.conv;

import io.nnport.kernels.Window;
import io.nnport.kernels.gemm.Im2col;
import io.nnport.kernels.gemm.PackedB;

/**
 * One convolution layer, prepared at load: its HWIO weights packed as the GEMM's B
 * (k = kh * kw * cin rows, cout columns) and its geometry (input size, windows, padding) as an
 * {@link Im2col} view. Immutable; share it between threads. Made by {@link Conv#pack2d} or
 * {@link Conv#pack1d}.
 */
public final class PackedConv {

    private final PackedB weights;
    private final Im2col view;
    private final boolean oneDimensional;

    PackedConv(PackedB weights, Window rows, Window cols, int cin, boolean oneDimensional) {
        this.weights = weights;
        this.view = new Im2col(rows, cols, cin);
        this.oneDimensional = oneDimensional;
        if (view.k() != weights.k()) {
            throw new IllegalArgumentException("weights have k=" + weights.k() + ", geometry needs " + view.k());
        }
    }

    /** The packed weights, the GEMM's B. */
    public PackedB weights() {
        return weights;
    }

    /** The geometry, the GEMM's A view of the input. */
    public Im2col view() {
        return view;
    }

    /** True for a layer made by {@link Conv#pack1d}. */
    public boolean oneDimensional() {
        return oneDimensional;
    }

    /** Output channels. */
    public int cout() {
        return weights.n();
    }

    /** Floats of one output image: outH * outW * cout. */
    public int outputSize() {
        return view.outH() * view.outW() * weights.n();
    }
}
