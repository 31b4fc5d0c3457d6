package io.nnport.frontend.tf;

import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.GraphDefReader;
import io.nnport.frontend.tf.passes.Pipeline;
import io.nnport.ir.ModelException;
import io.nnport.ir.layers.LayerGraph;
import java.nio.file.Path;

/**
 * The converter's entry point: reads a TensorFlow frozen GraphDef and runs the {@link Pipeline} to
 * a {@link LayerGraph}. Every problem ends in one {@link ModelException} naming the file, and the
 * node and op where there is one.
 */
public final class TensorFlowFrontEnd {
    private TensorFlowFrontEnd() {}

    /** What an import produced. */
    public record Result(Graph original, Graph sanitized, LayerGraph layers) {}

    /** Reads and imports a model file. */
    public static Result importModel(Path model, ImportOptions options) {
        return importGraph(GraphDefReader.read(model), options);
    }

    /** Imports a graph already read (tests build graphs in memory). */
    public static Result importGraph(Graph graph, ImportOptions options) {
        try {
            Pipeline.Result result = new Pipeline(options.log()).run(graph, options);
            return new Result(graph, result.sanitized(), result.layers());
        } catch (ModelException e) {
            throw e.inSource(graph.source());
        }
    }
}
