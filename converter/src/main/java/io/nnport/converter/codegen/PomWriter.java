package io.nnport.converter.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.nnport.converter.ConversionOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code pom.xml} of a generated model project, from the {@code model-pom.xml} template: it
 * builds, tests and shades the model on its own, depending on nnport's runtime and kernels only.
 * Every value filled in is a checked name ({@link ModelNames}) or a version; an unknown
 * {@code @key@} in the template is an error, not left behind.
 */
public final class PomWriter {

    private static final Pattern KEY = Pattern.compile("@([a-zA-Z.]+)@");

    private PomWriter() {}

    /**
     * The project's pom. With {@link ConversionOptions#weightsFrom()} set, it rebuilds the weights
     * resource from the model at build time (the converter's {@code --weights-only}, with the same
     * import options) instead of reading it from {@code src/main/resources}.
     */
    public static String pom(ModelNames names, ConversionOptions options) {
        Map<String, String> values = new LinkedHashMap<>();
        if (options.weightsFrom() == null) {
            values.put("resources", "");
            values.put("weightsPlugin", "");
        } else {
            values.put("resources", template("weights-resources.xml"));
            Map<String, String> plugin = new LinkedHashMap<>();
            plugin.put("nnport.version", names.converterVersion());
            plugin.put("arguments", arguments(names, options));
            values.put("weightsPlugin", fill(template("weights-plugin.xml"), plugin));
        }
        values.put("nnport.version", names.converterVersion());
        values.put("source", JavaNames.comment(names.sourceFileName()).replace("--", "- -"));
        values.put("artifactId", names.modelName());
        values.put("name", names.modelName());
        values.put("junit.version", Versions.get("junit.version"));
        values.put("jmh.version", Versions.get("jmh.version"));
        values.put("mainClass", names.qualified(names.mainClass()));
        return fill(template("model-pom.xml"), values);
    }

    /** The converter arguments that rebuild exactly this project's weights. */
    private static String arguments(ModelNames names, ConversionOptions options) {
        List<String> args = new ArrayList<>();
        args.add("${project.basedir}/" + options.weightsFrom());
        args.add("--name=" + names.modelName());
        args.add("--package=" + names.javaPackage());
        options.inputShapes().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            StringBuilder dims = new StringBuilder();
            for (int d : e.getValue()) {
                dims.append(dims.length() > 0 ? "," : "").append(d);
            }
            args.add("--input=" + e.getKey() + "=" + dims);
        });
        options.constants().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> args.add("--constant=" + e.getKey() + "=" + e.getValue()));
        if (!options.outputs().isEmpty()) {
            args.add("--output=" + String.join(",", options.outputs()));
        }
        args.add("--weights-only=${project.build.directory}/generated-resources/nnport/" + names.weightsPath());
        StringBuilder xml = new StringBuilder();
        for (String a : args) {
            xml.append("\n                <argument>").append(escapeXml(a)).append("</argument>");
        }
        return xml.toString();
    }

    private static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String template(String name) {
        try (InputStream in = PomWriter.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fill(String template, Map<String, String> values) {
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
