package io.nnport.samples;

import io.nnport.runtime.ConvertedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The committed samples: their names (generated-samples/samples.txt), models and files. */
final class Samples {

    /** generated-samples/, from this module's directory. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Map<String, Supplier<ConvertedModel>> LOADERS = Map.of(
            "charcnn", CharcnnModel::load,
            "imagecnn", ImagecnnModel::load,
            "mlp", MlpModel::load);

    private Samples() {}

    /** Sample names, as convert-samples.sh reads them. */
    static List<String> names() {
        try {
            return Files.readAllLines(ROOT.resolve("samples.txt")).stream().map(String::strip).filter(s -> !s.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ConvertedModel load(String name) {
        Supplier<ConvertedModel> loader = LOADERS.get(name);
        if (loader == null) {
            throw new IllegalStateException("sample " + name + " is listed in samples.txt but not wired into Samples");
        }
        return loader.get();
    }

    /** models/&lt;name&gt;_in_b&lt;batch&gt;.npy or _out_. */
    static Path reference(String name, boolean input, int batch) {
        return ROOT.resolve("models").resolve(name + (input ? "_in_b" : "_out_b") + batch + ".npy");
    }

    /** The sample module's runnable (shaded) jar. */
    static Path jar(String name, String version) {
        return ROOT.resolve(name).resolve("target").resolve(name + "-" + version + ".jar");
    }
}
