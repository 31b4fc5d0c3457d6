package io.nnport.frontend.tf.passes;

import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.tf.Facts;
import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.Ref;
import java.util.List;

/**
 * The state a graph pass takes and returns: the graph, the outputs being computed (each TensorFlow
 * name the user asked for, and the tensor that holds it now: sanitizing rewires an output from an
 * {@code Identity} to its producer), the options, and the shape facts (null until
 * {@link InferShapes} ran; passes that change the graph recompute them).
 */
public record Stage(Graph graph, List<GraphOutput> outputs, ImportOptions options, Facts facts) {

    /** A model output: the name asked for and the tensor holding it. */
    public record GraphOutput(String name, Ref ref) {}

    public Stage {
        outputs = List.copyOf(outputs);
    }

    public Stage with(Graph newGraph, List<GraphOutput> newOutputs) {
        return new Stage(newGraph, newOutputs, options, facts == null ? null : ShapeInference.infer(newGraph));
    }

    public Stage withFacts(Facts newFacts) {
        return new Stage(graph, outputs, options, newFacts);
    }

    /** Node names of the outputs' tensors. */
    List<String> outputNodes() {
        return outputs.stream().map(o -> o.ref().node()).distinct().toList();
    }
}
