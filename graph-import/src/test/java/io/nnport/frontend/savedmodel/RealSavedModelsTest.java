package io.nnport.frontend.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.savedmodel.testing.SavedModelOracle;
import io.nnport.ir.ModelException;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.LayerInterpreter;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.Value;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.RandomTensors;
import io.nnport.testing.TensorAsserts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The real SavedModels of {@code models/savedmodel-real} (PROVENANCE.md there): each either converts
 * and matches TensorFlow running its serving signature on a seeded batch, or is refused with the
 * reason named here.
 */
class RealSavedModelsTest {

    /** Models nnport refuses, and the end of the one-line reason. */
    private static final Map<String, String> REFUSED = Map.of();

    @Test
    void everyModelHasAnExpectation() {
        assertEquals(List.of("tf2_mnist_mlp"), models().stream().map(m -> m.getFileName().toString()).toList());
    }

    @TestFactory
    Stream<DynamicTest> eachModelMatchesTensorFlowOrIsRefusedForItsReason() {
        return models().stream().map(model -> DynamicTest.dynamicTest(model.getFileName().toString(), () -> {
            String refusal = REFUSED.get(model.getFileName().toString());
            if (refusal != null) {
                ModelException e = assertThrows(ModelException.class, () -> FrontEnds.read(model, ImportOptions.defaults()));
                assertEquals(refusal, e.getMessage().substring(e.getMessage().length() - Math.min(refusal.length(),
                        e.getMessage().length())));
            } else {
                assertMatchesTensorFlow(model);
            }
        }));
    }

    private static void assertMatchesTensorFlow(Path model) {
        LayerGraph graph = FrontEnds.read(model, ImportOptions.defaults()).graph();
        RandomTensors random = new RandomTensors(model.getFileName().toString().hashCode());
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (Value input : graph.inputs()) {
            int[] dims = input.shape().dims().clone();
            if (input.batched()) {
                dims[0] = 3;
            }
            feeds.put(input.name(), random.floats(dims));
        }
        Map<String, Tensor> expected = SavedModelOracle.run(model, SavedModelFrontEnd.DEFAULT_SIGNATURE, feeds);
        Map<String, Tensor> actual = new LayerInterpreter(graph).run(feeds);
        assertEquals(expected.keySet(), actual.keySet(), model + " outputs");
        for (String output : expected.keySet()) {
            TensorAsserts.assertMatches(Tolerance.APPROX, expected.get(output), actual.get(output), model + " " + output);
        }
    }

    /** The model directories, found by walking up from the working directory to {@code models/savedmodel-real}. */
    static List<Path> models() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("models/savedmodel-real");
            if (Files.isDirectory(candidate)) {
                try (Stream<Path> entries = Files.list(candidate)) {
                    return entries.filter(Files::isDirectory).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("no models/savedmodel-real above " + Path.of("").toAbsolutePath());
    }
}
