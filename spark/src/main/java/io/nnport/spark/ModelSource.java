package io.nnport.spark;

import io.nnport.runtime.ConvertedModel;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * Where a model comes from: its class, the model jar holding it (or none, when the class is on
 * the class path already, e.g. a jar shipped with {@code spark-submit --jars}), and the intra-op
 * threads it is loaded with. It is the key of the per-JVM model cache, so it is a value.
 *
 * @param jar       the model jar's path, or {@code null}
 * @param className the class implementing {@link ConvertedModel}
 * @param threads   intra-op threads passed to the model's static {@code load(int)}
 */
public record ModelSource(String jar, String className, int threads) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The main class of a generated model jar ends in this; its model class in {@link #MODEL_SUFFIX}. */
    private static final String MAIN_SUFFIX = "Main";
    private static final String MODEL_SUFFIX = "Model";

    public ModelSource {
        if (className == null || className.isEmpty()) {
            throw new IllegalArgumentException("no model class: give the model jar or the class name");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** The model in {@code jar}, named by its manifest. */
    public static ModelSource ofJar(String jar, int threads) {
        return new ModelSource(jar, modelClassOf(Path.of(jar)), threads);
    }

    /**
     * The model class a model jar's manifest names ({@link ConvertedModel#MODEL_CLASS_ATTRIBUTE});
     * jars written before that attribute existed pair {@code <Name>Main} with {@code <Name>Model}.
     */
    static String modelClassOf(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("model jar " + jar + (Files.isDirectory(jar) ? " is a directory"
                    : " does not exist"));
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest() == null ? new Attributes() : file.getManifest().getMainAttributes();
            String model = main.getValue(ConvertedModel.MODEL_CLASS_ATTRIBUTE);
            if (model != null) {
                return model;
            }
            String mainClass = main.getValue(Attributes.Name.MAIN_CLASS);
            if (mainClass == null || !mainClass.endsWith(MAIN_SUFFIX)) {
                throw new IllegalArgumentException(jar + " is not an nnport model jar: its manifest names no model class");
            }
            return mainClass.substring(0, mainClass.length() - MAIN_SUFFIX.length()) + MODEL_SUFFIX;
        } catch (IOException e) {
            throw new IllegalArgumentException(jar + " is not an nnport model jar: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a new instance: from the jar when it is readable here, else from the thread's context
     * class loader (where Spark puts jars shipped with {@code --jars}). The jar's loader delegates
     * to the one that loaded {@link ConvertedModel}, so the model is a {@code ConvertedModel} here.
     */
    ConvertedModel load() {
        Class<?> type;
        try {
            if (jar != null && Files.isReadable(Path.of(jar))) {
                // Never closed: the model's classes stay in use for the life of the JVM's cache.
                @SuppressWarnings("resource")
                URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                        ConvertedModel.class.getClassLoader());
                type = Class.forName(className, true, loader);
            } else {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                type = Class.forName(className, true, context != null ? context : ModelSource.class.getClassLoader());
            }
        } catch (ClassNotFoundException | MalformedURLException e) {
            throw new IllegalArgumentException("cannot find model class " + className
                    + (jar == null ? " on the class path" : " in " + jar + " nor on the class path"), e);
        }
        if (!ConvertedModel.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " does not implement " + ConvertedModel.class.getName());
        }
        try {
            return (ConvertedModel) type.getMethod("load", int.class).invoke(null, threads);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("loading " + className + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(className + " has no public static load(int threads)", e);
        }
    }
}
