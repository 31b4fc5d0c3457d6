package io.nnport.kernels.resize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.Simd;
import io.nnport.kernels.resize.NearestRule.Coordinates;
import io.nnport.kernels.resize.NearestRule.Rounding;
import io.nnport.kernels.testing.Data;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ResizeNearest} (vector when available) against {@link ResizeNearestScalar} bit for bit, and
 * every {@link NearestRule} against hand-computed indices and a direct formula written out here.
 */
class ResizeNearestTest {

    /** Output index -&gt; input index for each TensorFlow mode, worked out by hand (see each line). */
    @Test
    void tensorflowIndicesByHand() {
        // 3 -> 5, ratio 3/5: x = 0, .6, 1.2, 1.8, 2.4 -> floor.
        assertIndices(new int[] {0, 0, 1, 1, 2}, NearestRule.tensorflow(false, false), 3, 5);
        // half_pixel_centers, no -0.5 shift: x = .3, .9, 1.5, 2.1, 2.7 -> floor.
        assertIndices(new int[] {0, 0, 1, 2, 2}, NearestRule.tensorflow(false, true), 3, 5);
        // align_corners: ratio 2/4: x = 0, .5, 1, 1.5, 2 -> roundf (halves up).
        assertIndices(new int[] {0, 1, 1, 2, 2}, NearestRule.tensorflow(true, false), 3, 5);
        // Down 5 -> 2: ratio 2.5: x = 0, 2.5; half pixel 1.25, 3.75; align_corners ratio 4: 0, 4.
        assertIndices(new int[] {0, 2}, NearestRule.tensorflow(false, false), 5, 2);
        assertIndices(new int[] {1, 3}, NearestRule.tensorflow(false, true), 5, 2);
        assertIndices(new int[] {0, 4}, NearestRule.tensorflow(true, false), 5, 2);
        // align_corners to one output: TensorFlow's ratio is then in/out, x = 0.
        assertIndices(new int[] {0}, NearestRule.tensorflow(true, false), 4, 1);
    }

    /** The ONNX coordinate transforms and nearest modes on cases whose x is exact in float. */
    @Test
    void onnxIndicesByHand() {
        // half_pixel 2 -> 4, ratio 1/2: x = -.25, .25, .75, 1.25.
        assertIndices(new int[] {0, 0, 0, 1}, rule(Coordinates.HALF_PIXEL, Rounding.FLOOR), 2, 4);
        assertIndices(new int[] {0, 1, 1, 1}, rule(Coordinates.HALF_PIXEL, Rounding.CEIL), 2, 4);
        assertIndices(new int[] {0, 0, 1, 1}, rule(Coordinates.HALF_PIXEL, Rounding.ROUND_PREFER_FLOOR), 2, 4);
        assertIndices(new int[] {0, 0, 1, 1}, rule(Coordinates.HALF_PIXEL, Rounding.ROUND_PREFER_CEIL), 2, 4);
        // asymmetric 3 -> 2, ratio 3/2: x = 0, 1.5: the halves decide.
        assertIndices(new int[] {0, 1}, rule(Coordinates.ASYMMETRIC, Rounding.ROUND_PREFER_FLOOR), 3, 2);
        assertIndices(new int[] {0, 2}, rule(Coordinates.ASYMMETRIC, Rounding.ROUND_PREFER_CEIL), 3, 2);
        // 4 -> 1: half_pixel x = .5 * 4 - .5 = 1.5; pytorch_half_pixel x = 0 for a single output.
        assertIndices(new int[] {1}, rule(Coordinates.HALF_PIXEL, Rounding.ROUND_PREFER_FLOOR), 4, 1);
        assertIndices(new int[] {2}, rule(Coordinates.HALF_PIXEL, Rounding.ROUND_PREFER_CEIL), 4, 1);
        assertIndices(new int[] {0}, rule(Coordinates.PYTORCH_HALF_PIXEL, Rounding.ROUND_PREFER_CEIL), 4, 1);
        // pytorch_half_pixel equals half_pixel beyond one output: 2 -> 4 as above.
        assertIndices(new int[] {0, 0, 1, 1}, rule(Coordinates.PYTORCH_HALF_PIXEL, Rounding.ROUND_PREFER_CEIL), 2, 4);
        // align_corners 3 -> 5 with ceil: x = 0, .5, 1, 1.5, 2; tf_half_pixel_for_nn 4 -> 2 with ceil: x = 1, 3.
        assertIndices(new int[] {0, 1, 1, 2, 2}, rule(Coordinates.ALIGN_CORNERS, Rounding.CEIL), 3, 5);
        assertIndices(new int[] {1, 3}, rule(Coordinates.TF_HALF_PIXEL_FOR_NN, Rounding.CEIL), 4, 2);
        // Past the end clamps: asymmetric 2 -> 3 with ceil: x = 0, 2/3, 4/3 -> 0, 1, 2 -> 1.
        assertIndices(new int[] {0, 1, 1}, rule(Coordinates.ASYMMETRIC, Rounding.CEIL), 2, 3);
    }

    /**
     * Every rule on every axis length pair from 1 to 24 against the formulas written out directly:
     * TensorFlow's as in its kernel (and in graph-import's reference), ONNX's rounding modes in the
     * form of ONNX Runtime's (a half detected by comparison), in the same float arithmetic.
     */
    @Test
    void everyRuleMatchesDirectFormula() {
        for (NearestRule rule : allRules()) {
            for (int in = 1; in <= 24; in++) {
                for (int out = 1; out <= 24; out++) {
                    for (int i = 0; i < out; i++) {
                        assertEquals(direct(rule, i, in, out), rule.source(i, in, out),
                                rule + " in " + in + " out " + out + " i " + i);
                    }
                }
            }
        }
        // align_corners, half_pixel_centers: legacy, half pixel, align corners.
        boolean[][] modes = {{false, false}, {false, true}, {true, false}};
        for (boolean[] mode : modes) {
            NearestRule rule = NearestRule.tensorflow(mode[0], mode[1]);
            for (int in = 1; in <= 24; in++) {
                for (int out = 1; out <= 24; out++) {
                    for (int i = 0; i < out; i++) {
                        assertEquals(tensorflow(i, in, out, mode[0], mode[1]), rule.source(i, in, out),
                                rule + " in " + in + " out " + out + " i " + i);
                    }
                }
            }
        }
    }

    /** A 2x3 image, 2 channels, upsampled to 3x5 with the legacy rule: rows 0 0 1, columns 0 0 1 1 2. */
    @Test
    void imageByHand() {
        float[] image = {0, -0f, 1, -1, 2, -2, 10, -10, 11, -11, 12, -12};
        int[] rows = {0, 0, 1};
        int[] cols = {0, 0, 1, 1, 2};
        float[] expected = new float[3 * 5 * 2];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                for (int c = 0; c < 2; c++) {
                    expected[(y * 5 + x) * 2 + c] = image[(rows[y] * 3 + cols[x]) * 2 + c];
                }
            }
        }
        NearestPlan plan = NearestPlan.of(2, 3, 3, 5, 2, false, false);
        float[] scalar = new float[expected.length];
        ResizeNearestScalar.resize(plan, image, 0, 1, scalar, 0);
        assertBits(expected, scalar, "scalar 2x3 -> 3x5");
        float[] facade = new float[expected.length];
        ResizeNearest.resize(plan, image, 0, 1, facade, 0);
        assertBits(expected, facade, "facade 2x3 -> 3x5");
    }

    @Test
    void vectorMatchesScalarBitForBit() {
        Random random = Data.random(91);
        int lanes = Simd.lanes();
        int[] channelCounts = {1, Math.max(1, lanes - 1), lanes, lanes + 1, 70};
        // Up, down, mixed, identity, single rows and columns.
        int[][] sizes = {{2, 3, 4, 6}, {4, 4, 8, 8}, {7, 5, 3, 2}, {9, 6, 4, 13}, {5, 5, 5, 5}, {1, 5, 3, 5},
            {6, 1, 6, 4}, {3, 3, 1, 1}};
        List<NearestRule> rules = allRules();
        for (int channels : channelCounts) {
            for (int[] s : sizes) {
                for (NearestRule rule : rules) {
                    NearestPlan plan = NearestPlan.of(s[0], s[1], s[2], s[3], channels, rule);
                    int batch = 2;
                    int inOff = 3;
                    int outOff = 5;
                    float[] in = Data.withSpecials(Data.uniform(random, inOff + batch * plan.inputSize(), -5f, 5f));
                    in[inOff] = Float.intBitsToFloat(0x7fc0_1234); // a NaN payload must survive the copy
                    float[] expected = new float[outOff + batch * plan.outputSize() + 2];
                    float[] actual = new float[expected.length];
                    Arrays.fill(expected, 7f);
                    Arrays.fill(actual, 7f);
                    ResizeNearestScalar.resize(plan, in, inOff, batch, expected, outOff);
                    ResizeNearest.resize(plan, in, inOff, batch, actual, outOff);
                    assertBits(expected, actual, plan + " " + rule);
                }
            }
        }
    }

    @Test
    void sameSizeIsACopy() {
        NearestPlan plan = NearestPlan.of(3, 4, 3, 4, 2, false, true);
        float[] in = Data.withSpecials(Data.uniform(Data.random(92), 24, -1f, 1f));
        float[] out = new float[24];
        ResizeNearest.resize(plan, in, 0, 1, out, 0);
        assertBits(in, out, "3x4 -> 3x4");
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> NearestPlan.of(2, 2, 3, 3, 1, true, true));
        assertThrows(IllegalArgumentException.class, () -> NearestPlan.of(2, 0, 3, 3, 1, false, false));
        NearestPlan plan = NearestPlan.of(2, 2, 3, 3, 1, false, false);
        assertThrows(IllegalArgumentException.class, () -> ResizeNearest.resize(plan, new float[8], 0, -1,
                new float[18], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> ResizeNearest.resize(plan, new float[7], 0, 2,
                new float[18], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> ResizeNearest.resize(plan, new float[8], 0, 2,
                new float[17], 0));
    }

    private static NearestRule rule(Coordinates coordinates, Rounding rounding) {
        return new NearestRule(coordinates, rounding);
    }

    private static List<NearestRule> allRules() {
        List<NearestRule> rules = new ArrayList<>();
        for (Coordinates coordinates : Coordinates.values()) {
            for (Rounding rounding : Rounding.values()) {
                rules.add(rule(coordinates, rounding));
            }
        }
        return rules;
    }

    private static void assertIndices(int[] expected, NearestRule rule, int in, int out) {
        int[] actual = new int[out];
        for (int i = 0; i < out; i++) {
            actual[i] = rule.source(i, in, out);
        }
        assertArrayEquals(expected, actual, rule + " " + in + " -> " + out);
    }

    /** TensorFlow's ResizeNearestNeighbor index, as its CPU kernel and graph-import's reference compute it. */
    private static int tensorflow(int i, int in, int out, boolean alignCorners, boolean halfPixel) {
        float scale = alignCorners && out > 1 ? (in - 1) / (float) (out - 1) : in / (float) out;
        float x = halfPixel ? ((float) i + 0.5f) * scale : (float) i * scale;
        int index = (int) (alignCorners ? Math.round(x) : Math.floor(x));
        return Math.max(0, Math.min(index, in - 1));
    }

    /** The rule's formula written out: coordinate, then ONNX Runtime's way of rounding, then the clamp. */
    private static int direct(NearestRule rule, int i, int in, int out) {
        boolean align = rule.coordinates() == Coordinates.ALIGN_CORNERS;
        float ratio = align && out > 1 ? (in - 1) / (float) (out - 1) : in / (float) out;
        float center = ((float) i + 0.5f) * ratio;
        float x = switch (rule.coordinates()) {
            case ASYMMETRIC, ALIGN_CORNERS -> (float) i * ratio;
            case TF_HALF_PIXEL_FOR_NN -> center;
            case HALF_PIXEL -> center - 0.5f;
            case PYTORCH_HALF_PIXEL -> out == 1 ? 0f : center - 0.5f;
        };
        double floor = Math.floor(x);
        boolean half = x - floor == 0.5;
        double index = switch (rule.rounding()) {
            case FLOOR -> floor;
            case CEIL -> Math.ceil(x);
            case ROUND_PREFER_FLOOR -> half ? floor : Math.rint(x);
            case ROUND_PREFER_CEIL -> half ? floor + 1 : Math.rint(x);
        };
        return (int) Math.max(0, Math.min(index, in - 1));
    }

    /** Bit-for-bit equality, NaN payloads and the sign of zero included. */
    private static void assertBits(float[] expected, float[] actual, String context) {
        assertEquals(expected.length, actual.length, context + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    context + ": index " + i + " expected " + expected[i] + " actual " + actual[i]);
        }
    }
}
