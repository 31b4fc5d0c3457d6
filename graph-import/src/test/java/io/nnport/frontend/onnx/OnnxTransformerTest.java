package io.nnport.frontend.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.onnx.testing.OrtOracle;
import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.LayerInterpreter;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNormLayer;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.NpyFiles;
import io.nnport.testing.OnnxModelFiles;
import io.nnport.testing.TensorAsserts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PyTorch TransformerEncoder sample (int64 token ids with padding, attention masks on bool and
 * int64 tensors, layer norms, GELU) imported and run in the layer interpreter against PyTorch's
 * outputs and ONNX Runtime.
 */
class OnnxTransformerTest {
    private static final String SAMPLE = "torch_transformer";

    static List<Integer> batches() {
        return OnnxModelFiles.PYTORCH_BATCHES;
    }

    @ParameterizedTest(name = "batch {0}")
    @MethodSource("batches")
    void importedTransformerMatchesPyTorchAndOnnxRuntime(int batch) throws IOException {
        Path model = OnnxModelFiles.pytorchSample(SAMPLE);
        Tensor ids = NpyFiles.read(OnnxModelFiles.pytorchInput(SAMPLE, batch));
        assertEquals(DType.INT64, ids.dtype(), "token ids are int64");
        // PyTorch's multi-head attention moves the batch out of dimension 0 ([L, N, E]), where the
        // core keeps its dynamic batch: the batch is fixed at import.
        String input = "token_ids";
        LayerGraph graph = FrontEnds.read(model, ImportOptions.defaults().withInput(input, ids.shape())).graph();
        String output = graph.outputs().get(0).name();
        assertEquals(5, graph.layers().stream().filter(n -> n.layer() instanceof LayerNormLayer).count(),
                "each LayerNormalization is one layer");
        List<String> kinds = graph.layers().stream().map(n -> n.layer().describe()).toList();
        assertEquals(2, kinds.stream().filter(d -> d.contains("gelu_erf")).count(), "each GELU is fused into one activation: " + kinds);
        assertTrue(kinds.stream().noneMatch(d -> d.contains("Activation erf")), "no Erf is left: " + kinds);
        Tensor actual = new LayerInterpreter(graph).run(Map.of(input, ids)).get(output);
        TensorAsserts.assertMatches(Tolerance.APPROX, NpyFiles.read(OnnxModelFiles.pytorchOutput(SAMPLE, batch)), actual,
                "against PyTorch, batch " + batch);
        Tensor runtime = OrtOracle.run(Files.readAllBytes(model), Map.of(input, ids), List.of(output)).get(output);
        TensorAsserts.assertMatches(Tolerance.APPROX, runtime, actual, "against ONNX Runtime, batch " + batch);
    }
}
