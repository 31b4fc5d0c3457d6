package io.nnport.frontend.onnx;

import io.nnport.frontend.onnx.proto.AttributeProto;
import io.nnport.frontend.onnx.proto.NodeProto;
import io.nnport.frontend.onnx.proto.TensorProto;
import io.nnport.ir.ModelException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX node as the op rules read it: its name (made up from op and position when the model
 * leaves it empty), op, inputs (an empty name is an omitted optional input), outputs, attributes,
 * and the default-domain opset it binds to.
 */
public final class OnnxNode {
    private final String name;
    private final NodeProto proto;
    private final int opset;
    private final Map<String, AttributeProto> attributes = new LinkedHashMap<>();

    public OnnxNode(String name, NodeProto proto, int opset) {
        this.name = name;
        this.proto = proto;
        this.opset = opset;
        for (AttributeProto attribute : proto.getAttributeList()) {
            attributes.put(attribute.getName(), attribute);
        }
    }

    public String name() {
        return name;
    }

    public String op() {
        return proto.getOpType();
    }

    /** The default-domain opset version the model imports: attribute forms depend on it. */
    public int opset() {
        return opset;
    }

    /** The op's domain: empty (or {@code ai.onnx}) for ONNX's own ops. */
    public String domain() {
        return proto.getDomain();
    }

    public List<String> inputs() {
        return proto.getInputList();
    }

    public List<String> outputs() {
        return proto.getOutputList();
    }

    /** True when input {@code i} is given (present and not the empty name of an omitted optional input). */
    public boolean hasInput(int i) {
        return i < proto.getInputCount() && !proto.getInput(i).isEmpty();
    }

    public boolean has(String attribute) {
        return attributes.containsKey(attribute);
    }

    public long intAttr(String attribute, long otherwise) {
        AttributeProto a = attributes.get(attribute);
        return a == null ? otherwise : a.getI();
    }

    public float floatAttr(String attribute, float otherwise) {
        AttributeProto a = attributes.get(attribute);
        return a == null ? otherwise : a.getF();
    }

    public String stringAttr(String attribute, String otherwise) {
        AttributeProto a = attributes.get(attribute);
        return a == null ? otherwise : a.getS().toString(StandardCharsets.UTF_8);
    }

    /** An ints attribute; {@code otherwise} when absent. */
    public long[] intsAttr(String attribute, long[] otherwise) {
        AttributeProto a = attributes.get(attribute);
        return a == null ? otherwise : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** A floats attribute the op requires; the node's error when it is missing. */
    public float[] floatsAttr(String attribute) {
        AttributeProto a = attributes.get(attribute);
        if (a == null) {
            throw error("attribute '" + attribute + "' is required");
        }
        float[] values = new float[a.getFloatsCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = a.getFloats(i);
        }
        return values;
    }

    /** A tensor attribute the op requires; the node's error when it is missing. */
    public TensorProto tensorAttr(String attribute) {
        AttributeProto a = attributes.get(attribute);
        if (a == null) {
            throw error("attribute '" + attribute + "' is required");
        }
        return a.getT();
    }

    public AttributeProto attribute(String attribute) {
        return attributes.get(attribute);
    }

    /** A {@link ModelException} at this node (the importer adds the file). */
    public ModelException error(String detail) {
        return ModelException.atNode(name, op(), detail);
    }

    @Override
    public String toString() {
        return name + " (" + op() + ")";
    }
}
