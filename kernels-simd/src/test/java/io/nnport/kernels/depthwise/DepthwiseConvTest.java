package io.nnport.kernels.depthwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.testing.ActivationBounds;
import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DepthwiseConv} against {@link DepthwiseConvScalar} (same fma chain: EXACT but for
 * transcendental activations), the scalar twin against a naive loop that tests every tap against
 * the input bounds, and hand-computed TensorFlow cases.
 */
class DepthwiseConvTest {

    @Test
    void sameThreeByThreeOfOnesSumsTheNeighbourhood() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        Window win = new Window(3, 3, 1, 1, Padding.SAME);
        float[] y = new float[9];
        DepthwiseConv.apply(DepthwiseSpec.of(win, win, 1, 1, ones, Epilogue.NONE), x, 0, y, 0, 1);
        assertArrayEquals(new float[] {12, 21, 16, 27, 45, 33, 24, 39, 28}, y);
    }

    @Test
    void multiplierTwoWithBiasAndRelu6() {
        // 1 channel, 2x2 input, 1x1 filter with multiplier 2: weights [2, -1], bias [0, 10], relu6
        float[] x = {1, 2, 3, 4};
        Window one = new Window(2, 1, 1, 1, Padding.VALID);
        Epilogue e = Epilogue.bias(new float[] {0, 10}).then(Activation.RELU6, 0f);
        float[] y = new float[8];
        DepthwiseConv.apply(DepthwiseSpec.of(one, one, 1, 2, new float[] {2, -1}, e), x, 0, y, 0, 1);
        assertArrayEquals(new float[] {2, 6, 4, 6, 6, 6, 6, 6}, y);
    }

    @Test
    void stridedValidTwoChannels() {
        // [1, 1, 4, 2] input, 1x2 filter stride 2 VALID: channel 0 weights [1, 10], channel 1 [-1, 0]
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        Window h = new Window(1, 1, 1, 1, Padding.VALID);
        Window w = new Window(4, 2, 2, 1, Padding.VALID);
        float[] filter = {1, -1, 10, 0}; // [kh=1, kw=2, c=2, m=1]
        float[] y = new float[4];
        DepthwiseConv.apply(DepthwiseSpec.of(h, w, 2, 1, filter, Epilogue.NONE), x, 0, y, 0, 1);
        assertArrayEquals(new float[] {1 + 30, -2, 5 + 70, -6}, y);
    }

    @Test
    void matchesTwinAndNaiveOnRandomLayers() {
        Random random = Data.random(1200);
        int[] channelChoices = {1, 2, 3, 7, 8, 15, 16, 17, 32, 33, 64, 70};
        Activation[] activations = {Activation.NONE, Activation.RELU, Activation.RELU6, Activation.SWISH,
            Activation.SIGMOID, Activation.LEAKY_RELU};
        for (int trial = 0; trial < 120; trial++) {
            int channels = channelChoices[random.nextInt(channelChoices.length)];
            int mult = 1 + (random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0);
            Window h = randomWindow(random);
            Window w = randomWindow(random);
            int cout = channels * mult;
            float[] filter = Data.uniform(random, h.size() * w.size() * cout, -1, 1);
            Activation act = activations[random.nextInt(activations.length)];
            Epilogue e = switch (random.nextInt(3)) {
                case 0 -> Epilogue.NONE.then(act, 0.1f);
                case 1 -> Epilogue.bias(Data.uniform(random, cout, -1, 1)).then(act, 0.1f);
                default -> Epilogue.scaleShift(Data.uniform(random, cout, 0.5f, 2f), Data.uniform(random, cout, -1, 1))
                        .then(act, 0.1f);
            };
            DepthwiseSpec spec = DepthwiseSpec.of(h, w, channels, mult, filter, e);
            int batch = random.nextInt(3);
            int off = random.nextInt(3);
            float[] src = Data.uniform(random, off + (int) spec.inLength(batch), -2, 2);
            int n = (int) spec.outLength(batch);
            float[] scalar = new float[off + n];
            float[] vector = new float[off + n];
            DepthwiseConvScalar.apply(spec, src, off, scalar, off, batch);
            DepthwiseConv.apply(spec, src, off, vector, off, batch);
            String context = "depthwise " + h + " " + w + " C=" + channels + " m=" + mult + " " + act + " batch=" + batch;
            ActivationBounds.assertMatches(e.activation(), scalar, off, vector, off, n, context);
            float[] expected = naive(spec, src, off, batch);
            ActivationBounds.assertMatches(e.activation(), expected, 0, scalar, off, n, "scalar " + context);
        }
    }

    @Test
    void rejectsMismatchedWeights() {
        Window win = new Window(4, 3, 1, 1, Padding.SAME);
        assertThrows(IllegalArgumentException.class, () -> DepthwiseSpec.of(win, win, 2, 1, new float[17], Epilogue.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> DepthwiseSpec.of(win, win, 2, 1, new float[18], Epilogue.bias(new float[1])));
        DepthwiseSpec spec = DepthwiseSpec.of(win, win, 2, 1, new float[18], Epilogue.NONE);
        assertThrows(IndexOutOfBoundsException.class, () -> DepthwiseConv.apply(spec, new float[31], 0,
                new float[32], 0, 1));
    }

    private static Window randomWindow(Random random) {
        int size = 1 + random.nextInt(3);
        int dilation = random.nextInt(4) == 0 ? 2 : 1;
        int stride = dilation == 1 ? 1 + random.nextInt(2) : 1;
        Padding padding = random.nextBoolean() ? Padding.SAME : Padding.VALID;
        int effective = (size - 1) * dilation + 1;
        int in = (padding == Padding.VALID ? effective : 1) + random.nextInt(7);
        return new Window(in, size, stride, dilation, padding);
    }

    /** Every tap checked against the input bounds, the same fma chain, then the epilogue. */
    private static float[] naive(DepthwiseSpec spec, float[] src, int off, int batch) {
        Window h = spec.h();
        Window w = spec.w();
        int cout = spec.outChannels();
        float[] out = new float[(int) spec.outLength(batch)];
        int at = 0;
        for (int b = 0; b < batch; b++) {
            for (int oy = 0; oy < h.out(); oy++) {
                for (int ox = 0; ox < w.out(); ox++) {
                    for (int oc = 0; oc < cout; oc++) {
                        float acc = 0f;
                        for (int ky = 0; ky < h.size(); ky++) {
                            int iy = h.inputIndex(oy, ky);
                            for (int kx = 0; kx < w.size(); kx++) {
                                int ix = w.inputIndex(ox, kx);
                                if (iy >= 0 && iy < h.in() && ix >= 0 && ix < w.in()) {
                                    float x = src[off + ((b * h.in() + iy) * w.in() + ix) * spec.channels()
                                            + oc / spec.multiplier()];
                                    acc = Math.fma(x, spec.filter()[(ky * w.size() + kx) * cout + oc], acc);
                                }
                            }
                        }
                        out[at++] = spec.epilogue().apply(acc, oc);
                    }
                }
            }
        }
        return out;
    }
}
