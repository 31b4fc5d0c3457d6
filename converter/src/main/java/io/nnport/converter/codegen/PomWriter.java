package io.nnport.converter.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code pom.xml} of a generated model project, from the {@code model-pom.xml} template: it
 * builds, tests and shades the model on its own, depending on nnport's kernels only. Every value
 * filled in is a checked name ({@link ModelNames}) or a version; an unknown {@code @key@} in the
 * template is an error, not left behind.
 */
public final class PomWriter {

    private static final Pattern KEY = Pattern.compile("@([a-zA-Z.]+)@");

    private PomWriter() {}

    public static String pom(ModelNames names) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("nnport.version", names.converterVersion());
        values.put("source", JavaNames.comment(names.sourceFileName()).replace("--", "- -"));
        values.put("artifactId", names.modelName());
        values.put("name", names.modelName());
        values.put("junit.version", Versions.get("junit.version"));
        values.put("jmh.version", Versions.get("jmh.version"));
        values.put("mainClass", names.qualified(names.mainClass()));
        String template;
        try (InputStream in = PomWriter.class.getResourceAsStream("model-pom.xml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = KEY.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("model-pom.xml uses unknown key @" + m.group(1) + "@");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
