package io.nnport.converter.jar;

import io.nnport.kernels.Simd;
import io.nnport.runtime.ConvertedModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Writes a model jar that runs alone: the model's classes and weights plus the classes of
 * kernels-simd and runtime, copied from wherever the converter itself loads them (both from its
 * shaded jar, or from two classes directories in a development build). Entries are sorted and
 * time-stamped with a fixed date, so the same conversion gives the same bytes.
 */
public final class ModelJarWriter {

    /**
     * A package every model needs at run time, located through one of its classes: its code
     * source is the jar or classes directory the package is copied from.
     */
    private record RuntimePackage(String path, Class<?> anchor) {
        Path location() {
            try {
                return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the classes of " + path, e);
            }
        }
    }

    private static final List<RuntimePackage> RUNTIME_PACKAGES = List.of(
            new RuntimePackage("io/nnport/kernels/", Simd.class),
            new RuntimePackage("io/nnport/runtime/", ConvertedModel.class));

    private static final String MAIN_SUFFIX = "Main";
    private static final String MODEL_SUFFIX = "Model";

    /** 2000-01-01T00:00:00Z: a fixed entry time, for reproducible jars. */
    private static final long FIXED_TIME = 946_684_800_000L;

    private ModelJarWriter() {}

    /**
     * Where the classes generated code calls are (kernels-simd and runtime), each location once:
     * jar files or classes directories, the class path to compile generated code against.
     */
    public static List<Path> runtimeLocations() {
        return List.copyOf(packagesByLocation().keySet());
    }

    /** The runtime packages' paths grouped by the location that holds them, in declaration order. */
    private static Map<Path, List<String>> packagesByLocation() {
        Map<Path, List<String>> byLocation = new LinkedHashMap<>();
        for (RuntimePackage p : RUNTIME_PACKAGES) {
            byLocation.computeIfAbsent(p.location(), l -> new ArrayList<>()).add(p.path());
        }
        return byLocation;
    }

    /**
     * Writes {@code jar} with {@code entries} (path -> bytes), the kernels-simd and runtime
     * classes, and a manifest naming {@code mainClass} and, as
     * {@link ConvertedModel#MODEL_CLASS_ATTRIBUTE}, the model class beside it.
     */
    public static void write(Path jar, Map<String, byte[]> entries, String mainClass, String createdBy)
            throws IOException {
        Map<String, byte[]> all = new TreeMap<>(runtimeClasses());
        all.putAll(entries);
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, mainClass);
        main.put(new Attributes.Name(ConvertedModel.MODEL_CLASS_ATTRIBUTE), modelClassOf(mainClass, entries));
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

    /**
     * The model class of a jar whose main class is {@code mainClass}: generated jars pair
     * {@code <Name>Main} with {@code <Name>Model} in one package, and the latter must be among
     * {@code entries}.
     */
    static String modelClassOf(String mainClass, Map<String, byte[]> entries) {
        if (!mainClass.endsWith(MAIN_SUFFIX)) {
            throw new IllegalArgumentException("main class " + mainClass + " does not end in " + MAIN_SUFFIX);
        }
        String model = mainClass.substring(0, mainClass.length() - MAIN_SUFFIX.length()) + MODEL_SUFFIX;
        if (!entries.containsKey(model.replace('.', '/') + ".class")) {
            throw new IllegalArgumentException("the jar has no model class " + model + " beside " + mainClass);
        }
        return model;
    }

    /** The kernels-simd and runtime classes by jar path. */
    static Map<String, byte[]> runtimeClasses() throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        for (Map.Entry<Path, List<String>> location : packagesByLocation().entrySet()) {
            readClasses(location.getKey(), location.getValue(), classes);
        }
        return classes;
    }

    /** Adds the class files under {@code packages} found at {@code location} to {@code classes}. */
    private static void readClasses(Path location, List<String> packages, Map<String, byte[]> classes)
            throws IOException {
        int before = classes.size();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.filter(Files::isRegularFile).forEach(f -> {
                    String name = location.relativize(f).toString().replace('\\', '/');
                    if (isClassIn(name, packages)) {
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
                    if (!e.isDirectory() && isClassIn(e.getName(), packages)) {
                        try (InputStream in = jar.getInputStream(e)) {
                            classes.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        }
        if (classes.size() == before) {
            throw new IOException("no classes of " + String.join(", ", packages) + " found at " + location);
        }
    }

    private static boolean isClassIn(String name, List<String> packages) {
        if (!name.endsWith(".class")) {
            return false;
        }
        for (String p : packages) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
