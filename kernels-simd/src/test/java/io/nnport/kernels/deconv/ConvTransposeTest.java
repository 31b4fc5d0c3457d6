package io.nnport.kernels.deconv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Simd;
import io.nnport.kernels.Window;
import io.nnport.kernels.gemm.Team;
import io.nnport.kernels.testing.ActivationBounds;
import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ConvTranspose}: the scalar twin against hand-computed outputs and against the definition
 * written out plainly here (every input pixel spread over the output, summed in double), and the
 * facade (GEMM + col2im on the vector path) against the twin bit for bit on shapes around the
 * vector width, SAME / VALID / explicit padding, strides, dilations, offsets and epilogues.
 */
class ConvTransposeTest {

    private static final float SENTINEL = -12345.5f;

    /**
     * One input pixel [1, 1, 1, 2] = (1, 2), a 3x3 filter with w[y, x, 0, 0] = 10y + x and
     * w[y, x, 0, 1] = 1: every output pixel the filter covers is 1 * (10y + x) + 2 * 1.
     */
    @Test
    void onePixelByHand() {
        float[] w = new float[3 * 3 * 1 * 2];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                w[(y * 3 + x) * 2] = 10 * y + x;
                w[(y * 3 + x) * 2 + 1] = 1;
            }
        }
        float[] in = {1, 2};
        // VALID, stride 2: output 3x3 (forward: (3 - 3) / 2 + 1 = 1 input pixel), the whole filter.
        assertArrayEquals(new float[] {2, 3, 4, 12, 13, 14, 22, 23, 24},
                run(in, w, new Window(3, 3, 2, 1, Padding.VALID), new Window(3, 3, 2, 1, Padding.VALID), 1, 2,
                        Epilogue.NONE));
        // SAME, stride 2: output 2x2; the forward pads 1 at the end, so taps 0 and 1 land inside.
        assertArrayEquals(new float[] {2, 3, 12, 13},
                run(in, w, new Window(2, 3, 2, 1, Padding.SAME), new Window(2, 3, 2, 1, Padding.SAME), 1, 2,
                        Epilogue.NONE));
        // Explicit padding 1 before: taps 1 and 2 land inside a 2x2 output (13, 14, 23, 24); bias -13, ReLU.
        Window explicit = Window.explicit(2, 3, 1, 1, 1, 0);
        assertArrayEquals(new float[] {0, 1, 10, 11},
                run(in, w, explicit, explicit, 1, 2, Epilogue.bias(new float[] {-13}).then(Activation.RELU, 0f)));
    }

    /** Overlapping taps (stride 1) add up: input (1, 2) along W, filter (1, 10, 100) -> (1, 12, 120, 200). */
    @Test
    void overlappingTapsByHand() {
        float[] w = {1, 10, 100};
        Window rows = new Window(1, 1, 1, 1, Padding.VALID);
        Window cols = new Window(4, 3, 1, 1, Padding.VALID);
        assertArrayEquals(new float[] {1, 12, 120, 200}, run(new float[] {1, 2}, w, rows, cols, 1, 1, Epilogue.NONE));
        // Stride 2, dilation 2: input 0 lands at 0, 2, 4 and input 1 at 2, 4, 6 of a width-7 output.
        Window dilated = new Window(7, 3, 2, 2, Padding.VALID);
        assertArrayEquals(new float[] {1, 0, 12, 0, 120, 0, 200},
                run(new float[] {1, 2}, w, rows, dilated, 1, 1, Epilogue.NONE));
    }

    @Test
    void matchesDefinitionOnRandomLayers() {
        Random random = Data.random(101);
        for (int trial = 0; trial < 40; trial++) {
            int kh = 1 + random.nextInt(4);
            int kw = 1 + random.nextInt(4);
            int sh = 1 + random.nextInt(3);
            int sw = 1 + random.nextInt(3);
            int dh = 1 + random.nextInt(2);
            int dw = 1 + random.nextInt(2);
            int outH = (kh - 1) * dh + 1 + random.nextInt(7);
            int outW = (kw - 1) * dw + 1 + random.nextInt(7);
            Window rows = window(random, trial, outH, kh, sh, dh);
            Window cols = window(random, trial + 1, outW, kw, sw, dw);
            int cIn = 1 + random.nextInt(9);
            int cOut = 1 + random.nextInt(9);
            int batch = 1 + random.nextInt(2);
            float[] w = Data.uniform(random, kh * kw * cOut * cIn, -1f, 1f);
            float[] in = Data.uniform(random, batch * rows.out() * cols.out() * cIn, -1f, 1f);
            float[] expected = definition(in, w, rows, cols, cIn, cOut, batch);
            PackedConvTranspose layer = ConvTranspose.pack2d(w, 0, rows, cols, cOut, cIn);
            float[] actual = new float[batch * layer.outputSize()];
            ConvTransposeScalar.conv2dTranspose(in, 0, batch, layer, Epilogue.NONE, actual, 0,
                    KernelContext.NO_SCRATCH);
            Tolerance.APPROX.assertMatches(expected, actual, "definition vs twin " + describe(rows, cols, cIn, cOut));
        }
    }

    @Test
    void vectorMatchesScalar() {
        Random random = Data.random(102);
        int lanes = Simd.lanes();
        int[] channelCounts = {1, 3, lanes - 1, lanes, lanes + 1, 2 * lanes + 3};
        Epilogue[] epilogues = new Epilogue[4];
        int trial = 0;
        for (int cOut : channelCounts) {
            if (cOut < 1) {
                continue;
            }
            float[] bias = Data.uniform(random, cOut, -0.5f, 0.5f);
            float[] scale = Data.uniform(random, cOut, 0.5f, 1.5f);
            epilogues[0] = Epilogue.NONE;
            epilogues[1] = Epilogue.bias(bias).then(Activation.RELU, 0f);
            epilogues[2] = Epilogue.scaleShift(scale, bias).then(Activation.SIGMOID, 0f);
            epilogues[3] = new Epilogue(scale, null, -0.25f, 0.5f, Activation.LEAKY_RELU, 0.1f);
            for (int cIn : new int[] {1, 5, 17}) {
                for (Padding padding : new Padding[] {Padding.SAME, Padding.VALID, Padding.EXPLICIT}) {
                    for (Epilogue e : epilogues) {
                        trial++;
                        int stride = 1 + trial % 3;
                        int dilation = 1 + trial % 2;
                        Window rows = padding == Padding.EXPLICIT ? Window.explicit(9, 3, stride, dilation, 2, 1)
                                : new Window(9, 3, stride, dilation, padding);
                        Window cols = padding == Padding.EXPLICIT ? Window.explicit(8, 2, stride, 1, 0, 2)
                                : new Window(8, 2, stride, 1, padding);
                        compareTwins(random, rows, cols, cIn, cOut, 2, e);
                    }
                }
            }
        }
        // More input pixels than one GEMM row block: the blocks must not change the order of the sums.
        compareTwins(random, new Window(64, 3, 2, 1, Padding.SAME), new Window(32, 3, 1, 1, Padding.SAME), 7, 9, 2,
                Epilogue.NONE);
    }

    @Test
    void rejectsBadArguments() {
        Window rows = new Window(4, 3, 1, 1, Padding.SAME);
        assertThrows(IndexOutOfBoundsException.class, () -> ConvTranspose.pack2d(new float[17], 0, rows, rows, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> ConvTranspose.pack2d(new float[18], 0, rows, rows, 0, 1));
        PackedConvTranspose layer = ConvTranspose.pack2d(new float[18], 0, rows, rows, 2, 1);
        float[] scratch = new float[ConvTranspose.scratchFloats(layer, 1, Team.SERIAL)];
        assertThrows(IndexOutOfBoundsException.class, () -> ConvTranspose.conv2dTranspose(new float[15], 0, 1, layer,
                Epilogue.NONE, new float[32], 0, KernelContext.serial(scratch)));
        assertThrows(IndexOutOfBoundsException.class, () -> ConvTranspose.conv2dTranspose(new float[16], 0, 1, layer,
                Epilogue.NONE, new float[31], 0, KernelContext.serial(scratch)));
        assertThrows(IllegalArgumentException.class, () -> ConvTranspose.conv2dTranspose(new float[16], 0, 1, layer,
                Epilogue.bias(new float[1]), new float[32], 0, KernelContext.serial(scratch)));
    }

    // ---- helpers ----

    private static void compareTwins(Random random, Window rows, Window cols, int cIn, int cOut, int batch,
                                     Epilogue e) {
        int inOff = 3;
        int outOff = 5;
        float[] w = Data.uniform(random, rows.size() * cols.size() * cOut * cIn, -1f, 1f);
        PackedConvTranspose layer = ConvTranspose.pack2d(w, 0, rows, cols, cOut, cIn);
        float[] in = Data.uniform(random, inOff + batch * layer.inputSize(), -2f, 2f);
        in[in.length / 2] = Float.NaN;
        float[] expected = filled(outOff + batch * layer.outputSize() + 2);
        float[] actual = filled(expected.length);
        ConvTransposeScalar.conv2dTranspose(in, inOff, batch, layer, e, expected, outOff, KernelContext.NO_SCRATCH);
        float[] scratch = new float[ConvTranspose.scratchFloats(layer, batch, Team.SERIAL) + 1];
        ConvTranspose.conv2dTranspose(in, inOff, batch, layer, e, actual, outOff, KernelContext.of(scratch, 1,
                Team.SERIAL));
        String context = describe(rows, cols, cIn, cOut) + " " + e.activation();
        ActivationBounds.assertMatches(e.activation(), expected, 0, actual, 0, expected.length, context);
        assertArrayEquals(Arrays.copyOf(expected, outOff), Arrays.copyOf(actual, outOff), context + " before out");
    }

    /** Every input pixel times every tap, added where it lands, in double. */
    private static float[] definition(float[] in, float[] w, Window rows, Window cols, int cIn, int cOut, int batch) {
        int inH = rows.out();
        int inW = cols.out();
        int outH = rows.in();
        int outW = cols.in();
        double[] sum = new double[batch * outH * outW * cOut];
        for (int b = 0; b < batch; b++) {
            for (int ih = 0; ih < inH; ih++) {
                for (int iw = 0; iw < inW; iw++) {
                    for (int y = 0; y < rows.size(); y++) {
                        for (int x = 0; x < cols.size(); x++) {
                            int oh = ih * rows.stride() - rows.padBefore() + y * rows.dilation();
                            int ow = iw * cols.stride() - cols.padBefore() + x * cols.dilation();
                            if (oh < 0 || oh >= outH || ow < 0 || ow >= outW) {
                                continue;
                            }
                            for (int co = 0; co < cOut; co++) {
                                for (int ci = 0; ci < cIn; ci++) {
                                    sum[((b * outH + oh) * outW + ow) * cOut + co] +=
                                            (double) in[((b * inH + ih) * inW + iw) * cIn + ci]
                                                    * w[((y * cols.size() + x) * cOut + co) * cIn + ci];
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float) sum[i];
        }
        return out;
    }

    private static Window window(Random random, int salt, int out, int size, int stride, int dilation) {
        return switch ((salt + random.nextInt(3)) % 3) {
            case 0 -> new Window(out, size, stride, dilation, Padding.SAME);
            case 1 -> new Window(out, size, stride, dilation, Padding.VALID);
            default -> Window.explicit(out, size, stride, dilation, random.nextInt(size), random.nextInt(size));
        };
    }

    private static float[] run(float[] in, float[] w, Window rows, Window cols, int cOut, int cIn, Epilogue e) {
        PackedConvTranspose layer = ConvTranspose.pack2d(w, 0, rows, cols, cOut, cIn);
        float[] expected = new float[layer.outputSize()];
        ConvTransposeScalar.conv2dTranspose(in, 0, 1, layer, e, expected, 0, KernelContext.NO_SCRATCH);
        float[] actual = new float[layer.outputSize()];
        float[] scratch = new float[ConvTranspose.scratchFloats(layer, 1, Team.SERIAL)];
        ConvTranspose.conv2dTranspose(in, 0, 1, layer, e, actual, 0, KernelContext.serial(scratch));
        assertArrayEquals(expected, actual, "facade vs twin " + describe(rows, cols, cIn, cOut));
        return expected;
    }

    private static String describe(Window rows, Window cols, int cIn, int cOut) {
        return "conv2d_transpose rows " + rows + " cols " + cols + " cIn " + cIn + " cOut " + cOut;
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, SENTINEL);
        return a;
    }
}
