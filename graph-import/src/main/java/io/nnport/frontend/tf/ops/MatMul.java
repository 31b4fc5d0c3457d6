package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Matrix products, summed in double.
 *
 * <ul>
 * <li><b>MATMUL</b> (MatMul): a {@code [M,K]} (or {@code [K,M]} with transpose_a), b {@code [K,N]}
 *     (or {@code [N,K]} with transpose_b), {@code c[m,n] = sum_k a[m,k] b[k,n]}; attrs
 *     {@code transpose_a}, {@code transpose_b} default false.</li>
 * <li><b>BATCH</b> (BatchMatMul, BatchMatMulV2, BatchMatMulV3): rank &gt;= 2 operands, the last two
 *     dimensions multiplied as above with {@code adj_x}/{@code adj_y} (transposes; real values, so
 *     adjoint = transpose), leading batch dimensions broadcast (numpy rules).</li>
 * </ul>
 *
 * <p>Shape rule: {@code [..., M, N]}; M may be the unknown batch. Rejected: inner dimensions that
 * differ, rank below 2, non-float32 operands.
 */
public record MatMul(boolean batched) implements OpSemantics {

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 2);
        Rules.requireFloat(node, inputs.get(0).dtype());
        Rules.requireFloat(node, inputs.get(1).dtype());
        Shape a = inputs.get(0).shape();
        Shape b = inputs.get(1).shape();
        if (!batched) {
            Rules.requireRank(node, a, 2, "a");
            Rules.requireRank(node, b, 2, "b");
        }
        if (!a.hasRank() || !b.hasRank()) {
            return Rules.one(DType.FLOAT32, batched ? Shape.unknownRank() : Shape.unknownDims(2));
        }
        if (a.rank() < 2 || b.rank() < 2) {
            throw node.error("operands must have rank >= 2: " + a + " x " + b);
        }
        boolean ta = transposeA(node);
        boolean tb = transposeB(node);
        int m = a.dim(ta ? -1 : -2);
        int ka = a.dim(ta ? -2 : -1);
        int kb = b.dim(tb ? -1 : -2);
        int n = b.dim(tb ? -2 : -1);
        if (ka != Shape.UNKNOWN && kb != Shape.UNKNOWN && ka != kb) {
            throw node.error("inner dimensions differ: " + a + (ta ? "^T" : "") + " x " + b + (tb ? "^T" : ""));
        }
        if (!batched) {
            return Rules.one(DType.FLOAT32, Shape.of(m, n));
        }
        Shape batchA = Shape.of(Arrays.copyOf(a.dims(), a.rank() - 2));
        Shape batchB = Shape.of(Arrays.copyOf(b.dims(), b.rank() - 2));
        int[] batch = Rules.broadcast(node, batchA, batchB).dims();
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = m;
        out[batch.length + 1] = n;
        return Rules.one(DType.FLOAT32, Shape.of(out));
    }

    private boolean transposeA(Node node) {
        return node.boolAttr(batched ? "adj_x" : "transpose_a", false);
    }

    private boolean transposeB(Node node) {
        return node.boolAttr(batched ? "adj_y" : "transpose_b", false);
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Shape outShape = Rules.outputShape(this, node, inputs);
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        boolean ta = transposeA(node);
        boolean tb = transposeB(node);
        int rank = outShape.rank();
        int m = outShape.dim(rank - 2);
        int n = outShape.dim(rank - 1);
        int k = a.shape().dim(ta ? -2 : -1);
        int aRows = a.shape().dim(-2);
        int aCols = a.shape().dim(-1);
        int bRows = b.shape().dim(-2);
        int bCols = b.shape().dim(-1);
        int[] batchDims = Arrays.copyOf(outShape.dims(), rank - 2);
        Shape batchShape = Shape.of(batchDims);
        int[] aBatch = Rules.broadcastIndex(Shape.of(Arrays.copyOf(a.shape().dims(), a.rank() - 2)), batchShape);
        int[] bBatch = Rules.broadcastIndex(Shape.of(Arrays.copyOf(b.shape().dims(), b.rank() - 2)), batchShape);
        Tensor.Builder c = Rules.builder(node, DType.FLOAT32, outShape);
        float[] av = a.floats();
        float[] bv = b.floats();
        // Each operand is copied row by row into [m][k] and [n][k] order, so every dot product walks
        // two contiguous rows; the sum over p runs in the same order, term for term.
        float[] aRowsK = new float[m * k];
        float[] bColsK = new float[n * k];
        int out = 0;
        for (int batch = 0; batch < aBatch.length; batch++) {
            int aBase = aBatch[batch] * aRows * aCols;
            int bBase = bBatch[batch] * bRows * bCols;
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    aRowsK[i * k + p] = av[aBase + (ta ? p * aCols + i : i * aCols + p)];
                }
            }
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    bColsK[j * k + p] = bv[bBase + (tb ? j * bCols + p : p * bCols + j)];
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += (double) aRowsK[i * k + p] * bColsK[j * k + p];
                    }
                    c.setDouble(out++, sum);
                }
            }
        }
        return Rules.one(c.build());
    }

    @Override
    public String toString() {
        return batched ? "batch matmul" : "matmul";
    }
}
