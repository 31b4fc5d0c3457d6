package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Products;
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
 * <p>Shape rule and evaluation: the core's {@link Products}, {@code [..., M, N]}; M may be the unknown batch. Rejected: inner dimensions that
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
        return Rules.one(DType.FLOAT32, Rules.at(node, () -> Products.outputShape(a, b, transposeA(node), transposeB(node))));
    }

    private boolean transposeA(Node node) {
        return node.boolAttr(batched ? "adj_x" : "transpose_a", false);
    }

    private boolean transposeB(Node node) {
        return node.boolAttr(batched ? "adj_y" : "transpose_b", false);
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Rules.arity(node, inputs, 2);
        infer(node, Rules.infos(inputs));
        return Rules.one(Rules.at(node, () -> Products.matmul(inputs.get(0), inputs.get(1), transposeA(node), transposeB(node))));
    }

    @Override
    public String toString() {
        return batched ? "batch matmul" : "matmul";
    }
}
