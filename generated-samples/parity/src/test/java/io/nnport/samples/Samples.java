package io.nnport.samples;

import io.nnport.runtime.ConvertedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The committed samples: their model files (generated-samples/samples.txt, one file of models/ a
 * line; the sample's name is the file name without its extension), models and reference files.
 */
final class Samples {

    /** generated-samples/, from this module's directory. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Map<String, Supplier<ConvertedModel>> LOADERS = Map.of(
            "charcnn", CharcnnModel::load,
            "imagecnn", ImagecnnModel::load,
            "mlp", MlpModel::load,
            "torch_charcnn", TorchCharcnnModel::load,
            "torch_mobilenetv2", TorchMobilenetv2Model::load);

    private Samples() {}

    /** Sample names, as convert-samples.sh derives them from samples.txt. */
    static List<String> names() {
        return modelFiles().stream().map(Samples::nameOf).toList();
    }

    /** The model files of samples.txt, as convert-samples.sh reads them. */
    static List<String> modelFiles() {
        try {
            return Files.readAllLines(ROOT.resolve("samples.txt")).stream().map(String::strip).filter(s -> !s.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sample's model file in models/, the one samples.txt lists under its name. */
    static String modelFile(String name) {
        return modelFiles().stream().filter(file -> nameOf(file).equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample " + name + " in samples.txt"));
    }

    /** The samples exported as ONNX (by PyTorch), which ONNX Runtime can run too. */
    static List<String> onnxNames() {
        return modelFiles().stream().filter(file -> file.endsWith(".onnx")).map(Samples::nameOf).toList();
    }

    private static String nameOf(String modelFile) {
        return modelFile.substring(0, modelFile.lastIndexOf('.'));
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
