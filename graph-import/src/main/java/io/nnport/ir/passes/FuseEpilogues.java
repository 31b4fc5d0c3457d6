package io.nnport.ir.passes;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.Activation;
import io.nnport.ir.layers.BatchNormLayer;
import io.nnport.ir.layers.BinaryLayer;
import io.nnport.ir.layers.Epilogue;
import io.nnport.ir.layers.EpilogueHost;
import io.nnport.ir.layers.Layer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.UnaryLayer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Fuses what follows a Conv, DepthwiseConv2D, TransposedConv2D, Dense or BatchNorm layer into its
 * {@link Epilogue}, as long as each next layer is the sole reader of the value before it:
 * <ul>
 * <li>a bias: Binary add (BiasAdd, Add/AddV2) or subtract of a per-channel constant ({@code [C]} or
 *     {@code [1,..,1,C]});</li>
 * <li>a per-channel scale: Binary multiply by such a constant (Keras' unfused BatchNorm is a
 *     multiply then an add);</li>
 * <li>an inference BatchNorm (its scale/shift composed with the epilogue: new tensors, the model's
 *     constants untouched), with its own activation if it has one;</li>
 * <li>one float32 activation (Relu, Relu6, LeakyRelu, Elu, Sigmoid, Tanh, ...): BN+ReLU, Conv+ReLU.</li>
 * </ul>
 * Scale and bias are only absorbed before the activation. The layers it fuses into are the
 * {@link EpilogueHost}s. Runs after {@link FuseConv1D}.
 */
public final class FuseEpilogues implements LayerPass {

    @Override
    public String label() {
        return "fuse-epilogues";
    }

    @Override
    public LayerGraph apply(LayerGraph graph) {
        Map<String, LayerNode> replacements = new HashMap<>();
        Set<String> removed = new HashSet<>();
        for (LayerNode head : graph.layers()) {
            if (removed.contains(head.name()) || !(head.layer() instanceof EpilogueHost host)) {
                continue;
            }
            LayerNode current = head;
            Epilogue epilogue = host.epilogue();
            for (LayerNode next = Chains.soleConsumer(graph, current); next != null; next = Chains.soleConsumer(graph, next)) {
                int channels = graph.value(current.output()).shape().dim(-1);
                Epilogue fused = absorb(epilogue, next.layer(), channels);
                if (fused == null) {
                    break;
                }
                epilogue = fused;
                current = current.merged(host.withEpilogue(fused), current.inputs(), next.outputs(), next.name(),
                        next.sourceNodes());
                removed.add(next.name());
            }
            if (current != head) {
                replacements.put(head.name(), current);
            }
        }
        return Chains.rebuild(graph, replacements, removed);
    }

    /** The epilogue with {@code next} absorbed, or null when it cannot be. */
    private static Epilogue absorb(Epilogue epilogue, Layer next, int channels) {
        boolean open = !epilogue.hasActivation() && epilogue.clampMin() == Float.NEGATIVE_INFINITY
                && epilogue.clampMax() == Float.POSITIVE_INFINITY;
        if (!open) {
            return null;
        }
        if (next instanceof BinaryLayer binary && binary.constant() != null) {
            Tensor perChannel = perChannel(binary.constant(), channels);
            if (perChannel == null) {
                return null;
            }
            return switch (binary.op()) {
                case ADD -> epilogue.plusBias(perChannel);
                case SUB -> binary.constantFirst() ? null : epilogue.plusBias(negated(perChannel));
                case MUL -> epilogue.thenScaleShift(perChannel, null);
                default -> null;
            };
        }
        if (next instanceof BatchNormLayer norm) {
            Epilogue bn = norm.epilogue();
            Epilogue combined = bn.scale() != null ? epilogue.thenScaleShift(bn.scale(), bn.shift())
                    : bn.shift() != null ? epilogue.plusBias(bn.shift()) : epilogue;
            if (bn.clampMin() != Float.NEGATIVE_INFINITY || bn.clampMax() != Float.POSITIVE_INFINITY) {
                return null;
            }
            return bn.hasActivation() ? combined.then(bn.activation(), bn.alpha()) : combined;
        }
        if (next instanceof UnaryLayer unary && unary.fn() != Activation.NONE) {
            return epilogue.then(unary.fn(), unary.alpha());
        }
        return null;
    }

    /** A float32 constant holding one value per channel ({@code [C]} or {@code [1,...,1,C]}) as a {@code [C]} tensor. */
    private static Tensor perChannel(Tensor constant, int channels) {
        if (constant.dtype() != DType.FLOAT32 || constant.rank() < 1 || constant.size() != channels
                || constant.shape().dim(-1) != channels) {
            return null;
        }
        return constant.reshape(Shape.of(channels));
    }

    private static Tensor negated(Tensor t) {
        float[] values = t.floats();
        for (int i = 0; i < values.length; i++) {
            values[i] = -values[i];
        }
        return Tensor.ofFloats(t.shape(), values);
    }
}
