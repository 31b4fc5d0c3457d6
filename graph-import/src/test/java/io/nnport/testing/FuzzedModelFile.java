package io.nnport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one model file a fuzz test rewrites for each input, in a temporary directory of its own
 * (deleted at exit): the readers under test read files, as the converter does.
 */
public final class FuzzedModelFile {
    private FuzzedModelFile() {}

    /** A path named {@code fileName} (its name becomes the model's name) in a new temporary directory. */
    public static Path create(String fileName) {
        try {
            Path dir = Files.createTempDirectory("nnport-fuzz");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(fileName);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
