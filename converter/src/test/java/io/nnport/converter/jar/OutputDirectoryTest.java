package io.nnport.converter.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void nothingAppearsUntilPublishedAndNothingStaysOnFailure(@TempDir Path root) throws IOException {
        Path target = root.resolve("model");
        try (OutputDirectory out = OutputDirectory.create(target, false)) {
            Files.writeString(out.file("src/A.java"), "class A {}");
            assertFalse(Files.exists(target));
        }
        assertEquals(0, entries(root), "an unpublished conversion leaves nothing");

        try (OutputDirectory out = OutputDirectory.create(target, false)) {
            Files.writeString(out.file("report.md"), "one");
            out.publish();
        }
        assertEquals("one", Files.readString(target.resolve("report.md")));
        assertEquals(1, entries(root));
    }

    @Test
    void directoriesMadeForAFailedConversionAreRemoved(@TempDir Path root) throws IOException {
        try (OutputDirectory out = OutputDirectory.create(root.resolve("a/b/model"), false)) {
            Files.writeString(out.file("src/A.java"), "class A {}");
        }
        assertEquals(0, entries(root), "no empty -o directory is left behind");
    }

    @Test
    void publishedFilesAndDirectoriesFollowTheUmask(@TempDir Path root) throws IOException {
        // What the umask gives any new file and directory here (the JDK has no call that reads it).
        Set<PosixFilePermission> dirMode = Files.getPosixFilePermissions(Files.createDirectory(root.resolve("ref-dir")));
        Set<PosixFilePermission> fileMode = Files.getPosixFilePermissions(Files.createFile(root.resolve("ref-file")));
        Path target = root.resolve("out/model");
        try (OutputDirectory out = OutputDirectory.create(target, false)) {
            Files.writeString(out.file("src/A.java"), "class A {}");
            out.publish();
        }
        for (Path dir : List.of(root.resolve("out"), target, target.resolve("src"))) {
            assertEquals(dirMode, Files.getPosixFilePermissions(dir), dir.toString());
        }
        assertEquals(fileMode, Files.getPosixFilePermissions(target.resolve("src/A.java")));
    }

    @Test
    void existingOutputNeedsForceAndIsReplacedWhole(@TempDir Path root) throws IOException {
        Path target = root.resolve("model");
        Files.createDirectories(target);
        Files.writeString(target.resolve("stale.txt"), "old");
        assertThrows(FileAlreadyExistsException.class, () -> OutputDirectory.create(target, false));
        try (OutputDirectory out = OutputDirectory.create(target, true)) {
            Files.writeString(out.file("fresh.txt"), "new");
            out.publish();
        }
        assertTrue(Files.exists(target.resolve("fresh.txt")));
        assertFalse(Files.exists(target.resolve("stale.txt")));
        assertEquals(1, entries(root), "the old directory is gone");
    }

    @Test
    void pathsCannotEscape(@TempDir Path root) throws IOException {
        try (OutputDirectory out = OutputDirectory.create(root.resolve("m"), false)) {
            assertThrows(IllegalArgumentException.class, () -> out.file("../evil.txt"));
        }
    }
}
