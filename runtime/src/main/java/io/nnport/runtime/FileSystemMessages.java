package io.nnport.runtime;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * One line for a failed file-system operation, in the words of the OS ({@code out: not a
 * directory}, {@code /opt: permission denied}): the JDK's exceptions carry the path and the OS's
 * reason apart, and several subtypes carry no reason at all, so {@code getMessage()} alone may say
 * only a path. Shared by the converter's and the model jar's command lines.
 */
public final class FileSystemMessages {

    private FileSystemMessages() {}

    /** {@code path: reason}, the reason in the OS's words, lower case. */
    public static String describe(FileSystemException e) {
        String file = e.getFile() != null ? e.getFile() : "";
        String other = e.getOtherFile() != null ? " -> " + e.getOtherFile() : "";
        return file + other + ": " + reason(e);
    }

    private static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason().toLowerCase(Locale.ROOT);
        } else if (e instanceof AccessDeniedException) {
            return "permission denied";
        } else if (e instanceof NotDirectoryException) {
            return "not a directory";
        } else if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        } else if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        } else if (e instanceof FileAlreadyExistsException) {
            // Files.createDirectories reports a file in the way with the bare path.
            return "exists and is not a directory";
        }
        return "file-system error";
    }
}
