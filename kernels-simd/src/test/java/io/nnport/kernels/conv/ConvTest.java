package io.nnport.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.gemm.GemmVariant;
import io.nnport.kernels.gemm.Team;
import io.nnport.kernels.testing.Tolerance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Convolution through the GEMM driver against the direct-loop twin, and the twin against hand-computed cases. */
class ConvTest {

    private static final int IN_OFF = 3;
    private static final int OUT_OFF = 2;

    /** batch, h, w, cin, cout, kh, kw, stride h, stride w, dilation h, dilation w, padding. */
    private record Shape(int batch, int h, int w, int cin, int cout, int kh, int kw, int sh, int sw, int dh, int dw,
                         Padding padding) {
        @Override
        public String toString() {
            return String.format("conv2d [%d,%d,%d,%d] k=%dx%d s=%d,%d d=%d,%d %s -> %d", batch, h, w, cin, kh, kw, sh,
                    sw, dh, dw, padding, cout);
        }
    }

    private static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        for (Padding padding : Padding.values()) {
            shapes.add(new Shape(2, 7, 9, 3, 5, 3, 3, 1, 1, 1, 1, padding));
            shapes.add(new Shape(1, 11, 8, 4, 17, 3, 2, 2, 2, 1, 1, padding)); // stride 2, even kernel
            shapes.add(new Shape(2, 9, 10, 5, 33, 3, 3, 1, 1, 2, 2, padding)); // dilation 2
            shapes.add(new Shape(1, 13, 13, 7, 19, 5, 5, 3, 2, 1, 2, padding)); // odd everything
            shapes.add(new Shape(3, 5, 6, 37, 16, 1, 1, 1, 1, 1, 1, padding)); // 1x1: the plain GEMM
            shapes.add(new Shape(1, 7, 7, 6, 9, 1, 1, 2, 2, 1, 1, padding)); // 1x1 stride 2: im2col
            shapes.add(new Shape(1, 6, 20, 70, 40, 1, 7, 1, 1, 1, 1, padding)); // k = 490
            shapes.add(new Shape(1, 8, 9, 37, 20, 5, 5, 1, 1, 1, 1, padding)); // k = 925 > KC: block 2 starts mid-tap
        }
        return shapes;
    }

    @TestFactory
    Stream<DynamicNode> driverMatchesDirectLoops() {
        List<DynamicNode> tests = new ArrayList<>();
        for (GemmVariant variant : GemmVariant.available()) {
            for (Shape s : shapes()) {
                tests.add(dynamicTest(variant + " " + s, () -> assertMatchesTwin(variant, s)));
            }
        }
        return tests.stream();
    }

    private static void assertMatchesTwin(GemmVariant variant, Shape s) {
        Random random = new Random(s.hashCode());
        float[] in = fill(random, IN_OFF + s.batch * s.h * s.w * s.cin);
        float[] w = fill(random, s.kh * s.kw * s.cin * s.cout);
        float[] bias = fill(random, s.cout);
        Window rows = new Window(s.h, s.kh, s.sh, s.dh, s.padding);
        Window cols = new Window(s.w, s.kw, s.sw, s.dw, s.padding);
        PackedConv conv = Conv.pack2d(variant, w, 0, rows, cols, s.cin, s.cout);
        Epilogue e = Epilogue.bias(bias).then(Activation.RELU6, 0f);
        int outSize = OUT_OFF + s.batch * conv.outputSize() + 3;
        float[] expected = new float[outSize];
        float[] actual = new float[outSize];
        Arrays.fill(expected, Float.NaN);
        Arrays.fill(actual, Float.NaN);
        ConvScalar.conv2d(in, IN_OFF, s.batch, conv, e, expected, OUT_OFF, KernelContext.NO_SCRATCH);
        float[] scratch = new float[Conv.scratchFloats(variant, conv, s.batch, Team.SERIAL)];
        Conv.run(variant, in, IN_OFF, s.batch, conv, e, actual, OUT_OFF, KernelContext.serial(scratch));
        Tolerance.EXACT.assertMatches(expected, actual, variant + " " + s);
    }

    @Test
    void conv1dMatchesTwin() {
        for (GemmVariant variant : GemmVariant.available()) {
            for (Padding padding : Padding.values()) {
                Random random = new Random(8);
                int width = 31;
                int cin = 6;
                int cout = 21;
                float[] in = fill(random, 2 * width * cin);
                float[] w = fill(random, 7 * cin * cout);
                PackedConv conv = Conv.pack1d(variant, w, 0, new Window(width, 7, 2, 1, padding), cin, cout);
                float[] expected = new float[2 * conv.outputSize()];
                float[] actual = new float[expected.length];
                ConvScalar.conv2d(in, 0, 2, conv, Epilogue.NONE, expected, 0, KernelContext.NO_SCRATCH);
                Conv.run(variant, in, 0, 2, conv, Epilogue.NONE, actual, 0,
                        KernelContext.serial(new float[Conv.scratchFloats(variant, conv, 2, Team.SERIAL)]));
                Tolerance.EXACT.assertMatches(expected, actual, variant + " conv1d " + padding);
            }
        }
    }

    @Test
    void conv1dValidAndSameByHand() {
        // x = 1..5, one channel, filter [1, 0, -1]: out[i] = x[i-pad] - x[i-pad+2].
        float[] x = {1, 2, 3, 4, 5};
        float[] w = {1, 0, -1};
        assertArrayEquals(new float[] {-2, -2, -2}, scalar1d(x, w, Padding.VALID));
        // SAME: pad 1 before and 1 after: [0 - 2, 1 - 3, 2 - 4, 3 - 5, 4 - 0].
        assertArrayEquals(new float[] {-2, -2, -2, -2, 4}, scalar1d(x, w, Padding.SAME));
    }

    @Test
    void conv2dSameIsAsymmetricLikeTensorFlow() {
        // 3x3 input 1..9, 2x2 filter of ones, SAME stride 1: total pad 1, all of it after (bottom, right).
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 1, 1, 1};
        Window rows = new Window(3, 2, 1, 1, Padding.SAME);
        Window cols = new Window(3, 2, 1, 1, Padding.SAME);
        PackedConv conv = Conv.pack2d(GemmVariant.SCALAR, w, 0, rows, cols, 1, 1);
        float[] out = new float[9];
        ConvScalar.conv2d(x, 0, 1, conv, Epilogue.NONE, out, 0, KernelContext.NO_SCRATCH);
        assertArrayEquals(new float[] {12, 16, 9, 24, 28, 15, 15, 17, 9}, out);
    }

    @Test
    void conv2dStrideTwoByHand() {
        // 4x4 input 1..16, 2x2 ones, SAME stride 2: no padding needed, sums of the four 2x2 blocks.
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i + 1;
        }
        Window window = new Window(4, 2, 2, 1, Padding.SAME);
        PackedConv conv = Conv.pack2d(GemmVariant.SCALAR, new float[] {1, 1, 1, 1}, 0, window, window, 1, 1);
        float[] out = new float[4];
        ConvScalar.conv2d(x, 0, 1, conv, Epilogue.NONE, out, 0, KernelContext.NO_SCRATCH);
        assertArrayEquals(new float[] {14, 22, 46, 54}, out);
    }

    @Test
    void multiThreadedConvIsBitIdentical() {
        Random random = new Random(12);
        int width = 200;
        int cin = 16;
        int cout = 40;
        float[] in = fill(random, width * cin);
        float[] w = fill(random, 7 * cin * cout);
        PackedConv conv = Conv.pack1d(w, 0, new Window(width, 7, 1, 1, Padding.VALID), cin, cout);
        float[] serial = new float[conv.outputSize()];
        Conv.conv1d(in, 0, 1, conv, Epilogue.NONE, serial, 0, KernelContext.serial(new float[Conv.scratchFloats(conv,
                1, Team.SERIAL)]));
        try (Team team = Team.create(2)) {
            float[] threaded = new float[serial.length];
            Conv.conv1d(in, 0, 1, conv, Epilogue.NONE, threaded, 0, KernelContext.of(new float[Conv.scratchFloats(conv,
                    1, team)], 0, team));
            Tolerance.EXACT.assertMatches(serial, threaded, "conv1d on 2 threads");
        }
    }

    private static float[] scalar1d(float[] x, float[] w, Padding padding) {
        PackedConv conv = Conv.pack1d(GemmVariant.SCALAR, w, 0, new Window(x.length, w.length, 1, 1, padding), 1, 1);
        float[] out = new float[conv.outputSize()];
        ConvScalar.conv2d(x, 0, 1, conv, Epilogue.NONE, out, 0, KernelContext.NO_SCRATCH);
        return out;
    }

    private static float[] fill(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() * 2f - 1f;
        }
        return values;
    }
}
