package io.nnport.converter.jar;

import io.nnport.kernels.Simd;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * Writes a model jar that runs alone: the model's classes and weights plus the kernels-simd
 * classes (kernels and runtime), copied from wherever the converter itself loads them (its shaded
 * jar, or a classes directory in a development build). Entries are sorted and time-stamped with a
 * fixed date, so the same conversion gives the same bytes.
 */
public final class ModelJarWriter {

    /** Packages of kernels-simd that every model needs at run time. */
    static final String[] RUNTIME_PACKAGES = {"io/nnport/kernels/", "io/nnport/runtime/"};

    /** 2000-01-01T00:00:00Z: a fixed entry time, for reproducible jars. */
    private static final long FIXED_TIME = 946_684_800_000L;

    private ModelJarWriter() {}

    /** Where the kernels-simd classes are: a jar file or a classes directory. */
    public static Path kernelsLocation() {
        try {
            return Path.of(Simd.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the kernels-simd classes", e);
        }
    }

    /**
     * Writes {@code jar} with {@code entries} (path -> bytes), the kernels-simd runtime classes, and
     * a manifest naming {@code mainClass}.
     */
    public static void write(Path jar, Map<String, byte[]> entries, String mainClass, String createdBy)
            throws IOException {
        Map<String, byte[]> all = new TreeMap<>(runtimeClasses());
        all.putAll(entries);
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, mainClass);
        main.put(new Attributes.Name("Created-By"), createdBy);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
            manifestEntry.setTime(FIXED_TIME);
            out.putNextEntry(manifestEntry);
            manifest.write(out);
            out.closeEntry();
            java.util.Set<String> dirs = new java.util.TreeSet<>();
            for (String name : all.keySet()) {
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    dirs.add(name.substring(0, slash + 1));
                }
            }
            for (String dir : dirs) {
                JarEntry e = new JarEntry(dir);
                e.setTime(FIXED_TIME);
                out.putNextEntry(e);
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> entry : all.entrySet()) {
                JarEntry e = new JarEntry(entry.getKey());
                e.setTime(FIXED_TIME);
                byte[] bytes = entry.getValue();
                if (!entry.getKey().endsWith(".class")) {
                    // Weights are float bits that deflate barely shrinks and slowly: store them, so
                    // writing and loading tens of megabytes costs a copy, not a compression.
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(bytes.length);
                    e.setCompressedSize(bytes.length);
                    e.setCrc(crc.getValue());
                }
                out.putNextEntry(e);
                out.write(bytes);
                out.closeEntry();
            }
        }
    }

    /** The kernels-simd classes by jar path. */
    static Map<String, byte[]> runtimeClasses() throws IOException {
        Path location = kernelsLocation();
        Map<String, byte[]> classes = new TreeMap<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.filter(Files::isRegularFile).forEach(f -> {
                    String name = location.relativize(f).toString().replace('\\', '/');
                    if (isRuntime(name)) {
                        try {
                            classes.put(name, Files.readAllBytes(f));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    if (!e.isDirectory() && isRuntime(e.getName())) {
                        try (InputStream in = jar.getInputStream(e)) {
                            classes.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        }
        if (classes.isEmpty()) {
            throw new IOException("no kernels-simd classes found at " + location);
        }
        return classes;
    }

    private static boolean isRuntime(String name) {
        for (String p : RUNTIME_PACKAGES) {
            if (name.startsWith(p) && name.endsWith(".class")) {
                return true;
            }
        }
        return false;
    }
}
