package io.nnport.frontend.savedmodel;

import io.nnport.frontend.tf.proto.AttrValue;
import io.nnport.frontend.tf.proto.FunctionDef;
import io.nnport.frontend.tf.proto.NodeDef;
import io.nnport.frontend.tf.proto.OpDef;
import io.nnport.ir.ModelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces function calls by the functions' bodies, so that the TensorFlow front end sees one flat
 * graph. A TF2 SavedModel's graph is a thin shell: its signature's outputs are outputs of a
 * {@code StatefulPartitionedCall} whose function calls the model's functions in turn.
 *
 * <p>A call is a {@code StatefulPartitionedCall} or {@code PartitionedCall} (its {@code f}
 * attribute names the function) or a node whose op is a function of the library. Inlining call
 * {@code c} of function {@code F}: each node {@code n} of F's body becomes {@code c/n}; a body input
 * naming an argument becomes the call's input in that position; {@code n:out:i} (output {@code i}
 * of the output argument {@code out} of node {@code n}, the FunctionDef syntax) becomes
 * {@code c/n:k}, with {@code k} the flat output index; and every reader of {@code c:k} reads the
 * tensor F returns for its output argument {@code k}. Control edges inside bodies and onto calls
 * are dropped: they order stateful operations (variable reads, prints) that a converted model does
 * not have, and data edges alone fix what an output computes.
 *
 * <p>Only what the outputs need is inlined (the save and restore functions are not), one level per
 * round, at most {@link #MAX_DEPTH} levels: a deeper nesting (or a recursive function) is refused.
 */
final class FunctionInliner {

    /** Nested call levels inlined; Keras models nest three or four (signature, model, layer, cell). */
    static final int MAX_DEPTH = 32;

    /**
     * Ops with more than one output argument, and their output arguments in order (each one tensor).
     * Every other op is taken to have one output argument, possibly a list, so {@code n:out:i} is
     * flat output {@code i}.
     */
    private static final Map<String, List<String>> OUTPUT_ARGS = Map.ofEntries(
            Map.entry("FusedBatchNorm", List.of("y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2")),
            Map.entry("FusedBatchNormV2", List.of("y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2")),
            Map.entry("FusedBatchNormV3", List.of("y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2",
                    "reserve_space_3")),
            Map.entry("Switch", List.of("output_false", "output_true")),
            Map.entry("RefSwitch", List.of("output_false", "output_true")),
            Map.entry("Merge", List.of("output", "value_index")),
            Map.entry("TopKV2", List.of("values", "indices")),
            Map.entry("Unique", List.of("y", "idx")),
            Map.entry("BroadcastGradientArgs", List.of("r0", "r1")));

    private static final Set<String> CALL_OPS = Set.of("StatefulPartitionedCall", "PartitionedCall");

    private final String source;
    private final Map<String, FunctionDef> library;
    /** Tensors of inlined calls ({@code c}, {@code c:k}) and what they are now. */
    private final Map<String, String> aliases = new HashMap<>();

    FunctionInliner(String source, Collection<FunctionDef> functions) {
        this.source = source;
        this.library = new HashMap<>();
        for (FunctionDef function : functions) {
            library.put(function.getSignature().getName(), function);
        }
    }

    /** The graph with every call the {@code outputs} depend on inlined; {@code outputs} are tensor names. */
    List<NodeDef> inline(List<NodeDef> graph, List<String> outputs) {
        List<NodeDef> nodes = graph;
        for (int depth = 0; ; depth++) {
            nodes = needed(nodes, outputs);
            List<NodeDef> calls = nodes.stream().filter(n -> callee(n) != null).toList();
            if (calls.isEmpty()) {
                return nodes;
            }
            if (depth == MAX_DEPTH) {
                throw ModelException.of(source, "functions nest more than " + MAX_DEPTH + " calls deep (at '"
                        + calls.get(0).getName() + "', calling " + callee(calls.get(0)) + "); a recursive function?");
            }
            List<NodeDef> next = new ArrayList<>();
            for (NodeDef node : nodes) {
                String function = callee(node);
                if (function == null) {
                    next.add(node);
                } else {
                    next.addAll(body(node, function));
                }
            }
            nodes = next.stream().map(this::rewired).toList();
        }
    }

    /** What tensor {@code tensor} (of the graph given to {@link #inline}) is in the inlined graph. */
    String resolve(String tensor) {
        String current = Tensors.canonical(tensor);
        for (int hops = 0; hops <= MAX_DEPTH; hops++) {
            String next = aliases.get(current);
            if (next == null) {
                return current;
            }
            current = next;
        }
        throw ModelException.of(source, "function outputs forward '" + tensor + "' in a cycle");
    }

    /** The function a node calls, or null. */
    String callee(NodeDef node) {
        if (CALL_OPS.contains(node.getOp())) {
            AttrValue f = node.getAttrMap().get("f");
            if (f == null || !f.hasFunc()) {
                throw ModelException.atNode(source, node.getName(), node.getOp(), "has no function attribute 'f'");
            }
            return f.getFunc().getName();
        }
        return library.containsKey(node.getOp()) ? node.getOp() : null;
    }

    /** The nodes of {@code graph} that {@code outputs} depend on, following data inputs and aliases. */
    private List<NodeDef> needed(List<NodeDef> graph, List<String> outputs) {
        Map<String, NodeDef> byName = new LinkedHashMap<>();
        graph.forEach(n -> byName.put(n.getName(), n));
        Set<String> seen = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        outputs.forEach(o -> work.add(Tensors.node(resolve(o))));
        while (!work.isEmpty()) {
            String name = work.pop();
            NodeDef node = byName.get(name);
            if (node == null || !seen.add(name)) {
                continue;
            }
            for (String input : node.getInputList()) {
                work.add(Tensors.node(input.startsWith("^") ? input.substring(1) : input));
            }
        }
        return graph.stream().filter(n -> seen.contains(n.getName())).toList();
    }

    /** The node with its data inputs resolved through the aliases and control inputs on inlined calls dropped. */
    private NodeDef rewired(NodeDef node) {
        NodeDef.Builder builder = node.toBuilder().clearInput();
        for (String input : node.getInputList()) {
            if (input.startsWith("^")) {
                if (!aliases.containsKey(input.substring(1))) {
                    builder.addInput(input);
                }
            } else {
                builder.addInput(resolve(input));
            }
        }
        return builder.build();
    }

    /** The body of {@code function} for call node {@code call}, named under the call, its returns recorded as aliases. */
    private List<NodeDef> body(NodeDef call, String functionName) {
        FunctionDef function = library.get(functionName);
        if (function == null) {
            throw ModelException.atNode(source, call.getName(), call.getOp(), "calls function '" + functionName
                    + "', which the graph's library does not define");
        }
        OpDef signature = function.getSignature();
        List<String> dataInputs = call.getInputList().stream().filter(i -> !i.startsWith("^")).toList();
        if (dataInputs.size() != signature.getInputArgCount()) {
            throw ModelException.atNode(source, call.getName(), call.getOp(), "passes " + dataInputs.size()
                    + " inputs to function '" + functionName + "', which takes " + signature.getInputArgCount());
        }
        Map<String, String> arguments = new HashMap<>();
        for (int i = 0; i < dataInputs.size(); i++) {
            OpDef.ArgDef arg = signature.getInputArg(i);
            if (!arg.getNumberAttr().isEmpty() || !arg.getTypeListAttr().isEmpty()) {
                throw ModelException.atNode(source, call.getName(), call.getOp(), "function '" + functionName
                        + "' takes a list argument ('" + arg.getName() + "'), which nnport does not inline");
            }
            arguments.put(arg.getName(), dataInputs.get(i));
        }
        Map<String, String> opOf = new HashMap<>();
        function.getNodeDefList().forEach(n -> opOf.put(n.getName(), n.getOp()));
        String prefix = call.getName() + "/";
        List<NodeDef> body = new ArrayList<>();
        for (NodeDef node : function.getNodeDefList()) {
            NodeDef.Builder renamed = node.toBuilder().setName(prefix + node.getName()).clearInput();
            for (String input : node.getInputList()) {
                if (!input.startsWith("^")) {
                    renamed.addInput(bodyTensor(call, functionName, input, prefix, arguments, opOf));
                }
            }
            body.add(renamed.build());
        }
        for (int k = 0; k < signature.getOutputArgCount(); k++) {
            String arg = signature.getOutputArg(k).getName();
            String ret = function.getRetMap().get(arg);
            if (ret == null) {
                throw ModelException.atNode(source, call.getName(), call.getOp(), "function '" + functionName
                        + "' returns nothing for its output '" + arg + "'");
            }
            aliases.put(Tensors.of(call.getName(), k), bodyTensor(call, functionName, ret, prefix, arguments, opOf));
        }
        return body;
    }

    /** A tensor named inside a function body ({@code arg}, {@code node:out:i}), named in the caller's graph. */
    private String bodyTensor(NodeDef call, String functionName, String tensor, String prefix, Map<String, String> arguments,
            Map<String, String> opOf) {
        String[] parts = tensor.split(":");
        if (parts.length <= 2 && arguments.containsKey(parts[0])) {
            if (parts.length == 2 && !parts[1].equals("0")) {
                throw ModelException.atNode(source, call.getName(), call.getOp(), "function '" + functionName
                        + "' reads output " + parts[1] + " of its argument '" + parts[0] + "'");
            }
            return arguments.get(parts[0]);
        }
        String op = opOf.get(parts[0]);
        if (op == null) {
            throw ModelException.atNode(source, call.getName(), call.getOp(), "function '" + functionName
                    + "' reads '" + tensor + "', which is neither an argument nor a node of it");
        }
        if (parts.length == 1) {
            return prefix + parts[0];
        }
        try {
            int index = Integer.parseInt(parts[parts.length - 1]);
            int flat = parts.length == 3 ? outputOffset(op, parts[1]) + index : index;
            return Tensors.of(prefix + parts[0], flat);
        } catch (NumberFormatException e) {
            throw ModelException.atNode(source, call.getName(), call.getOp(), "function '" + functionName
                    + "' names tensor '" + tensor + "', which is not node:output:index");
        }
    }

    /** The flat index of the first tensor of output argument {@code arg} of {@code op}. */
    private int outputOffset(String op, String arg) {
        FunctionDef function = library.get(op);
        if (function != null) {
            List<OpDef.ArgDef> args = function.getSignature().getOutputArgList();
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).getName().equals(arg)) {
                    return i;
                }
            }
            return 0;
        }
        List<String> args = OUTPUT_ARGS.get(op);
        return args == null ? 0 : Math.max(0, args.indexOf(arg));
    }
}
