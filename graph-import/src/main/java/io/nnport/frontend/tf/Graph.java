package io.nnport.frontend.tf;

import io.nnport.ir.ModelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * An immutable, validated TensorFlow graph: nodes with unique names, every input naming a node of
 * the graph, and no cycle. {@link #nodes()} is in topological order (producers before consumers,
 * otherwise the model file's order), so interpreters and passes walk it front to back.
 *
 * <p>Passes are pure: they build a new node list and call {@link #withNodes}. The only cycles
 * accepted are TensorFlow loop back edges (inputs from a {@value #LOOP_BACK_EDGE_OP} node), so that a
 * graph with a while loop still imports and is then rejected for its loop ops, by name.
 */
public final class Graph {
    /** TensorFlow's loop back edge; its consumer (a Merge) runs before it. */
    public static final String LOOP_BACK_EDGE_OP = "NextIteration";

    private final String source;
    private final List<Node> nodes;
    private final Map<String, Node> byName;
    private final Map<String, List<Node>> consumers;

    private Graph(String source, List<Node> sorted, Map<String, Node> byName, Map<String, List<Node>> consumers) {
        this.source = source;
        this.nodes = sorted;
        this.byName = byName;
        this.consumers = consumers;
    }

    /**
     * Validates and sorts the nodes.
     *
     * @param source the model file or another description of the graph's origin, for messages
     * @throws ModelException for a duplicate name, an input naming no node, or a cycle
     */
    public static Graph of(String source, List<Node> nodes) {
        Map<String, Node> byName = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (byName.putIfAbsent(node.name(), node) != null) {
                throw ModelException.atNode(source, node.name(), node.op(), "two nodes have this name");
            }
        }
        Map<String, List<Node>> consumers = new HashMap<>();
        for (Node node : nodes) {
            for (String producer : producersOf(node)) {
                if (!byName.containsKey(producer)) {
                    throw ModelException.atNode(source, node.name(), node.op(),
                            "input '" + producer + "' names no node in the graph");
                }
                consumers.computeIfAbsent(producer, k -> new ArrayList<>()).add(node);
            }
        }
        consumers.replaceAll((k, v) -> List.copyOf(v));
        return new Graph(source, sortTopologically(source, nodes, byName, consumers),
                Collections.unmodifiableMap(byName), Collections.unmodifiableMap(consumers));
    }

    /** A new graph from the same source with these nodes (validated again). */
    public Graph withNodes(List<Node> newNodes) {
        return of(source, newNodes);
    }

    public String source() {
        return source;
    }

    /** All nodes, producers before consumers. */
    public List<Node> nodes() {
        return nodes;
    }

    public int size() {
        return nodes.size();
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Optional<Node> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The node of this name; a {@link ModelException} when there is none. */
    public Node node(String name) {
        Node node = byName.get(name);
        if (node == null) {
            throw ModelException.of(source, "no node named '" + name + "'");
        }
        return node;
    }

    /** Nodes that read an output of {@code name} or run after it (control), in topological order. */
    public List<Node> consumers(String name) {
        return consumers.getOrDefault(name, List.of());
    }

    /** Nodes nothing reads from: the candidate outputs. */
    public List<Node> sinks() {
        List<Node> sinks = new ArrayList<>();
        for (Node node : nodes) {
            if (consumers(node.name()).isEmpty()) {
                sinks.add(node);
            }
        }
        return sinks;
    }

    /**
     * The nodes needed to compute the named nodes (themselves included), following data and
     * control inputs, in topological order.
     */
    public List<Node> ancestors(Collection<String> names) {
        Set<String> seen = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (String name : names) {
            node(name);
            if (seen.add(name)) {
                work.push(name);
            }
        }
        while (!work.isEmpty()) {
            for (String producer : producersOf(byName.get(work.pop()))) {
                if (seen.add(producer)) {
                    work.push(producer);
                }
            }
        }
        List<Node> needed = new ArrayList<>();
        for (Node node : nodes) {
            if (seen.contains(node.name())) {
                needed.add(node);
            }
        }
        return needed;
    }

    private static Set<String> producersOf(Node node) {
        Set<String> producers = new LinkedHashSet<>();
        for (Ref input : node.inputs()) {
            producers.add(input.node());
        }
        producers.addAll(node.controlInputs());
        return producers;
    }

    /** Kahn's algorithm, taking ready nodes in file order; loop back edges do not count. */
    private static List<Node> sortTopologically(String source, List<Node> nodes, Map<String, Node> byName,
            Map<String, List<Node>> consumers) {
        Map<String, Integer> pending = new HashMap<>();
        for (Node node : nodes) {
            int count = 0;
            for (String producer : producersOf(node)) {
                if (!byName.get(producer).op().equals(LOOP_BACK_EDGE_OP)) {
                    count++;
                }
            }
            pending.put(node.name(), count);
        }
        Map<String, Integer> fileIndex = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            fileIndex.put(nodes.get(i).name(), i);
        }
        PriorityQueue<Node> ready =
                new PriorityQueue<>((a, b) -> Integer.compare(fileIndex.get(a.name()), fileIndex.get(b.name())));
        for (Node node : nodes) {
            if (pending.get(node.name()) == 0) {
                ready.add(node);
            }
        }
        List<Node> sorted = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            Node node = ready.poll();
            sorted.add(node);
            if (node.op().equals(LOOP_BACK_EDGE_OP)) {
                continue;
            }
            for (Node consumer : consumers.getOrDefault(node.name(), List.of())) {
                if (pending.merge(consumer.name(), -1, Integer::sum) == 0) {
                    ready.add(consumer);
                }
            }
        }
        if (sorted.size() < nodes.size()) {
            List<String> stuck = new ArrayList<>();
            for (Node node : nodes) {
                if (pending.get(node.name()) > 0) {
                    stuck.add(node.name());
                }
            }
            throw ModelException.of(source, "the graph has a cycle; nodes on it or after it: "
                    + (stuck.size() <= 10 ? stuck : stuck.subList(0, 10) + " and " + (stuck.size() - 10) + " more"));
        }
        return Collections.unmodifiableList(sorted);
    }
}
