package io.nnport.ir.passes;

import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.Activation;
import io.nnport.ir.layers.BinaryLayer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.UnaryLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GELU as PyTorch exports {@code nn.GELU()} (and TensorFlow's exact gelu),
 * {@code y = (x * (erf(x / sqrt 2) + 1)) * 0.5}, becomes one {@link UnaryLayer} GELU_ERF: the
 * division may be a multiplication by {@code 1 / sqrt 2}, the Add's and both Muls' operands may come
 * in either order. The four inner values must be read only inside the pattern. Runs before epilogue
 * fusion, which then takes the GELU into the preceding dense layer.
 */
public final class FuseGelu implements LayerPass {
    private static final double SQRT2 = Math.sqrt(2);

    @Override
    public String label() {
        return "fuse-gelu";
    }

    @Override
    public LayerGraph apply(LayerGraph graph) {
        Map<String, LayerNode> replacements = new HashMap<>();
        Set<String> removed = new HashSet<>();
        for (LayerNode half : graph.layers()) {
            if (!isScalar(half, BinaryLayer.Op.MUL, 0.5)) {
                continue;
            }
            List<LayerNode> match = match(graph, graph.producer(half.inputs().get(0)));
            if (match == null || match.stream().anyMatch(n -> removed.contains(n.name()))) {
                continue;
            }
            List<String> sourceNodes = new ArrayList<>();
            match.forEach(n -> sourceNodes.addAll(n.sourceNodes()));
            sourceNodes.addAll(half.sourceNodes());
            replacements.put(half.name(), new LayerNode(half.name(), new UnaryLayer(Activation.GELU_ERF, 0f),
                    match.get(0).inputs(), half.outputs(), sourceNodes));
            match.forEach(n -> removed.add(n.name()));
        }
        return Chains.rebuild(graph, replacements, removed);
    }

    /** [scaled x, erf, + 1, x * .] when {@code product} is {@code x * (erf(x / sqrt 2) + 1)} read only by the final Mul; else null. */
    private static List<LayerNode> match(LayerGraph graph, LayerNode product) {
        if (product == null || !(product.layer() instanceof BinaryLayer b) || b.op() != BinaryLayer.Op.MUL || b.constant() != null
                || Chains.soleConsumer(graph, product) == null) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            String x = product.inputs().get(side);
            LayerNode plusOne = graph.producer(product.inputs().get(1 - side));
            if (!isScalar(plusOne, BinaryLayer.Op.ADD, 1)) {
                continue;
            }
            LayerNode erf = graph.producer(plusOne.inputs().get(0));
            if (erf == null || !(erf.layer() instanceof UnaryLayer u) || u.fn() != Activation.ERF) {
                continue;
            }
            LayerNode scaled = graph.producer(erf.inputs().get(0));
            boolean dividedBySqrt2 = isScalar(scaled, BinaryLayer.Op.DIV, SQRT2) && !((BinaryLayer) scaled.layer()).constantFirst()
                    || isScalar(scaled, BinaryLayer.Op.MUL, 1 / SQRT2);
            if (!dividedBySqrt2 || !scaled.inputs().get(0).equals(x)) {
                continue;
            }
            List<LayerNode> inner = List.of(scaled, erf, plusOne);
            if (inner.stream().allMatch(n -> Chains.soleConsumer(graph, n) != null)) {
                return List.of(scaled, erf, plusOne, product);
            }
        }
        return null;
    }

    /** A binary layer {@code op} with one runtime operand and a one-element float constant equal to {@code value} in float32. */
    private static boolean isScalar(LayerNode node, BinaryLayer.Op op, double value) {
        if (node == null || !(node.layer() instanceof BinaryLayer b) || b.op() != op) {
            return false;
        }
        Tensor c = b.constant();
        return c != null && c.size() == 1 && c.dtype() == DType.FLOAT32 && c.getFloat(0) == (float) value;
    }
}
