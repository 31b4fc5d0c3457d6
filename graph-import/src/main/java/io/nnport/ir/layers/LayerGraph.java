package io.nnport.ir.layers;

import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.TensorType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The import's result and the converter's input: graph inputs, layers in topological order (one
 * kernel call each), and outputs. Immutable and validated: every value has a unique name
 * ({@link Value} explains the naming and batch conventions), every layer reads values defined
 * before it, and each value's type is what its layer's shape rule gives, so the types are computed
 * here once and cannot drift from the layers.
 *
 * <p>Validation also enforces the batch convention: dimension 0 may be -1 (the dynamic batch) and
 * every other dimension must be known; otherwise the {@link ModelException} names the value and
 * tells the user which {@code --input} to pass.
 */
public final class LayerGraph {

    /**
     * A model output.
     *
     * @param name  the output's name in the source model (for a TensorFlow graph the tensor the user
     *              asked for, or a graph sink, e.g. {@code Identity})
     * @param value the value holding it after sanitizing (e.g. {@code sequential/dense_1/Softmax})
     */
    public record Output(String name, String value) {}

    private final String source;
    private final List<Value> inputs;
    private final List<LayerNode> layers;
    private final List<Output> outputs;
    private final Map<String, Value> values;
    private final Map<String, LayerNode> producers;
    private final Map<String, List<LayerNode>> consumers;

    private LayerGraph(String source, List<Value> inputs, List<LayerNode> layers, List<Output> outputs,
            Map<String, Value> values, Map<String, LayerNode> producers, Map<String, List<LayerNode>> consumers) {
        this.source = source;
        this.inputs = inputs;
        this.layers = layers;
        this.outputs = outputs;
        this.values = values;
        this.producers = producers;
        this.consumers = consumers;
    }

    /**
     * Validates the wiring and computes every value's type with the layers' shape rules.
     *
     * @param source the model file, for messages
     * @param inputs graph inputs with their types (dimension 0 may be -1)
     * @param layers in an order where each layer reads only graph inputs and earlier layers' outputs
     * @param outputs model outputs, each naming a value
     */
    public static LayerGraph of(String source, List<Value> inputs, List<LayerNode> layers, List<Output> outputs) {
        Map<String, Value> values = new LinkedHashMap<>();
        Map<String, LayerNode> producers = new HashMap<>();
        Map<String, List<LayerNode>> consumers = new HashMap<>();
        for (Value input : inputs) {
            checkBatchConvention(source, input, "graph input");
            if (values.putIfAbsent(input.name(), input) != null) {
                throw ModelException.of(source, "two graph inputs are named '" + input.name() + "'");
            }
        }
        Map<String, Boolean> layerNames = new HashMap<>();
        for (LayerNode node : layers) {
            if (layerNames.put(node.name(), true) != null) {
                throw ModelException.atNode(source, node.name(), node.layer().kindName(), "two layers have this name");
            }
            List<TensorType> inputTypes = new ArrayList<>();
            for (String input : node.inputs()) {
                Value value = values.get(input);
                if (value == null) {
                    throw ModelException.atNode(source, node.name(), node.layer().kindName(),
                            "reads value '" + input + "', which no earlier layer or graph input defines");
                }
                inputTypes.add(value.type());
                consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
            }
            List<TensorType> outputTypes;
            try {
                outputTypes = node.layer().outputTypes(inputTypes);
            } catch (ModelException e) {
                throw ModelException.atNode(source, node.name(), node.layer().kindName(), e.detail());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw ModelException.atNode(source, node.name(), node.layer().kindName(), e.getMessage());
            }
            if (outputTypes.size() != node.outputs().size()) {
                throw ModelException.atNode(source, node.name(), node.layer().kindName(),
                        "has " + outputTypes.size() + " outputs but " + node.outputs().size() + " value names");
            }
            for (int i = 0; i < outputTypes.size(); i++) {
                Value value = new Value(node.outputs().get(i), outputTypes.get(i).dtype(), outputTypes.get(i).shape());
                checkBatchConvention(source, value, "value of layer '" + node.name() + "' (" + node.layer().describe() + ")");
                if (values.putIfAbsent(value.name(), value) != null) {
                    throw ModelException.atNode(source, node.name(), node.layer().kindName(),
                            "writes value '" + value.name() + "', which is already defined");
                }
                producers.put(value.name(), node);
            }
        }
        for (Output output : outputs) {
            if (!values.containsKey(output.value())) {
                throw ModelException.of(source, "output '" + output.name() + "' names value '" + output.value()
                        + "', which the layer graph does not define");
            }
        }
        consumers.replaceAll((k, v) -> List.copyOf(v));
        return new LayerGraph(source, List.copyOf(inputs), List.copyOf(layers), List.copyOf(outputs),
                Collections.unmodifiableMap(values), Collections.unmodifiableMap(producers), Collections.unmodifiableMap(consumers));
    }

    private static void checkBatchConvention(String source, Value value, String what) {
        Shape shape = value.shape();
        if (!shape.hasRank()) {
            throw ModelException.of(source, what + " '" + value.name() + "' has an unknown rank; fix the input shapes with --input NAME=d0,d1,...");
        }
        int[] dims = shape.dims();
        for (int d = 1; d < dims.length; d++) {
            if (dims[d] == Shape.UNKNOWN) {
                throw ModelException.of(source, what + " '" + value.name() + "' has shape " + shape + ": dimension " + d
                        + " is unknown, and only dimension 0 may be (the batch); fix the input shapes with --input NAME=d0,d1,...");
            }
        }
    }

    public String source() {
        return source;
    }

    public List<Value> inputs() {
        return inputs;
    }

    /** Layers in topological order. */
    public List<LayerNode> layers() {
        return layers;
    }

    public List<Output> outputs() {
        return outputs;
    }

    /** Every value (graph inputs and layer outputs) by name, in definition order. */
    public Map<String, Value> values() {
        return values;
    }

    /** The value of this name; a {@link ModelException} when there is none. */
    public Value value(String name) {
        Value value = values.get(name);
        if (value == null) {
            throw ModelException.of(source, "no value named '" + name + "' in the layer graph");
        }
        return value;
    }

    /** The layer writing this value; null for a graph input. */
    public LayerNode producer(String value) {
        return producers.get(value);
    }

    /** The layers reading this value, in order. */
    public List<LayerNode> consumers(String value) {
        return consumers.getOrDefault(value, List.of());
    }

    /** True when the value is a model output. */
    public boolean isOutput(String value) {
        for (Output output : outputs) {
            if (output.value().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** A new graph with these layers and outputs (validated again): what fusion passes return. */
    public LayerGraph withLayers(List<LayerNode> newLayers, List<Output> newOutputs) {
        return of(source, inputs, newLayers, newOutputs);
    }

    /** One line per layer: name, description, inputs and output shapes; for logs and debugging. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Value input : inputs) {
            text.append("input ").append(input).append('\n');
        }
        for (LayerNode node : layers) {
            text.append(node.name()).append(": ").append(node.layer().describe()).append(' ').append(node.inputs()).append(" ->");
            for (String output : node.outputs()) {
                text.append(' ').append(values.get(output).shape());
            }
            text.append('\n');
        }
        for (Output output : outputs) {
            text.append("output ").append(output.name()).append(" = ").append(output.value()).append('\n');
        }
        return text.toString();
    }
}
