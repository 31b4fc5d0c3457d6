package io.nnport.frontend.keras;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed models for the Keras fuzz test: the two smallest real files of {@code models/keras-real}, a
 * Keras 3 {@code .h5} (an MLP, 67 KB) and a Keras 3 {@code .keras} zip (an MLP with batch norm, 151 KB).
 */
final class KerasSeeds {

    private static final List<String> FILES = List.of("keras3_churn_mlp.h5", "keras3_diabetes_mlp_bn.keras");

    private KerasSeeds() {}

    static Map<String, byte[]> all() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (String file : FILES) {
            try {
                seeds.put(file, Files.readAllBytes(RealKerasModelsTest.directory().resolve(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds;
    }
}
