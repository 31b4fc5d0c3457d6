package io.nnport.frontend.tf;

import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One TensorFlow operation: its unique name, its op type (e.g. {@code "Conv2D"}), its data inputs
 * in order, the names of the nodes it must run after (control inputs, kept apart from data), and its
 * attributes. Immutable; the {@code with...} methods return changed copies for rewriting passes.
 *
 * <p>Names and op types come from model files: they are data, never code.
 */
public record Node(String name, String op, List<Ref> inputs, List<String> controlInputs, Map<String, Attr> attrs) {

    public Node {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a node needs a name");
        }
        if (op == null || op.isEmpty()) {
            throw new IllegalArgumentException("node '" + name + "' has no op");
        }
        inputs = List.copyOf(inputs);
        controlInputs = List.copyOf(controlInputs);
        attrs = Collections.unmodifiableMap(new TreeMap<>(attrs));
    }

    /** A node from TensorFlow's input strings: {@code "x"}, {@code "x:1"} and {@code "^x"}. */
    public static Node parse(String name, String op, List<String> inputStrings, Map<String, Attr> attrs) {
        List<Ref> data = new ArrayList<>();
        List<String> control = new ArrayList<>();
        for (String input : inputStrings) {
            if (input.startsWith("^")) {
                control.add(input.substring(1));
            } else {
                data.add(Ref.parse(input));
            }
        }
        return new Node(name, op, data, control, attrs);
    }

    /**
     * Data input {@code i}; a node with fewer inputs is an error located here (passes look at
     * inputs before the op's own rule has counted them).
     */
    public Ref input(int i) {
        if (i >= inputs.size()) {
            throw error("expects at least " + (i + 1) + " inputs, has " + inputs.size());
        }
        return inputs.get(i);
    }

    public Node withInputs(List<Ref> newInputs) {
        return new Node(name, op, newInputs, controlInputs, attrs);
    }

    public Node withControlInputs(List<String> newControlInputs) {
        return new Node(name, op, inputs, newControlInputs, attrs);
    }

    public Node withOp(String newOp) {
        return new Node(name, newOp, inputs, controlInputs, attrs);
    }

    public Node withAttr(String key, Attr value) {
        Map<String, Attr> changed = new TreeMap<>(attrs);
        changed.put(key, value);
        return new Node(name, op, inputs, controlInputs, changed);
    }

    public boolean hasAttr(String key) {
        return attrs.containsKey(key);
    }

    /** An error located at this node. */
    public ModelException error(String detail) {
        return ModelException.atNode(name, op, detail);
    }

    public long intAttr(String key) {
        return attr(key, Attr.Int.class).value();
    }

    public long intAttr(String key, long defaultValue) {
        return hasAttr(key) ? intAttr(key) : defaultValue;
    }

    public float floatAttr(String key, float defaultValue) {
        return hasAttr(key) ? attr(key, Attr.Float.class).value() : defaultValue;
    }

    public boolean boolAttr(String key, boolean defaultValue) {
        return hasAttr(key) ? attr(key, Attr.Bool.class).value() : defaultValue;
    }

    public String stringAttr(String key) {
        return attr(key, Attr.Str.class).value();
    }

    public String stringAttr(String key, String defaultValue) {
        return hasAttr(key) ? stringAttr(key) : defaultValue;
    }

    /** A dtype attribute; an error naming the TensorFlow type when nnport does not support it. */
    public DType typeAttr(String key) {
        Attr.Type type = attr(key, Attr.Type.class);
        if (type.dtype() == null) {
            throw error("attribute '" + key + "' is " + type.tfName() + ", which nnport does not support");
        }
        return type.dtype();
    }

    public DType typeAttr(String key, DType defaultValue) {
        return hasAttr(key) ? typeAttr(key) : defaultValue;
    }

    public Shape shapeAttr(String key) {
        return attr(key, Attr.ShapeValue.class).shape();
    }

    public Tensor tensorAttr(String key) {
        Attr value = attrs.get(key);
        if (value instanceof Attr.Unsupported unsupported) {
            throw error("attribute '" + key + "': " + unsupported.reason());
        }
        return attr(key, Attr.TensorValue.class).tensor();
    }

    /** An int list attribute (strides, ksize, dilations, ...). */
    public long[] intsAttr(String key) {
        List<Attr> items = attr(key, Attr.ListValue.class).items();
        long[] values = new long[items.size()];
        for (int i = 0; i < values.length; i++) {
            if (!(items.get(i) instanceof Attr.Int item)) {
                throw error("attribute '" + key + "' is not a list of ints");
            }
            values[i] = item.value();
        }
        return values;
    }

    public long[] intsAttr(String key, long... defaultValue) {
        return hasAttr(key) ? intsAttr(key) : defaultValue.clone();
    }

    private <A extends Attr> A attr(String key, Class<A> kind) {
        Attr value = attrs.get(key);
        if (value == null) {
            throw error("missing attribute '" + key + "'");
        }
        if (!kind.isInstance(value)) {
            throw error("attribute '" + key + "' is " + Attr.describe(value) + ", expected " + Attr.kindName(kind));
        }
        return kind.cast(value);
    }

    @Override
    public String toString() {
        return name + " = " + op + inputs + (controlInputs.isEmpty() ? "" : " ^" + controlInputs);
    }
}
