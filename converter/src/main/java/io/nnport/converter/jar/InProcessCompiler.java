package io.nnport.converter.jar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources in memory with the JDK's own compiler (javax.tools): no process to
 * start, no temporary class files. Generated code only needs the kernels-simd and runtime classes,
 * which are on the converter's own class path.
 */
public final class InProcessCompiler {

    /** The Java release generated code targets, as the rest of nnport. */
    static final String RELEASE = "17";

    private InProcessCompiler() {}

    /**
     * A small class that uses the runtime, compiled only to load and warm up javac and open the
     * class path: a JVM's first compilation takes several times longer than its second.
     */
    private static final Source WARM_UP = new Source("nnport.warmup.WarmUp", """
            package nnport.warmup;

            final class WarmUp {
                static float sum(io.nnport.runtime.Workspace ws, float[] x) {
                    float s = 0;
                    for (float v : x) {
                        s += v;
                    }
                    return s;
                }
            }
            """);

    /** Compiles {@link #WARM_UP} against {@code classPath} and discards the class. */
    public static Map<String, byte[]> warmUp(List<Path> classPath) {
        return compile(List.of(WARM_UP), classPath);
    }

    /** A source file: fully qualified class name and its text. */
    public record Source(String className, String text) {}

    /**
     * Compiles {@code sources} against {@code classPath} and returns class files by their jar path
     * ({@code io/nnport/models/CharcnnModel.class}), sorted.
     *
     * @throws IllegalStateException with javac's diagnostics when compilation fails (a converter
     *     bug: generated code must always compile), or when no compiler is available (a JRE)
     */
    public static Map<String, byte[]> compile(List<Source> sources, List<Path> classPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime; run the converter on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new TreeMap<>();
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavaFileManager memory = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className,
                                                           JavaFileObject.Kind kind, FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                            kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            ByteArrayOutputStream out = new ByteArrayOutputStream();
                            classes.put(className.replace('.', '/') + ".class", out);
                            return out;
                        }
                    };
                }
            };
            List<JavaFileObject> units = new ArrayList<>();
            for (Source s : sources) {
                units.add(new SimpleJavaFileObject(URI.create("string:///" + s.className().replace('.', '/') + ".java"),
                        JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return s.text();
                    }
                });
            }
            StringBuilder cp = new StringBuilder();
            for (Path p : classPath) {
                cp.append(cp.length() > 0 ? java.io.File.pathSeparator : "").append(p);
            }
            List<String> options = List.of("--release", RELEASE, "-classpath", cp.toString(), "-proc:none",
                    "-encoding", "UTF-8", "-Xlint:none", "-nowarn");
            StringWriter javacOut = new StringWriter();
            boolean ok = javac.getTask(javacOut, memory, diagnostics, options, null, units).call();
            if (!ok) {
                StringBuilder message = new StringBuilder("generated code does not compile (a converter bug):");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR) {
                        message.append('\n').append(d.getSource() == null ? "" : d.getSource().getName())
                                .append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT));
                    }
                }
                throw new IllegalStateException(message.toString());
            }
        } catch (IOException e) {
            throw new IllegalStateException("javac file manager failed: " + e.getMessage(), e);
        }
        Map<String, byte[]> result = new TreeMap<>();
        classes.forEach((name, bytes) -> result.put(name, bytes.toByteArray()));
        return result;
    }
}
