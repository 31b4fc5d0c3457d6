package io.nnport.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.gemm.GemmVariant;
import io.nnport.kernels.gemm.Team;
import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Grouped convolution ({@link Conv} with groups &gt; 1) on every GEMM variant against its direct-loop
 * twin, and against G ungrouped convolutions on the channel slices, concatenated. Both comparisons
 * are exact: each output is the same fma chain over its group's taps in every form.
 */
class GroupedConvTest {

    private static final int IN_OFF = 3;
    private static final int OUT_OFF = 2;

    /** batch, h, w, groups, cin and cout per group, kh, kw, stride h, stride w, dilation h, dilation w, padding. */
    private record Shape(int batch, int h, int w, int groups, int groupCin, int groupCout, int kh, int kw, int sh,
                         int sw, int dh, int dw, Padding padding) {
        int cin() {
            return groups * groupCin;
        }

        int cout() {
            return groups * groupCout;
        }

        Window rows() {
            return new Window(h, kh, sh, dh, padding);
        }

        Window cols() {
            return new Window(w, kw, sw, dw, padding);
        }

        @Override
        public String toString() {
            return String.format("grouped conv2d [%d,%d,%d,%d] G=%d k=%dx%d s=%d,%d d=%d,%d %s -> %d", batch, h, w,
                    cin(), groups, kh, kw, sh, sw, dh, dw, padding, cout());
        }
    }

    /** G in {2, 3, 4} x cin/G in {1, 3, 8}, with strides, dilations, both paddings, batch 1 and 3. */
    private static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        int[] groupCouts = {5, 2, 17};
        int i = 0;
        for (int groups : new int[] {2, 3, 4}) {
            for (int groupCin : new int[] {1, 3, 8}) {
                for (Padding padding : new Padding[] {Padding.SAME, Padding.VALID}) {
                    int batch = i % 2 == 0 ? 1 : 3;
                    int groupCout = groupCouts[i % groupCouts.length];
                    shapes.add(new Shape(batch, 7, 9, groups, groupCin, groupCout, 3, 3, 1, 1, 1, 1, padding));
                    shapes.add(new Shape(batch, 11, 8, groups, groupCin, groupCout, 3, 2, 2, 2, 1, 1, padding));
                    shapes.add(new Shape(batch, 9, 10, groups, groupCin, groupCout, 3, 3, 1, 2, 2, 2, padding));
                    shapes.add(new Shape(batch, 5, 6, groups, groupCin, groupCout, 1, 1, 1, 1, 1, 1, padding));
                    i++;
                }
            }
        }
        // k = 9 * 64 = 576 > KC: two k blocks per group; 8 groups of 16 outputs, ResNeXt-like.
        shapes.add(new Shape(1, 6, 6, 2, 64, 16, 3, 3, 1, 1, 1, 1, Padding.SAME));
        shapes.add(new Shape(1, 8, 8, 8, 4, 4, 3, 3, 1, 1, 1, 1, Padding.SAME));
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

    @TestFactory
    Stream<DynamicNode> equalsUngroupedConvsOnChannelSlices() {
        List<DynamicNode> tests = new ArrayList<>();
        for (GemmVariant variant : GemmVariant.available()) {
            for (Shape s : shapes()) {
                tests.add(dynamicTest(variant + " " + s, () -> assertMatchesSlices(variant, s)));
            }
        }
        return tests.stream();
    }

    private static void assertMatchesTwin(GemmVariant variant, Shape s) {
        Layer layer = new Layer(s);
        PackedConv conv = Conv.pack2d(variant, layer.filter, 0, s.rows(), s.cols(), s.cin(), s.cout(), s.groups);
        float[] expected = output(conv, s.batch);
        float[] actual = output(conv, s.batch);
        ConvScalar.conv2d(layer.in, IN_OFF, s.batch, conv, layer.epilogue, expected, OUT_OFF, KernelContext.NO_SCRATCH);
        float[] scratch = new float[Conv.scratchFloats(variant, conv, s.batch, Team.SERIAL)];
        Conv.run(variant, layer.in, IN_OFF, s.batch, conv, layer.epilogue, actual, OUT_OFF,
                KernelContext.serial(scratch));
        Tolerance.EXACT.assertMatches(expected, actual, variant + " " + s);
    }

    /** The oracle: each group's channels copied out, convolved ungrouped, copied into its output channels. */
    private static void assertMatchesSlices(GemmVariant variant, Shape s) {
        Layer layer = new Layer(s);
        PackedConv grouped = Conv.pack2d(variant, layer.filter, 0, s.rows(), s.cols(), s.cin(), s.cout(), s.groups);
        float[] actual = output(grouped, s.batch);
        Conv.run(variant, layer.in, IN_OFF, s.batch, grouped, layer.epilogue, actual, OUT_OFF,
                KernelContext.serial(new float[Conv.scratchFloats(variant, grouped, s.batch, Team.SERIAL)]));

        float[] expected = output(grouped, s.batch);
        int pixelsIn = s.batch * s.h * s.w;
        int taps = s.kh * s.kw;
        for (int g = 0; g < s.groups; g++) {
            float[] sliceIn = new float[pixelsIn * s.groupCin];
            for (int pixel = 0; pixel < pixelsIn; pixel++) {
                System.arraycopy(layer.in, IN_OFF + pixel * s.cin() + g * s.groupCin, sliceIn, pixel * s.groupCin,
                        s.groupCin);
            }
            float[] sliceFilter = new float[taps * s.groupCin * s.groupCout];
            for (int row = 0; row < taps * s.groupCin; row++) {
                System.arraycopy(layer.filter, row * s.cout() + g * s.groupCout, sliceFilter, row * s.groupCout,
                        s.groupCout);
            }
            int from = g * s.groupCout;
            Epilogue sliceEpilogue = new Epilogue(Arrays.copyOfRange(layer.scale, from, from + s.groupCout),
                    Arrays.copyOfRange(layer.shift, from, from + s.groupCout), layer.epilogue.clampMin(),
                    layer.epilogue.clampMax(), layer.epilogue.activation(), layer.epilogue.alpha());
            PackedConv plain = Conv.pack2d(variant, sliceFilter, 0, s.rows(), s.cols(), s.groupCin, s.groupCout);
            float[] sliceOut = new float[s.batch * plain.outputSize()];
            Conv.run(variant, sliceIn, 0, s.batch, plain, sliceEpilogue, sliceOut, 0,
                    KernelContext.serial(new float[Conv.scratchFloats(variant, plain, s.batch, Team.SERIAL)]));
            for (int pixel = 0; pixel < sliceOut.length / s.groupCout; pixel++) {
                System.arraycopy(sliceOut, pixel * s.groupCout, expected, OUT_OFF + pixel * s.cout() + from,
                        s.groupCout);
            }
        }
        Tolerance.EXACT.assertMatches(expected, actual, variant + " " + s + " against " + s.groups + " slices");
    }

    @Test
    void conv1dMatchesTwin() {
        for (GemmVariant variant : GemmVariant.available()) {
            for (Padding padding : new Padding[] {Padding.SAME, Padding.VALID}) {
                Random random = Data.random(52);
                int width = 31;
                int cin = 12;
                int cout = 21;
                int groups = 3;
                float[] in = Data.uniform(random, 2 * width * cin, -1f, 1f);
                float[] w = Data.uniform(random, 5 * (cin / groups) * cout, -1f, 1f);
                PackedConv conv = Conv.pack1d(variant, w, 0, new Window(width, 5, 2, 1, padding), cin, cout, groups);
                float[] expected = new float[2 * conv.outputSize()];
                float[] actual = new float[expected.length];
                ConvScalar.conv2d(in, 0, 2, conv, Epilogue.NONE, expected, 0, KernelContext.NO_SCRATCH);
                Conv.run(variant, in, 0, 2, conv, Epilogue.NONE, actual, 0,
                        KernelContext.serial(new float[Conv.scratchFloats(variant, conv, 2, Team.SERIAL)]));
                Tolerance.EXACT.assertMatches(expected, actual, variant + " grouped conv1d " + padding);
            }
        }
    }

    /** Two groups, 1x1: input channel 0 feeds only output channel 0 (x2), channel 1 only output 1 (x3). */
    @Test
    void twoGroupsByHand() {
        float[] x = {1, 10, 2, 20, 3, 30};
        Window one = new Window(1, 1, 1, 1, Padding.VALID);
        PackedConv conv = Conv.pack2d(new float[] {2, 3}, 0, one, new Window(3, 1, 1, 1, Padding.VALID), 2, 2, 2);
        float[] out = new float[6];
        ConvScalar.conv2d(x, 0, 1, conv, Epilogue.NONE, out, 0, KernelContext.NO_SCRATCH);
        assertArrayEquals(new float[] {2, 30, 4, 60, 6, 90}, out);
        float[] facade = new float[6];
        Conv.conv2d(x, 0, 1, conv, Epilogue.NONE, facade, 0, KernelContext.serial(new float[Conv.scratchFloats(conv, 1,
                Team.SERIAL)]));
        assertArrayEquals(out, facade);
    }

    @Test
    void multiThreadedGroupedConvIsBitIdentical() {
        Shape s = new Shape(3, 20, 20, 4, 8, 16, 3, 3, 1, 1, 1, 1, Padding.SAME);
        Layer layer = new Layer(s);
        PackedConv conv = Conv.pack2d(layer.filter, 0, s.rows(), s.cols(), s.cin(), s.cout(), s.groups);
        float[] serial = output(conv, s.batch);
        Conv.conv2d(layer.in, IN_OFF, s.batch, conv, layer.epilogue, serial, OUT_OFF,
                KernelContext.serial(new float[Conv.scratchFloats(conv, s.batch, Team.SERIAL)]));
        try (Team team = Team.create(2)) {
            float[] threaded = output(conv, s.batch);
            Conv.conv2d(layer.in, IN_OFF, s.batch, conv, layer.epilogue, threaded, OUT_OFF,
                    KernelContext.of(new float[Conv.scratchFloats(conv, s.batch, team)], 0, team));
            Tolerance.EXACT.assertMatches(serial, threaded, s + " on 2 threads");
        }
    }

    @Test
    void rejectsGroupsThatDoNotDivideChannels() {
        Window window = new Window(4, 1, 1, 1, Padding.VALID);
        assertThrows(IllegalArgumentException.class, () -> Conv.pack2d(new float[12], 0, window, window, 6, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> Conv.pack2d(new float[12], 0, window, window, 6, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> Conv.pack2d(new float[12], 0, window, window, 6, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> Conv.pack1d(new float[12], 0, window, 6, 2, 4));
    }

    /** NaN-filled output with room around it, so a write outside the tensor shows. */
    private static float[] output(PackedConv conv, int batch) {
        float[] out = new float[OUT_OFF + batch * conv.outputSize() + 3];
        Arrays.fill(out, Float.NaN);
        return out;
    }

    /** Seeded input, filter and a BatchNorm + ReLU6 epilogue (per channel, so a wrong group slice shows). */
    private static final class Layer {
        final float[] in;
        final float[] filter;
        final float[] scale;
        final float[] shift;
        final Epilogue epilogue;

        Layer(Shape s) {
            Random random = Data.random(s.hashCode());
            in = Data.uniform(random, IN_OFF + s.batch * s.h * s.w * s.cin(), -1f, 1f);
            filter = Data.uniform(random, s.kh * s.kw * s.groupCin * s.cout(), -1f, 1f);
            scale = Data.uniform(random, s.cout(), 0.5f, 2f);
            shift = Data.uniform(random, s.cout(), -0.5f, 0.5f);
            epilogue = Epilogue.scaleShift(scale, shift).then(Activation.RELU6, 0f);
        }
    }
}
