package io.nnport.kernels.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract of every message a user sees for bad input: one line, in words, naming no internal
 * class. What a message quotes from the file (names in quotes) is the file's and is not checked.
 */
public final class UserMessages {

    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'|\"[^\"\\n]*\"");
    /**
     * What leaks internals: an object's identity ({@code [I@5e91993f}), a record's own toString
     * ({@code GatherPlan[ids=...}), a qualified class name ({@code java.lang.NullPointerException}).
     * A bare word such as {@code Exception} is not enough: messages list op names from the file
     * unquoted ({@code unsupported ops: PlException}).
     */
    private static final Pattern INTERNAL = Pattern.compile(
            "(\\[[IJFDZBCS]|\\[L[\\w.$]+;|\\b[A-Z][\\w$]*)@[0-9a-f]{4,}"
            + "|\\b[A-Z]\\w*\\[\\w+="
            + "|\\b(java|javax|jdk|sun|io\\.nnport|com\\.google)\\.[a-z]");

    private UserMessages() {}

    /** Asserts that {@code message} is one line and, outside its quotes, names no internal class. */
    public static void assertClean(String message) {
        assertFalse(message == null || message.isBlank(), "no message");
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "more than one line: " + message);
        Matcher internal = INTERNAL.matcher(QUOTED.matcher(message).replaceAll("''"));
        assertFalse(internal.find(), () -> "names an internal class (" + internal.group() + "): " + message);
    }
}
