package io.nnport.converter.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** nnport's own version and the library versions generated projects use, from the build (one source of truth: the root pom). */
public final class Versions {

    private static final Properties VERSIONS = load();

    private Versions() {}

    /** {@code nnport.version}, {@code junit.version} or {@code jmh.version}. */
    public static String get(String key) {
        String v = VERSIONS.getProperty(key);
        if (v == null || v.startsWith("${")) {
            throw new IllegalStateException("version " + key + " was not filled in by the build");
        }
        return v;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/io/nnport/converter/versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
