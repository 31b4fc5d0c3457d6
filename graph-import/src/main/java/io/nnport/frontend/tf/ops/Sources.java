package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.List;

/**
 * Where values enter the graph.
 *
 * <ul>
 * <li><b>PLACEHOLDER</b> (Placeholder): a graph input of attr {@code dtype} and attr {@code shape}
 *     (unknown rank when absent; dimension 0 is typically the unknown batch). Its value comes from
 *     the caller's feeds; evaluating it unfed is an error naming it.</li>
 * <li><b>PLACEHOLDER_WITH_DEFAULT</b> (PlaceholderWithDefault): an input that takes its data input
 *     when not fed; shape from attr {@code shape}.</li>
 * <li><b>CONST</b> (Const): attr {@code value}; its dtype must equal attr {@code dtype}.</li>
 * </ul>
 */
public record Sources(Kind kind) implements OpSemantics {

    public enum Kind { PLACEHOLDER, PLACEHOLDER_WITH_DEFAULT, CONST }

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        return switch (kind) {
            case PLACEHOLDER -> {
                Rules.arity(node, inputs, 0);
                yield Rules.one(node.typeAttr("dtype"), declaredShape(node));
            }
            case PLACEHOLDER_WITH_DEFAULT -> {
                Rules.arity(node, inputs, 1);
                Shape declared = declaredShape(node);
                if (!declared.isCompatibleWith(inputs.get(0).shape())) {
                    throw node.error("default value " + inputs.get(0).shape() + " does not match the declared shape " + declared);
                }
                yield Rules.one(inputs.get(0).dtype(), declared.hasRank() ? declared : inputs.get(0).shape());
            }
            case CONST -> {
                Rules.arity(node, inputs, 0);
                Tensor value = node.tensorAttr("value");
                if (node.hasAttr("dtype") && node.typeAttr("dtype") != value.dtype()) {
                    throw node.error("value is " + value.dtype() + " but dtype says " + node.typeAttr("dtype"));
                }
                yield List.of(TensorInfo.of(value));
            }
        };
    }

    private static Shape declaredShape(Node node) {
        return node.hasAttr("shape") ? node.shapeAttr("shape") : Shape.unknownRank();
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        return switch (kind) {
            case PLACEHOLDER -> throw node.error("placeholder needs a value: feed it");
            case PLACEHOLDER_WITH_DEFAULT -> {
                infer(node, Rules.infos(inputs));
                yield List.of(inputs.get(0));
            }
            case CONST -> List.of(infer(node, Rules.infos(inputs)).get(0).value());
        };
    }

    @Override
    public String toString() {
        return "source " + kind;
    }
}
