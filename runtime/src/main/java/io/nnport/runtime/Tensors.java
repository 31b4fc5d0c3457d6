package io.nnport.runtime;

import java.util.List;
import java.util.Random;

/** Arrays for a model's inputs and outputs at a batch size, as the benchmarks and tools need them. */
public final class Tensors {

    private Tensors() {}

    /**
     * Seeded inputs: floats uniform in [0, 1), integers (ids) zero so every embedding lookup stays
     * in range.
     */
    public static Object[] seededInputs(List<TensorSpec> specs, int batch, long seed) {
        Random random = new Random(seed);
        Object[] arrays = new Object[specs.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = specs.get(i).newArray(batch);
            if (arrays[i] instanceof float[] f) {
                for (int j = 0; j < f.length; j++) {
                    f[j] = random.nextFloat();
                }
            }
        }
        return arrays;
    }

    /** Zeroed output arrays. */
    public static Object[] newArrays(List<TensorSpec> specs, int batch) {
        Object[] arrays = new Object[specs.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = specs.get(i).newArray(batch);
        }
        return arrays;
    }
}
