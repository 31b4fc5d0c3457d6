package io.nnport.ir.layers;

import java.util.List;

/**
 * One layer in a {@link LayerGraph}: the layer, the values it reads and writes, and the source
 * model's nodes merged into it.
 *
 * @param name        the source node that produces the layer's (first) output; unique in the graph
 * @param layer       what the layer computes, with its attributes and weights
 * @param inputs      value names read at run time, in the layer's operand order (weights are not listed)
 * @param outputs     value names written, one per output of the layer
 * @param sourceNodes every node of the source model merged into this layer, in graph order: the one
 *                    authority for "which source nodes became this layer" (report, generated-code comments)
 */
public record LayerNode(String name, Layer layer, List<String> inputs, List<String> outputs, List<String> sourceNodes) {
    public LayerNode {
        if (name == null || layer == null) {
            throw new IllegalArgumentException("a layer node needs a name and a layer");
        }
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        sourceNodes = List.copyOf(sourceNodes);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("layer " + name + " has no output");
        }
    }

    public String output() {
        return outputs.get(0);
    }

    /** The same wiring with a different layer and more merged source nodes. */
    public LayerNode merged(Layer newLayer, List<String> newInputs, List<String> newOutputs, String newName,
            List<String> moreSourceNodes) {
        List<String> all = new java.util.ArrayList<>(sourceNodes);
        for (String node : moreSourceNodes) {
            if (!all.contains(node)) {
                all.add(node);
            }
        }
        return new LayerNode(newName, newLayer, newInputs, newOutputs, all);
    }

    @Override
    public String toString() {
        return name + " = " + layer.describe() + " " + inputs + " -> " + outputs;
    }
}
