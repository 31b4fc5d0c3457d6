package io.nnport.converter.jar;

import io.nnport.runtime.Staging;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Publishes a conversion's output directory all at once: everything is written into a hidden
 * temporary sibling, which is renamed into place only when complete. A failed conversion leaves
 * nothing behind, and a reader never sees half a directory.
 */
public final class OutputDirectory implements AutoCloseable {

    private final Path target;
    private final Path staging;
    /** The highest directory {@link #create} made on the way to the target's parent; null if none. */
    private final Path createdAbove;
    private boolean published;

    private OutputDirectory(Path target, Path staging, Path createdAbove) {
        this.target = target;
        this.staging = staging;
        this.createdAbove = createdAbove;
    }

    /**
     * Starts writing {@code target}.
     *
     * @param force replace an existing {@code target}; without it an existing one is an error
     * @throws FileAlreadyExistsException when {@code target} exists and {@code force} is false
     */
    public static OutputDirectory create(Path target, boolean force) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !force) {
            throw new FileAlreadyExistsException(absolute.toString(), null,
                    "already exists (pass --force to replace it)");
        }
        Path parent = absolute.getParent();
        requireDirectoryOrAbsent(parent);
        Path createdAbove = null;
        for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
            createdAbove = p;
        }
        Files.createDirectories(parent);
        try {
            Path staging = Staging.newDirectory(parent, "." + absolute.getFileName() + ".partial-");
            return new OutputDirectory(absolute, staging, createdAbove);
        } catch (AccessDeniedException e) {
            // Reported for the temporary name; the user chose the directory it could not go in.
            throw new AccessDeniedException(parent.toString());
        }
    }

    /**
     * Fails with {@link NotDirectoryException} naming the nearest existing ancestor of {@code dir}
     * (or {@code dir} itself) when that is not a directory, before anything is created under it.
     */
    private static void requireDirectoryOrAbsent(Path dir) throws NotDirectoryException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new NotDirectoryException(p.toString());
                }
                return;
            }
        }
    }

    /** Where files go until {@link #publish()}. */
    public Path staging() {
        return staging;
    }

    /** Resolves {@code relative} inside the staging directory, creating parent directories. */
    public Path file(String relative) throws IOException {
        Path file = staging.resolve(relative).normalize();
        if (!file.startsWith(staging)) {
            throw new IllegalArgumentException("path escapes the output directory: " + relative);
        }
        Files.createDirectories(file.getParent());
        return file;
    }

    /** Moves the finished directory into place, replacing an older one when forced. */
    public Path publish() throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            move(target, old);
        }
        move(staging, target);
        published = true;
        if (old != null) {
            deleteTree(old);
        }
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Unless published: removes the staging directory, and the directories {@link #create} made
     * for it that are still empty, so a failed conversion leaves no empty {@code -o} directory.
     */
    @Override
    public void close() throws IOException {
        if (published) {
            return;
        }
        deleteTree(staging);
        if (createdAbove != null) {
            for (Path p = staging.getParent(); p.startsWith(createdAbove) && isEmptyDirectory(p); p = p.getParent()) {
                Files.delete(p);
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
