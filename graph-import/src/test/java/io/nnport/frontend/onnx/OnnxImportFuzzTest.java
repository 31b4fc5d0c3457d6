package io.nnport.frontend.onnx;

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
 * Coverage-guided fuzzing of the ONNX front end on a model file: the ModelProto reader (IR and
 * opset checks, initializers in every encoding, external data) and the walk that folds constants,
 * decides the layout and lowers each node. The front end is called directly, so inputs whose first
 * bytes no longer look like ONNX still reach the reader. Any bytes either import or end in one
 * {@link ModelException} whose message is one line naming no internal class ({@link UserMessages});
 * any other throwable, a hang or running out of memory is a crash.
 *
 * <p>A plain build replays the committed inputs in {@code OnnxImportFuzzTestInputs/importModel/}
 * ({@link OnnxSeeds}); the README's reliability section says how to fuzz.
 */
class OnnxImportFuzzTest {

    /** One model file, rewritten for each input: external data resolves beside it. */
    private static final Path MODEL = FuzzedModelFile.create("model.onnx");

    @FuzzTest
    @Timeout(10)
    void importModel(byte[] model) throws IOException {
        Files.write(MODEL, model);
        try {
            new OnnxFrontEnd().read(MODEL, ImportOptions.defaults());
        } catch (ModelException e) {
            UserMessages.assertClean(e.getMessage());
        }
    }
}
