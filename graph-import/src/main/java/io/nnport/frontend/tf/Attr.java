package io.nnport.frontend.tf;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.List;

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
}
