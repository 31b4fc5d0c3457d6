package io.nnport.runtime;

import java.util.List;

/**
 * What every generated model offers the generic tools (its command line, tests and benchmarks),
 * besides its own typed {@code predict} methods.
 */
public interface ConvertedModel {

    /**
     * The main attribute of a model jar's manifest that names its model class (the one
     * implementing this interface), so tools that load a jar need not guess it from Main-Class.
     */
    String MODEL_CLASS_ATTRIBUTE = "Nnport-Model-Class";

    /** The model's inputs, in the order {@link #run} takes them. */
    List<TensorSpec> inputs();

    /** The model's outputs, in the order {@link #run} fills them. */
    List<TensorSpec> outputs();

    /**
     * Runs the model on {@code batch} samples. Each input is a Java array of its spec's dtype and
     * exact length for {@code batch}; each output array is written, never read. Inputs are never
     * modified. Safe to call from many threads at once.
     */
    void run(Object[] inputs, int batch, Object[] outputs);

    /** Human-readable description: layers, shapes, flags, arena size. */
    String describe();
}
