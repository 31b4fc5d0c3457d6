package io.nnport.kernels.matmul;

import io.nnport.kernels.vector.Species;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector twin of {@link BatchMatMulScalar}: per output matrix, tiles of 6 rows x 2 vectors
 * (12 accumulators, two vectors of B and one broadcast of A per step: 15 registers), then the rows
 * left over one at a time, then one-vector column blocks the same way, then the last columns
 * (fewer than a vector) in scalar code. Every output element is the fma chain of the contract, so
 * the result is the scalar twin's bit for bit. Only loaded when {@code Simd.VECTOR}.
 */
final class BatchMatMulVector {

    private static final VectorSpecies<Float> F = Species.F;
    private static final int L = Species.LANES;
    private static final int MR = 6;

    private BatchMatMulVector() {}

    static void matmul(BatchMatMulPlan plan, float[] a, int aOff, float[] b, int bOff, int batch, float[] out,
                       int outOff, float[] scratch, int scratchOff) {
        int m = plan.m;
        int k = plan.k;
        int n = plan.n;
        int aRow = plan.adjX ? 1 : k;
        int aCol = plan.adjX ? m : 1;
        for (int s = 0; s < batch; s++) {
            for (int t = 0; t < plan.outMatrices; t++) {
                int aAt = aOff + plan.aMatrix(s, t);
                int bAt = bOff + plan.bMatrix(s, t);
                int cAt = outOff + (s * plan.outMatrices + t) * m * n;
                float[] bm = b;
                if (plan.adjY) {
                    transpose(b, bAt, n, k, scratch, scratchOff);
                    bm = scratch;
                    bAt = scratchOff;
                }
                matrix(m, k, n, a, aAt, aRow, aCol, bm, bAt, out, cAt);
            }
        }
    }

    /** dst (cols x rows) = src (rows x cols) transposed. */
    private static void transpose(float[] src, int srcAt, int rows, int cols, float[] dst, int dstAt) {
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < cols; q++) {
                dst[dstAt + q * rows + r] = src[srcAt + r * cols + q];
            }
        }
    }

    /** C (m x n, row stride n) = A x B, A(i, p) = a[aAt + i*aRow + p*aCol], B row-major with stride n. */
    private static void matrix(int m, int k, int n, float[] a, int aAt, int aRow, int aCol, float[] b, int bAt,
                               float[] c, int cAt) {
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            int i = 0;
            for (; i + MR <= m; i += MR) {
                kernel6x2(k, a, aAt + i * aRow, aRow, aCol, b, bAt + j, n, c, cAt + i * n + j, n);
            }
            for (; i < m; i++) {
                kernel1x2(k, a, aAt + i * aRow, aCol, b, bAt + j, n, c, cAt + i * n + j);
            }
        }
        for (; j + L <= n; j += L) {
            int i = 0;
            for (; i + MR <= m; i += MR) {
                kernel6x1(k, a, aAt + i * aRow, aRow, aCol, b, bAt + j, n, c, cAt + i * n + j, n);
            }
            for (; i < m; i++) {
                kernel1x1(k, a, aAt + i * aRow, aCol, b, bAt + j, n, c, cAt + i * n + j);
            }
        }
        for (; j < n; j++) {
            for (int i = 0; i < m; i++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(a[aAt + i * aRow + p * aCol], b[bAt + p * n + j], acc);
                }
                c[cAt + i * n + j] = acc;
            }
        }
    }

    private static void kernel6x2(int k, float[] a, int aAt, int aRow, int aCol, float[] b, int bAt, int ldb,
                                  float[] c, int cAt, int ldc) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector c00 = zero; FloatVector c01 = zero;
        FloatVector c10 = zero; FloatVector c11 = zero;
        FloatVector c20 = zero; FloatVector c21 = zero;
        FloatVector c30 = zero; FloatVector c31 = zero;
        FloatVector c40 = zero; FloatVector c41 = zero;
        FloatVector c50 = zero; FloatVector c51 = zero;
        for (int p = 0; p < k; p++) {
            int ai = aAt + p * aCol;
            int bi = bAt + p * ldb;
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(F, a[ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[ai + aRow]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[ai + 2 * aRow]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[ai + 3 * aRow]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(F, a[ai + 4 * aRow]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(F, a[ai + 5 * aRow]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        c00.intoArray(c, cAt); c01.intoArray(c, cAt + L);
        c10.intoArray(c, cAt + ldc); c11.intoArray(c, cAt + ldc + L);
        c20.intoArray(c, cAt + 2 * ldc); c21.intoArray(c, cAt + 2 * ldc + L);
        c30.intoArray(c, cAt + 3 * ldc); c31.intoArray(c, cAt + 3 * ldc + L);
        c40.intoArray(c, cAt + 4 * ldc); c41.intoArray(c, cAt + 4 * ldc + L);
        c50.intoArray(c, cAt + 5 * ldc); c51.intoArray(c, cAt + 5 * ldc + L);
    }

    private static void kernel6x1(int k, float[] a, int aAt, int aRow, int aCol, float[] b, int bAt, int ldb,
                                  float[] c, int cAt, int ldc) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector c00 = zero;
        FloatVector c10 = zero;
        FloatVector c20 = zero;
        FloatVector c30 = zero;
        FloatVector c40 = zero;
        FloatVector c50 = zero;
        for (int p = 0; p < k; p++) {
            int ai = aAt + p * aCol;
            FloatVector b0 = FloatVector.fromArray(F, b, bAt + p * ldb);
            FloatVector x;
            x = FloatVector.broadcast(F, a[ai]); c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(F, a[ai + aRow]); c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(F, a[ai + 2 * aRow]); c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(F, a[ai + 3 * aRow]); c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(F, a[ai + 4 * aRow]); c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(F, a[ai + 5 * aRow]); c50 = x.fma(b0, c50);
        }
        c00.intoArray(c, cAt);
        c10.intoArray(c, cAt + ldc);
        c20.intoArray(c, cAt + 2 * ldc);
        c30.intoArray(c, cAt + 3 * ldc);
        c40.intoArray(c, cAt + 4 * ldc);
        c50.intoArray(c, cAt + 5 * ldc);
    }

    private static void kernel1x2(int k, float[] a, int aAt, int aCol, float[] b, int bAt, int ldb, float[] c,
                                  int cAt) {
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        for (int p = 0; p < k; p++) {
            int bi = bAt + p * ldb;
            FloatVector x = FloatVector.broadcast(F, a[aAt + p * aCol]);
            c0 = x.fma(FloatVector.fromArray(F, b, bi), c0);
            c1 = x.fma(FloatVector.fromArray(F, b, bi + L), c1);
        }
        c0.intoArray(c, cAt);
        c1.intoArray(c, cAt + L);
    }

    private static void kernel1x1(int k, float[] a, int aAt, int aCol, float[] b, int bAt, int ldb, float[] c,
                                  int cAt) {
        FloatVector c0 = FloatVector.zero(F);
        for (int p = 0; p < k; p++) {
            c0 = FloatVector.broadcast(F, a[aAt + p * aCol]).fma(FloatVector.fromArray(F, b, bAt + p * ldb), c0);
        }
        c0.intoArray(c, cAt);
    }
}
