package io.nnport.kernels.matmul;

import io.nnport.kernels.KernelContext;

/**
 * The scalar twin of {@link BatchMatMul}: same signature, the reference loop of its numeric contract
 * (loops i, p, j, so each output element is still one fma chain over p ascending from +0). Reads a
 * transposed b in place, so it needs no scratch; no argument checks (the facade checks).
 */
public final class BatchMatMulScalar {

    private BatchMatMulScalar() {}

    /** See {@link BatchMatMul#matmul}; its context is unused. */
    public static void matmul(BatchMatMulPlan plan, float[] a, int aOff, float[] b, int bOff, int batch, float[] out,
                              int outOff, KernelContext ctx) {
        int m = plan.m;
        int k = plan.k;
        int n = plan.n;
        int aRow = plan.adjX ? 1 : k;
        int aCol = plan.adjX ? m : 1;
        int bRow = plan.adjY ? 1 : n;
        int bCol = plan.adjY ? k : 1;
        for (int s = 0; s < batch; s++) {
            for (int t = 0; t < plan.outMatrices; t++) {
                int aAt = aOff + plan.aMatrix(s, t);
                int bAt = bOff + plan.bMatrix(s, t);
                int cAt = outOff + (s * plan.outMatrices + t) * m * n;
                for (int i = 0; i < m; i++) {
                    int row = cAt + i * n;
                    for (int j = 0; j < n; j++) {
                        out[row + j] = 0f;
                    }
                    for (int p = 0; p < k; p++) {
                        float x = a[aAt + i * aRow + p * aCol];
                        int bp = bAt + p * bRow;
                        for (int j = 0; j < n; j++) {
                            out[row + j] = Math.fma(x, b[bp + j * bCol], out[row + j]);
                        }
                    }
                }
            }
        }
    }
}
