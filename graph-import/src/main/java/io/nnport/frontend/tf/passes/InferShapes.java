package io.nnport.frontend.tf.passes;

/**
 * Runs {@link ShapeInference} on the stage's graph and attaches the facts; the graph is unchanged.
 * From here on, every pass that changes the graph recomputes the facts ({@link Stage#with}).
 */
public final class InferShapes implements GraphPass {
    @Override
    public String label() {
        return "infer-shapes";
    }

    @Override
    public Stage apply(Stage stage) {
        return stage.withFacts(ShapeInference.infer(stage.graph()));
    }
}
