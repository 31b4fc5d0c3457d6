package io.nnport.converter.testing;

import io.nnport.converter.ConversionOptions;
import io.nnport.converter.ConversionResult;
import io.nnport.converter.Converter;
import io.nnport.runtime.ConvertedModel;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Converts a test graph and loads the model from the jar the converter wrote, as a user would. */
public final class Conversions {

    private Conversions() {}

    /** Writes {@code graphDef} to {@code dir/<name>.pb} and converts it into {@code dir/out}. */
    public static ConversionResult convert(Path dir, String name, byte[] graphDef) throws IOException {
        Path pb = dir.resolve(name + ".pb");
        Files.write(pb, graphDef);
        return Converter.convert(ConversionOptions.of(pb, dir.resolve("out")));
    }

    /**
     * Loads {@code <package>.<Name>Model} from the model jar in its own class loader (the kernels
     * and runtime classes resolve to the test's own, so the model can be used as a
     * {@link ConvertedModel}) and calls its static {@code load(threads)}.
     */
    public static ConvertedModel load(ConversionResult result, String modelClass, int threads) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {result.jar().toUri().toURL()},
                Conversions.class.getClassLoader());
        Class<?> type = loader.loadClass(Converter.DEFAULT_PACKAGE + "." + modelClass);
        Method load = type.getMethod("load", int.class);
        return (ConvertedModel) load.invoke(null, threads);
    }
}
