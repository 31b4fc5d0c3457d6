package io.nnport.frontend.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.savedmodel.testing.SampleSavedModels;
import io.nnport.ir.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged SavedModels and wrong choices: each ends in one ModelException naming the problem. */
class HostileSavedModelsTest {

    @TempDir
    Path dir;

    private Path model;
    private Path variables;

    @BeforeEach
    void export() {
        model = dir.resolve("dense");
        SampleSavedModels.writeDense(model, 21);
        variables = model.resolve("variables");
    }

    @Test
    void aFlippedShardByteFailsTheTensorsChecksum() throws IOException {
        Path shard = variables.resolve("variables.data-00000-of-00001");
        byte[] bytes = Files.readAllBytes(shard);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(shard, bytes);
        String message = refusal(ImportOptions.defaults());
        assertTrue(message.contains("damaged variables shard") && message.contains("fails its checksum"), message);
    }

    @Test
    void aTruncatedIndexIsDamaged() throws IOException {
        Path index = variables.resolve("variables.index");
        byte[] bytes = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(bytes, bytes.length - 7));
        String message = refusal(ImportOptions.defaults());
        assertTrue(message.contains("damaged tensor bundle index") && message.contains("magic"), message);
    }

    @Test
    void aFlippedIndexByteFailsTheBlockChecksum() throws IOException {
        Path index = variables.resolve("variables.index");
        byte[] bytes = Files.readAllBytes(index);
        bytes[3] ^= 0x01;
        Files.write(index, bytes);
        String message = refusal(ImportOptions.defaults());
        assertTrue(message.contains("damaged tensor bundle index") && message.contains("checksum"), message);
    }

    @Test
    void aTruncatedShardIsNamed() throws IOException {
        Path shard = variables.resolve("variables.data-00000-of-00001");
        byte[] bytes = Files.readAllBytes(shard);
        Files.write(shard, Arrays.copyOf(bytes, bytes.length - 5));
        String message = refusal(ImportOptions.defaults());
        assertTrue(message.contains("past the shard's end") && message.contains("the shard is truncated"), message);
    }

    @Test
    void variablesWithoutTheirDirectoryAreNamed() throws IOException {
        try (var files = Files.list(variables)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(variables);
        String message = refusal(ImportOptions.defaults());
        assertTrue(message.contains("but the SavedModel has no variables (no variables/variables.index)"), message);
    }

    @Test
    void aCompressedIndexBlockIsRefusedByName() throws IOException {
        Path index = variables.resolve("variables.index");
        byte[] bytes = Files.readAllBytes(index);
        // The footer opens with the metaindex block's offset (a varint); the data block before it
        // ends in its 5-byte trailer, whose first byte is the compression type.
        int footer = bytes.length - SsTable.FOOTER_BYTES;
        long metaindexOffset = 0;
        for (int shift = 0, i = footer; ; shift += 7, i++) {
            metaindexOffset |= (long) (bytes[i] & 0x7f) << shift;
            if ((bytes[i] & 0x80) == 0) {
                break;
            }
        }
        bytes[(int) metaindexOffset - SsTable.BLOCK_TRAILER_BYTES] = 1;
        Files.write(index, bytes);
        String message = refusal(ImportOptions.defaults());
        assertTrue(message.contains("the tensor bundle index has a snappy-compressed block"), message);
    }

    @Test
    void aMissingShardIsNamed() throws IOException {
        Files.delete(variables.resolve("variables.data-00000-of-00001"));
        String message = refusal(ImportOptions.defaults());
        assertTrue(message.contains("variables.data-00000-of-00001") && message.contains("shard is missing"), message);
    }

    @Test
    void aTruncatedSavedModelFileIsNotASavedModel() throws IOException {
        Path file = model.resolve("saved_model.pb");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        String message = refusal(ImportOptions.defaults());
        assertTrue(message.contains("saved_model.pb: not a SavedModel:"), message);
    }

    @Test
    void anUnknownSignatureListsTheSignatures() {
        String message = refusal(ImportOptions.defaults().withSignature("predict"));
        assertTrue(message.endsWith("no signature 'predict'; the meta graph has logits, scaled, serving_default"
                + " (choose one with --signature)"), message);
    }

    @Test
    void anUnknownTagListsTheTagSets() {
        String message = refusal(ImportOptions.defaults().withTag("train"));
        assertTrue(message.endsWith("no meta graph tagged 'train'; the SavedModel has [serve] (choose one with --tag)"), message);
    }

    @Test
    void anUnknownOutputKeyListsTheOutputs() {
        String message = refusal(ImportOptions.defaults().withOutputs(java.util.List.of("probabilities")));
        assertTrue(message.endsWith("--output probabilities: the signature has no output 'probabilities'; it has dense_1"), message);
    }

    private String refusal(ImportOptions options) {
        ModelException e = assertThrows(ModelException.class, () -> FrontEnds.read(model, options));
        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
        return e.getMessage();
    }
}
