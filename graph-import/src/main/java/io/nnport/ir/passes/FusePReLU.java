package io.nnport.ir.passes;

import io.nnport.ir.Tensor;
import io.nnport.ir.layers.Activation;
import io.nnport.ir.layers.BinaryLayer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.PReLULayer;
import io.nnport.ir.layers.UnaryLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PReLU as Keras and tfjs export it, {@code y = Relu(x) + Mul(k, Relu(Neg(x)))} with a constant
 * {@code k = -alpha} (the operands of the Add and the Mul in either order), becomes one
 * {@link PReLULayer} with {@code alpha = -k}. The four inner values must be read only inside the
 * pattern. Runs before epilogue fusion, which would otherwise not see the pattern whole.
 */
public final class FusePReLU implements LayerPass {

    @Override
    public String label() {
        return "fuse-prelu";
    }

    @Override
    public LayerGraph apply(LayerGraph graph) {
        Map<String, LayerNode> replacements = new HashMap<>();
        Set<String> removed = new HashSet<>();
        for (LayerNode add : graph.layers()) {
            if (!(add.layer() instanceof BinaryLayer binary) || binary.op() != BinaryLayer.Op.ADD || binary.constant() != null) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                List<LayerNode> match = match(graph, add, add.inputs().get(side), add.inputs().get(1 - side));
                if (match != null && match.stream().noneMatch(n -> removed.contains(n.name()))) {
                    LayerNode positive = match.get(0);
                    LayerNode scaled = match.get(3);
                    Tensor k = ((BinaryLayer) scaled.layer()).constant();
                    float[] alpha = k.floats();
                    for (int i = 0; i < alpha.length; i++) {
                        alpha[i] = -alpha[i];
                    }
                    List<String> sourceNodes = new ArrayList<>();
                    match.forEach(n -> sourceNodes.addAll(n.sourceNodes()));
                    sourceNodes.addAll(add.sourceNodes());
                    replacements.put(add.name(), new LayerNode(add.name(), new PReLULayer(Tensor.ofFloats(k.shape(), alpha)),
                            positive.inputs(), add.outputs(), sourceNodes));
                    match.forEach(n -> removed.add(n.name()));
                    break;
                }
            }
        }
        return Chains.rebuild(graph, replacements, removed);
    }

    /** [Relu(x), Neg(x), Relu(Neg x), Mul(k, .)] when {@code positive} and {@code negative} form the pattern; else null. */
    private static List<LayerNode> match(LayerGraph graph, LayerNode add, String positive, String negative) {
        LayerNode relu = graph.producer(positive);
        LayerNode mul = graph.producer(negative);
        if (!isUnary(relu, Activation.RELU) || mul == null || !(mul.layer() instanceof BinaryLayer b)
                || b.op() != BinaryLayer.Op.MUL || b.constant() == null) {
            return null;
        }
        LayerNode negRelu = graph.producer(mul.inputs().get(0));
        if (!isUnary(negRelu, Activation.RELU)) {
            return null;
        }
        LayerNode neg = graph.producer(negRelu.inputs().get(0));
        if (!isUnary(neg, Activation.NEG) || !neg.inputs().equals(relu.inputs())) {
            return null;
        }
        for (LayerNode inner : List.of(relu, neg, negRelu, mul)) {
            if (Chains.soleConsumer(graph, inner) == null) {
                return null;
            }
        }
        return List.of(relu, neg, negRelu, mul);
    }

    private static boolean isUnary(LayerNode node, Activation fn) {
        return node != null && node.layer() instanceof UnaryLayer unary && unary.fn() == fn;
    }
}
