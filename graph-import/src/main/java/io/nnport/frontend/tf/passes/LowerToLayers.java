package io.nnport.frontend.tf.passes;

import io.nnport.frontend.tf.Facts;
import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.Ref;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.frontend.tf.ops.Lowering;
import io.nnport.frontend.tf.ops.OpTable;
import io.nnport.ir.ModelException;
import io.nnport.ir.layers.ConstantLayer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.SplitLayer;
import io.nnport.ir.layers.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps each node of the sanitized graph onto one layer through {@link OpTable} (one layer per
 * node; fusion comes after). Placeholders become graph inputs; a constant read where a layer takes
 * a runtime operand becomes a {@link ConstantLayer} layer.
 *
 * <p>Nothing is skipped silently: first every node without a layer is reported in one message
 * ({@code unsupported ops: DecodeWav (1 node: wav_decode), ...}), with a hint when a cond or a
 * random op remains; then a node whose rule or shape failed is reported by name. Each layer's shape
 * rule is checked against TensorFlow's shape inference for the same tensor.
 */
public final class LowerToLayers {

    public LayerGraph apply(Stage stage) {
        Graph graph = stage.graph();
        Facts facts = stage.facts();
        reportUnsupported(graph);
        List<Value> inputs = new ArrayList<>();
        List<LayerNode> layers = new ArrayList<>();
        Set<String> constantLayers = new HashSet<>();
        for (Node node : graph.nodes()) {
            if (node.op().equals("Const")) {
                continue;
            }
            // A Const input that inference refused (a dtype nnport does not read, a dtype attribute
            // that disagrees with its tensor) has no value: its own error is the answer.
            for (Ref input : node.inputs()) {
                ModelException failed = facts.errors().get(input.node());
                if (failed != null) {
                    throw failed;
                }
            }
            ModelException failed = facts.errors().get(node.name());
            if (failed != null) {
                throw failed;
            }
            if (node.op().equals("Placeholder")) {
                TensorInfo info = facts.info(Ref.of(node.name()));
                if (info == null) {
                    throw ModelException.atNode(graph.source(), node.name(), node.op(), "input type is unknown");
                }
                if (!info.shape().hasRank()) {
                    throw ModelException.atNode(graph.source(), node.name(), node.op(),
                            "input has an unknown shape; give it with --input " + node.name() + "=d0,d1,...");
                }
                inputs.add(new Value(node.name(), info.dtype(), info.shape()));
                continue;
            }
            Lowering.Lowered lowered;
            try {
                lowered = OpTable.lowering(node.op()).lower(node, new Lowering.Context(node, facts));
            } catch (ModelException e) {
                throw e.inSource(graph.source());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw ModelException.atNode(graph.source(), node.name(), node.op(), e.getMessage());
            }
            List<String> inputNames = new ArrayList<>();
            for (Ref input : lowered.inputs()) {
                inputNames.add(valueOf(graph, facts, input, layers, constantLayers));
            }
            int outputs = lowered.layer() instanceof SplitLayer split ? split.sizes().size() : 1;
            List<String> outputNames = new ArrayList<>();
            for (int i = 0; i < outputs; i++) {
                outputNames.add(new Ref(node.name(), i).toString());
            }
            layers.add(new LayerNode(node.name(), lowered.layer(), inputNames, outputNames, List.of(node.name())));
        }
        List<LayerGraph.Output> outputs = new ArrayList<>();
        for (Stage.GraphOutput output : stage.outputs()) {
            outputs.add(new LayerGraph.Output(output.name(), valueOf(graph, facts, output.ref(), layers, constantLayers)));
        }
        LayerGraph result = LayerGraph.of(graph.source(), inputs, layers, outputs);
        checkAgainstTensorFlow(result, facts);
        return result;
    }

    /** The value name of a tensor, adding a Constant layer the first time a constant is read at run time. */
    private static String valueOf(Graph graph, Facts facts, Ref ref, List<LayerNode> layers, Set<String> constantLayers) {
        Node producer = graph.node(ref.node());
        if (producer.op().equals("Const") && facts.errors().containsKey(producer.name())) {
            throw facts.errors().get(producer.name());
        }
        if (producer.op().equals("Const") && constantLayers.add(producer.name())) {
            layers.add(new LayerNode(producer.name(), new ConstantLayer(facts.value(ref)), List.of(), List.of(ref.toString()),
                    List.of(producer.name())));
        }
        return ref.toString();
    }

    /** Every layer output must have the dtype TF's inference gives and a compatible shape. */
    private static void checkAgainstTensorFlow(LayerGraph graph, Facts facts) {
        for (Value value : graph.values().values()) {
            TensorInfo tf = facts.info(Ref.parse(value.name()));
            if (tf == null) {
                continue;
            }
            if (tf.dtype() != value.dtype() || !tf.shape().isCompatibleWith(value.shape())) {
                LayerNode producer = graph.producer(value.name());
                throw ModelException.atNode(graph.source(), producer == null ? value.name() : producer.name(),
                        producer == null ? null : producer.layer().kindName(), "layer gives " + value.dtype() + value.shape()
                                + " but TensorFlow's shape inference gives " + tf.dtype() + tf.shape() + " for '" + value.name() + "'");
            }
        }
    }

    /**
     * When the unsupported nodes compute only from placeholders, constants and each other (an
     * in-graph decoder or feature extractor in front of the network), the ones whose results the
     * supported rest reads: where {@code --input} can cut the graph. Empty otherwise.
     */
    private static List<String> inputPreparation(Graph graph, Map<String, List<String>> unsupported) {
        Set<String> names = new HashSet<>();
        unsupported.values().forEach(names::addAll);
        for (Node ancestor : graph.ancestors(List.copyOf(names))) {
            if (!names.contains(ancestor.name()) && !ancestor.op().equals("Const") && !ancestor.op().equals("Placeholder")) {
                return List.of();
            }
        }
        Set<String> cuts = new TreeSet<>();
        for (Node node : graph.nodes()) {
            if (!names.contains(node.name())) {
                for (Ref input : node.inputs()) {
                    if (names.contains(input.node())) {
                        cuts.add(input.node());
                    }
                }
            }
        }
        return List.copyOf(cuts);
    }

    private static void reportUnsupported(Graph graph) {
        Map<String, List<String>> unsupported = OpTable.nodesByOp(graph.nodes(),
                op -> op.equals("Const") || op.equals("Placeholder") || OpTable.lowering(op) != null);
        if (unsupported.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(OpTable.unsupportedOps(unsupported));
        List<String> hints = new ArrayList<>();
        if (unsupported.containsKey("Switch") || unsupported.containsKey("Merge")) {
            hints.add("Switch/Merge remain when a cond's predicate is not a constant (bind it, e.g. --constant is_train=false) or in a while loop");
        }
        for (String op : unsupported.keySet()) {
            if (OpTable.lookup(op).map(s -> !s.isDeterministic()).orElse(false)) {
                hints.add(op + " is random: it must only be on a training branch (bind the training flag with --constant)");
            } else if (OpTable.removedBy(op).isPresent()) {
                hints.add(op + " is handled only by " + OpTable.removedBy(op).get()
                        + "; here it computes on run-time values (often the dynamic batch: try --input NAME=... with a fixed batch)");
            }
        }
        List<String> cuts = inputPreparation(graph, unsupported);
        if (!cuts.isEmpty()) {
            hints.add("they only prepare the input: convert from their result, cutting the graph with --input "
                    + String.join(" --input ", cuts.stream().map(cut -> cut + "=d0,d1,...").toList()));
        }
        if (!hints.isEmpty()) {
            text.append("; ").append(String.join("; ", hints));
        }
        throw ModelException.of(graph.source(), text.toString());
    }
}
