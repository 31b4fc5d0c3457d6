package io.nnport.frontend.tf.passes;

import io.nnport.frontend.tf.Attr;
import io.nnport.frontend.tf.Facts;
import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.Ref;
import io.nnport.ir.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns every tensor whose value shape inference computed (Shape of known dimensions,
 * StridedSlice, Pack, Prod, Cast, arithmetic on constants, Fill, Range, ...) into a Const node, and
 * gives each Reshape whose target was computed from the dynamic batch a constant target with -1 in
 * the batch's place (the TF1/Keras flatten patterns; Keras' Conv2DTranspose output shape). Then
 * prunes what no output needs any more.
 *
 * <p>A folded constant keeps its node's name when it replaces the whole node ({@code name:k} for
 * k &gt; 0 becomes {@code name/output_k}); it inherits the control inputs of the node and of its
 * constant inputs, so a constant inside a cond branch stays dead with the branch.
 */
public final class FoldConstants implements GraphPass {

    /**
     * The largest tensor folding creates, in elements: 2^20 (4 MiB of float32). A folded tensor
     * becomes a weight embedded in the generated jar; growing a constant (Fill, Tile, a broadcast)
     * beyond this would bloat the jar more than computing it at run time costs, while every shape
     * argument, mask and per-channel vector of a real model is far below it.
     */
    public static final long MAX_FOLDED_ELEMENTS = 1L << 20;

    @Override
    public String label() {
        return "fold-constants";
    }

    @Override
    public Stage apply(Stage stage) {
        Graph graph = stage.graph();
        Facts facts = stage.facts();
        Set<Ref> used = new HashSet<>();
        for (Node node : graph.nodes()) {
            used.addAll(node.inputs());
        }
        stage.outputs().forEach(o -> used.add(o.ref()));

        Map<Ref, Ref> replaced = new HashMap<>();
        Map<String, List<String>> controlOf = new HashMap<>();
        Set<String> names = new HashSet<>();
        graph.nodes().forEach(n -> names.add(n.name()));
        List<Node> nodes = new ArrayList<>();
        for (Node node : graph.nodes()) {
            // What makes this node dead in a cond: its control inputs, its constant inputs' control
            // inputs, and its other producers themselves. A constant folded from it keeps them all.
            Set<String> control = new LinkedHashSet<>(node.controlInputs());
            for (Ref input : node.inputs()) {
                List<String> constantControl = controlOf.get(input.node());
                if (constantControl != null) {
                    control.addAll(constantControl);
                } else {
                    control.add(input.node());
                }
            }
            if (node.op().equals("Const")) {
                controlOf.put(node.name(), List.copyOf(control));
                nodes.add(node);
                continue;
            }
            List<String> deadness = List.copyOf(control);
            List<Integer> foldable = new ArrayList<>();
            int outputs = 0;
            boolean allFoldable = true;
            for (int i = 0; facts.info(new Ref(node.name(), i)) != null; i++) {
                outputs++;
                Ref ref = new Ref(node.name(), i);
                Tensor value = facts.value(ref);
                if (used.contains(ref)) {
                    if (value != null && value.size() <= MAX_FOLDED_ELEMENTS) {
                        foldable.add(i);
                    } else {
                        allFoldable = false;
                    }
                }
            }
            boolean wholeNode = outputs > 0 && allFoldable && foldable.size() == countUsed(used, node.name(), outputs)
                    && !foldable.isEmpty() && foldable.contains(0);
            for (int i : foldable) {
                Ref ref = new Ref(node.name(), i);
                String name = wholeNode && i == 0 ? node.name() : unique(names, node.name() + "/output_" + i);
                nodes.add(constant(name, facts.value(ref), deadness));
                controlOf.put(name, deadness);
                replaced.put(ref, Ref.of(name));
            }
            if (!wholeNode) {
                nodes.add(withBatchFreeShapeArgument(node, facts, names, nodes, deadness));
            }
        }
        if (replaced.isEmpty() && nodes.size() == graph.size() && nodes.equals(graph.nodes())) {
            return stage;
        }
        List<Node> rewired = new ArrayList<>();
        for (Node node : nodes) {
            List<Ref> inputs = node.inputs().stream().map(r -> replaced.getOrDefault(r, r)).toList();
            rewired.add(inputs.equals(node.inputs()) ? node : node.withInputs(inputs));
        }
        List<Stage.GraphOutput> outputs = stage.outputs().stream()
                .map(o -> new Stage.GraphOutput(o.name(), replaced.getOrDefault(o.ref(), o.ref()))).toList();
        Stage folded = stage.with(graph.withNodes(rewired), outputs);
        return new Prune().apply(folded);
    }

    private static int countUsed(Set<Ref> used, String node, int outputs) {
        int count = 0;
        for (int i = 0; i < outputs; i++) {
            if (used.contains(new Ref(node, i))) {
                count++;
            }
        }
        return count;
    }

    /**
     * A shape argument that mentions the dynamic batch (so folding could not make it a constant)
     * becomes a constant with -1 in the batch's place: a Reshape's target (from its inferred output
     * shape, when only dimension 0 of it is unknown) and Conv2DBackpropInput's input_sizes (Keras
     * computes both from {@code Shape(x)[0]}). The chain that computed it then dies.
     */
    private static Node withBatchFreeShapeArgument(Node node, Facts facts, Set<String> names, List<Node> nodes, List<String> deadness) {
        int argument = switch (node.op()) {
            case "Reshape" -> 1;
            case "Conv2DBackpropInput" -> 0;
            default -> -1;
        };
        if (argument < 0 || facts.value(node.input(argument)) != null || facts.partial().get(node.input(argument)) == null) {
            return node;
        }
        int[] dims;
        if (argument == 1) {
            var out = facts.info(Ref.of(node.name()));
            if (out == null || !out.shape().hasRank() || out.shape().rank() == 0 || !out.shape().withDim(0, 1).isFullyKnown()) {
                return node;
            }
            dims = out.shape().dims();
        } else {
            long[] partial = facts.partial().get(node.input(argument));
            dims = new int[partial.length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = partial[i] == ShapeInference.BATCH ? -1 : Math.toIntExact(partial[i]);
            }
        }
        String name = unique(names, node.name() + "/shape");
        nodes.add(constant(name, Tensor.vectorInts(dims), deadness));
        List<Ref> inputs = new ArrayList<>(node.inputs());
        inputs.set(argument, Ref.of(name));
        return node.withInputs(inputs);
    }

    private static Node constant(String name, Tensor value, List<String> control) {
        return new Node(name, "Const", List.of(), control, Map.of(
                "value", new Attr.TensorValue(value), "dtype", new Attr.Type(value.dtype().toString(), value.dtype())));
    }

    private static String unique(Set<String> names, String base) {
        String name = base;
        for (int k = 1; !names.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }
}
