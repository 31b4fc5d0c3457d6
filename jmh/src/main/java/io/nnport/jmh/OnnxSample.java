package io.nnport.jmh;

import io.nnport.runtime.ConvertedModel;
import io.nnport.samples.TorchCharcnnModel;
import io.nnport.samples.TorchMobilenetv2Model;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The converted PyTorch samples of generated-samples, each with the ONNX file it was converted from
 * ({@code generated-samples/models/<name>.onnx}, which ONNX Runtime runs) and the seeded reference
 * inputs of {@link SampleModel#seededInput(String, int)}.
 */
public enum OnnxSample {
    /** A character CNN in the frame of the TensorFlow charCNN, 128 filters wide. */
    TORCH_CHARCNN(TorchCharcnnModel::load),
    /** torchvision's MobileNetV2 at width 0.5 on 96x96 NCHW pictures. */
    TORCH_MOBILENETV2(TorchMobilenetv2Model::load);

    private final IntFunction<ConvertedModel> loader;

    OnnxSample(IntFunction<ConvertedModel> loader) {
        this.loader = loader;
    }

    /** The sample of a lower-case name ({@code torch_charcnn}), as benchmark parameters spell it. */
    public static OnnxSample named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Lower-case name, as in the file names and benchmark parameters. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Loads the converted model with {@code threads} intra-op threads. */
    public ConvertedModel load(int threads) {
        return loader.apply(threads);
    }

    /** The ONNX file the model was converted from. */
    public Path onnxFile() {
        return SampleModel.modelsDir().resolve(id() + ".onnx");
    }

    /** See {@link SampleModel#seededInput(int)}. */
    public float[] seededInput(int batch) {
        return SampleModel.seededInput(id(), batch);
    }
}
