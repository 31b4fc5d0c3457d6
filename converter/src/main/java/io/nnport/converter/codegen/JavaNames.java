package io.nnport.converter.codegen;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Turns names from a model file, which are data and may hold anything, into safe Java: identifiers
 * made only of ASCII letters, digits and '_', never a keyword; and comment text that cannot end a
 * comment or smuggle a unicode escape into the source.
 */
public final class JavaNames {

    /** Identifiers longer than this are cut: generated code stays readable. */
    static final int MAX_IDENTIFIER_LENGTH = 48;

    private final Set<String> taken = new HashSet<>();

    /** A new scope in which every returned name is unique. */
    public JavaNames(String... reserved) {
        taken.addAll(Set.of(reserved));
    }

    /**
     * A lowerCamelCase identifier for {@code raw}, unique in this scope: non-alphanumeric runs
     * become word breaks ({@code dense_2/MatMul} -> {@code dense2MatMul}), a leading digit gets a
     * prefix, keywords get a suffix, and a repeat gets a number.
     */
    public String claim(String raw) {
        String base = identifier(raw);
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + i;
        }
        return name;
    }

    /**
     * lowerCamelCase identifier for {@code raw}, not checked for uniqueness. A path segment that the
     * next one only extends ({@code conv} before {@code conv.0}, as PyTorch names nested modules) is
     * left out: {@code /features/features.1/conv/conv.0/Conv} -> {@code features1Conv0Conv}.
     */
    public static String identifier(String raw) {
        raw = withoutExtendedSegments(raw);
        StringBuilder b = new StringBuilder();
        boolean upperNext = false;
        for (int i = 0; i < raw.length() && b.length() < MAX_IDENTIFIER_LENGTH; i++) {
            char c = raw.charAt(i);
            boolean alnum = c < 128 && Character.isLetterOrDigit(c);
            if (!alnum) {
                upperNext = b.length() > 0;
                continue;
            }
            if (b.length() == 0) {
                b.append(Character.isDigit(c) ? "v" + c : Character.toLowerCase(c));
            } else {
                b.append(upperNext ? Character.toUpperCase(c) : c);
            }
            upperNext = false;
        }
        String id = b.length() == 0 ? "value" : b.toString();
        return SourceVersion.isKeyword(id) || id.equals("var") || id.equals("record") || id.equals("yield")
                ? id + "_" : id;
    }

    private static String withoutExtendedSegments(String raw) {
        String[] segments = raw.split("/", -1);
        StringBuilder kept = new StringBuilder(raw.length());
        for (int i = 0; i < segments.length; i++) {
            boolean extended = i + 1 < segments.length && !segments[i].isEmpty()
                    && segments[i + 1].startsWith(segments[i] + ".");
            if (!extended) {
                kept.append(kept.length() > 0 ? "/" : "").append(segments[i]);
            }
        }
        return kept.toString();
    }

    /** UpperCamelCase type name for {@code raw} (e.g. a model name {@code char-cnn} -> {@code CharCnn}). */
    public static String typeName(String raw) {
        String id = identifier(raw);
        return id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
    }

    /** A Java package name: dot-separated lowercase identifiers; null when {@code raw} is not one. */
    public static String packageNameOrNull(String raw) {
        if (raw.isEmpty()) {
            return null;
        }
        for (String part : raw.split("\\.", -1)) {
            if (!part.matches("[a-z_][a-z0-9_]*") || SourceVersion.isKeyword(part)) {
                return null;
            }
        }
        return raw;
    }

    /**
     * {@code raw} made safe for a line or block comment: printable ASCII only, backslashes and
     * comment terminators neutralised, everything else replaced by '?'.
     */
    public static String comment(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' || c < 0x20 || c > 0x7e) {
                b.append('?');
            } else if (c == '/' && i > 0 && raw.charAt(i - 1) == '*') {
                b.append(' ').append(c); // "*/" would end a block comment
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
