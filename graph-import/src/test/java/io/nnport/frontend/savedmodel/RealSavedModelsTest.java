package io.nnport.frontend.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.savedmodel.testing.SavedModelOracle;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
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
 * The real SavedModels of {@code models/savedmodel-real} (PROVENANCE.md there): each case (a model,
 * tag and signature) either converts and matches TensorFlow running that signature on a seeded
 * batch, or is refused with the reason named here.
 */
class RealSavedModelsTest {

    /**
     * One conversion of a real model: its directory, meta graph tag and signature, and either the
     * expected input and output names (it must match TensorFlow) or the end of its one-line refusal.
     * {@code tokens} > 0 feeds whole numbers below it (token ids of an embedding, fed as floats),
     * else uniform floats in [-1, 1).
     */
    record Case(String model, String tag, String signature, List<String> inputs, List<String> outputs, String refusal,
            int tokens) {
        static Case matches(String model, String signature, List<String> inputs, List<String> outputs) {
            return new Case(model, SavedModelFrontEnd.DEFAULT_TAG, signature, inputs, outputs, null, 0);
        }

        static Case refused(String model, String tag, String signature, String refusal) {
            return new Case(model, tag, signature, List.of(), List.of(), refusal, 0);
        }

        Case withTokens(int count) {
            return new Case(model, tag, signature, inputs, outputs, refusal, count);
        }

        @Override
        public String toString() {
            return model + " [" + tag + "] " + signature;
        }
    }

    static final List<Case> CASES = List.of(
            Case.matches("tf1_0_mnist_softmax", "predict_images", List.of("images"), List.of("scores")),
            Case.refused("tf1_0_mnist_softmax", "serve", "serving_default", "unsupported ops: HashTable (1 node: index_to_string),"
                    + " LookupTableFind (1 node: index_to_string_Lookup), ParseExample (1 node: ParseExample/ParseExample),"
                    + " TopKV2 (1 node: TopKV2)"),
            Case.refused("tf1_2_mnist_no_signature", "serve", "serving_default",
                    "no meta graph tagged 'serve'; the SavedModel has [tag] (choose one with --tag)"),
            Case.refused("tf1_2_mnist_no_signature", "tag", "serving_default", "no signature 'serving_default': the meta"
                    + " graph defines no signatures, so nothing names the model's inputs and outputs"),
            Case.matches("tf2_13_mnist_mlp", "serving_default", List.of("flatten_input"), List.of("dense_1")),
            Case.matches("tf2_15_text_embedding", "serving_default", List.of("embedding_13_input"), List.of("dense_41"))
                    .withTokens(10_000),
            Case.matches("tf2_2_mnist_cnn_two_shards", "serving_default", List.of("conv2d_input"), List.of("dense_1")),
            Case.matches("tf2_4_fashion_cnn", "serving_default", List.of("Conv1_input"), List.of("Softmax")),
            Case.matches("tf2_8_mnist_cnn", "serving_default", List.of("conv2d_input"), List.of("dense_1")));

    @Test
    void everyModelHasCases() {
        assertEquals(models().stream().map(m -> m.getFileName().toString()).toList(),
                CASES.stream().map(Case::model).distinct().toList());
    }

    @TestFactory
    Stream<DynamicTest> eachCaseMatchesTensorFlowOrIsRefusedForItsReason() {
        Path root = models().get(0).getParent();
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Path model = root.resolve(c.model());
            ImportOptions options = ImportOptions.defaults().withTag(c.tag()).withSignature(c.signature());
            if (c.refusal() != null) {
                ModelException e = assertThrows(ModelException.class, () -> FrontEnds.read(model, options));
                assertTrue(e.getMessage().endsWith(c.refusal()), e.getMessage());
            } else {
                assertMatchesTensorFlow(model, c, FrontEnds.read(model, options).graph());
            }
        }));
    }

    private static void assertMatchesTensorFlow(Path model, Case c, LayerGraph graph) {
        assertEquals(c.inputs(), graph.inputs().stream().map(Value::name).toList(), c + " inputs");
        assertEquals(c.outputs(), graph.outputs().stream().map(LayerGraph.Output::name).toList(), c + " outputs");
        RandomTensors random = new RandomTensors(model.getFileName().toString().hashCode());
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (Value input : graph.inputs()) {
            int[] dims = input.shape().dims().clone();
            if (input.batched()) {
                dims[0] = 3;
            }
            feeds.put(input.name(), c.tokens() > 0 ? tokenIds(random, c.tokens(), dims) : random.floats(dims));
        }
        Map<String, Tensor> expected = SavedModelOracle.run(model, c.signature(), feeds);
        Map<String, Tensor> actual = new LayerInterpreter(graph).run(feeds);
        assertEquals(expected.keySet(), actual.keySet(), model + " outputs");
        for (String output : expected.keySet()) {
            TensorAsserts.assertMatches(Tolerance.APPROX, expected.get(output), actual.get(output), model + " " + output);
        }
    }

    private static Tensor tokenIds(RandomTensors random, int count, int[] dims) {
        Tensor.Builder ids = Tensor.builder(DType.FLOAT32, Shape.of(dims));
        for (int i = 0; i < ids.size(); i++) {
            ids.setDouble(i, random.random().nextInt(count));
        }
        return ids.build();
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
