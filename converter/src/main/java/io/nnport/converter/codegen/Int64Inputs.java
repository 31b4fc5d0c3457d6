package io.nnport.converter.codegen;

import io.nnport.ir.DType;
import io.nnport.ir.layers.CastLayer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model inputs keep their source dtype: an int64 input (PyTorch's token ids) is a {@code long[]} for
 * the caller, while the kernels compute integers as int32 in the int arena. Each int64 input gets one
 * entry cast to int32 ({@link io.nnport.converter.codegen.lower.CastLowering} copies it in with a range
 * check), and every layer that read the input reads the cast instead.
 */
public final class Int64Inputs {
    private Int64Inputs() {}

    /** The graph with an entry cast after each int64 input; the graph itself when it has none. */
    public static LayerGraph narrowed(LayerGraph graph) {
        Set<String> taken = new HashSet<>();
        graph.inputs().forEach(v -> taken.add(v.name()));
        graph.layers().forEach(n -> {
            taken.add(n.name());
            taken.addAll(n.outputs());
        });
        Map<String, String> renamed = new HashMap<>();
        List<LayerNode> layers = new ArrayList<>();
        for (Value input : graph.inputs()) {
            if (input.dtype() == DType.INT64) {
                String name = input.name() + "/int32";
                for (int k = 1; !taken.add(name); k++) {
                    name = input.name() + "/int32_" + k;
                }
                renamed.put(input.name(), name);
                layers.add(new LayerNode(name, new CastLayer(DType.INT32), List.of(input.name()), List.of(name), List.of(input.name())));
            }
        }
        if (renamed.isEmpty()) {
            return graph;
        }
        for (LayerNode node : graph.layers()) {
            List<String> inputs = node.inputs().stream().map(in -> renamed.getOrDefault(in, in)).toList();
            layers.add(new LayerNode(node.name(), node.layer(), inputs, node.outputs(), node.sourceNodes()));
        }
        return graph.withLayers(layers, graph.outputs());
    }
}
