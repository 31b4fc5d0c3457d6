package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.Tensor;
import java.util.List;

/**
 * Ops that forward their inputs unchanged at inference; the sanitize pass removes them.
 *
 * <ul>
 * <li><b>IDENTITY</b> (Identity, StopGradient, Snapshot, PreventGradient): y = x.</li>
 * <li><b>IDENTITY_N</b> (IdentityN): output i = input i.</li>
 * <li><b>CHECK_NUMERICS</b> (CheckNumerics): y = x, but a NaN or infinity is an error carrying attr
 *     {@code message}, as in TensorFlow.</li>
 * <li><b>NO_OP</b> (NoOp): no inputs used, no outputs; exists for its control edges.</li>
 * </ul>
 */
public record Passthrough(Kind kind) implements OpSemantics {

    public enum Kind { IDENTITY, IDENTITY_N, CHECK_NUMERICS, NO_OP }

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        return switch (kind) {
            case IDENTITY, CHECK_NUMERICS -> {
                Rules.arity(node, inputs, 1);
                yield List.of(inputs.get(0));
            }
            case IDENTITY_N -> List.copyOf(inputs);
            case NO_OP -> List.of();
        };
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        infer(node, Rules.infos(inputs));
        if (kind == Kind.CHECK_NUMERICS) {
            Tensor x = inputs.get(0);
            for (int i = 0; i < x.size(); i++) {
                double v = x.getDouble(i);
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    throw node.error(node.stringAttr("message", "") + " : Tensor had " + (Double.isNaN(v) ? "NaN" : "Inf") + " values");
                }
            }
        }
        return kind == Kind.NO_OP ? List.of() : List.copyOf(inputs);
    }

    @Override
    public String toString() {
        return "passthrough " + kind;
    }
}
