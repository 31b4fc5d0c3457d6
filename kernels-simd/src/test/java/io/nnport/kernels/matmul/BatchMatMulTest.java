package io.nnport.kernels.matmul;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.Dims;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Simd;
import io.nnport.kernels.gemm.Team;
import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchMatMul} (vector when available) against {@link BatchMatMulScalar} bit for bit on
 * shapes around the 6 x 2-vector tile, and the scalar twin against the definition written out
 * plainly here (broadcast indices by hand, one fma chain per element) and against products by hand.
 */
class BatchMatMulTest {

    private static final float SENTINEL = -12345.5f;

    @Test
    void smallProductsByHand() {
        // [[1, 2, 3], [4, 5, 6]] x [[1, 0], [0, 1], [2, -1]] = [[7, -1], [16, -1]]
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {1, 0, 0, 1, 2, -1};
        float[] expected = {7, -1, 16, -1};
        assertArrayEquals(expected, run(new int[] {2, 3}, new int[] {3, 2}, false, false, a, b, 1));
        // The same product from a^T ([3, 2]) and b^T ([2, 3]).
        float[] aT = {1, 4, 2, 5, 3, 6};
        float[] bT = {1, 0, 2, 0, 1, -1};
        assertArrayEquals(expected, run(new int[] {3, 2}, new int[] {3, 2}, true, false, aT, b, 1));
        assertArrayEquals(expected, run(new int[] {2, 3}, new int[] {2, 3}, false, true, a, bT, 1));
        assertArrayEquals(expected, run(new int[] {3, 2}, new int[] {2, 3}, true, true, aT, bT, 1));
    }

    @Test
    void broadcastsBatchAxesLikeNumPy() {
        // [2, 1, 3, 4] x [5, 4, 6] -> [2, 5, 3, 6]: a's matrix i pairs with every b matrix.
        int[] aShape = {2, 1, 3, 4};
        int[] bShape = {5, 4, 6};
        BatchMatMulPlan plan = BatchMatMulPlan.of(aShape, bShape, false, false);
        assertArrayEquals(new int[] {2, 5, 3, 6}, plan.outShape());
        Random random = Data.random(91);
        float[] a = Data.uniform(random, 2 * 12, -1f, 1f);
        float[] b = Data.uniform(random, 5 * 24, -1f, 1f);
        float[] actual = new float[2 * 5 * 18];
        BatchMatMulScalar.matmul(plan, a, 0, b, 0, 1, actual, 0, KernelContext.NO_SCRATCH);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 5; j++) {
                float[] expected = product(a, i * 12, b, j * 24, 3, 4, 6);
                Tolerance.EXACT.assertMatches(expected, 0, actual, (i * 5 + j) * 18, 18, "out[" + i + ", " + j + "]");
            }
        }
        float[] facade = new float[actual.length];
        BatchMatMul.matmul(plan, a, 0, b, 0, 1, facade, 0, KernelContext.NO_SCRATCH);
        Tolerance.EXACT.assertMatches(actual, facade, plan.toString());
    }

    @Test
    void runtimeBatchAxis() {
        Random random = Data.random(92);
        int batch = 3;
        // [?, 2, 4, 5] x [2, 5, 3]: b shared by every batch entry.
        check(random, new int[] {Dims.BATCH, 2, 4, 5}, new int[] {2, 5, 3}, false, false, batch);
        // [?, 4, 5] x [?, 3, 5]^T: attention-style, both batched.
        check(random, new int[] {Dims.BATCH, 4, 5}, new int[] {Dims.BATCH, 3, 5}, false, true, batch);
        // [?, 1, 5, 4]^T x [3, 5, 2]: a broadcast over b's 3.
        check(random, new int[] {Dims.BATCH, 1, 5, 4}, new int[] {3, 5, 2}, true, false, batch);
        // Neither batched: the product repeated batch times.
        check(random, new int[] {4, 5}, new int[] {5, 3}, false, false, 2);
    }

    @Test
    void vectorMatchesScalarAroundTheTile() {
        Random random = Data.random(93);
        int lanes = Simd.lanes();
        int[] ms = {1, 5, 6, 7, 12, 13};
        int[] ns = {1, 3, lanes - 1, lanes, lanes + 1, 2 * lanes - 1, 2 * lanes, 2 * lanes + 1, 3 * lanes + 5, 37};
        int[] ks = {1, 2, 17, 64};
        for (int m : ms) {
            for (int n : ns) {
                if (n < 1) {
                    continue;
                }
                for (int k : ks) {
                    for (int adj = 0; adj < 4; adj++) {
                        boolean adjX = (adj & 1) != 0;
                        boolean adjY = (adj & 2) != 0;
                        int[] aShape = adjX ? new int[] {Dims.BATCH, 2, k, m} : new int[] {Dims.BATCH, 2, m, k};
                        int[] bShape = adjY ? new int[] {n, k} : new int[] {k, n};
                        compareTwins(random, BatchMatMulPlan.of(aShape, bShape, adjX, adjY), 2);
                    }
                }
            }
        }
    }

    @Test
    void rejectsBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> BatchMatMulPlan.of(new int[] {Dims.BATCH, 4},
                new int[] {4, 3}, false, false)); // BATCH as M
        assertThrows(IllegalArgumentException.class, () -> BatchMatMulPlan.of(new int[] {2, 4}, new int[] {5, 3},
                false, false)); // K 4 vs 5
        assertThrows(IllegalArgumentException.class, () -> BatchMatMulPlan.of(new int[] {2, 3, 4},
                new int[] {5, 4, 3}, false, false)); // 2 vs 5
        assertThrows(IllegalArgumentException.class, () -> BatchMatMulPlan.of(new int[] {Dims.BATCH, 3, 4},
                new int[] {5, 4, 3}, false, false)); // ? vs 5
        assertThrows(IllegalArgumentException.class, () -> BatchMatMulPlan.of(new int[] {Dims.BATCH, 3, 4},
                new int[] {2, 5, 4, 3}, false, false)); // BATCH would be axis 1 of the output
        assertThrows(IllegalArgumentException.class, () -> BatchMatMulPlan.of(new int[] {4}, new int[] {4, 3},
                false, false));
        BatchMatMulPlan plan = BatchMatMulPlan.of(new int[] {Dims.BATCH, 2, 3}, new int[] {4, 3}, false, true);
        assertThrows(IndexOutOfBoundsException.class, () -> BatchMatMul.matmul(plan, new float[12], 0,
                new float[12], 0, 2, new float[16], 0, KernelContext.serial(new float[11]))); // scratch 12 needed
    }

    // ---- helpers ----

    private static void check(Random random, int[] aShape, int[] bShape, boolean adjX, boolean adjY, int batch) {
        BatchMatMulPlan plan = BatchMatMulPlan.of(aShape, bShape, adjX, adjY);
        float[] a = Data.uniform(random, (int) plan.aLength(batch), -1f, 1f);
        float[] b = Data.uniform(random, (int) plan.bLength(batch), -1f, 1f);
        float[] expected = definition(aShape, bShape, adjX, adjY, a, b, batch);
        float[] actual = new float[(int) plan.outLength(batch)];
        BatchMatMulScalar.matmul(plan, a, 0, b, 0, batch, actual, 0, KernelContext.NO_SCRATCH);
        Tolerance.EXACT.assertMatches(expected, actual, plan + " batch " + batch);
        compareTwins(random, plan, batch);
    }

    private static void compareTwins(Random random, BatchMatMulPlan plan, int batch) {
        int aOff = 3;
        int bOff = 5;
        int outOff = 7;
        float[] a = Data.withSpecials(Data.uniform(random, aOff + (int) plan.aLength(batch), -2f, 2f));
        float[] b = Data.uniform(random, bOff + (int) plan.bLength(batch), -2f, 2f);
        b[bOff + (b.length - bOff) / 3] = Float.NaN;
        float[] expected = filled(outOff + (int) plan.outLength(batch) + 2);
        float[] actual = filled(expected.length);
        KernelContext scratch = KernelContext.of(new float[plan.scratchFloats() + 4], 4, Team.SERIAL);
        BatchMatMulScalar.matmul(plan, a, aOff, b, bOff, batch, expected, outOff, scratch);
        BatchMatMul.matmul(plan, a, aOff, b, bOff, batch, actual, outOff, scratch);
        Tolerance.EXACT.assertMatches(expected, actual, plan + " batch " + batch);
    }

    /** out[s, t...] by broadcasting the batch indices by hand, with BATCH resolved to {@code batch}. */
    private static float[] definition(int[] aShape, int[] bShape, boolean adjX, boolean adjY, float[] a, float[] b,
                                      int batch) {
        int[] as = concrete(aShape, batch);
        int[] bs = concrete(bShape, batch);
        int ra = as.length;
        int rb = bs.length;
        int m = adjX ? as[ra - 1] : as[ra - 2];
        int k = adjX ? as[ra - 2] : as[ra - 1];
        int n = adjY ? bs[rb - 2] : bs[rb - 1];
        int rank = Math.max(ra, rb) - 2;
        int[] outBatch = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - (ra - 2)) >= 0 ? as[i - (rank - (ra - 2))] : 1;
            int db = i - (rank - (rb - 2)) >= 0 ? bs[i - (rank - (rb - 2))] : 1;
            outBatch[i] = Math.max(da, db);
        }
        int matrices = 1;
        for (int d : outBatch) {
            matrices *= d;
        }
        int repeats = Dims.isBatched(aShape) || Dims.isBatched(bShape) ? 1 : batch;
        float[] out = new float[repeats * matrices * m * n];
        int[] idx = new int[rank];
        for (int r = 0; r < repeats; r++) {
            for (int t = 0; t < matrices; t++) {
                int rest = t;
                for (int i = rank - 1; i >= 0; i--) {
                    idx[i] = rest % outBatch[i];
                    rest /= outBatch[i];
                }
                int aMat = matrixIndex(as, idx, rank);
                int bMat = matrixIndex(bs, idx, rank);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float acc = 0f;
                        for (int p = 0; p < k; p++) {
                            float x = adjX ? a[aMat * m * k + p * m + i] : a[aMat * m * k + i * k + p];
                            float y = adjY ? b[bMat * k * n + j * k + p] : b[bMat * k * n + p * n + j];
                            acc = Math.fma(x, y, acc);
                        }
                        out[((r * matrices) + t) * m * n + i * n + j] = acc;
                    }
                }
            }
        }
        return out;
    }

    /** The operand's matrix for output batch index idx: its own batch axes, size-1 axes pinned to 0. */
    private static int matrixIndex(int[] shape, int[] idx, int rank) {
        int own = shape.length - 2;
        int index = 0;
        for (int i = 0; i < own; i++) {
            int d = shape[i];
            index = index * d + (d == 1 ? 0 : idx[i + rank - own]);
        }
        return index;
    }

    private static int[] concrete(int[] shape, int batch) {
        int[] s = shape.clone();
        if (Dims.isBatched(shape)) {
            s[0] = batch;
        }
        return s;
    }

    private static float[] product(float[] a, int aAt, float[] b, int bAt, int m, int k, int n) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(a[aAt + i * k + p], b[bAt + p * n + j], acc);
                }
                c[i * n + j] = acc;
            }
        }
        return c;
    }

    private static float[] run(int[] aShape, int[] bShape, boolean adjX, boolean adjY, float[] a, float[] b,
                               int batch) {
        BatchMatMulPlan plan = BatchMatMulPlan.of(aShape, bShape, adjX, adjY);
        float[] out = new float[(int) plan.outLength(batch)];
        float[] scratch = new float[plan.scratchFloats()];
        BatchMatMulScalar.matmul(plan, a, 0, b, 0, batch, out, 0, KernelContext.serial(scratch));
        float[] facade = new float[out.length];
        BatchMatMul.matmul(plan, a, 0, b, 0, batch, facade, 0, KernelContext.serial(scratch));
        assertArrayEquals(out, facade, "facade " + plan);
        return out;
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, SENTINEL);
        return a;
    }
}
