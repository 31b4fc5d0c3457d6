package io.nnport.frontend.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.Import;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.savedmodel.testing.SampleSavedModels;
import io.nnport.frontend.savedmodel.testing.SavedModelOracle;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.LayerInterpreter;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.Value;
import io.nnport.testing.RandomTensors;
import io.nnport.testing.TensorAsserts;
import io.nnport.kernels.testing.Tolerance;
import com.google.protobuf.TextFormat;
import io.nnport.frontend.tf.proto.GraphDef;
import io.nnport.frontend.tf.proto.SavedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SavedModels exported by TensorFlow, imported and evaluated by the layer interpreter, against TensorFlow running the same signature. */
class SavedModelFrontEndTest {

    @TempDir
    Path dir;

    @Test
    void tf1DenseModelMatchesTensorFlowOnEverySignature() {
        Path model = dir.resolve("dense");
        SampleSavedModels.writeDense(model, 11);
        assertInstanceOf(SavedModelFrontEnd.class, FrontEnds.detect(model));
        assertMatches(model, "serving_default", List.of("input_1"), List.of("dense_1"));
        assertMatches(model, "logits", List.of("input_1"), List.of("logits"));
        assertMatches(model, "scaled", List.of("features"), List.of("half", "relu"));
    }

    @Test
    void nestedFunctionCallsOnAResourceVariableAreInlined() {
        Path model = dir.resolve("functions");
        SampleSavedModels.writeFunctions(model, 12);
        GraphDef saved = savedGraph(model);
        assertTrue(saved.getNodeList().stream().anyMatch(n -> n.getOp().endsWith("PartitionedCall")), "the graph calls a function");
        assertEquals(2, saved.getLibrary().getFunctionCount(), "two functions");
        assertMatches(model, "serving_default", List.of("input"), List.of("output"));
    }

    @Test
    void aTextFormatSavedModelReadsLikeTheBinaryOne() throws IOException {
        Path binary = dir.resolve("binary");
        SampleSavedModels.writeDense(binary, 13);
        Path text = dir.resolve("text");
        Files.createDirectories(text.resolve("variables"));
        for (String file : List.of("variables/variables.index", "variables/variables.data-00000-of-00001")) {
            Files.copy(binary.resolve(file), text.resolve(file));
        }
        org.tensorflow.proto.SavedModel saved = org.tensorflow.proto.SavedModel.parseFrom(
                Files.readAllBytes(binary.resolve("saved_model.pb")));
        Files.writeString(text.resolve("saved_model.pbtxt"), TextFormat.printer().printToString(saved));
        Import imported = FrontEnds.read(text, ImportOptions.defaults());
        RandomTensors random = new RandomTensors(14);
        Map<String, Tensor> feeds = Map.of("input_1", random.floats(4, SampleSavedModels.FEATURES));
        TensorAsserts.assertMatches(Tolerance.APPROX, SavedModelOracle.run(binary, "serving_default", feeds).get("dense_1"),
                new LayerInterpreter(imported.graph()).run(feeds).get("dense_1"), "text format dense_1");
    }

    @Test
    void aFunctionWithTwoOutputsAndMultiOutputOpsInsideIsInlined() {
        Path model = dir.resolve("multi");
        SampleSavedModels.writeMultiOutput(model, 15);
        assertEquals(1, savedGraph(model).getLibrary().getFunctionCount(), "one function");
        assertMatches(model, "serving_default", List.of("x"), List.of("normalized", "second_half"));
    }

    static GraphDef savedGraph(Path model) {
        try {
            return SavedModel.parseFrom(Files.readAllBytes(model.resolve("saved_model.pb"))).getMetaGraphs(0).getGraphDef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports {@code signature}, checks its input and output names, and compares it with TensorFlow on a seeded batch of 5. */
    static void assertMatches(Path model, String signature, List<String> inputs, List<String> outputs) {
        Import imported = FrontEnds.read(model, ImportOptions.defaults().withSignature(signature));
        LayerGraph graph = imported.graph();
        assertEquals(inputs, graph.inputs().stream().map(Value::name).toList(), signature + " inputs");
        assertEquals(outputs, graph.outputs().stream().map(LayerGraph.Output::name).toList(), signature + " outputs");
        RandomTensors random = new RandomTensors(signature.hashCode());
        Map<String, Tensor> feeds = new java.util.LinkedHashMap<>();
        for (Value input : graph.inputs()) {
            int[] dims = input.shape().dims().clone();
            dims[0] = 5;
            feeds.put(input.name(), random.floats(dims));
        }
        Map<String, Tensor> expected = SavedModelOracle.run(model, signature, feeds);
        Map<String, Tensor> actual = new LayerInterpreter(graph).run(feeds);
        assertEquals(expected.keySet(), actual.keySet(), signature + " output names");
        for (String output : outputs) {
            TensorAsserts.assertMatches(Tolerance.APPROX, expected.get(output), actual.get(output), signature + " " + output);
        }
    }
}
