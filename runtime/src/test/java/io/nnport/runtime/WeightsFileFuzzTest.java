package io.nnport.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nnport.kernels.testing.UserMessages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the weights file reader ({@link WeightsReader}, the reader a model's
 * load streams through), via {@link WeightsFile#decode}: any bytes are either weights that encode and read back to the same
 * tensors, or one {@link IOException} whose message is one line naming no internal class
 * ({@link UserMessages}; which a model jar's load turns into its one-line
 * exit 2). Any other throwable, a hang or running out of memory is a crash.
 *
 * <p>The fuzzer's input is the file without its trailing CRC32, which the target appends: a
 * mutated file would otherwise almost always stop at the checksum, and the table and data behind
 * it are what a damaged or hostile file can shape (WeightsFileTest checks the checksum itself).
 * A plain build replays the committed inputs in {@code WeightsFileFuzzTestInputs/read/}.
 */
class WeightsFileFuzzTest {

    @FuzzTest
    @Timeout(10)
    void read(byte[] withoutChecksum) throws IOException {
        WeightsFile weights;
        try {
            weights = WeightsFile.decode(withChecksum(withoutChecksum));
        } catch (IOException e) {
            UserMessages.assertClean(e.getMessage());
            return;
        }
        List<WeightsFile.Entry> entries = List.copyOf(weights.entries().values());
        WeightsFile again = WeightsFile.decode(WeightsFile.encode(entries));
        assertEquals(describe(entries), describe(again.entries().values()));
    }

    /** Each tensor's name, storage, shape and values. */
    private static List<String> describe(Collection<WeightsFile.Entry> entries) {
        return entries.stream().map(e -> e + " " + Arrays.deepToString(new Object[] {e.values()})).toList();
    }

    /** {@code body} followed by its CRC32, little-endian: a weights file as the writer ends it. */
    static byte[] withChecksum(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return ByteBuffer.allocate(body.length + 4).order(ByteOrder.LITTLE_ENDIAN)
                .put(body).putInt((int) crc.getValue()).array();
    }
}
