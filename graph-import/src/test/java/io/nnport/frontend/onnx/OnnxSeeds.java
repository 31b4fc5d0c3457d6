package io.nnport.frontend.onnx;

import io.nnport.frontend.onnx.testing.OnnxTestModels;
import io.nnport.testing.OnnxModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed models for the ONNX fuzz test: the small models the tests build as PyTorch exports them
 * (an embedding charCNN whose shape chain folds, a Conv1d classifier) and the smallest real file
 * (an IR 3, opset 8 MNIST net whose weights are graph inputs in typed fields, 26 KB).
 */
final class OnnxSeeds {

    private static final String REAL_MODEL = "zoo_mnist_cntk_opset8.onnx";

    private OnnxSeeds() {}

    static Map<String, byte[]> all() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("charcnn.onnx", OnnxTestModels.charCnn().bytes());
        seeds.put("conv1d-classifier.onnx", OnnxTestModels.conv1dClassifier().bytes());
        try {
            seeds.put(REAL_MODEL, Files.readAllBytes(OnnxModelFiles.real(REAL_MODEL)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seeds;
    }
}
