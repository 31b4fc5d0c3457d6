package io.nnport.frontend.keras;

import io.nnport.frontend.FrontEnd;
import io.nnport.frontend.Import;
import io.nnport.frontend.ImportOptions;
import io.nnport.ir.ModelException;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.passes.FusionPipeline;
import java.nio.file.Path;

/**
 * The Keras front end: a Keras 2 / tf.keras {@code .h5} file or a Keras 3 {@code .keras} archive,
 * detected by content, read by {@link KerasFiles}, translated by {@link KerasGraphBuilder}, then
 * fused by the core's {@link FusionPipeline}. Inputs and outputs are named after the model's input
 * and output layers. {@code --input}, {@code --constant} and {@code --output} are TensorFlow-graph
 * options, refused here rather than ignored: a Keras model's shapes come from its config.
 */
public final class KerasFrontEnd implements FrontEnd {

    @Override
    public String formats() {
        return "Keras model (.h5 or .keras)";
    }

    @Override
    public boolean accepts(Path model) {
        return KerasFiles.isHdf5(model) || KerasFiles.isKerasArchive(model);
    }

    @Override
    public Import read(Path model, ImportOptions options) {
        if (!options.inputShapes().isEmpty() || !options.constants().isEmpty() || !options.outputs().isEmpty()) {
            throw ModelException.of(model.toString(), "--input, --constant and --output apply to TensorFlow graphs;"
                    + " a Keras model's inputs, shapes and outputs come from its config");
        }
        return KerasFiles.read(model, file -> new Import(file.format(), fuse(layers(file), options)));
    }

    /** The layer graph of an opened file, before fusion (tests compare it with the config). */
    static LayerGraph layers(KerasModelFile file) {
        return KerasGraphBuilder.build(file);
    }

    private static LayerGraph fuse(LayerGraph graph, ImportOptions options) {
        try {
            return FusionPipeline.run(graph, options.log());
        } catch (ModelException e) {
            throw e.inSource(graph.source());
        }
    }
}
