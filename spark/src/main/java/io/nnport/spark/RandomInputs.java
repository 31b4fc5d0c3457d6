package io.nnport.spark;

import io.nnport.runtime.TensorSpec;
import java.util.Random;

/** Random values for one sample of a model input: a dataset to try scoring on. */
final class RandomInputs {

    /** Token ids stay below this, inside any vocabulary a real model has. */
    private static final int TOKEN_IDS = 10;

    private RandomInputs() {}

    /** One sample for {@code spec}: floats uniform in [0, 1), integers in [0, {@value #TOKEN_IDS}), booleans fair. */
    static Object sample(TensorSpec spec, Random random) {
        int n = spec.perSample();
        Object array = spec.newArray(1);
        for (int i = 0; i < n; i++) {
            switch (spec.dtype()) {
                case FLOAT32 -> ((float[]) array)[i] = random.nextFloat();
                case INT32 -> ((int[]) array)[i] = random.nextInt(TOKEN_IDS);
                case INT64 -> ((long[]) array)[i] = random.nextInt(TOKEN_IDS);
                case BOOL -> ((boolean[]) array)[i] = random.nextBoolean();
            }
        }
        return array;
    }
}
