package io.nnport.runtime;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Uniquely named siblings for write-then-rename: a file or directory is written under a hidden
 * temporary name and renamed into place when complete. Unlike {@link Files#createTempFile} (0600)
 * and {@link Files#createTempDirectory} (0700), these are created with the default permissions, so
 * that the umask decides, as for any file a tool writes: the published result keeps them, and a
 * model converted by one user can be run by another.
 */
public final class Staging {

    private Staging() {}

    /** A new empty file {@code dir/<prefix><random>}. */
    public static Path newFile(Path dir, String prefix) throws IOException {
        while (true) {
            try {
                return Files.createFile(candidate(dir, prefix));
            } catch (FileAlreadyExistsException taken) {
                // another name
            }
        }
    }

    /** A new empty directory {@code dir/<prefix><random>}. */
    public static Path newDirectory(Path dir, String prefix) throws IOException {
        while (true) {
            try {
                return Files.createDirectory(candidate(dir, prefix));
            } catch (FileAlreadyExistsException taken) {
                // another name
            }
        }
    }

    private static Path candidate(Path dir, String prefix) {
        return dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
    }
}
