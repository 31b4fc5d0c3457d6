package io.nnport.frontend.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.nnport.frontend.FrontEnd;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.layers.Layer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a Keras model config and emits IR layers through the {@link KerasLayerTable}.
 *
 * <p>Sequential models are a chain from their input (an {@code InputLayer}, or the first layer's
 * {@code batch_input_shape}, named {@code <first layer>_input} as Keras 2 names it). Functional
 * models wire each layer call by its {@code inbound_nodes}: Keras 2 writes a list of calls, each a
 * list of {@code [layer, node, tensor, kwargs]}; Keras 3 writes {@code {"args": [...], "kwargs":
 * {...}}} whose tensors are {@code {"class_name": "__keras_tensor__", "config": {"keras_history":
 * [layer, node, tensor]}}}. A layer called several times (a shared layer) is emitted once per call,
 * with the same weights. A model used as a layer is inlined, its layers named {@code outer/inner}.
 *
 * <p>Values are named after the Keras layer that writes them (call k &gt; 0 of a shared layer:
 * {@code name_k}); the model's inputs and outputs are named after its input and output layers.
 */
final class KerasGraphBuilder {

    /** Class names of models, which may also appear as layers of another model. */
    static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");

    private final KerasModelFile file;
    private final List<Value> inputs = new ArrayList<>();
    private final List<LayerNode> nodes = new ArrayList<>();
    private final Map<String, TensorType> types = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    /** Keras 3 only: each layer's path in the weights file, by (prefixed) layer name. */
    private final Map<String, String> keras3Paths = new HashMap<>();

    private KerasGraphBuilder(KerasModelFile file) {
        this.file = file;
    }

    /** The layer graph of the file's model (before fusion). */
    static LayerGraph build(KerasModelFile file) {
        JsonNode model = file.config();
        KerasLayerTable.checkSupported(file.source(), model);
        KerasGraphBuilder builder = new KerasGraphBuilder(file);
        List<LayerGraph.Output> outputs = new ArrayList<>();
        Model built = builder.model(model, "", null);
        for (int i = 0; i < built.outputs().size(); i++) {
            outputs.add(new LayerGraph.Output(built.outputNames().get(i), built.outputs().get(i)));
        }
        if (builder.nodes.size() > FrontEnd.MAX_NODES) {
            throw ModelException.of(file.source(), FrontEnd.tooManyNodes(builder.nodes.size()));
        }
        return LayerGraph.of(file.source(), builder.inputs, builder.nodes, outputs);
    }

    /** A built model: its output values and the names Keras gives them (its output layers). */
    private record Model(List<String> outputs, List<String> outputNames) {}

    /**
     * Emits the layers of one model. {@code prefix} names a nested model's layers ({@code outer/});
     * {@code bound} are the values fed to a nested model's inputs, null for the top model, whose
     * inputs become graph inputs.
     */
    private Model model(JsonNode model, String prefix, List<String> bound) {
        String className = model.path("class_name").asText();
        JsonNode config = model.path("config");
        JsonNode layers = config.path("layers");
        if (!layers.isArray()) {
            throw ModelException.of(file.source(), "model config of class '" + className + "' has no layer list");
        }
        numberKeras3Paths(layers, prefix);
        return className.equals("Sequential") ? sequential(layers, prefix, bound) : functional(config, prefix, bound);
    }

    /**
     * Keras 3 names a layer's weights group after its class in snake case, numbered in the order of
     * its model's layers ({@code dense}, {@code dense_1}, ...), below its model's own path.
     */
    private void numberKeras3Paths(JsonNode layers, String prefix) {
        String parent = prefix.isEmpty() ? "" : keras3Paths.getOrDefault(prefix.substring(0, prefix.length() - 1), "") + "/";
        Map<String, Integer> used = new HashMap<>();
        for (JsonNode layer : layers) {
            String snake = LayerWeights.snakeCase(layer.path("class_name").asText());
            int count = used.merge(snake, 1, Integer::sum) - 1;
            keras3Paths.put(prefix + layerName(layer), parent + "layers/" + snake + (count == 0 ? "" : "_" + count));
        }
    }

    private Model sequential(JsonNode layers, String prefix, List<String> bound) {
        if (layers.isEmpty()) {
            throw ModelException.of(file.source(), "the Sequential model has no layers");
        }
        JsonNode first = layers.get(0);
        boolean inputLayer = first.path("class_name").asText().equals("InputLayer");
        String inputName = layerName(first) + (inputLayer ? "" : "_input");
        String current = bound != null ? single(bound, prefix) : input(prefix + inputName, first.path("config"));
        String last = inputName;
        for (int i = inputLayer ? 1 : 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            last = layerName(layer);
            current = call(layer, prefix, 0, List.of(current)).get(0);
        }
        return new Model(List.of(current), List.of(prefix + last));
    }

    private String single(List<String> values, String prefix) {
        if (values.size() != 1) {
            throw ModelException.of(file.source(), "nested Sequential model '" + prefix + "' called with " + values.size() + " inputs");
        }
        return values.get(0);
    }

    private Model functional(JsonNode config, String prefix, List<String> bound) {
        Map<String, JsonNode> layers = new LinkedHashMap<>();
        for (JsonNode layer : config.path("layers")) {
            layers.put(layerName(layer), layer);
        }
        Map<String, String> tensors = new HashMap<>();
        List<List<String>> inputRefs = refs(config.path("input_layers"));
        for (int i = 0; i < inputRefs.size(); i++) {
            String name = inputRefs.get(i).get(0);
            JsonNode layer = layers.get(name);
            if (layer == null) {
                throw ModelException.of(file.source(), "model input '" + name + "' is not one of its layers");
            }
            String value = bound == null ? input(prefix + name, layer.path("config")) : bound.get(i);
            tensors.put(key(inputRefs.get(i)), value);
        }
        if (bound != null && bound.size() != inputRefs.size()) {
            throw ModelException.of(file.source(), "nested model '" + prefix + "' has " + inputRefs.size()
                    + " inputs, called with " + bound.size());
        }
        // Layers are listed in an order where a call's inputs are usually defined; repeat until
        // every call is wired, so an unusual order still works and a true cycle is found.
        Map<String, List<JsonNode>> pending = new LinkedHashMap<>();
        layers.forEach((name, layer) -> {
            if (!layer.path("class_name").asText().equals("InputLayer")) {
                List<JsonNode> calls = new ArrayList<>();
                layer.path("inbound_nodes").forEach(calls::add);
                pending.put(name, calls);
            }
        });
        Map<String, Integer> done = new HashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Map.Entry<String, List<JsonNode>> entry : pending.entrySet()) {
                String name = entry.getKey();
                int k = done.getOrDefault(name, 0);
                while (k < entry.getValue().size()) {
                    List<String> args = new ArrayList<>();
                    for (List<String> ref : callInputs(entry.getValue().get(k))) {
                        args.add(tensors.get(key(ref)));
                    }
                    if (args.contains(null)) {
                        break;
                    }
                    List<String> outputs = call(layers.get(name), prefix, k, args);
                    for (int t = 0; t < outputs.size(); t++) {
                        tensors.put(name + "#" + k + "#" + t, outputs.get(t));
                    }
                    k++;
                    done.put(name, k);
                    progress = true;
                }
            }
        }
        pending.forEach((name, calls) -> {
            if (done.getOrDefault(name, 0) < calls.size()) {
                throw ModelException.atNode(file.source(), prefix + name, layers.get(name).path("class_name").asText(),
                        "its inputs are never computed (a cycle, or a reference to a missing layer)");
            }
        });
        List<String> outputs = new ArrayList<>();
        List<String> outputNames = new ArrayList<>();
        for (List<String> ref : refs(config.path("output_layers"))) {
            String value = tensors.get(key(ref));
            if (value == null) {
                throw ModelException.of(file.source(), "model output " + ref + " names no layer call of the model");
            }
            outputs.add(value);
            outputNames.add(prefix + ref.get(0));
        }
        return new Model(outputs, outputNames);
    }

    /** {@code input_layers}/{@code output_layers}: {@code [[name, node, tensor], ...]}, or Keras 3's single {@code [name, node, tensor]}. */
    private static List<List<String>> refs(JsonNode list) {
        List<List<String>> refs = new ArrayList<>();
        if (list.isArray() && !list.isEmpty() && !list.get(0).isArray()) {
            refs.add(ref(list));
            return refs;
        }
        list.forEach(ref -> refs.add(ref(ref)));
        return refs;
    }

    private static List<String> ref(JsonNode ref) {
        return List.of(ref.path(0).asText(), Integer.toString(ref.path(1).asInt()), Integer.toString(ref.path(2).asInt()));
    }

    private static String key(List<String> ref) {
        return ref.get(0) + "#" + ref.get(1) + "#" + ref.get(2);
    }

    /** The tensors one call reads: Keras 2's list of {@code [name, node, tensor, kwargs]} or Keras 3's {@code args}. */
    private static List<List<String>> callInputs(JsonNode call) {
        List<List<String>> refs = new ArrayList<>();
        if (call.isObject()) {
            collectKerasTensors(call.path("args"), refs);
        } else {
            call.forEach(ref -> refs.add(ref(ref)));
        }
        return refs;
    }

    private static void collectKerasTensors(JsonNode node, List<List<String>> refs) {
        if (node.isObject() && node.path("class_name").asText().equals("__keras_tensor__")) {
            refs.add(ref(node.path("config").path("keras_history")));
        } else if (node.isArray()) {
            node.forEach(child -> collectKerasTensors(child, refs));
        }
    }

    private String layerName(JsonNode layer) {
        String name = layer.path("config").path("name").asText(layer.path("name").asText());
        if (name.isEmpty()) {
            throw ModelException.of(file.source(), "a layer of class '" + layer.path("class_name").asText() + "' has no name");
        }
        return name;
    }

    /** A graph input of the shape the layer's config declares; dimension 0 (None in Keras) is the batch. */
    private String input(String name, JsonNode config) {
        JsonNode shape = config.has("batch_shape") ? config.path("batch_shape") : config.path("batch_input_shape");
        if (!shape.isArray() || shape.isEmpty()) {
            throw ModelException.of(file.source(), "model input '" + name + "' declares no batch_input_shape;"
                    + " nnport needs the input shape from the config");
        }
        int[] dims = new int[shape.size()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = shape.get(d).isNull() ? Shape.UNKNOWN : shape.get(d).asInt();
        }
        JsonNode dtypeNode = config.path("dtype");
        // Keras 3 may write a dtype policy object instead of a name.
        String dtype = dtypeNode.isObject() ? dtypeNode.path("config").path("name").asText("float32") : dtypeNode.asText("float32");
        DType type = switch (dtype) {
            case "float32" -> DType.FLOAT32;
            case "int32" -> DType.INT32;
            case "int64" -> DType.INT64;
            default -> throw ModelException.of(file.source(), "model input '" + name + "' has dtype " + dtype
                    + "; float32, int32 and int64 inputs are read");
        };
        Value value = new Value(name, type, Shape.of(dims));
        inputs.add(value);
        types.put(name, value.type());
        names.add(name);
        return name;
    }

    /** Emits call {@code k} of a layer on {@code args}; returns its output values. */
    private List<String> call(JsonNode layer, String prefix, int k, List<String> args) {
        String className = layer.path("class_name").asText();
        String name = prefix + layerName(layer) + (k == 0 ? "" : "_" + k);
        if (MODEL_CLASSES.contains(className)) {
            keras3Paths.put(name, keras3Paths.get(prefix + layerName(layer)));
            return model(layer, name + "/", args).outputs();
        }
        String weightsPath = file.weights().keras3() ? keras3Paths.get(prefix + layerName(layer)) : prefix + layerName(layer);
        KerasLayer context = new KerasLayer(name, weightsPath, className, layer.path("config"), args);
        try {
            return List.of(KerasLayerTable.rule(className).emit(context));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ModelException.atNode(file.source(), name, className, e.getMessage());
        } catch (ModelException e) {
            throw e.node() == null ? ModelException.atNode(file.source(), name, className, e.detail()) : e;
        }
    }

    /** What a table rule sees of one layer call, and how it emits IR layers. */
    final class KerasLayer {
        private final String name;
        private final String weightsPath;
        private final String className;
        private final JsonNode config;
        private final List<String> args;
        private int emitted;

        KerasLayer(String name, String weightsPath, String className, JsonNode config, List<String> args) {
            this.name = name;
            this.weightsPath = weightsPath;
            this.className = className;
            this.config = config;
            this.args = args;
        }

        String name() {
            return name;
        }

        JsonNode config() {
            return config;
        }

        /** The call's inputs; a layer taking one input reads {@link #input()}. */
        List<String> inputs() {
            return args;
        }

        String input() {
            if (args.size() != 1) {
                throw new IllegalArgumentException(className + " takes one input, is called with " + args.size());
            }
            return args.get(0);
        }

        TensorType type(String value) {
            return types.get(value);
        }

        /** The layer's weights, which must be {@code count} (a layer's optional weights: the caller counts them). */
        List<Tensor> weights(int count) {
            List<Tensor> weights = file.weights().of(weightsPath);
            if (weights.size() != count) {
                throw new IllegalArgumentException("the file holds " + weights.size() + " weights for this layer;"
                        + " its config needs " + count);
            }
            return weights;
        }

        /** A weight whose shape must be {@code expected}: the config and the weights must agree. */
        Tensor weight(List<Tensor> weights, int index, String what, Shape expected) {
            Tensor w = weights.get(index);
            if (!w.shape().equals(expected)) {
                throw new IllegalArgumentException(what + " has shape " + w.shape() + " in the file; the config and input give " + expected);
            }
            return w;
        }

        /**
         * Adds one IR layer reading {@code layerInputs}; its output value is named after the Keras
         * layer (the first IR layer of a Keras layer takes its name, later ones {@code name/1}, ...,
         * so the last one's name is not always the Keras layer's).
         */
        String emit(Layer layer, List<String> layerInputs) {
            String nodeName = emitted == 0 ? name : name + "/" + emitted;
            emitted++;
            if (!names.add(nodeName)) {
                throw ModelException.atNode(file.source(), nodeName, className, "two layers have this name");
            }
            List<TensorType> inputTypes = new ArrayList<>();
            layerInputs.forEach(v -> inputTypes.add(types.get(v)));
            List<TensorType> outputTypes = layer.outputTypes(inputTypes);
            types.put(nodeName, outputTypes.get(0));
            nodes.add(new LayerNode(nodeName, layer, layerInputs, List.of(nodeName), List.of(name)));
            return nodeName;
        }

        String emit(Layer layer, String layerInput) {
            return emit(layer, List.of(layerInput));
        }
    }
}
