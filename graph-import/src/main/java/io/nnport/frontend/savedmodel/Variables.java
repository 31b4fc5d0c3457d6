package io.nnport.frontend.savedmodel;

import com.google.protobuf.InvalidProtocolBufferException;
import io.nnport.frontend.tf.proto.AttrValue;
import io.nnport.frontend.tf.proto.DataType;
import io.nnport.frontend.tf.proto.NodeDef;
import io.nnport.frontend.tf.proto.SavedConcreteFunction;
import io.nnport.frontend.tf.proto.SavedObjectGraph;
import io.nnport.frontend.tf.proto.TensorProto;
import io.nnport.frontend.tf.proto.TensorShapeProto;
import io.nnport.frontend.tf.proto.TrackableObjectGraph;
import io.nnport.ir.ModelException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Replaces a SavedModel's variables by constants holding their values from the checkpoint
 * ({@code variables/variables.*}), so that the graph is a frozen one.
 *
 * <p>Which checkpoint key holds a variable:
 * <ul>
 * <li>TF2 (object-based): the signature's function captures variables as extra inputs of its call
 *     node, after the signature's own inputs. The SavedObjectGraph's concrete function lists the
 *     captured objects' node ids ({@code bound_inputs}, in the same order); the checkpoint's object
 *     graph (the string tensor {@code _CHECKPOINTABLE_OBJECT_GRAPH}) numbers the same objects alike
 *     and names the key of each variable's {@code VARIABLE_VALUE} attribute.</li>
 * <li>TF1 (name-based, a Saver's checkpoint): the variable node's name, else its
 *     {@code shared_name}.</li>
 * </ul>
 * A {@code VariableV2} becomes a constant of the same name; a {@code ReadVariableOp} of a resource
 * variable ({@code VarHandleOp}) becomes a constant named after the read, and a
 * {@code ResourceGather} (an embedding lookup) a {@code GatherV2} of such a constant. Variables nothing reads
 * are pruned later; a variable whose value is not in the checkpoint is an error naming it.
 */
final class Variables {

    static final String OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";
    private static final String VALUE_ATTRIBUTE = "VARIABLE_VALUE";
    private static final Set<String> REF_VARIABLES = Set.of("VariableV2", "Variable");
    private static final String RESOURCE_VARIABLE = "VarHandleOp";
    private static final String RESOURCE_READ = "ReadVariableOp";
    /** An embedding lookup in a resource variable: rows of the variable, by index. */
    private static final String RESOURCE_GATHER = "ResourceGather";

    private final String source;
    private final TensorBundle bundle;
    /** Checkpoint keys of the variable nodes captured by the signature's function (TF2). */
    private final Map<String, String> capturedKeys;

    private Variables(String source, TensorBundle bundle, Map<String, String> capturedKeys) {
        this.source = source;
        this.bundle = bundle;
        this.capturedKeys = capturedKeys;
    }

    /**
     * @param graph       the SavedModel's graph, before inlining
     * @param objectGraph the meta graph's SavedObjectGraph (empty for TF1)
     * @param callee      the function a node calls, null when it calls none
     */
    static Variables of(String source, TensorBundle bundle, List<NodeDef> graph, SavedObjectGraph objectGraph,
            Function<NodeDef, String> callee) {
        Map<String, String> captured = new HashMap<>();
        if (objectGraph.getNodesCount() > 0 && bundle != null && bundle.contains(OBJECT_GRAPH_KEY)) {
            TrackableObjectGraph checkpointGraph;
            try {
                checkpointGraph = TrackableObjectGraph.parseFrom(bundle.scalarString(OBJECT_GRAPH_KEY));
            } catch (InvalidProtocolBufferException e) {
                throw ModelException.of(source, "the checkpoint's object graph does not parse: " + e.getMessage());
            }
            for (NodeDef node : graph) {
                String function = callee.apply(node);
                SavedConcreteFunction concrete = function == null ? null : objectGraph.getConcreteFunctionsMap().get(function);
                if (concrete != null) {
                    capture(source, node, concrete.getBoundInputsList(), checkpointGraph, captured);
                }
            }
        }
        return new Variables(source, bundle, captured);
    }

    private static void capture(String source, NodeDef call, List<Integer> bound, TrackableObjectGraph checkpointGraph,
            Map<String, String> captured) {
        List<String> inputs = call.getInputList().stream().filter(i -> !i.startsWith("^")).toList();
        if (bound.size() > inputs.size()) {
            throw ModelException.atNode(source, call.getName(), call.getOp(), "captures " + bound.size()
                    + " objects but has " + inputs.size() + " inputs");
        }
        for (int i = 0; i < bound.size(); i++) {
            String variableNode = Tensors.node(inputs.get(inputs.size() - bound.size() + i));
            int id = bound.get(i);
            if (id < 0 || id >= checkpointGraph.getNodesCount()) {
                continue; // not in the checkpoint: a resource or asset, never read as a weight
            }
            for (TrackableObjectGraph.TrackableObject.SerializedTensor attribute : checkpointGraph.getNodes(id).getAttributesList()) {
                if (attribute.getName().equals(VALUE_ATTRIBUTE)) {
                    captured.put(variableNode, attribute.getCheckpointKey());
                }
            }
        }
    }

    /** The graph with variables and variable reads replaced by constants. */
    List<NodeDef> freeze(List<NodeDef> graph) {
        Map<String, NodeDef> byName = new HashMap<>();
        graph.forEach(n -> byName.put(n.getName(), n));
        List<NodeDef> frozen = new ArrayList<>(graph.size());
        for (NodeDef node : graph) {
            NodeDef handle = node.getInputCount() > 0 ? byName.get(Tensors.node(node.getInput(0))) : null;
            boolean readsVariable = handle != null && handle.getOp().equals(RESOURCE_VARIABLE);
            if (REF_VARIABLES.contains(node.getOp())) {
                frozen.add(constant(node.getName(), node, node));
            } else if (readsVariable && node.getOp().equals(RESOURCE_READ)) {
                frozen.add(constant(node.getName(), handle, node));
            } else if (readsVariable && node.getOp().equals(RESOURCE_GATHER)) {
                frozen.addAll(gather(node, handle));
            } else {
                frozen.add(node);
            }
        }
        return frozen;
    }

    /**
     * {@code ResourceGather(variable, indices)} as {@code GatherV2(value, indices, axis 0)} with the
     * same {@code batch_dims}: the value and the axis become constants named under the node.
     */
    private List<NodeDef> gather(NodeDef node, NodeDef variable) {
        if (node.getInputCount() < 2) {
            throw ModelException.atNode(source, node.getName(), node.getOp(), "expects 2 inputs, has " + node.getInputCount());
        }
        NodeDef params = constant(node.getName() + "/params", variable, node);
        NodeDef axis = NodeDef.newBuilder()
                .setName(node.getName() + "/axis")
                .setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder().setDtype(DataType.DT_INT32)
                        .setTensorShape(TensorShapeProto.getDefaultInstance()).addIntVal(0)).build())
                .build();
        NodeDef.Builder gather = NodeDef.newBuilder()
                .setName(node.getName())
                .setOp("GatherV2")
                .addInput(params.getName())
                .addInput(node.getInput(1))
                .addInput(axis.getName())
                .putAttr("Tparams", AttrValue.newBuilder().setType(params.getAttrOrThrow("dtype").getType()).build())
                .putAttr("Taxis", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                .putAttr("batch_dims", AttrValue.newBuilder().setI(
                        node.getAttrMap().getOrDefault("batch_dims", AttrValue.getDefaultInstance()).getI()).build());
        AttrValue indexType = node.getAttrMap().get("Tindices");
        if (indexType != null) {
            gather.putAttr("Tindices", indexType);
        }
        return List.of(params, axis, gather.build());
    }

    /** A Const named {@code name} holding the checkpointed value of {@code variable}, read by {@code reader}. */
    private NodeDef constant(String name, NodeDef variable, NodeDef reader) {
        String key = keyOf(variable, reader);
        TensorProto value = bundle.tensor(key);
        return NodeDef.newBuilder()
                .setName(name)
                .setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(value.getDtype()).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(value).build())
                .build();
    }

    private String keyOf(NodeDef variable, NodeDef reader) {
        if (bundle == null) {
            throw ModelException.atNode(source, reader.getName(), reader.getOp(), "reads variable '" + variable.getName()
                    + "', but the SavedModel has no variables (no variables/variables.index)");
        }
        String captured = capturedKeys.get(variable.getName());
        if (captured != null) {
            return captured;
        }
        if (bundle.contains(variable.getName())) {
            return variable.getName();
        }
        AttrValue shared = variable.getAttrMap().get("shared_name");
        if (shared != null && bundle.contains(shared.getS().toStringUtf8())) {
            return shared.getS().toStringUtf8();
        }
        throw ModelException.atNode(source, reader.getName(), reader.getOp(), "reads variable '" + variable.getName()
                + "', whose value the checkpoint does not hold (" + bundle.keys().size() + " keys)");
    }
}
