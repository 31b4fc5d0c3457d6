package io.nnport.frontend.onnx.testing;

import com.google.protobuf.ByteString;
import io.nnport.frontend.onnx.proto.AttributeProto;
import io.nnport.frontend.onnx.proto.GraphProto;
import io.nnport.frontend.onnx.proto.ModelProto;
import io.nnport.frontend.onnx.proto.NodeProto;
import io.nnport.frontend.onnx.proto.OperatorSetIdProto;
import io.nnport.frontend.onnx.proto.TensorProto;
import io.nnport.frontend.onnx.proto.TensorShapeProto;
import io.nnport.frontend.onnx.proto.TypeProto;
import io.nnport.frontend.onnx.proto.ValueInfoProto;
import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds small ONNX models in memory for tests: inputs with the values fed to them, initializers
 * (raw_data or typed fields), nodes with attributes, outputs. {@link #bytes()} is the serialized
 * ModelProto, the same bytes ONNX Runtime and nnport read.
 */
public final class ModelBuilder {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private final Map<String, Tensor> feeds = new LinkedHashMap<>();
    private final int opset;
    private long irVersion = 8;
    private int nodes;

    public ModelBuilder(int opset) {
        this.opset = opset;
    }

    public ModelBuilder irVersion(long version) {
        irVersion = version;
        return this;
    }

    public int opset() {
        return opset;
    }

    /** A graph input of the value's dtype and shape, fed that value; {@code batchSymbol} non-null makes dimension 0 symbolic. */
    public ModelBuilder input(String name, Tensor value, String batchSymbol) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int d = 0; d < value.rank(); d++) {
            shape.addDim(d == 0 && batchSymbol != null ? TensorShapeProto.Dimension.newBuilder().setDimParam(batchSymbol)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(value.shape().dim(d)));
        }
        graph.addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(onnxType(value.dtype())).setShape(shape))));
        feeds.put(name, value);
        return this;
    }

    public ModelBuilder input(String name, Tensor value) {
        return input(name, value, null);
    }

    /** An initializer stored as raw_data. */
    public ModelBuilder initializer(String name, Tensor value) {
        graph.addInitializer(tensor(name, value, true));
        return this;
    }

    /** An initializer stored in the typed fields (float_data, int64_data, ...). */
    public ModelBuilder typedInitializer(String name, Tensor value) {
        graph.addInitializer(tensor(name, value, false));
        return this;
    }

    public ModelBuilder initializer(TensorProto proto) {
        graph.addInitializer(proto);
        return this;
    }

    /**
     * A node; attributes are Long, Float, String, long[], float[] or Tensor values, written in name
     * order so that a model's bytes do not depend on the map's iteration order.
     */
    public ModelBuilder node(String op, List<String> inputs, List<String> outputs, Map<String, Object> attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(op.toLowerCase() + "_" + nodes++)
                .addAllInput(inputs).addAllOutput(outputs);
        new TreeMap<>(attributes).forEach((key, value) -> node.addAttribute(attribute(key, value)));
        graph.addNode(node);
        return this;
    }

    public ModelBuilder output(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name));
        return this;
    }

    public Map<String, Tensor> feeds() {
        return feeds;
    }

    public ModelProto model() {
        return ModelProto.newBuilder().setIrVersion(irVersion).setProducerName("nnport-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(graph).build();
    }

    public byte[] bytes() {
        return model().toByteArray();
    }

    public static int onnxType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> TensorProto.DataType.FLOAT_VALUE;
            case INT32 -> TensorProto.DataType.INT32_VALUE;
            case INT64 -> TensorProto.DataType.INT64_VALUE;
            case BOOL -> TensorProto.DataType.BOOL_VALUE;
            case STRING -> TensorProto.DataType.STRING_VALUE;
        };
    }

    public static TensorProto tensor(String name, Tensor value, boolean raw) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(onnxType(value.dtype()));
        for (int d : value.shape().dims()) {
            t.addDims(d);
        }
        if (raw) {
            ByteBuffer bytes = ByteBuffer.allocate(value.size() * value.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < value.size(); i++) {
                switch (value.dtype()) {
                    case FLOAT32 -> bytes.putFloat(value.getFloat(i));
                    case INT32 -> bytes.putInt((int) value.getLong(i));
                    case INT64 -> bytes.putLong(value.getLong(i));
                    case BOOL -> bytes.put((byte) (value.getBool(i) ? 1 : 0));
                    case STRING -> throw new IllegalArgumentException("no raw strings");
                }
            }
            return t.setRawData(ByteString.copyFrom(bytes.array())).build();
        }
        for (int i = 0; i < value.size(); i++) {
            switch (value.dtype()) {
                case FLOAT32 -> t.addFloatData(value.getFloat(i));
                case INT32 -> t.addInt32Data((int) value.getLong(i));
                case INT64 -> t.addInt64Data(value.getLong(i));
                case BOOL -> t.addInt32Data(value.getBool(i) ? 1 : 0);
                case STRING -> t.addStringData(ByteString.copyFrom(value.getString(i)));
            }
        }
        return t.build();
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (value instanceof Long l) {
            a.setType(AttributeProto.AttributeType.INT).setI(l);
        } else if (value instanceof Integer i) {
            a.setType(AttributeProto.AttributeType.INT).setI(i);
        } else if (value instanceof Float f) {
            a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
        } else if (value instanceof String s) {
            a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
        } else if (value instanceof long[] ls) {
            a.setType(AttributeProto.AttributeType.INTS);
            for (long l : ls) {
                a.addInts(l);
            }
        } else if (value instanceof int[] is) {
            a.setType(AttributeProto.AttributeType.INTS);
            for (int i : is) {
                a.addInts(i);
            }
        } else if (value instanceof float[] fs) {
            a.setType(AttributeProto.AttributeType.FLOATS);
            for (float f : fs) {
                a.addFloats(f);
            }
        } else if (value instanceof Tensor t) {
            a.setType(AttributeProto.AttributeType.TENSOR).setT(tensor("", t, true));
        } else {
            throw new IllegalArgumentException("attribute " + name + ": " + value);
        }
        return a.build();
    }
}
