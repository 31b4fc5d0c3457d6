package io.nnport.frontend.tf;


import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.ImportOptions;
import io.nnport.ir.ModelException;
import io.nnport.kernels.testing.UserMessages;
import io.nnport.testing.FuzzedModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the whole import, as the converter runs it on a model file: format
 * detection, the GraphDef reader (binary and text), the TensorFlow passes, lowering and the fusion
 * passes. Any bytes either import or end in one {@link ModelException} whose message is one line naming no
 * internal class ({@link UserMessages}; the converter's exit code 2); any other throwable, a hang or running out of memory is a crash.
 *
 * <p>A plain build replays the committed inputs in {@code GraphDefImportFuzzTestInputs/importModel/}
 * (the {@link io.nnport.frontend.tf.ops.GraphSeeds} and the reproducers of crashes once found); the
 * README's reliability section says how to fuzz.
 */
class GraphDefImportFuzzTest {

    /** One model file, rewritten for each input: the import reads files, as the converter does. */
    private static final Path MODEL = FuzzedModelFile.create("model.pb");

    @FuzzTest
    @Timeout(10)
    void importModel(byte[] model) throws IOException {
        Files.write(MODEL, model);
        try {
            FrontEnds.read(MODEL, ImportOptions.defaults());
        } catch (ModelException e) {
            UserMessages.assertClean(e.getMessage());
        }
    }
}
