package io.nnport.frontend.keras;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nnport.frontend.ImportOptions;
import io.nnport.ir.ModelException;
import io.nnport.kernels.testing.UserMessages;
import io.nnport.testing.FuzzedModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the Keras front end on a model file: an HDF5 file (jhdf, the
 * {@code model_config} attribute, the {@code model_weights} groups) or a {@code .keras} zip (bounded
 * members, {@code config.json}, the weights' HDF5), the config's graph and every layer's mapping.
 * Any bytes either import or end in one {@link ModelException} whose message is one line naming no
 * internal class ({@link UserMessages}); any other throwable, a hang or running out of memory is a
 * crash.
 *
 * <p>A plain build replays the committed inputs in {@code KerasImportFuzzTestInputs/importModel/}
 * ({@link KerasSeeds}); the README's reliability section says how to fuzz.
 */
class KerasImportFuzzTest {

    /** One model file, rewritten for each input. */
    private static final Path MODEL = FuzzedModelFile.create("model.keras");

    @FuzzTest
    @Timeout(10)
    void importModel(byte[] model) throws IOException {
        Files.write(MODEL, model);
        try {
            new KerasFrontEnd().read(MODEL, ImportOptions.defaults());
        } catch (ModelException e) {
            UserMessages.assertClean(e.getMessage());
        }
    }
}
