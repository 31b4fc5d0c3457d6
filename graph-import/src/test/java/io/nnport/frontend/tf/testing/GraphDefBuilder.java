package io.nnport.frontend.tf.testing;

import com.google.protobuf.ByteString;
import io.nnport.frontend.tf.TensorCodec;
import io.nnport.frontend.tf.proto.AttrValue;
import io.nnport.frontend.tf.proto.GraphDef;
import io.nnport.frontend.tf.proto.NodeDef;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds small GraphDefs (nnport's protos, TensorFlow's wire format) for tests: placeholders with
 * their feed values, constants, and op nodes with attributes. The same bytes go to TensorFlow
 * ({@link TfOracle}) and to nnport's reader, so both sides run one graph.
 */
public final class GraphDefBuilder {
    private final GraphDef.Builder graph = GraphDef.newBuilder();
    private final Map<String, Tensor> feeds = new LinkedHashMap<>();

    /** A placeholder fed with {@code value}; declared with {@code value}'s shape. */
    public String input(String name, Tensor value) {
        return input(name, value, value.shape());
    }

    /** A placeholder fed with {@code value}, declared with {@code declared} (e.g. batch unknown). */
    public String input(String name, Tensor value, Shape declared) {
        node(name, "Placeholder").attr("dtype", value.dtype()).attr("shape", declared).done();
        feeds.put(name, value);
        return name;
    }

    public String constant(String name, Tensor value) {
        return node(name, "Const").attr("dtype", value.dtype()).attr("value", value).done();
    }

    /** Starts a node; chain {@code input}/{@code attr} calls and finish with {@link NodeBuilder#done()}. */
    public NodeBuilder node(String name, String op) {
        return new NodeBuilder(NodeDef.newBuilder().setName(name).setOp(op));
    }

    public GraphDef build() {
        return graph.build();
    }

    public byte[] bytes() {
        return build().toByteArray();
    }

    /** The placeholder feeds, by name. */
    public Map<String, Tensor> feeds() {
        return Map.copyOf(feeds);
    }

    public final class NodeBuilder {
        private final NodeDef.Builder node;

        private NodeBuilder(NodeDef.Builder node) {
            this.node = node;
        }

        public NodeBuilder input(String... inputs) {
            for (String input : inputs) {
                node.addInput(input);
            }
            return this;
        }

        public NodeBuilder attr(String key, long value) {
            return attr(key, AttrValue.newBuilder().setI(value).build());
        }

        public NodeBuilder attr(String key, float value) {
            return attr(key, AttrValue.newBuilder().setF(value).build());
        }

        public NodeBuilder attr(String key, boolean value) {
            return attr(key, AttrValue.newBuilder().setB(value).build());
        }

        public NodeBuilder attr(String key, String value) {
            return attr(key, AttrValue.newBuilder().setS(ByteString.copyFromUtf8(value)).build());
        }

        public NodeBuilder attr(String key, DType value) {
            return attr(key, AttrValue.newBuilder().setType(TensorCodec.dataTypeOf(value)).build());
        }

        public NodeBuilder attr(String key, Shape value) {
            return attr(key, AttrValue.newBuilder().setShape(TensorCodec.shapeProto(value)).build());
        }

        public NodeBuilder attr(String key, Tensor value) {
            return attr(key, AttrValue.newBuilder().setTensor(TensorCodec.encode(value)).build());
        }

        public NodeBuilder attr(String key, long[] values) {
            AttrValue.ListValue.Builder list = AttrValue.ListValue.newBuilder();
            for (long value : values) {
                list.addI(value);
            }
            return attr(key, AttrValue.newBuilder().setList(list).build());
        }

        public NodeBuilder attr(String key, AttrValue value) {
            node.putAttr(key, value);
            return this;
        }

        /** Adds the node; returns its name. */
        public String done() {
            graph.addNode(node.build());
            return node.getName();
        }
    }
}
