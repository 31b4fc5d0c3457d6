package io.nnport.kernels.resize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ResizeBilinear} (vector when available) against {@link ResizeBilinearScalar} bit for bit,
 * and the scalar twin against TensorFlow's three coordinate modes computed by hand.
 */
class ResizeBilinearTest {

    /**
     * A 2x2 image holding f(y, x) = 8y + 4x (channel 0) and -f (channel 1), resized to 3x5. Bilinear
     * interpolation reproduces a linear function exactly, so each output is f at the source
     * coordinate TensorFlow samples, clamped into the image:
     * <ul>
     *   <li>align_corners: scale (2-1)/(3-1) = 1/2 on rows, 1/4 on columns; y 0, .5, 1; x 0 .. 1 by .25</li>
     *   <li>legacy: scale 2/3 and 2/5; y 0, 2/3, 4/3 -&gt; 1; x 0, .4, .8, 1.2 -&gt; 1, 1.6 -&gt; 1</li>
     *   <li>half_pixel_centers: (i + .5) scale - .5; y -1/6 -&gt; 0, .5, 7/6 -&gt; 1; x -.3 -&gt; 0, .1, .5, .9, 1.3 -&gt; 1</li>
     * </ul>
     */
    @Test
    void twoByTwoToThreeByFiveByHand() {
        float[] image = {0, -0, 4, -4, 8, -8, 12, -12};
        float third = 16f / 3f;
        float[] alignCorners = {0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12};
        float[] legacy = {0, 1.6f, 3.2f, 4, 4, third, third + 1.6f, third + 3.2f, third + 4, third + 4,
            8, 9.6f, 11.2f, 12, 12};
        float[] halfPixel = {0, 0.4f, 2, 3.6f, 4, 4, 4.4f, 6, 7.6f, 8, 8, 8.4f, 10, 11.6f, 12};
        assertResize(image, alignCorners, true, false, "align_corners");
        assertResize(image, legacy, false, false, "legacy");
        assertResize(image, halfPixel, false, true, "half_pixel_centers");
    }

    private static void assertResize(float[] image, float[] f, boolean align, boolean half, String mode) {
        BilinearPlan plan = BilinearPlan.of(2, 2, 3, 5, 2, align, half);
        float[] expected = new float[30];
        for (int i = 0; i < 15; i++) {
            expected[2 * i] = f[i];
            expected[2 * i + 1] = -f[i];
        }
        float[] actual = new float[30];
        ResizeBilinearScalar.resize(plan, image, 0, 1, actual, 0);
        Tolerance.CLOSE.assertMatches(expected, actual, "2x2 -> 3x5 " + mode);
        float[] facade = new float[30];
        ResizeBilinear.resize(plan, image, 0, 1, facade, 0);
        Tolerance.EXACT.assertMatches(actual, facade, "facade 2x2 -> 3x5 " + mode);
    }

    @Test
    void vectorMatchesScalarBitForBit() {
        Random random = Data.random(81);
        int[][] sizes = {{2, 2, 3, 5}, {5, 7, 11, 3}, {4, 4, 8, 8}, {9, 6, 4, 13}, {1, 5, 3, 5}, {6, 1, 6, 4}};
        for (int channels : new int[] {1, 3, 4, 8, 15, 16, 17, 33, 70}) {
            for (int[] s : sizes) {
                for (int mode = 0; mode < 3; mode++) {
                    BilinearPlan plan = BilinearPlan.of(s[0], s[1], s[2], s[3], channels, mode == 1, mode == 2);
                    int batch = 2;
                    int inOff = 3;
                    int outOff = 5;
                    float[] in = Data.withSpecials(Data.uniform(random, inOff + batch * plan.inputSize(), -5f, 5f));
                    float[] expected = new float[outOff + batch * plan.outputSize() + 2];
                    float[] actual = new float[expected.length];
                    Arrays.fill(expected, 7f);
                    Arrays.fill(actual, 7f);
                    ResizeBilinearScalar.resize(plan, in, inOff, batch, expected, outOff);
                    ResizeBilinear.resize(plan, in, inOff, batch, actual, outOff);
                    Tolerance.EXACT.assertMatches(expected, actual, plan + " mode " + mode);
                }
            }
        }
    }

    @Test
    void sameSizeIsACopy() {
        BilinearPlan plan = BilinearPlan.of(3, 4, 3, 4, 2, false, true);
        float[] in = Data.withSpecials(Data.uniform(Data.random(82), 24, -1f, 1f));
        float[] out = new float[24];
        ResizeBilinear.resize(plan, in, 0, 1, out, 0);
        assertArrayEquals(in, out);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> BilinearPlan.of(2, 2, 3, 3, 1, true, true));
        assertThrows(IllegalArgumentException.class, () -> BilinearPlan.of(2, 0, 3, 3, 1, false, false));
        BilinearPlan plan = BilinearPlan.of(2, 2, 3, 3, 1, false, false);
        assertThrows(IndexOutOfBoundsException.class, () -> ResizeBilinear.resize(plan, new float[7], 0, 2,
                new float[18], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> ResizeBilinear.resize(plan, new float[8], 0, 2,
                new float[17], 0));
    }
}
