package io.nnport.samples.generator;

import java.util.Random;

/**
 * One sample model: its graph, its single input and output, and the reference inputs it is run on.
 * Everything is seeded, so generating twice gives the same bytes.
 */
interface SampleModel {

    /** File stem under models/: {@code <name>.pb}, {@code <name>_in_b1.npy}, ... */
    String name();

    String inputName();

    /** Input dimensions after the (dynamic) batch dimension. */
    long[] inputDims();

    String outputName();

    /** Seed of the weights, drawn in layer order. */
    long weightSeed();

    /** Adds the model's nodes; the input placeholder is named {@link #inputName()}. */
    void build(KerasGraph keras);

    /** A reference input of {@code batch} samples, C order, drawn from {@code random}. */
    float[] referenceInput(int batch, Random random);
}
