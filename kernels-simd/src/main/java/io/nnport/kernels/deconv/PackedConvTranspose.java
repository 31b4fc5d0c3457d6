package io.nnport.kernels.deconv;

import io.nnport.kernels.Window;
import io.nnport.kernels.gemm.PackedB;

/**
 * A transposed 2-D convolution layer packed once at load by {@link ConvTranspose#pack2d}: one GEMM
 * B operand per filter tap (y, x), {@code B_t[ci][co] = w[y, x, co, ci]}, cIn x cOut, packed for the
 * default GEMM variant, and the geometry. Immutable; share it between threads.
 *
 * <p>Geometry is that of the forward convolution this layer transposes: {@link #rows()} and
 * {@link #cols()} are its windows over the transposed convolution's output (height and width),
 * and their {@code out()} is this layer's input size.
 */
public final class PackedConvTranspose {

    private final PackedB[] taps;
    private final Window rows;
    private final Window cols;
    private final int cIn;
    private final int cOut;

    PackedConvTranspose(PackedB[] taps, Window rows, Window cols, int cIn, int cOut) {
        this.taps = taps;
        this.rows = rows;
        this.cols = cols;
        this.cIn = cIn;
        this.cOut = cOut;
    }

    /** Tap {@code t = y * kw + x} as a packed cIn x cOut matrix. */
    PackedB tap(int t) {
        return taps[t];
    }

    /** Window along H: in() is the output height, out() the input height. */
    public Window rows() {
        return rows;
    }

    /** Window along W: in() is the output width, out() the input width. */
    public Window cols() {
        return cols;
    }

    /** Channels of the input (the filter's last axis). */
    public int cIn() {
        return cIn;
    }

    /** Channels of the output (the filter's third axis). */
    public int cOut() {
        return cOut;
    }

    /** Floats of one input image: inH * inW * cIn. */
    public int inputSize() {
        return rows.out() * cols.out() * cIn;
    }

    /** Floats of one output image: outH * outW * cOut. */
    public int outputSize() {
        return rows.in() * cols.in() * cOut;
    }
}
