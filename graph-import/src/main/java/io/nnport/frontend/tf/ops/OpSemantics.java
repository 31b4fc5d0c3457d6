package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.Tensor;
import java.util.List;

/**
 * What one TensorFlow op means: its shape rule and its scalar reference evaluation. Each op family
 * class (Conv, Pool, Unary, ...) implements it and opens with the family's spec sheet; the
 * {@link OpTable} maps TensorFlow op names to instances.
 *
 * <p>Both methods are pure and throw {@link io.nnport.ir.ModelException} located at the node
 * (via {@link Node#error}) for input the op rejects.
 */
public interface OpSemantics {

    /**
     * The dtype and shape of each output from what is known of the inputs; dimension 0 may be
     * unknown (the dynamic batch) and stays unknown where it flows through. An output's value is
     * filled in only where it is known without evaluating (e.g. {@code Shape} of a fully known
     * input); constant folding evaluates instead.
     */
    List<TensorInfo> infer(Node node, List<TensorInfo> inputs);

    /**
     * Evaluates the op in plain Java (double accumulators for sums and dot products).
     *
     * @param inputs one tensor per data input; {@code null} marks a dead input, which only ops with
     *     {@link #acceptsDeadInputs()} ever receive
     * @return one tensor per output; {@code null} marks a dead output (an untaken Switch branch)
     */
    List<Tensor> evaluate(Node node, List<Tensor> inputs);

    /** True only for Merge, which runs when some of its inputs are dead. */
    default boolean acceptsDeadInputs() {
        return false;
    }

    /**
     * False for ops whose value cannot be reproduced (random number generators): they are accepted
     * in a graph only where inference never runs them, such as a dropout branch of a cond.
     */
    default boolean isDeterministic() {
        return true;
    }
}
