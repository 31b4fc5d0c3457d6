package io.nnport.frontend.tf.passes;

/** A named, pure rewrite of a TensorFlow graph stage: the input stage and its graph are never changed. */
public interface GraphPass {
    /** A short label for logs, e.g. {@code fold-constants}. */
    String label();

    Stage apply(Stage stage);
}
