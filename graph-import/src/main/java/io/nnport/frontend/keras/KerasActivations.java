package io.nnport.frontend.keras;

import io.nnport.ir.layers.Activation;
import java.util.Map;

/**
 * Keras activation names and the core activations they are. Softmax is not among them: it reads
 * a whole row, so it becomes its own layer.
 */
final class KerasActivations {

    private static final Map<String, Activation> BY_NAME = Map.ofEntries(
            Map.entry("linear", Activation.NONE),
            Map.entry("relu", Activation.RELU),
            Map.entry("relu6", Activation.RELU6),
            Map.entry("leaky_relu", Activation.LEAKY_RELU),
            Map.entry("elu", Activation.ELU),
            Map.entry("selu", Activation.SELU),
            Map.entry("sigmoid", Activation.SIGMOID),
            Map.entry("tanh", Activation.TANH),
            Map.entry("softplus", Activation.SOFTPLUS),
            Map.entry("softsign", Activation.SOFTSIGN),
            Map.entry("swish", Activation.SWISH),
            Map.entry("silu", Activation.SWISH),
            Map.entry("gelu", Activation.GELU_ERF),
            Map.entry("exponential", Activation.EXP));

    private KerasActivations() {}

    /** The core activation of a Keras name; null for softmax and names the core lacks. */
    static Activation fused(String name) {
        return BY_NAME.get(name);
    }

    /** The activation's parameter: Keras 3's leaky_relu slope is 0.2; ELU's alpha is 1. */
    static float alpha(String name) {
        return switch (name) {
            case "leaky_relu" -> 0.2f;
            case "elu" -> 1f;
            default -> 0f;
        };
    }
}
