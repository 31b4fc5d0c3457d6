package io.nnport.kernels.reduce;

import static io.nnport.kernels.Dims.BATCH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ReduceScalar} against a naive reduction written here (same float order: EXACT) and
 * {@link Reduce} against the scalar twin: EXACT for max/min and wherever a kept axis is innermost,
 * APPROX where sums and products run along the innermost axis in lanes.
 */
class ReduceTest {

    @Test
    void plansPickTheFastPaths() {
        assertEquals(ReducePlan.Kind.COLUMNS, ReducePlan.of(new int[] {BATCH, 7, 7, 32}, 1, 2).kind);
        assertEquals(ReducePlan.Kind.ROWS, ReducePlan.of(new int[] {BATCH, 7, 7, 32}, -1).kind);
        assertEquals(ReducePlan.Kind.ROWS, ReducePlan.of(new int[] {BATCH, 7, 7, 32}, 1, 2, 3).kind);
        assertEquals(ReducePlan.Kind.COPY, ReducePlan.of(new int[] {BATCH, 1, 5}, 1).kind);
        assertEquals(ReducePlan.Kind.COPY, ReducePlan.of(new int[] {BATCH, 5}).kind);
        assertEquals(ReducePlan.Kind.GENERAL, ReducePlan.of(new int[] {BATCH, 2, 3, 4, 5}, 1, 3).kind);
        assertArrayEquals(new int[] {BATCH, 4}, ReducePlan.of(new int[] {BATCH, 2, 3, 4, 5}, 1, 2, -1).outShape());
    }

    @Test
    void rejectsBadAxes() {
        assertThrows(IllegalArgumentException.class, () -> ReducePlan.of(new int[] {BATCH, 3}, 0));
        assertThrows(IllegalArgumentException.class, () -> ReducePlan.of(new int[] {BATCH, 3}, 2));
        assertThrows(IllegalArgumentException.class, () -> ReducePlan.of(new int[] {BATCH, 3}, -3));
        ReducePlan plan = ReducePlan.of(new int[] {BATCH, 3}, 1);
        assertThrows(IndexOutOfBoundsException.class,
                () -> Reduce.apply(ReduceOp.SUM, plan, new float[5], 0, new float[2], 0, 2));
    }

    @Test
    void byHand() {
        float[] x = {1, 2, 3, 4, 5, 6}; // [2, 3]
        float[] y = new float[3];
        Reduce.apply(ReduceOp.SUM, ReducePlan.of(new int[] {BATCH, 3}, 1), x, 0, y, 0, 2);
        assertArrayEquals(new float[] {6, 15}, new float[] {y[0], y[1]});
        Reduce.apply(ReduceOp.MEAN, ReducePlan.of(new int[] {2, 3}, 0), x, 0, y, 0, 1);
        assertArrayEquals(new float[] {2.5f, 3.5f, 4.5f}, y);
        float[] two = new float[4];
        Reduce.apply(ReduceOp.SUM, ReducePlan.of(new int[] {2}, 0), new float[] {1, 2, 30, 40}, 0, two, 0, 2);
        assertArrayEquals(new float[] {3, 70, 0, 0}, two, "a shape without BATCH is one entry of the batch");
        Reduce.apply(ReduceOp.PROD, ReducePlan.of(new int[] {2, 3}, 0, 1), x, 0, y, 0, 1);
        assertEquals(720f, y[0]);
        Reduce.apply(ReduceOp.MAX, ReducePlan.of(new int[] {2, 3}, 1), new float[] {1, Float.NaN, 3, -1, -2, -3}, 0,
                y, 0, 1);
        assertArrayEquals(new float[] {Float.NaN, -1f}, new float[] {y[0], y[1]});
        Reduce.apply(ReduceOp.MIN, ReducePlan.of(new int[] {3, 2}, 0), x, 0, y, 0, 1);
        assertArrayEquals(new float[] {1f, 2f}, new float[] {y[0], y[1]});
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void globalAveragePoolShapesAndLastAxis(ReduceOp op) {
        Random random = Data.random(900 + op.ordinal());
        for (int c : Data.lengths()) {
            if (c == 0) {
                continue;
            }
            check(op, new int[] {BATCH, 3, 5, c}, new int[] {1, 2}, 2, random);
            check(op, new int[] {BATCH, 3, c}, new int[] {-1}, 2, random);
            check(op, new int[] {BATCH, 2, c}, new int[] {1, 2}, 3, random);
        }
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void randomShapesAndAxes(ReduceOp op) {
        Random random = Data.random(950 + op.ordinal());
        for (int trial = 0; trial < 80; trial++) {
            int rank = 1 + random.nextInt(5);
            int[] shape = new int[rank];
            for (int i = 0; i < rank; i++) {
                shape[i] = 1 + random.nextInt(i == rank - 1 ? 37 : 5);
            }
            boolean batched = rank > 1 && random.nextBoolean();
            if (batched) {
                shape[0] = BATCH;
            }
            int[] axes = random.ints(random.nextInt(rank + 1), batched ? 1 : 0, rank).toArray();
            if (batched && rank == 1) {
                axes = new int[0];
            }
            check(op, shape, axes, random.nextInt(3), random);
        }
    }

    private static void check(ReduceOp op, int[] shape, int[] axes, int batch, Random random) {
        ReducePlan plan = ReducePlan.of(shape, axes);
        float lo = op == ReduceOp.PROD ? 0.5f : -4f;
        float hi = op == ReduceOp.PROD ? 1.5f : 4f;
        float[] src = Data.uniform(random, 1 + (int) plan.inLength(batch), lo, hi);
        int n = (int) plan.outLength(batch);
        float[] expected = naive(op, shape, axes, src, 1, batch);
        float[] scalar = new float[n + 1];
        float[] vector = new float[n + 1];
        ReduceScalar.apply(op, plan, src, 1, scalar, 1, batch);
        Reduce.apply(op, plan, src, 1, vector, 1, batch);
        String context = op + " " + plan + " batch=" + batch;
        Tolerance.EXACT.assertMatches(expected, 0, scalar, 1, n, "scalar " + context);
        boolean sameOrder = op == ReduceOp.MAX || op == ReduceOp.MIN || plan.kind == ReducePlan.Kind.COLUMNS
                || plan.kind == ReducePlan.Kind.COPY;
        (sameOrder ? Tolerance.EXACT : Tolerance.APPROX).assertMatches(scalar, 1, vector, 1, n, context);
    }

    /** For each output element, its reduced elements in row-major order, accumulated in float. */
    private static float[] naive(ReduceOp op, int[] shape, int[] axes, float[] src, int off, int batch) {
        // A shape without BATCH is one entry of the batch: naive over [batch] + shape.
        boolean batched = shape.length > 0 && shape[0] == BATCH;
        int lead = batched ? 0 : 1;
        int rank = shape.length + lead;
        int[] dims = new int[rank];
        dims[0] = batch;
        System.arraycopy(shape, batched ? 1 : 0, dims, 1, shape.length - (batched ? 1 : 0));
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            reduced[(a < 0 ? a + shape.length : a) + lead] = true;
        }
        int total = 1;
        int outTotal = 1;
        int count = 1;
        for (int i = 0; i < rank; i++) {
            total *= dims[i];
            outTotal *= reduced[i] ? 1 : dims[i];
            count *= reduced[i] ? dims[i] : 1;
        }
        float[] acc = new float[outTotal];
        java.util.Arrays.fill(acc, op.identity());
        int[] idx = new int[rank];
        for (int flat = 0; flat < total; flat++) {
            int rem = flat;
            for (int i = rank - 1; i >= 0; i--) {
                idx[i] = rem % dims[i];
                rem /= dims[i];
            }
            int o = 0;
            for (int i = 0; i < rank; i++) {
                if (!reduced[i]) {
                    o = o * dims[i] + idx[i];
                }
            }
            acc[o] = op.combine(acc[o], src[off + flat]);
        }
        if (op == ReduceOp.MEAN) {
            for (int i = 0; i < outTotal; i++) {
                acc[i] /= count;
            }
        }
        return acc;
    }
}
