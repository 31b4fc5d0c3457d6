package io.nnport.frontend.tf.passes;

import io.nnport.frontend.tf.Attr;
import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.Ref;
import io.nnport.ir.ModelException;
import io.nnport.ir.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes what does nothing at inference and rewires the dependency chain around it:
 * <ol>
 * <li><b>Conds</b>: a Switch whose predicate is a constant (after binding and folding, e.g.
 *     {@code is_train=false} or Keras' {@code keras_learning_phase} default) forwards its data on the
 *     taken side; the other side is dead, and so is every node reading a dead tensor or running
 *     after a dead node (control inputs), except a Merge, which takes its one live input. Dead nodes
 *     are dropped: this removes the training branches of TF1 dropout and batch norm and Keras'
 *     learning-phase switches (Dropout, GaussianNoise, GaussianDropout, SpatialDropout,
 *     AlphaDropout). A Switch with a non-constant predicate stays (and is reported at lowering).</li>
 * <li><b>Passthroughs</b>: Identity, IdentityN, StopGradient, Snapshot, PreventGradient and
 *     CheckNumerics are replaced by their inputs (so weights read through {@code /read} Identity
 *     nodes become the consumers' direct inputs).</li>
 * <li><b>TF1 dropout without a cond</b>: {@code x * Floor(keep_prob + RandomUniform)} with
 *     {@code keep_prob} bound to 1 is {@code x}, and {@code x / 1} is {@code x}; a keep_prob other
 *     than 1 is an error telling the user to bind it.</li>
 * <li><b>NoOp and control edges</b>: dropped once conds are resolved (they only order side effects).</li>
 * </ol>
 * Finally the graph is pruned to the outputs again.
 */
public final class Sanitize implements GraphPass {

    private static final Set<String> PASSTHROUGH = Set.of("Identity", "IdentityN", "StopGradient", "Snapshot",
            "PreventGradient", "CheckNumerics");
    private static final Set<String> RANDOM = Set.of("RandomUniform", "RandomStandardNormal", "TruncatedNormal");

    @Override
    public String label() {
        return "sanitize";
    }

    @Override
    public Stage apply(Stage stage) {
        Graph graph = stage.graph();
        Map<Ref, Ref> substitute = new HashMap<>();
        Set<String> dead = new HashSet<>();
        Set<Ref> deadRefs = new HashSet<>();
        List<Node> kept = new ArrayList<>();
        Set<String> names = new HashSet<>();
        graph.nodes().forEach(n -> names.add(n.name()));
        for (Node node : graph.nodes()) {
            if (isDead(node, dead, deadRefs)) {
                dead.add(node.name());
                continue;
            }
            Node current = node.withInputs(node.inputs().stream().map(r -> resolve(substitute, r)).toList());
            switch (node.op()) {
                case "Switch" -> {
                    Boolean predicate = constantBool(graph, current.input(1));
                    if (predicate == null) {
                        kept.add(current);
                    } else {
                        deadRefs.add(new Ref(node.name(), predicate ? 0 : 1));
                        substitute.put(new Ref(node.name(), predicate ? 1 : 0), current.input(0));
                    }
                }
                case "Merge" -> {
                    List<Ref> live = current.inputs().stream().filter(r -> !isDeadRef(r, dead, deadRefs)).toList();
                    if (live.size() == 1) {
                        substitute.put(Ref.of(node.name()), live.get(0));
                        int index = current.inputs().indexOf(live.get(0));
                        String indexName = unique(names, node.name() + "/value_index");
                        kept.add(new Node(indexName, "Const", List.of(), List.of(), Map.of(
                                "value", new Attr.TensorValue(Tensor.scalarInt(index)),
                                "dtype", new Attr.Type("int32", io.nnport.ir.DType.INT32))));
                        substitute.put(new Ref(node.name(), 1), Ref.of(indexName));
                    } else {
                        kept.add(current);
                    }
                }
                default -> {
                    if (PASSTHROUGH.contains(node.op())) {
                        for (int i = 0; i < current.inputs().size(); i++) {
                            substitute.put(new Ref(node.name(), i), current.input(i));
                        }
                    } else if (!node.op().equals("NoOp")) {
                        kept.add(current);
                    }
                }
            }
        }
        List<Stage.GraphOutput> outputs = new ArrayList<>();
        for (Stage.GraphOutput output : stage.outputs()) {
            if (dead.contains(output.ref().node()) || deadRefs.contains(output.ref())) {
                throw ModelException.of(graph.source(), "output '" + output.name() + "' is on a branch inference never takes");
            }
            outputs.add(new Stage.GraphOutput(output.name(), resolve(substitute, output.ref())));
        }
        List<Node> withoutControl = new ArrayList<>();
        for (Node node : kept) {
            List<Ref> inputs = node.inputs().stream().map(r -> resolve(substitute, r)).toList();
            withoutControl.add(new Node(node.name(), node.op(), inputs, List.of(), node.attrs()));
        }
        Graph withoutConds = graph.withNodes(withoutControl);
        Map<Ref, Ref> dropout = inferenceDropout(withoutConds);
        if (!dropout.isEmpty()) {
            List<Node> nodes = new ArrayList<>();
            for (Node node : withoutConds.nodes()) {
                nodes.add(node.withInputs(node.inputs().stream().map(r -> resolve(dropout, r)).toList()));
            }
            withoutConds = withoutConds.withNodes(nodes);
            outputs = outputs.stream().map(o -> new Stage.GraphOutput(o.name(), resolve(dropout, o.ref()))).toList();
        }
        return new Prune().apply(stage.with(withoutConds, outputs));
    }

    private static boolean isDead(Node node, Set<String> dead, Set<Ref> deadRefs) {
        for (String control : node.controlInputs()) {
            if (dead.contains(control)) {
                return true;
            }
        }
        if (node.inputs().isEmpty()) {
            return false;
        }
        boolean merge = node.op().equals("Merge");
        boolean all = true;
        for (Ref input : node.inputs()) {
            boolean inputDead = isDeadRef(input, dead, deadRefs);
            if (inputDead && !merge) {
                return true;
            }
            all &= inputDead;
        }
        return merge && all;
    }

    private static boolean isDeadRef(Ref ref, Set<String> dead, Set<Ref> deadRefs) {
        return dead.contains(ref.node()) || deadRefs.contains(ref);
    }

    private static Boolean constantBool(Graph graph, Ref ref) {
        Node producer = graph.find(ref.node()).orElse(null);
        if (producer == null || !producer.op().equals("Const")) {
            return null;
        }
        Tensor value = producer.tensorAttr("value");
        if (value.size() != 1 || value.dtype() != io.nnport.ir.DType.BOOL) {
            return null;
        }
        return value.getBool(0);
    }

    private static Ref resolve(Map<Ref, Ref> substitute, Ref ref) {
        Ref current = ref;
        for (int guard = 0; substitute.containsKey(current) && guard < 1_000_000; guard++) {
            current = substitute.get(current);
        }
        return current;
    }

    /**
     * TF1 {@code tf.nn.dropout} outside a cond: {@code Mul(RealDiv(x, keep), Floor(Add(keep,
     * random)))}. With keep bound to 1 the Floor is 1 and the RealDiv is x: the substitutions that
     * bypass them.
     */
    private static Map<Ref, Ref> inferenceDropout(Graph graph) {
        Map<Ref, Ref> substitute = new HashMap<>();
        for (Node node : graph.nodes()) {
            if (node.op().equals("Mul") && node.inputs().size() == 2) {
                for (int side = 0; side < 2; side++) {
                    Node floor = graph.node(node.input(side).node());
                    if (floor.op().equals("Floor") && isKeepPlusRandom(graph, graph.node(floor.input(0).node()))) {
                        substitute.put(Ref.of(node.name()), node.input(1 - side));
                    }
                }
            } else if (node.op().equals("RealDiv") && isAllOnes(graph, node.input(1))) {
                substitute.put(Ref.of(node.name()), node.input(0));
            }
        }
        return substitute;
    }

    private static boolean isKeepPlusRandom(Graph graph, Node add) {
        if (!(add.op().equals("Add") || add.op().equals("AddV2")) || add.inputs().size() != 2) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            Node keep = graph.node(add.input(side).node());
            if (keep.op().equals("Const") && dependsOnRandom(graph, add.input(1 - side).node())) {
                if (!isAllOnes(graph, add.input(side))) {
                    throw ModelException.atNode(graph.source(), add.name(), add.op(), "dropout is active at inference (keep probability "
                            + keep.tensorAttr("value") + "); bind the keep-probability placeholder to 1 with --constant NAME=1");
                }
                return true;
            }
        }
        return false;
    }

    private static boolean dependsOnRandom(Graph graph, String start) {
        Deque<String> work = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!work.isEmpty()) {
            Node node = graph.node(work.pop());
            if (!seen.add(node.name())) {
                continue;
            }
            if (RANDOM.contains(node.op())) {
                return true;
            }
            node.inputs().forEach(r -> work.push(r.node()));
        }
        return false;
    }

    private static boolean isAllOnes(Graph graph, Ref ref) {
        Node producer = graph.node(ref.node());
        if (!producer.op().equals("Const")) {
            return false;
        }
        Tensor value = producer.tensorAttr("value");
        if (value.dtype() != io.nnport.ir.DType.FLOAT32 || value.size() != 1) {
            return false;
        }
        return value.getDouble(0) == 1.0;
    }

    private static String unique(Set<String> names, String base) {
        String name = base;
        for (int k = 1; !names.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }
}
