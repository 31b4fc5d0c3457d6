package io.nnport.ir.eval;

import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.Value;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scalar reference evaluator of a {@link LayerGraph}: runs each layer's
 * {@link io.nnport.ir.layers.Layer#evaluate} in order. The converter uses it to compute the
 * reference outputs it writes into each generated model's test; {@link #interpret} returns any
 * intermediate value, for debugging a layer whose generated code disagrees.
 *
 * <p>Inputs are checked against the graph's input types (dtype; every dimension but a dynamic
 * batch); all batched inputs must share one batch size. Errors name the layer.
 */
public final class LayerInterpreter {
    private final LayerGraph graph;

    public LayerInterpreter(LayerGraph graph) {
        this.graph = graph;
    }

    /** The model outputs, keyed by their names in the source model ({@link LayerGraph.Output#name()}), in order. */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        Map<String, Tensor> values = evaluateAll(inputs, null);
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (LayerGraph.Output output : graph.outputs()) {
            outputs.put(output.name(), values.get(output.value()));
        }
        return outputs;
    }

    /** The value of any layer output or input (by {@link Value} name). */
    public Tensor interpret(String value, Map<String, Tensor> inputs) {
        graph.value(value);
        return evaluateAll(inputs, value).get(value);
    }

    /** Every value computed up to {@code stopAt} (everything when null). */
    public Map<String, Tensor> evaluateAll(Map<String, Tensor> inputs, String stopAt) {
        Map<String, Tensor> values = new HashMap<>();
        int batch = -1;
        for (Value input : graph.inputs()) {
            Tensor given = inputs.get(input.name());
            if (given == null) {
                throw ModelException.of(graph.source(), "no value given for input '" + input.name() + "' " + input.dtype() + input.shape());
            }
            batch = checkInput(input, given, batch);
            values.put(input.name(), given);
        }
        if (stopAt != null && values.containsKey(stopAt)) {
            return values;
        }
        for (LayerNode node : graph.layers()) {
            List<Tensor> args = node.inputs().stream().map(values::get).toList();
            List<Tensor> results;
            try {
                results = node.layer().evaluate(args);
            } catch (ModelException e) {
                throw ModelException.atNode(graph.source(), node.name(), node.layer().kindName(), e.detail());
            } catch (RuntimeException e) {
                throw ModelException.atNode(graph.source(), node.name(), node.layer().kindName(), String.valueOf(e.getMessage()));
            }
            for (int i = 0; i < results.size(); i++) {
                values.put(node.outputs().get(i), results.get(i));
            }
            if (stopAt != null && node.outputs().contains(stopAt)) {
                break;
            }
        }
        return values;
    }

    private int checkInput(Value input, Tensor given, int batch) {
        Shape expected = input.shape();
        boolean fits = given.dtype() == input.dtype() && given.rank() == expected.rank();
        for (int d = 0; fits && d < expected.rank(); d++) {
            fits = expected.dim(d) == Shape.UNKNOWN || expected.dim(d) == given.shape().dim(d);
        }
        if (!fits) {
            throw ModelException.of(graph.source(), "input '" + input.name() + "' expects " + input.dtype() + expected
                    + ", was given " + given.dtype() + given.shape());
        }
        if (input.batched()) {
            if (batch >= 0 && batch != given.shape().dim(0)) {
                throw ModelException.of(graph.source(), "inputs have different batch sizes: " + batch + " and " + given.shape().dim(0));
            }
            return given.shape().dim(0);
        }
        return batch;
    }
}
