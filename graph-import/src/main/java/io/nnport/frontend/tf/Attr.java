package io.nnport.frontend.tf;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A typed node attribute, one record per kind of TensorFlow {@code AttrValue}. {@link Node} has
 * typed getters that apply defaults and report a wrong kind with the node's name.
 */
public sealed interface Attr {
    record Int(long value) implements Attr {}

    record Float(float value) implements Attr {}

    record Bool(boolean value) implements Attr {}

    /** TensorFlow's {@code s}: bytes, usually UTF-8 text such as a padding mode. */
    record Str(String value) implements Attr {}

    /** A dtype; {@code dtype} is null when nnport does not compute with {@code tfName}. */
    record Type(String tfName, DType dtype) implements Attr {}

    record ShapeValue(Shape shape) implements Attr {}

    record TensorValue(Tensor tensor) implements Attr {}

    /** A list attribute; TensorFlow lists hold one kind of item. */
    record ListValue(List<Attr> items) implements Attr {
        public ListValue {
            items = List.copyOf(items);
        }
    }

    /** A function reference; nnport does not call functions, but keeps the name for messages. */
    record Func(String name) implements Attr {}

    /** A value the reader could not represent (e.g. a float64 tensor); using it is an error. */
    record Unsupported(String reason) implements Attr {}

    /** What a kind of attribute is called in messages: "an int", "a shape", ... */
    static String kindName(Class<? extends Attr> kind) {
        return KIND_NAMES.getOrDefault(kind, "a value");
    }

    /** An attribute value in a message's words (records print their Java class names and arrays). */
    static String describe(Attr value) {
        if (value instanceof Unsupported unsupported) {
            return "unusable (" + unsupported.reason() + ")";
        } else if (value instanceof Type type) {
            return "the type " + type.tfName();
        } else if (value instanceof ShapeValue shape) {
            return "the shape " + shape.shape();
        } else if (value instanceof TensorValue tensor) {
            return "a " + tensor.tensor().dtype() + " tensor of shape " + tensor.tensor().shape();
        } else if (value instanceof ListValue list) {
            return "a list of " + list.items().size();
        } else if (value instanceof Func func) {
            return "the function " + func.name();
        } else if (value instanceof Str str) {
            return "a string";
        } else if (value instanceof Int i) {
            return "the int " + i.value();
        } else if (value instanceof Float f) {
            return "the float " + f.value();
        }
        return "the bool " + ((Bool) value).value();
    }

    Map<Class<? extends Attr>, String> KIND_NAMES = Map.of(Int.class, "an int", Float.class, "a float",
            Bool.class, "a bool", Str.class, "a string", Type.class, "a type", ShapeValue.class, "a shape",
            TensorValue.class, "a tensor", ListValue.class, "a list", Func.class, "a function");
}
