package io.nnport.converter.codegen;

import com.palantir.javapoet.CodeBlock;
import java.util.Set;

/**
 * An upper bound on what a piece of generated code costs in a class file, read from its source
 * before javac runs, so that {@link ClassLayout} can keep every method and class under the JVM's
 * limits. The estimate counts tokens of the rendered code (types fully qualified):
 *
 * <ul>
 *   <li>bytecode: at most {@value #BYTES_PER_TOKEN} bytes per identifier, literal, keyword, comma or
 *       operator (the largest instruction a token of generated code compiles to is three bytes,
 *       {@code aload_0} + {@code getfield} four; an array-initializer element {@code 7,} is
 *       {@code dup}, index, value, {@code iastore}: at most eight bytes for its two tokens), plus
 *       {@value #BYTES_PER_STATEMENT} per statement (a discarded result, a jump);</li>
 *   <li>constant-pool entries: {@value #CONSTANTS_PER_REFERENCE} per class or member name (a
 *       {@code Methodref} or {@code Fieldref} brings its {@code NameAndType} and two {@code Utf8}s, a
 *       class its {@code Class} and one {@code Utf8}), none for package names, keywords and locals
 *       counted as if they were fields; {@value #CONSTANTS_PER_LITERAL} per literal (a {@code long}
 *       takes two slots, a string a {@code String} and its {@code Utf8}); {@value #CONSTANTS_PER_PLUS}
 *       per {@code +} (string concatenation is an {@code invokedynamic} with its recipe).</li>
 * </ul>
 *
 * <p>Entries shared between fragments (a kernel class, {@code batch}) are counted once per use, so
 * the sum over a class overestimates it by far: for a part class of 1,500 small layers
 * ({@code ClassFileCostTest}) the estimate of its source is 4.3 times its code (158,960 bytes against
 * 36,827) and 23 times its constant pool (81,624 entries against 3,579); the unrolled speech LSTM's
 * part classes hold 4,300 constants and 25 KB constructors. That margin is what lets the layout
 * trust an estimate without compiling. String literals are also checked against the 65,535 bytes of
 * modified UTF-8 a string constant may hold.
 */
final class ClassFileCost {

    static final int BYTES_PER_TOKEN = 4;
    static final int BYTES_PER_STATEMENT = 4;
    static final int CONSTANTS_PER_REFERENCE = 4;
    static final int CONSTANTS_PER_LITERAL = 2;
    static final int CONSTANTS_PER_PLUS = 6;

    /** The most bytes of modified UTF-8 one string constant holds. */
    static final int MAX_STRING_BYTES = 65_535;

    private static final Set<String> KEYWORDS = Set.of("new", "int", "float", "long", "boolean", "byte", "char",
            "short", "double", "throw", "if", "else", "for", "return", "null", "true", "false", "this", "instanceof");

    private ClassFileCost() {}

    /** Bytes of bytecode and constant-pool entries, both upper bounds. */
    record Cost(long bytecode, long constants) {
        static final Cost ZERO = new Cost(0, 0);

        Cost plus(Cost other) {
            return new Cost(bytecode + other.bytecode, constants + other.constants);
        }
    }

    /** The cost of {@code code}; throws when one of its string literals is too long for a class file. */
    static Cost of(CodeBlock code) {
        return of(code.toString());
    }

    static Cost of(String source) {
        long bytes = 0;
        long constants = 0;
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '"') {
                int end = i + 1;
                long utf8 = 0;
                while (end < n && source.charAt(end) != '"') {
                    // An escape's characters are counted as written: never fewer bytes than it stands for.
                    utf8 += modifiedUtf8Length(source.charAt(end));
                    end += source.charAt(end) == '\\' && end + 1 < n ? 2 : 1;
                }
                if (utf8 > MAX_STRING_BYTES) {
                    throw new UnsupportedLayerException("a string of " + utf8 + " bytes (more than a class file's "
                            + MAX_STRING_BYTES + ") would be generated: " + source.substring(i, Math.min(n, i + 60)) + "...");
                }
                bytes += BYTES_PER_TOKEN;
                constants += CONSTANTS_PER_LITERAL;
                i = end + 1;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                int eol = source.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (Character.isJavaIdentifierStart(c)) {
                boolean inPackage = true;
                while (true) {
                    int end = i;
                    while (end < n && Character.isJavaIdentifierPart(source.charAt(end))) {
                        end++;
                    }
                    String word = source.substring(i, end);
                    boolean more = end + 1 < n && source.charAt(end) == '.'
                            && Character.isJavaIdentifierStart(source.charAt(end + 1));
                    inPackage &= more && Character.isLowerCase(word.charAt(0));
                    if (KEYWORDS.contains(word)) {
                        bytes += BYTES_PER_TOKEN;
                    } else if (!inPackage) {
                        bytes += BYTES_PER_TOKEN;
                        constants += CONSTANTS_PER_REFERENCE;
                    }
                    i = more ? end + 1 : end;
                    if (!more) {
                        break;
                    }
                }
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '.'
                        || (source.charAt(i) == '-' && (source.charAt(i - 1) == 'e' || source.charAt(i - 1) == 'E')))) {
                    i++;
                }
                bytes += BYTES_PER_TOKEN;
                constants += CONSTANTS_PER_LITERAL;
            } else {
                if (c == ';') {
                    bytes += BYTES_PER_STATEMENT;
                } else if (",+-*/%<>=!?:[&|".indexOf(c) >= 0) {
                    bytes += BYTES_PER_TOKEN;
                    if (c == '+') {
                        constants += CONSTANTS_PER_PLUS;
                    }
                }
                i++;
            }
        }
        return new Cost(bytes, constants);
    }

    /** Bytes of {@code s} in a class file's string constant. */
    static long modifiedUtf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += modifiedUtf8Length(s.charAt(i));
        }
        return n;
    }

    private static int modifiedUtf8Length(char c) {
        return c >= 1 && c <= 0x7f ? 1 : c <= 0x7ff ? 2 : 3;
    }
}
