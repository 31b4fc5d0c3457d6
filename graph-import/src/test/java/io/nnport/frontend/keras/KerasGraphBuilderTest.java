package io.nnport.frontend.keras;

import static io.nnport.frontend.keras.testing.KerasFileWriter.JSON;
import static io.nnport.frontend.keras.testing.KerasFileWriter.call;
import static io.nnport.frontend.keras.testing.KerasFileWriter.functional;
import static io.nnport.frontend.keras.testing.KerasFileWriter.inputLayer;
import static io.nnport.frontend.keras.testing.KerasFileWriter.layer;
import static io.nnport.frontend.keras.testing.KerasFileWriter.sequential;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.Import;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.keras.testing.KerasFileWriter;
import io.nnport.frontend.keras.testing.KerasFileWriter.KerasModel;
import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.LayerInterpreter;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.RandomTensors;
import io.nnport.testing.TensorAsserts;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model wiring: a Functional model with two inputs and two outputs, a layer shared by two calls,
 * and a nested Sequential model, in both the Keras 2 and Keras 3 forms of {@code inbound_nodes},
 * checked against TensorFlow running the same ops on the same weights; and the wiring errors.
 */
class KerasGraphBuilderTest {

    @TempDir
    Path dir;

    private final RandomTensors random = new RandomTensors(20261204L);

    private static ObjectNode dense(int units, String activation) {
        return JSON.createObjectNode().put("units", units).put("activation", activation).put("use_bias", true);
    }

    private static LinkedHashMap<String, Tensor> weights(Tensor kernel, Tensor bias) {
        LinkedHashMap<String, Tensor> w = new LinkedHashMap<>();
        w.put("kernel", kernel);
        w.put("bias", bias);
        return w;
    }

    /**
     * a [-1,4], b [-1,4]; shared = Dense(3, relu) called on a and on b; sum = Add(shared(a), shared(b));
     * inner = Sequential[Dense(2, tanh)] on sum; outputs: inner and shared(b) (call 1).
     */
    @Test
    void functionalModelWithSharedLayerNestedModelAndTwoOutputsMatchesTensorFlow() {
        Tensor sharedKernel = random.floats(4, 3);
        Tensor sharedBias = random.floats(3);
        Tensor innerKernel = random.floats(3, 2);
        Tensor innerBias = random.floats(2);
        ObjectNode a = inputLayer("a", 4);
        a.putArray("inbound_nodes");
        ObjectNode b = inputLayer("b", 4);
        b.putArray("inbound_nodes");
        ObjectNode shared = call(call(layer("Dense", "shared", dense(3, "relu")), "a"), "b");
        ObjectNode sum = call(layer("Add", "sum", JSON.createObjectNode()), "shared", "shared#1");
        ObjectNode inner = sequential("inner", List.of(inputLayer("inner_in", 3), layer("Dense", "inner_dense", dense(2, "tanh"))));
        call(inner, "sum");
        ObjectNode model = functional("model", List.of(a, b, shared, sum, inner), List.of("a", "b"), List.of("inner", "shared"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) model.path("config").path("output_layers").get(1)).set(1, JSON.getNodeFactory().numberNode(1));
        Map<String, LinkedHashMap<String, Tensor>> byLayer = new LinkedHashMap<>();
        byLayer.put("shared", weights(sharedKernel, sharedBias));
        // Keras 2 keeps a nested model's weights in its own group, named by the inner layer.
        byLayer.put("inner", weights(innerKernel, innerBias));
        KerasModel keras2 = new KerasModel(model, byLayer);

        GraphDefBuilder g = new GraphDefBuilder();
        Tensor xa = random.floats(2, 4);
        Tensor xb = random.floats(2, 4);
        g.input("a", xa);
        g.input("b", xb);
        g.constant("k", sharedKernel);
        g.constant("kb", sharedBias);
        g.constant("k2", innerKernel);
        g.constant("kb2", innerBias);
        String ra = denseOps(g, "sa", "a", "k", "kb", "Relu");
        String rb = denseOps(g, "sb", "b", "k", "kb", "Relu");
        String s = g.node("sum", "AddV2").input(ra, rb).attr("T", DType.FLOAT32).done();
        String out = denseOps(g, "inner", s, "k2", "kb2", "Tanh");
        Map<String, Tensor> expected = TfOracle.run(g.bytes(), g.feeds(), List.of(out, rb));

        Path h5 = KerasFileWriter.writeH5(dir.resolve("model.h5"), nestedKeras2(keras2));
        Path keras = KerasFileWriter.writeKeras(dir.resolve("model.keras"), nestedKeras3(keras2));
        for (Path file : List.of(h5, keras)) {
            Import imported = FrontEnds.read(file, ImportOptions.defaults());
            assertEquals(List.of("a", "b"), imported.inputs().stream().map(v -> v.name()).toList());
            assertEquals(List.of("inner", "shared"), imported.outputs().stream().map(LayerGraph.Output::name).toList());
            Map<String, Tensor> actual = new LayerInterpreter(imported.graph()).run(g.feeds());
            TensorAsserts.assertMatches(Tolerance.APPROX, expected.get(out), actual.get("inner"), file + " output inner");
            TensorAsserts.assertMatches(Tolerance.APPROX, expected.get(rb), actual.get("shared"), file + " output shared");
        }
    }

    /** Keras 2 writes the nested model's weights under model_weights/inner/inner_dense/kernel:0 ... */
    private static KerasModel nestedKeras2(KerasModel model) {
        Map<String, LinkedHashMap<String, Tensor>> w = new LinkedHashMap<>(model.weights());
        LinkedHashMap<String, Tensor> inner = w.remove("inner");
        LinkedHashMap<String, Tensor> renamed = new LinkedHashMap<>();
        inner.forEach((k, v) -> renamed.put("inner_dense/" + k, v));
        w.put("inner", renamed);
        return new KerasModel(model.config(), w);
    }

    /** ... and Keras 3 under layers/sequential/layers/dense/vars/0 (class names, which the writer derives). */
    private static KerasModel nestedKeras3(KerasModel model) {
        Map<String, LinkedHashMap<String, Tensor>> w = new LinkedHashMap<>(model.weights());
        w.put("inner/inner_dense", w.remove("inner"));
        return new KerasModel(model.config(), w);
    }

    private static String denseOps(GraphDefBuilder g, String name, String x, String kernel, String bias, String activation) {
        String m = g.node(name + "_mm", "MatMul").input(x, kernel).attr("T", DType.FLOAT32).done();
        String b = g.node(name + "_b", "BiasAdd").input(m, bias).attr("T", DType.FLOAT32).done();
        return g.node(name, activation).input(b).attr("T", DType.FLOAT32).done();
    }

    @Test
    void aCycleIsRefusedNamingTheLayer() {
        ObjectNode a = inputLayer("a", 2);
        a.putArray("inbound_nodes");
        ObjectNode first = call(layer("Add", "first", JSON.createObjectNode()), "a", "second");
        ObjectNode second = call(layer("Add", "second", JSON.createObjectNode()), "a", "first");
        ObjectNode model = functional("model", List.of(a, first, second), List.of("a"), List.of("second"));
        Path file = KerasFileWriter.writeH5(dir.resolve("cycle.h5"), new KerasModel(model, Map.of()));
        ModelException e = assertThrows(ModelException.class, () -> FrontEnds.read(file, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("'first'") && e.getMessage().contains("never computed"), e.getMessage());
    }
}
