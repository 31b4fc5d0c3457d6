package io.nnport.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nnport.kernels.testing.UserMessages;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the {@code .npy} reader: any bytes are either an array that writes
 * back to an equal array, or one {@link Npy.NpyFormatException} whose message is one line naming no
 * internal class ({@link UserMessages}; what the model jar's
 * {@code predict} prints with exit code 2). Any other throwable, a hang or running out of memory
 * is a crash.
 *
 * <p>A plain build replays the committed inputs in {@code NpyFuzzTestInputs/parse/} (seeds and the
 * reproducers of crashes once found); the README's reliability section says how to fuzz.
 */
class NpyFuzzTest {

    @FuzzTest
    @Timeout(10)
    void parse(byte[] file) throws IOException {
        NpyArray array;
        try {
            array = Npy.parse(file);
        } catch (Npy.NpyFormatException e) {
            UserMessages.assertClean(e.getMessage());
            return;
        }
        assertEquals(array, Npy.parse(Npy.toBytes(array)));
    }
}
