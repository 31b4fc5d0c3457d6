package io.nnport.kernels.gemm;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;

/**
 * The scalar twin and reference of every GEMM variant: the plain triple loop of the numeric
 * contract ({@linkplain io.nnport.kernels.gemm package documentation}), same signature as
 * {@link Gemm#gemm}. Loops run i, p, j so B's packed rows are read with unit stride; each C element
 * is still one fma chain over p ascending from 0, then {@link Epilogue#apply}. Needs no scratch.
 */
public final class GemmScalar {

    private GemmScalar() {}

    /** {@link Gemm#gemm} computed by the reference loop (B may be packed for any NR). */
    public static void gemm(int m, float[] a, int aOff, int lda, PackedB b, float[] c, int cOff, int ldc,
                            Epilogue e, KernelContext ctx) {
        Gemm.run(GemmVariant.SCALAR, m, a, aOff, lda, null, b, c, cOff, ldc, e, 0, ctx.scratch(), ctx.scratchOffset(),
                ctx.team());
    }

    static void run(float[] a, int aOff, int lda, Im2col im2col, PackedB b, float[] c, int cOff, int ldc,
                    Epilogue e, int firstChannel, int rowFrom, int rowTo, int colFrom, int colTo) {
        float[] bd = b.data();
        int k = b.k();
        int nr = b.nr();
        for (int i = rowFrom; i < rowTo; i++) {
            for (int j0 = colFrom; j0 < colTo; j0 += nr - j0 % nr) {
                int width = Math.min(nr - j0 % nr, colTo - j0);
                int row = cOff + i * ldc + j0;
                int panel = b.index(0, j0);
                for (int j = 0; j < width; j++) {
                    c[row + j] = 0f;
                }
                for (int p = 0; p < k; p++) {
                    float x = im2col == null ? a[aOff + i * lda + p] : im2col.element(a, aOff, i, p);
                    int bRow = panel + p * nr;
                    for (int j = 0; j < width; j++) {
                        c[row + j] = Math.fma(x, bd[bRow + j], c[row + j]);
                    }
                }
                for (int j = 0; j < width; j++) {
                    c[row + j] = e.apply(c[row + j], firstChannel + j0 + j);
                }
            }
        }
    }
}
