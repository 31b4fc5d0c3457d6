package io.nnport.frontend.tf.passes;

import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.Ref;
import io.nnport.ir.ModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps only what the outputs need (following data and control inputs, since cond branches mark
 * their constants dead through control edges). On first use it also chooses the outputs: those the
 * user named ({@code --output}), else every sink of the graph except {@code NoOp}, constants and
 * placeholders (leftovers that compute nothing).
 */
public final class Prune implements GraphPass {

    /** Sinks that are never outputs: they compute no value worth returning. */
    private static final Set<String> NOT_OUTPUTS = Set.of("NoOp", "Const", "Placeholder", "PlaceholderWithDefault", "Assert",
            "Print", "PrintV2", "SaveV2", "RestoreV2", "Assign", "AssignVariableOp", "VarHandleOp", "VariableV2");

    @Override
    public String label() {
        return "prune";
    }

    @Override
    public Stage apply(Stage stage) {
        Graph graph = stage.graph();
        List<Stage.GraphOutput> outputs = stage.outputs().isEmpty() ? chooseOutputs(graph, stage.options().outputs()) : stage.outputs();
        List<String> keep = outputs.stream().map(o -> o.ref().node()).distinct().toList();
        List<Node> needed = graph.ancestors(keep);
        return stage.with(needed.size() == graph.size() ? graph : graph.withNodes(needed), outputs);
    }

    private static List<Stage.GraphOutput> chooseOutputs(Graph graph, List<String> requested) {
        List<Stage.GraphOutput> outputs = new ArrayList<>();
        if (!requested.isEmpty()) {
            for (String name : requested) {
                Ref ref = Ref.parse(name);
                if (!graph.contains(ref.node())) {
                    throw ModelException.of(graph.source(), "--output " + name + ": no node named '" + ref.node() + "'");
                }
                outputs.add(new Stage.GraphOutput(ref.toString(), ref));
            }
            return outputs;
        }
        for (Node sink : graph.sinks()) {
            if (!NOT_OUTPUTS.contains(sink.op())) {
                outputs.add(new Stage.GraphOutput(sink.name(), Ref.of(sink.name())));
            }
        }
        if (outputs.isEmpty()) {
            throw ModelException.of(graph.source(), "the graph has no output: every sink is a NoOp, constant or placeholder; name one with --output");
        }
        return outputs;
    }
}
