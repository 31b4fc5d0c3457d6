package io.nnport.frontend.tf.interp;

import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.Ref;
import io.nnport.frontend.tf.ops.OpSemantics;
import io.nnport.frontend.tf.ops.OpTable;
import io.nnport.ir.ModelException;
import io.nnport.ir.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scalar reference evaluator of a TensorFlow {@link Graph}: runs each needed node's
 * {@link OpSemantics#evaluate} in topological order. It is the engine of constant folding, the
 * front end's own reference in tests, and a debugging tool ({@link #interpret} any node).
 * (Generated code is checked against the layer graph's {@link io.nnport.ir.eval.LayerInterpreter}.)
 *
 * <p>Dead tensors follow TensorFlow: an untaken {@code Switch} output is dead; a node with a dead
 * data or control input is dead and does not run, except {@code Merge}, which forwards its live
 * input. Fetching a dead tensor is an error.
 *
 * <p>Before running, every needed node's op is checked against the {@link OpTable}: all unsupported
 * ops are reported at once. Feeds are keyed by node name ({@code "x"}) or output ({@code "x:1"});
 * a fed node is not computed (its producers are not needed) and its outputs are exactly the fed
 * ones. A fed placeholder's dtype and declared shape are checked. Errors are {@link ModelException}s
 * naming the graph's source, node and op.
 */
public final class Interpreter {
    private final Graph graph;

    public Interpreter(Graph graph) {
        this.graph = graph;
    }

    /**
     * Evaluates the fetched outputs.
     *
     * @param feeds values for placeholders (or any output, which is then not computed)
     * @param fetches outputs to return, {@code "node"} or {@code "node:i"}
     * @return the fetched tensors, keyed and ordered as {@code fetches}
     */
    public Map<String, Tensor> run(Map<String, Tensor> feeds, List<String> fetches) {
        Map<Ref, Tensor> fed = new HashMap<>();
        for (Map.Entry<String, Tensor> feed : feeds.entrySet()) {
            Ref ref = Ref.parse(feed.getKey());
            if (!graph.contains(ref.node())) {
                throw ModelException.of(graph.source(), "feed '" + feed.getKey() + "' names no node in the graph");
            }
            fed.put(ref, feed.getValue());
        }
        List<String> fetchNodes = new ArrayList<>();
        for (String fetch : fetches) {
            fetchNodes.add(Ref.parse(fetch).node());
        }
        Set<String> fedNodes = new HashSet<>();
        for (Ref ref : fed.keySet()) {
            fedNodes.add(ref.node());
        }
        List<Node> needed = neededNodes(fetchNodes, fedNodes);
        try {
            List<Node> computed = new ArrayList<>(needed);
            computed.removeIf(node -> fedNodes.contains(node.name()));
            OpTable.checkSupported(graph.source(), computed);
            Map<String, List<Tensor>> values = evaluate(needed, fed, fedNodes);
            Map<String, Tensor> results = new LinkedHashMap<>();
            for (String fetch : fetches) {
                Ref ref = Ref.parse(fetch);
                List<Tensor> outputs = values.get(ref.node());
                Node node = graph.node(ref.node());
                if (outputs == null) {
                    throw node.error("is dead (on an untaken branch of a Switch); it has no value to fetch");
                }
                if (ref.output() >= outputs.size()) {
                    throw node.error("has " + outputs.size() + " outputs; cannot fetch output " + ref.output());
                }
                Tensor value = outputs.get(ref.output());
                if (value == null) {
                    throw node.error("output " + ref.output() + " is dead (an untaken branch); it has no value to fetch");
                }
                results.put(fetch, value);
            }
            return results;
        } catch (ModelException e) {
            throw e.inSource(graph.source());
        }
    }

    /** The value of one output ({@code "node"} or {@code "node:i"}): the debugging entry point. */
    public Tensor interpret(String output, Map<String, Tensor> feeds) {
        return run(feeds, List.of(output)).get(output);
    }

    /** Ancestors of the fetches, not looking past fed nodes. */
    private List<Node> neededNodes(List<String> fetchNodes, Set<String> fedNodes) {
        Set<String> keep = new HashSet<>();
        Deque<String> work = new ArrayDeque<>(fetchNodes);
        while (!work.isEmpty()) {
            String name = work.pop();
            if (!keep.add(name) || fedNodes.contains(name)) {
                continue;
            }
            Node node = graph.node(name);
            for (Ref input : node.inputs()) {
                work.push(input.node());
            }
            work.addAll(node.controlInputs());
        }
        List<Node> needed = new ArrayList<>();
        for (Node node : graph.nodes()) {
            if (keep.contains(node.name())) {
                needed.add(node);
            }
        }
        return needed;
    }

    /** Values of every needed node; a null list marks a dead node. */
    private Map<String, List<Tensor>> evaluate(List<Node> needed, Map<Ref, Tensor> fed, Set<String> fedNodes) {
        Map<String, List<Tensor>> values = new HashMap<>();
        for (Node node : needed) {
            if (fedNodes.contains(node.name())) {
                values.put(node.name(), fedOutputs(node, fed));
                continue;
            }
            OpSemantics op = OpTable.of(node);
            boolean deadControl = false;
            for (String control : node.controlInputs()) {
                deadControl |= values.get(control) == null;
            }
            List<Tensor> inputs = new ArrayList<>(node.inputs().size());
            boolean deadInput = false;
            for (Ref input : node.inputs()) {
                Tensor value = valueOf(input, values);
                deadInput |= value == null;
                inputs.add(value);
            }
            boolean dead = deadControl || (op.acceptsDeadInputs() ? allNull(inputs) : deadInput);
            values.put(node.name(), dead ? null : evaluate(node, op, inputs));
        }
        return values;
    }

    /**
     * Runs one op; an argument error that an op rule did not word itself still reaches the user
     * as one line naming the node, never as a stack trace.
     */
    private static List<Tensor> evaluate(Node node, OpSemantics op, List<Tensor> inputs) {
        try {
            return op.evaluate(node, inputs);
        } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
            ModelException error = node.error("cannot evaluate: " + e.getMessage());
            error.initCause(e);
            throw error;
        }
    }

    /** A fed node's outputs: output i is the feed of {@code "node:i"} (unfed outputs are absent). */
    private static List<Tensor> fedOutputs(Node node, Map<Ref, Tensor> fed) {
        List<Tensor> outputs = new ArrayList<>();
        for (int i = 0; fed.containsKey(new Ref(node.name(), i)); i++) {
            outputs.add(fed.get(new Ref(node.name(), i)));
        }
        if (outputs.isEmpty()) {
            throw node.error("feed its output 0 when feeding any of its outputs");
        }
        if (node.op().equals("Placeholder") || node.op().equals("PlaceholderWithDefault")) {
            checkFeed(node, outputs.get(0));
        }
        return outputs;
    }

    private static void checkFeed(Node node, Tensor value) {
        if (node.hasAttr("dtype") && node.typeAttr("dtype") != value.dtype()) {
            throw node.error("fed a " + value.dtype() + " tensor, but the placeholder is " + node.typeAttr("dtype"));
        }
        if (node.hasAttr("shape") && !node.shapeAttr("shape").isCompatibleWith(value.shape())) {
            throw node.error("fed shape " + value.shape() + " does not fit the placeholder's " + node.shapeAttr("shape"));
        }
    }

    private static Tensor valueOf(Ref input, Map<String, List<Tensor>> values) {
        List<Tensor> outputs = values.get(input.node());
        if (outputs == null) {
            return null;
        }
        if (input.output() >= outputs.size()) {
            throw ModelException.atNode(input.node(), null, "has no output " + input.output()
                    + " (a fed node has only the outputs fed)");
        }
        return outputs.get(input.output());
    }

    private static boolean allNull(List<Tensor> tensors) {
        for (Tensor tensor : tensors) {
            if (tensor != null) {
                return false;
            }
        }
        return true;
    }
}
