package io.nnport.frontend.tf.testing;

import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.Ref;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.frontend.tf.ops.OpTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the op table's shape rules over a whole graph, for tests of the rules themselves. */
public final class ShapeRules {
    private ShapeRules() {}

    /**
     * The inferred outputs of every node needed for {@code outputs}, in topological order; each
     * placeholder takes {@code placeholders.get(name)}, or its own declared dtype and shape when absent.
     */
    public static Map<String, List<TensorInfo>> infer(Graph graph, Map<String, TensorInfo> placeholders, List<String> outputs) {
        Map<String, List<TensorInfo>> infos = new HashMap<>();
        for (Node node : graph.ancestors(outputs)) {
            if (placeholders.containsKey(node.name())) {
                infos.put(node.name(), List.of(placeholders.get(node.name())));
                continue;
            }
            List<TensorInfo> inputs = new ArrayList<>();
            for (Ref input : node.inputs()) {
                inputs.add(infos.get(input.node()).get(input.output()));
            }
            infos.put(node.name(), OpTable.of(node).infer(node, inputs));
        }
        return infos;
    }
}
