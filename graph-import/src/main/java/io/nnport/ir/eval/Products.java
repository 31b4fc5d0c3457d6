package io.nnport.ir.eval;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.Arrays;

/**
 * Scalar reference matrix products, summed in double: operands of rank &gt;= 2, the last two
 * dimensions multiplied ({@code c[..., m, n] = sum_k a[..., m, k] b[..., k, n]}, either operand
 * optionally transposed), leading batch dimensions broadcast (NumPy rules).
 */
public final class Products {
    private Products() {}

    /** The output shape {@code [..., M, N]}; unknown dimensions (the batch) stay unknown. */
    public static Shape outputShape(Shape a, Shape b, boolean transposeA, boolean transposeB) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("operands must have rank >= 2: " + a + " x " + b);
        }
        int m = a.dim(transposeA ? -1 : -2);
        int ka = a.dim(transposeA ? -2 : -1);
        int kb = b.dim(transposeB ? -1 : -2);
        int n = b.dim(transposeB ? -2 : -1);
        if (ka != Shape.UNKNOWN && kb != Shape.UNKNOWN && ka != kb) {
            throw new IllegalArgumentException("inner dimensions differ: " + a + (transposeA ? "^T" : "") + " x " + b
                    + (transposeB ? "^T" : ""));
        }
        int[] batch = Elementwise.broadcast(leading(a), leading(b)).dims();
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = m;
        out[batch.length + 1] = n;
        return Shape.of(out);
    }

    private static Shape leading(Shape s) {
        return Shape.of(Arrays.copyOf(s.dims(), s.rank() - 2));
    }

    /** The product of two float32 tensors. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        if (a.dtype() != DType.FLOAT32 || b.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("supports float32 only, not " + a.dtype() + " x " + b.dtype());
        }
        Shape outShape = outputShape(a.shape(), b.shape(), transposeA, transposeB);
        int rank = outShape.rank();
        int m = outShape.dim(rank - 2);
        int n = outShape.dim(rank - 1);
        int k = a.shape().dim(transposeA ? -2 : -1);
        int aRows = a.shape().dim(-2);
        int aCols = a.shape().dim(-1);
        int bRows = b.shape().dim(-2);
        int bCols = b.shape().dim(-1);
        Shape batchShape = Shape.of(Arrays.copyOf(outShape.dims(), rank - 2));
        int[] aBatch = Elementwise.broadcastIndex(leading(a.shape()), batchShape);
        int[] bBatch = Elementwise.broadcastIndex(leading(b.shape()), batchShape);
        Tensor.Builder c = Tensor.builder(DType.FLOAT32, outShape);
        float[] av = a.floats();
        float[] bv = b.floats();
        // Each operand is copied row by row into [m][k] and [n][k] order, so every dot product walks
        // two contiguous rows.
        float[] aRowsK = new float[m * k];
        float[] bColsK = new float[n * k];
        int out = 0;
        for (int batch = 0; batch < aBatch.length; batch++) {
            int aBase = aBatch[batch] * aRows * aCols;
            int bBase = bBatch[batch] * bRows * bCols;
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    aRowsK[i * k + p] = av[aBase + (transposeA ? p * aCols + i : i * aCols + p)];
                }
            }
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    bColsK[j * k + p] = bv[bBase + (transposeB ? j * bCols + p : p * bCols + j)];
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c.setDouble(out++, dot(aRowsK, i * k, bColsK, j * k, k));
                }
            }
        }
        return c.build();
    }

    /**
     * {@code sum_{p<n} a[aAt+p] * b[bAt+p]} in double. Four partial sums (every fourth term each)
     * let the loop run at the adder's throughput instead of its latency; in double, the order costs
     * nothing a float result can show.
     */
    static double dot(float[] a, int aAt, float[] b, int bAt, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int p = 0;
        for (; p + 4 <= n; p += 4) {
            s0 += (double) a[aAt + p] * b[bAt + p];
            s1 += (double) a[aAt + p + 1] * b[bAt + p + 1];
            s2 += (double) a[aAt + p + 2] * b[bAt + p + 2];
            s3 += (double) a[aAt + p + 3] * b[bAt + p + 3];
        }
        for (; p < n; p++) {
            s0 += (double) a[aAt + p] * b[bAt + p];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
