package io.nnport.ir.passes;

import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What fusion passes share: following single-consumer chains and rebuilding the layer list. */
final class Chains {
    private Chains() {}

    /**
     * The only layer reading {@code node}'s single output, when that value is not a model output
     * (a fused-away value must not be needed anywhere else); null otherwise.
     */
    static LayerNode soleConsumer(LayerGraph graph, LayerNode node) {
        if (node.outputs().size() != 1 || graph.isOutput(node.output())) {
            return null;
        }
        List<LayerNode> consumers = graph.consumers(node.output());
        if (consumers.size() != 1 || consumers.get(0).inputs().size() != 1 && countReads(consumers.get(0), node.output()) != 1) {
            return null;
        }
        return consumers.get(0);
    }

    private static int countReads(LayerNode consumer, String value) {
        int count = 0;
        for (String input : consumer.inputs()) {
            if (input.equals(value)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The graph's layers with each fused group replaced: {@code replacements} maps the name of the
     * layer whose position the fused layer takes to it; layers named in {@code removed} disappear.
     */
    static LayerGraph rebuild(LayerGraph graph, Map<String, LayerNode> replacements, Set<String> removed) {
        if (replacements.isEmpty() && removed.isEmpty()) {
            return graph;
        }
        List<LayerNode> layers = new ArrayList<>();
        for (LayerNode node : graph.layers()) {
            LayerNode replacement = replacements.get(node.name());
            if (replacement != null) {
                layers.add(replacement);
            } else if (!removed.contains(node.name())) {
                layers.add(node);
            }
        }
        return graph.withLayers(layers, graph.outputs());
    }
}
