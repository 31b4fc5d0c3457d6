package io.nnport.frontend.savedmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The SavedModel the fuzz tests mutate, one file at a time: the TF 2.13 Keras MNIST MLP of the
 * repository's {@code models/savedmodel-real} (resource variables, a function library, 484 KB). Its
 * own index and {@code saved_model.pb} are the seeds.
 */
final class SavedModelSeeds {

    static final String SAVED_MODEL = "saved_model.pb";
    static final String INDEX = "variables/variables.index";
    static final List<String> FILES = List.of(SAVED_MODEL, INDEX, "variables/variables.data-00000-of-00001");
    static final Path TEMPLATE = template();

    private SavedModelSeeds() {}

    /** The seed of {@code file}, under its name. */
    static Map<String, byte[]> of(String file) {
        try {
            return Map.of(Path.of(file).getFileName().toString(), Files.readAllBytes(TEMPLATE.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path template() {
        return RealSavedModelsTest.models().stream().filter(dir -> dir.endsWith("tf2_13_mnist_mlp")).findFirst()
                .orElseThrow(() -> new IllegalStateException("models/savedmodel-real has no tf2_13_mnist_mlp"));
    }
}
