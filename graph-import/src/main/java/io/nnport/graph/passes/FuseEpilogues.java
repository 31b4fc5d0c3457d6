package io.nnport.graph.passes;

import io.nnport.graph.ir.DType;
import io.nnport.graph.ir.Shape;
import io.nnport.graph.ir.Tensor;
import io.nnport.graph.layers.Activation;
import io.nnport.graph.layers.Epilogue;
import io.nnport.graph.layers.Layer;
import io.nnport.graph.layers.LayerGraph;
import io.nnport.graph.layers.LayerNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
 * Scale and bias are only absorbed before the activation. Runs after {@link FuseConv1D}.
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
            if (removed.contains(head.name()) || epilogueOf(head.layer()) == null) {
                continue;
            }
            LayerNode current = head;
            for (LayerNode next = Chains.soleConsumer(graph, current); next != null; next = Chains.soleConsumer(graph, next)) {
                int channels = graph.value(current.output()).shape().dim(-1);
                Epilogue fused = absorb(epilogueOf(current.layer()), next.layer(), channels);
                if (fused == null) {
                    break;
                }
                current = current.merged(withEpilogue(current.layer(), fused), current.inputs(), next.outputs(), next.name(),
                        next.tfNodes());
                removed.add(next.name());
            }
            if (current != head) {
                replacements.put(head.name(), current);
            }
        }
        return Chains.rebuild(graph, replacements, removed);
    }

    /** A layer's epilogue and the same layer with another one. */
    private record Slot(Epilogue epilogue, Function<Epilogue, Layer> with) {}

    /** The epilogue slot of each layer kind that has one (null for the others): one case per kind. */
    private static final class Slots implements Layer.Visitor<Slot> {
        static final Slots INSTANCE = new Slots();

        @Override
        public Slot visit(Layer.Conv c) {
            return new Slot(c.epilogue(), e -> new Layer.Conv(c.filter(), c.strideH(), c.strideW(), c.dilationH(),
                    c.dilationW(), c.padding(), e));
        }

        @Override
        public Slot visit(Layer.DepthwiseConv2D c) {
            return new Slot(c.epilogue(), e -> new Layer.DepthwiseConv2D(c.filter(), c.strideH(), c.strideW(),
                    c.dilationH(), c.dilationW(), c.padding(), e));
        }

        @Override
        public Slot visit(Layer.TransposedConv2D c) {
            return new Slot(c.epilogue(), e -> new Layer.TransposedConv2D(c.filter(), c.outHeight(), c.outWidth(),
                    c.strideH(), c.strideW(), c.dilationH(), c.dilationW(), c.padding(), e));
        }

        @Override
        public Slot visit(Layer.Dense dense) {
            return new Slot(dense.epilogue(), e -> new Layer.Dense(dense.weights(), e));
        }

        @Override
        public Slot visit(Layer.BatchMatMul layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.BatchNorm norm) {
            return new Slot(norm.epilogue(), Layer.BatchNorm::new);
        }

        @Override
        public Slot visit(Layer.Unary layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Binary layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.AddN layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Pool layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.GlobalPool layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Softmax layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Reshape layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Concat layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Split layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Slice layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Pad layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Transpose layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Tile layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Gather layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Reduce layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.ArgMax layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Cast layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Resize layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.PReLU layer) {
            return null;
        }

        @Override
        public Slot visit(Layer.Constant layer) {
            return null;
        }
    }

    /** The epilogue of a layer kind that has one; null for the others. */
    static Epilogue epilogueOf(Layer layer) {
        Slot slot = layer.accept(Slots.INSTANCE);
        return slot == null ? null : slot.epilogue();
    }

    private static Layer withEpilogue(Layer layer, Epilogue e) {
        return layer.accept(Slots.INSTANCE).with().apply(e);
    }

    /** The epilogue with {@code next} absorbed, or null when it cannot be. */
    private static Epilogue absorb(Epilogue epilogue, Layer next, int channels) {
        boolean open = !epilogue.hasActivation() && epilogue.clampMin() == Float.NEGATIVE_INFINITY
                && epilogue.clampMax() == Float.POSITIVE_INFINITY;
        if (!open) {
            return null;
        }
        if (next instanceof Layer.Binary binary && binary.constant() != null) {
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
        if (next instanceof Layer.BatchNorm norm) {
            Epilogue bn = norm.epilogue();
            Epilogue combined = bn.scale() != null ? epilogue.thenScaleShift(bn.scale(), bn.shift())
                    : bn.shift() != null ? epilogue.plusBias(bn.shift()) : epilogue;
            if (bn.clampMin() != Float.NEGATIVE_INFINITY || bn.clampMax() != Float.POSITIVE_INFINITY) {
                return null;
            }
            return bn.hasActivation() ? combined.then(bn.activation(), bn.alpha()) : combined;
        }
        if (next instanceof Layer.Unary unary && unary.fn() != Activation.NONE) {
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
