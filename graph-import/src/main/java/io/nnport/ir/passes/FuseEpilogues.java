package io.nnport.ir.passes;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.Activation;
import io.nnport.ir.layers.AddNLayer;
import io.nnport.ir.layers.ArgMaxLayer;
import io.nnport.ir.layers.BatchMatMulLayer;
import io.nnport.ir.layers.BatchNormLayer;
import io.nnport.ir.layers.BinaryLayer;
import io.nnport.ir.layers.CastLayer;
import io.nnport.ir.layers.ConcatLayer;
import io.nnport.ir.layers.ConstantLayer;
import io.nnport.ir.layers.ConvLayer;
import io.nnport.ir.layers.DenseLayer;
import io.nnport.ir.layers.DepthwiseConv2DLayer;
import io.nnport.ir.layers.Epilogue;
import io.nnport.ir.layers.GatherLayer;
import io.nnport.ir.layers.GlobalPoolLayer;
import io.nnport.ir.layers.Layer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.PReLULayer;
import io.nnport.ir.layers.PadLayer;
import io.nnport.ir.layers.PoolLayer;
import io.nnport.ir.layers.ReduceLayer;
import io.nnport.ir.layers.ReshapeLayer;
import io.nnport.ir.layers.ResizeLayer;
import io.nnport.ir.layers.SliceLayer;
import io.nnport.ir.layers.SoftmaxLayer;
import io.nnport.ir.layers.SplitLayer;
import io.nnport.ir.layers.TileLayer;
import io.nnport.ir.layers.TransposeLayer;
import io.nnport.ir.layers.TransposedConv2DLayer;
import io.nnport.ir.layers.UnaryLayer;
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
                        next.sourceNodes());
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
        public Slot visit(ConvLayer c) {
            return new Slot(c.epilogue(), e -> new ConvLayer(c.filter(), c.strideH(), c.strideW(), c.dilationH(),
                    c.dilationW(), c.padding(), e));
        }

        @Override
        public Slot visit(DepthwiseConv2DLayer c) {
            return new Slot(c.epilogue(), e -> new DepthwiseConv2DLayer(c.filter(), c.strideH(), c.strideW(),
                    c.dilationH(), c.dilationW(), c.padding(), e));
        }

        @Override
        public Slot visit(TransposedConv2DLayer c) {
            return new Slot(c.epilogue(), e -> new TransposedConv2DLayer(c.filter(), c.outHeight(), c.outWidth(),
                    c.strideH(), c.strideW(), c.dilationH(), c.dilationW(), c.padding(), e));
        }

        @Override
        public Slot visit(DenseLayer dense) {
            return new Slot(dense.epilogue(), e -> new DenseLayer(dense.weights(), e));
        }

        @Override
        public Slot visit(BatchMatMulLayer layer) {
            return null;
        }

        @Override
        public Slot visit(BatchNormLayer norm) {
            return new Slot(norm.epilogue(), BatchNormLayer::new);
        }

        @Override
        public Slot visit(UnaryLayer layer) {
            return null;
        }

        @Override
        public Slot visit(BinaryLayer layer) {
            return null;
        }

        @Override
        public Slot visit(AddNLayer layer) {
            return null;
        }

        @Override
        public Slot visit(PoolLayer layer) {
            return null;
        }

        @Override
        public Slot visit(GlobalPoolLayer layer) {
            return null;
        }

        @Override
        public Slot visit(SoftmaxLayer layer) {
            return null;
        }

        @Override
        public Slot visit(ReshapeLayer layer) {
            return null;
        }

        @Override
        public Slot visit(ConcatLayer layer) {
            return null;
        }

        @Override
        public Slot visit(SplitLayer layer) {
            return null;
        }

        @Override
        public Slot visit(SliceLayer layer) {
            return null;
        }

        @Override
        public Slot visit(PadLayer layer) {
            return null;
        }

        @Override
        public Slot visit(TransposeLayer layer) {
            return null;
        }

        @Override
        public Slot visit(TileLayer layer) {
            return null;
        }

        @Override
        public Slot visit(GatherLayer layer) {
            return null;
        }

        @Override
        public Slot visit(ReduceLayer layer) {
            return null;
        }

        @Override
        public Slot visit(ArgMaxLayer layer) {
            return null;
        }

        @Override
        public Slot visit(CastLayer layer) {
            return null;
        }

        @Override
        public Slot visit(ResizeLayer layer) {
            return null;
        }

        @Override
        public Slot visit(PReLULayer layer) {
            return null;
        }

        @Override
        public Slot visit(ConstantLayer layer) {
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
