package io.nnport.kernels.elementwise;

import static io.nnport.kernels.Dims.BATCH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.kernels.Dims;
import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Binary} and {@link BinaryScalar} against a naive broadcasting reference written here from
 * the NumPy rule (one multi-index per output element), on hand-picked and seeded random shapes.
 */
class BinaryTest {

    @Test
    void plansMergeAxesIntoFastPaths() {
        assertEquals(1, BroadcastPlan.of(new int[] {BATCH, 4, 5}, new int[] {BATCH, 4, 5}).loops(), "same shape");
        assertEquals(1, BroadcastPlan.of(new int[] {BATCH, 4, 5}, new int[] {}).loops(), "scalar");
        assertEquals(1, BroadcastPlan.of(new int[] {BATCH, 4, 5}, new int[] {1, 1}).loops(), "size-1 axes");
        assertEquals(2, BroadcastPlan.of(new int[] {BATCH, 7, 9, 16}, new int[] {16}).loops(), "per channel");
        assertEquals(2, BroadcastPlan.of(new int[] {BATCH, 8}, new int[] {BATCH, 1}).loops(), "per row");
        assertEquals(3, BroadcastPlan.of(new int[] {BATCH, 3, 1, 5}, new int[] {4, 1}).loops(), "general");
        assertArrayEquals(new int[] {BATCH, 3, 4, 5},
                BroadcastPlan.of(new int[] {BATCH, 3, 1, 5}, new int[] {4, 1}).outShape());
    }

    @Test
    void inPlaceTraitFollowsTheShapes() {
        BroadcastPlan bias = BroadcastPlan.of(new int[] {BATCH, 6, 8}, new int[] {8});
        assertTrue(bias.outputMayOverwriteA());
        assertFalse(bias.outputMayOverwriteB());
        BroadcastPlan outer = BroadcastPlan.of(new int[] {BATCH, 3, 1}, new int[] {1, 4});
        assertFalse(outer.outputMayOverwriteA());
        assertFalse(outer.outputMayOverwriteB());
        BroadcastPlan constant = BroadcastPlan.of(new int[] {4}, new int[] {4});
        assertFalse(constant.outputMayOverwriteA(), "repeated per batch entry: sample 2 would read sample 1's output");
    }

    @Test
    void rejectsShapesThatDoNotBroadcast() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BroadcastPlan.of(new int[] {BATCH, 3, 4}, new int[] {5}));
        assertTrue(e.getMessage().contains("[?, 3, 4]") && e.getMessage().contains("[5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BroadcastPlan.of(new int[] {BATCH, 3}, new int[] {2, 3}));
        assertThrows(IllegalArgumentException.class, () -> BroadcastPlan.of(new int[] {3}, new int[] {2, BATCH, 3}));
        assertThrows(IllegalArgumentException.class, () -> BroadcastPlan.of(new int[] {3, 0}, new int[] {3}));
    }

    @Test
    void byHand() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] out = new float[6];
        Binary.apply(BinaryOp.SUB, BroadcastPlan.of(new int[] {BATCH, 3}, new int[] {3}), a, 0, new float[] {1, 1, 2},
                0, out, 0, 2);
        assertArrayEquals(new float[] {0, 1, 1, 3, 4, 4}, out);
        Binary.apply(BinaryOp.MUL, BroadcastPlan.of(new int[] {2, 1}, new int[] {1, 3}), new float[] {2, 3}, 0,
                new float[] {1, 10, 100}, 0, out, 0, 1);
        assertArrayEquals(new float[] {2, 20, 200, 3, 30, 300}, out);
        Binary.apply(BinaryOp.MAX, BroadcastPlan.of(new int[] {3}, new int[] {3}), new float[] {Float.NaN, -0f, 1},
                0, new float[] {1, 0f, Float.NaN}, 0, out, 0, 1);
        assertArrayEquals(new float[] {Float.NaN, 0f, Float.NaN}, Arrays.copyOf(out, 3));
        Binary.apply(BinaryOp.SQUARED_DIFFERENCE, BroadcastPlan.of(new int[] {BATCH, 2}, new int[] {BATCH, 1}),
                new float[] {1, 5, 2, -2}, 0, new float[] {3, 0}, 0, out, 0, 2);
        assertArrayEquals(new float[] {4, 4, 4, 4}, Arrays.copyOf(out, 4));
    }

    @Test
    void noBatchAxisRepeatsTheWholeOutput() {
        float[] out = new float[6];
        Binary.apply(BinaryOp.ADD, BroadcastPlan.of(new int[] {3}, new int[] {}), new float[] {1, 2, 3}, 0,
                new float[] {10}, 0, out, 0, 2);
        assertArrayEquals(new float[] {11, 12, 13, 11, 12, 13}, out);
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void fastPathsAroundTheVectorLength(BinaryOp op) {
        Random random = Data.random(200 + op.ordinal());
        for (int n : Data.lengths()) {
            if (n == 0) {
                continue;
            }
            check(op, new int[] {BATCH, n}, new int[] {BATCH, n}, 3, random);
            check(op, new int[] {BATCH, n}, new int[] {}, 2, random);
            check(op, new int[] {}, new int[] {BATCH, n}, 2, random);
            check(op, new int[] {BATCH, 3, n}, new int[] {n}, 2, random);
            check(op, new int[] {n}, new int[] {BATCH, 2, n}, 2, random);
            check(op, new int[] {BATCH, 3, n}, new int[] {BATCH, 3, 1}, 2, random);
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void randomBroadcastShapes(BinaryOp op) {
        Random random = Data.random(300 + op.ordinal());
        for (int trial = 0; trial < 60; trial++) {
            int rank = 1 + random.nextInt(5);
            int[] out = new int[rank];
            for (int i = 0; i < rank; i++) {
                out[i] = 1 + random.nextInt(i == rank - 1 ? 40 : 5);
            }
            boolean batched = random.nextBoolean();
            int[] a = operand(out, batched ? 0 : random.nextInt(rank + 1) / 2, random);
            int[] b = operand(out, random.nextInt(rank + 1) / 2, random);
            if (batched) {
                a[0] = BATCH;
                if (b.length == rank) {
                    b[0] = random.nextBoolean() ? BATCH : 1;
                }
            }
            check(op, a, b, random.nextInt(4), random);
        }
    }

    @Test
    void inPlaceOverEitherOperand() {
        Random random = Data.random(400);
        for (int n : new int[] {5, 16, 37}) {
            int[] big = {BATCH, 3, n};
            for (int[] small : new int[][] {{n}, {}, {BATCH, 3, 1}, {BATCH, 3, n}}) {
                BroadcastPlan ab = BroadcastPlan.of(big, small);
                BroadcastPlan ba = BroadcastPlan.of(small, big);
                float[] x = Data.uniform(random, (int) ab.aLength(2) + 1, -5, 5);
                float[] y = Data.uniform(random, (int) ab.bLength(2), -5, 5);
                float[] expected = new float[(int) ab.outLength(2) + 1];
                BinaryScalar.apply(BinaryOp.SUB, ab, x, 1, y, 0, expected, 1, 2);
                float[] inPlace = x.clone();
                Binary.apply(BinaryOp.SUB, ab, inPlace, 1, y, 0, inPlace, 1, 2);
                Tolerance.EXACT.assertMatches(expected, 1, inPlace, 1, expected.length - 1, "a op b into a " + ab);
                BinaryScalar.apply(BinaryOp.SUB, ba, y, 0, x, 1, expected, 1, 2);
                inPlace = x.clone();
                Binary.apply(BinaryOp.SUB, ba, y, 0, inPlace, 1, inPlace, 1, 2);
                Tolerance.EXACT.assertMatches(expected, 1, inPlace, 1, expected.length - 1, "b op a into a " + ba);
            }
        }
    }

    @Test
    void rejectsArraysTooShort() {
        BroadcastPlan plan = BroadcastPlan.of(new int[] {BATCH, 4}, new int[] {4});
        float[] x = new float[8];
        assertThrows(IndexOutOfBoundsException.class,
                () -> Binary.apply(BinaryOp.ADD, plan, x, 0, x, 0, new float[7], 0, 2));
        assertThrows(IndexOutOfBoundsException.class,
                () -> Binary.apply(BinaryOp.ADD, plan, x, 1, x, 0, new float[8], 0, 2));
    }

    /** A shape that broadcasts to {@code out}: some axes set to 1, the first {@code drop} axes dropped. */
    private static int[] operand(int[] out, int drop, Random random) {
        int[] s = Arrays.copyOfRange(out, drop, out.length);
        for (int i = 0; i < s.length; i++) {
            if (random.nextInt(3) == 0) {
                s[i] = 1;
            }
        }
        return s;
    }

    private static void check(BinaryOp op, int[] aShape, int[] bShape, int batch, Random random) {
        BroadcastPlan plan = BroadcastPlan.of(aShape, bShape);
        int off = 1 + random.nextInt(3);
        float[] a = Data.withSpecials(Data.uniform(random, off + (int) plan.aLength(batch), -4, 4));
        float[] b = Data.uniform(random, off + (int) plan.bLength(batch), -4, 4);
        int n = (int) plan.outLength(batch);
        float[] expected = naive(op, aShape, a, off, bShape, b, off, batch);
        float[] scalar = new float[off + n];
        float[] vector = new float[off + n];
        BinaryScalar.apply(op, plan, a, off, b, off, scalar, off, batch);
        Binary.apply(op, plan, a, off, b, off, vector, off, batch);
        String context = op + " " + plan + " batch=" + batch;
        Tolerance.EXACT.assertMatches(expected, 0, scalar, off, n, context + " scalar");
        Tolerance.EXACT.assertMatches(expected, 0, vector, off, n, context);
    }

    /** NumPy broadcasting, one output multi-index at a time. */
    static float[] naive(BinaryOp op, int[] aShape, float[] a, int aOff, int[] bShape, float[] b, int bOff, int batch) {
        int[] out = BroadcastPlan.of(aShape, bShape).outShape();
        boolean batched = Dims.isBatched(out);
        int[] o = batched ? out.clone() : prepend(out);
        o[0] = batch;
        int rank = o.length;
        int[] as = align(aShape, rank, batch);
        int[] bs = align(bShape, rank, batch);
        int total = 1;
        for (int d : o) {
            total *= d;
        }
        float[] result = new float[total];
        int[] idx = new int[rank];
        for (int flat = 0; flat < total; flat++) {
            int rem = flat;
            for (int i = rank - 1; i >= 0; i--) {
                idx[i] = rem % o[i];
                rem /= o[i];
            }
            result[flat] = op.apply(a[aOff + offset(as, idx)], b[bOff + offset(bs, idx)]);
        }
        return result;
    }

    private static int[] prepend(int[] shape) {
        int[] s = new int[shape.length + 1];
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /** The operand's dims aligned to rank, its batch axis (or a new leading 1) at 0. */
    private static int[] align(int[] shape, int rank, int batch) {
        int[] s = new int[rank];
        int pad = rank - shape.length;
        for (int i = 0; i < rank; i++) {
            s[i] = i < pad ? 1 : (shape[i - pad] == BATCH ? batch : shape[i - pad]);
        }
        return s;
    }

    private static int offset(int[] shape, int[] idx) {
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            off = off * shape[i] + (shape[i] == 1 ? 0 : idx[i]);
        }
        return off;
    }
}
