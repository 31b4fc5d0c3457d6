package io.nnport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real TensorFlow models of {@code shared/models/real} (see its PROVENANCE.md). */
public final class RealModels {
    private RealModels() {}

    /** The directory, found by walking up from the working directory to a {@code shared/models/real}. */
    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/models/real");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/models/real above " + Path.of("").toAbsolutePath());
    }

    public static Path file(String name) {
        return directory().resolve(name);
    }

    /** Every {@code .pb} file, sorted by name. */
    public static List<Path> all() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
