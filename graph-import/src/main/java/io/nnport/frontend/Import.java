package io.nnport.frontend;

import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.Value;
import java.util.List;

/**
 * What a front end produced: the layer graph, with the model's inputs (names, dtypes, shapes whose
 * dimension 0 may be the dynamic batch) and outputs under the names the source format gives them.
 *
 * @param format the format read, e.g. {@code TensorFlow GraphDef}
 * @param graph  the fused layer graph
 */
public record Import(String format, LayerGraph graph) {

    public List<Value> inputs() {
        return graph.inputs();
    }

    public List<LayerGraph.Output> outputs() {
        return graph.outputs();
    }
}
