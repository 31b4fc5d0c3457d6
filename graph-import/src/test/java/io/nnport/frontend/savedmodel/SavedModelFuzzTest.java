package io.nnport.frontend.savedmodel;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nnport.frontend.ImportOptions;
import io.nnport.ir.ModelException;
import io.nnport.kernels.testing.UserMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the SavedModel front end, one file of a real TF 2.13 SavedModel
 * ({@link SavedModelSeeds#TEMPLATE}) replaced by the input at a time: the variables index (the
 * tensor bundle's table: blocks, prefix-compressed keys, BundleEntryProtos, shard ids, offsets and
 * CRC32Cs), or {@code saved_model.pb} (meta graph, signature, function inlining, variables through
 * the object graphs). Any bytes either import or end in one {@link ModelException} whose message is
 * one line naming no internal class ({@link UserMessages}); any other throwable, a hang or running
 * out of memory is a crash.
 *
 * <p>A plain build replays the committed inputs in {@code SavedModelFuzzTestInputs/<method>/}
 * ({@link SavedModelSeeds}); the README's reliability section says how to fuzz.
 */
class SavedModelFuzzTest {

    /** A copy of the template, whose files the targets overwrite and restore. */
    private static final Path MODEL = copyOfTemplate();

    @FuzzTest
    @Timeout(10)
    void variablesIndex(byte[] index) throws IOException {
        importWith(SavedModelSeeds.INDEX, index);
    }

    @FuzzTest
    @Timeout(10)
    void savedModelProto(byte[] savedModel) throws IOException {
        importWith(SavedModelSeeds.SAVED_MODEL, savedModel);
    }

    private static void importWith(String file, byte[] bytes) throws IOException {
        Files.write(MODEL.resolve(file), bytes);
        try {
            new SavedModelFrontEnd().read(MODEL, ImportOptions.defaults());
        } catch (ModelException e) {
            UserMessages.assertClean(e.getMessage());
        } finally {
            Files.copy(SavedModelSeeds.TEMPLATE.resolve(file), MODEL.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path copyOfTemplate() {
        try {
            Path dir = Files.createTempDirectory("nnport-fuzz");
            for (String file : SavedModelSeeds.FILES) {
                Files.createDirectories(dir.resolve(file).getParent());
                Files.copy(SavedModelSeeds.TEMPLATE.resolve(file), dir.resolve(file));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
