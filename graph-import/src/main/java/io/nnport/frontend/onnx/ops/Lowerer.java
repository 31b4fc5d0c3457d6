package io.nnport.frontend.onnx.ops;

import io.nnport.frontend.onnx.OnnxNode;
import io.nnport.frontend.onnx.TensorDecoder;
import io.nnport.frontend.onnx.proto.TensorProto;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Elementwise;
import io.nnport.ir.eval.Rearrangements;
import io.nnport.ir.layers.CastLayer;
import io.nnport.ir.layers.ConcatLayer;
import io.nnport.ir.layers.ConstantLayer;
import io.nnport.ir.layers.GatherLayer;
import io.nnport.ir.layers.Layer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.ReshapeLayer;
import io.nnport.ir.layers.SliceLayer;
import io.nnport.ir.layers.SplitLayer;
import io.nnport.ir.layers.TransposeLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the op rules write into while the importer walks the ONNX nodes in order: the ONNX values
 * seen so far ({@link Operand}s), the layers emitted, and the layout of every runtime value.
 *
 * <p><b>Constant folding.</b> A layer whose inputs are all constants is not emitted: {@link #emit}
 * evaluates it with the core's reference evaluation and the ONNX value becomes a constant. Shape
 * subgraphs (Shape, Gather, Unsqueeze, Concat, Reshape, Slice, Cast, arithmetic) fold this way;
 * the dynamic batch size travels through them as a {@link Operand.Const#batchMask}, which only
 * rearranging layers may carry (arithmetic on the batch size is refused with the fix).
 *
 * <p><b>Layout, decided in one walk.</b> ONNX tensors are channels first; the core's convolution,
 * pooling, normalization and resizing layers are channels last. A rule that needs channels last
 * asks {@link #value(Operand, boolean)} for it, and a channels-first runtime value gets one
 * Transpose, once (cached): at a model input, that is the only one. Elementwise rules keep a
 * channels-last operand as it is (constants are permuted at import), and rules that know their axes
 * (Concat, Softmax, Slice, Split, Pad, Transpose, reductions) remap them; only a rule that observes
 * the ONNX order (Reshape, Flatten, MatMul, model outputs) asks for channels first, which transposes
 * back once. Flatten followed by Gemm/MatMul permutes the weights instead ({@link Operand.Runtime#featureOrder}).
 */
public final class Lowerer {
    private final Map<String, Operand> values = new HashMap<>();
    private final List<LayerNode> layers = new ArrayList<>();
    private final Set<String> valueNames = new HashSet<>();
    private final Set<String> layerNames = new HashSet<>();
    /** Runtime value converted to the other layout: "name" -> its transposed twin. */
    private final Map<String, Operand.Runtime> converted = new HashMap<>();
    /** Values written by a model's Transpose: the value it read and the perm, so a layout change composes with it. */
    private final Map<String, Transposed> transposed = new HashMap<>();

    private record Transposed(Operand.Runtime source, List<Integer> perm) {}
    /** Constants used as runtime operands, per layout, emitted once. */
    private final Map<Operand.Const, String> constantValues = new IdentityHashMap<>();
    private final Map<Operand.Const, String> constantValuesChannelsLast = new IdentityHashMap<>();
    private final Map<String, List<OnnxNode>> consumers;
    private final Set<String> graphOutputs;
    private final TensorDecoder decoder;

    /**
     * @param onnxValueNames every value name of the ONNX graph (reserved: invented names avoid them)
     * @param consumers      the nodes reading each ONNX value
     * @param graphOutputs   the values the model outputs (read in ONNX's order, after the last node)
     * @param decoder        reads tensors held in attributes
     */
    public Lowerer(Set<String> onnxValueNames, Map<String, List<OnnxNode>> consumers, Set<String> graphOutputs,
            TensorDecoder decoder) {
        this.valueNames.addAll(onnxValueNames);
        this.consumers = consumers;
        this.graphOutputs = Set.copyOf(graphOutputs);
        this.decoder = decoder;
    }

    /** True when the value is one of the model's outputs. */
    public boolean isGraphOutput(String onnxName) {
        return graphOutputs.contains(onnxName);
    }

    /** A tensor attribute of a node, decoded; the node's error when it is malformed. */
    public Tensor decode(OnnxNode node, TensorProto proto) {
        try {
            return decoder.decode(proto);
        } catch (IllegalArgumentException e) {
            throw node.error("tensor attribute: " + e.getMessage());
        }
    }

    // ---- values

    public void define(String onnxName, Operand operand) {
        values.put(onnxName, operand);
    }

    /** The ONNX value of this name, if defined so far. */
    public Operand lookup(String onnxName) {
        return values.get(onnxName);
    }

    /** Input {@code i} of a node. */
    public Operand in(OnnxNode node, int i) {
        if (!node.hasInput(i)) {
            throw node.error("input " + i + " is required");
        }
        return values.get(node.inputs().get(i));
    }

    /** Input {@code i} as a constant; the node's error when it is computed at run time. */
    public Tensor constant(OnnxNode node, int i, String role) {
        Operand operand = in(node, i);
        if (operand instanceof Operand.Const c) {
            if (c.batchMask() != null && !(role.equals("shape"))) {
                throw node.error(role + " depends on the dynamic batch size; fix the batch with --input NAME=d0,d1,...");
            }
            return c.value();
        }
        throw node.error(role + " (input " + i + ") must be a constant, but is computed at run time");
    }

    /** Binds a node's output {@code i} to an operand (passthrough ops, folded results). */
    public void bind(OnnxNode node, int i, Operand operand) {
        if (i < node.outputs().size() && !node.outputs().get(i).isEmpty()) {
            values.put(node.outputs().get(i), operand);
        }
    }

    /** The ONNX nodes reading a value. */
    public List<OnnxNode> consumers(String onnxName) {
        return consumers.getOrDefault(onnxName, List.of());
    }

    /** True when some runtime operand among these is channels last: an elementwise rule then works channels last. */
    public static boolean anyChannelsLast(List<Operand> operands) {
        for (Operand operand : operands) {
            if (operand instanceof Operand.Runtime r && r.channelsLast()) {
                return true;
            }
        }
        return false;
    }

    // ---- layers

    /**
     * Emits a layer computing the node's outputs (named after them), or folds it when every input
     * is a constant. Inputs are converted to the layout asked for.
     *
     * @return the outputs, also bound to the node's output names
     */
    public List<Operand> emit(OnnxNode node, Layer layer, List<Operand> inputs, boolean channelsLast) {
        return emit(node, layer, inputs, channelsLast, channelsLast);
    }

    /**
     * {@link #emit(OnnxNode, Layer, List, boolean)} for a layer that changes the layout: its inputs are
     * read in one, its outputs are in the other (a Transpose composed with the layout's).
     */
    public List<Operand> emit(OnnxNode node, Layer layer, List<Operand> inputs, boolean inputsChannelsLast,
            boolean outputsChannelsLast) {
        List<Operand> outputs = run(node, node.name(), layer, inputs, inputsChannelsLast, outputsChannelsLast, node.outputs(), true);
        for (int i = 0; i < outputs.size(); i++) {
            bind(node, i, outputs.get(i));
        }
        return outputs;
    }

    /** Emits one layer of a node's decomposition; its output gets a fresh name after the node's output and role. */
    public Operand emitStep(OnnxNode node, String role, Layer layer, List<Operand> inputs, boolean channelsLast) {
        String base = node.outputs().get(0) + "/" + role;
        return run(node, node.name() + "/" + role, layer, inputs, channelsLast, channelsLast, List.of(base), false).get(0);
    }

    /** Binds the node's first output to a step's result (the last step of a decomposition). */
    public Operand finish(OnnxNode node, Operand result) {
        bind(node, 0, result);
        return result;
    }

    /** @param onnxOutputs the output names are the node's ONNX outputs (reserved for them), not names to make fresh ones from */
    private List<Operand> run(OnnxNode node, String layerName, Layer layer, List<Operand> inputs, boolean channelsLast,
            boolean outputsChannelsLast, List<String> outputNames, boolean onnxOutputs) {
        if (inputs.stream().allMatch(Operand.Const.class::isInstance)) {
            return fold(node, layer, inputs);
        }
        List<String> names = new ArrayList<>();
        List<TensorType> types = new ArrayList<>();
        for (Operand input : inputs) {
            Operand.Runtime value = runtime(input, channelsLast && input.rank() >= 3);
            names.add(value.value());
            types.add(value.type());
        }
        List<TensorType> outputTypes;
        try {
            outputTypes = layer.outputTypes(types);
        } catch (ModelException e) {
            throw node.error(e.detail());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw node.error(e.getMessage());
        }
        List<String> written = new ArrayList<>();
        List<Operand> outputs = new ArrayList<>();
        for (int i = 0; i < outputTypes.size(); i++) {
            String wanted = i < outputNames.size() && !outputNames.get(i).isEmpty() ? outputNames.get(i)
                    : outputNames.get(0) + ":" + i;
            String name = onnxOutputs && i < outputNames.size() && !outputNames.get(i).isEmpty() ? claim(wanted) : fresh(wanted);
            written.add(name);
            TensorType type = outputTypes.get(i);
            outputs.add(new Operand.Runtime(name, type, outputsChannelsLast && type.rank() >= 3));
        }
        layers.add(new LayerNode(freshLayer(layerName), layer, names, written, List.of(node.name())));
        return outputs;
    }

    /** Evaluates a layer on constants; a batch mask is carried through rearranging layers only. */
    private static List<Operand> fold(OnnxNode node, Layer layer, List<Operand> inputs) {
        List<Tensor> tensors = new ArrayList<>();
        boolean masked = false;
        for (Operand input : inputs) {
            tensors.add(((Operand.Const) input).value());
            masked |= ((Operand.Const) input).batchMask() != null;
        }
        try {
            List<Tensor> results = layer.evaluate(tensors);
            List<Tensor> masks = masked ? masks(node, layer, inputs) : null;
            List<Operand> outputs = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                outputs.add(new Operand.Const(results.get(i), masks == null ? null : nonZero(masks.get(i))));
            }
            return outputs;
        } catch (ModelException e) {
            throw node.error(e.detail());
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException | IndexOutOfBoundsException e) {
            throw node.error(e.getMessage());
        }
    }

    /** The mask, or null when no element is the batch size (e.g. the height taken from a Shape). */
    private static Tensor nonZero(Tensor mask) {
        for (int i = 0; i < mask.size(); i++) {
            if (mask.getLong(i) != 0) {
                return mask;
            }
        }
        return null;
    }

    /** The batch masks of a rearranging layer's outputs: the same layer applied to the input masks. */
    private static List<Tensor> masks(OnnxNode node, Layer layer, List<Operand> inputs) {
        boolean rearranging = layer instanceof ReshapeLayer || layer instanceof SliceLayer || layer instanceof ConcatLayer
                || layer instanceof SplitLayer || layer instanceof TransposeLayer || layer instanceof CastLayer
                || layer instanceof GatherLayer;
        if (!rearranging) {
            throw node.error("computes with the dynamic batch size, which nnport keeps symbolic only through"
                    + " shape rearrangements; fix the batch with --input NAME=d0,d1,...");
        }
        List<Tensor> masks = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Operand.Const c = (Operand.Const) inputs.get(i);
            boolean indices = layer instanceof GatherLayer && i == 1;
            masks.add(indices ? c.value() : c.batchMask() != null ? c.batchMask()
                    : Tensor.zeros(DType.INT64, c.value().shape()));
        }
        List<Tensor> out = new ArrayList<>();
        for (Tensor mask : (layer instanceof CastLayer ? new ReshapeLayer(masks.get(0).shape()) : layer).evaluate(masks)) {
            out.add(mask.dtype() == DType.INT64 ? mask : Elementwise.cast(mask, DType.INT64));
        }
        return out;
    }

    /** The runtime value holding an operand in the layout asked for (converted once, constants emitted once). */
    public Operand.Runtime runtime(Operand operand, boolean channelsLast) {
        if (operand instanceof Operand.Const c) {
            Map<Operand.Const, String> cache = channelsLast ? constantValuesChannelsLast : constantValues;
            Tensor value = channelsLast ? Layout.toChannelsLast(c.value()) : c.value();
            String name = cache.get(c);
            if (name == null) {
                name = fresh("constant");
                layers.add(new LayerNode(freshLayer(name), new ConstantLayer(value), List.of(), List.of(name), List.of()));
                cache.put(c, name);
            }
            return new Operand.Runtime(name, TensorType.of(value), channelsLast);
        }
        Operand.Runtime r = (Operand.Runtime) operand;
        if (r.featureOrder() != null) {
            throw new IllegalStateException("a flattened channels-last value is read by a rule that does not permute weights");
        }
        if (r.channelsLast() == channelsLast) {
            return r;
        }
        Operand.Runtime twin = converted.get(r.value());
        if (twin == null) {
            long[] perm = channelsLast ? Layout.toChannelsLast(r.type().rank()) : Layout.fromChannelsLast(r.type().rank());
            Transposed from = transposed.get(r.value());
            if (from != null) {
                // the model's own Transpose then this layout change: one transpose of its input, or none
                // (embedding -> transpose(1, 2) -> Conv1d reads the embedding as it is)
                long[] composed = new long[perm.length];
                for (int i = 0; i < perm.length; i++) {
                    composed[i] = from.perm().get((int) perm[i]);
                }
                perm = composed;
                r = from.source();
            }
            Shape shape = Rearrangements.transposeShape(r.type().shape(), perm);
            if (isIdentity(perm)) {
                twin = new Operand.Runtime(r.value(), r.type(), channelsLast);
                converted.put(operand instanceof Operand.Runtime o ? o.value() : r.value(), twin);
                return twin;
            }
            // with every spatial axis 1 (after global pooling), or one channel, both layouts are the same
            // bytes: a reshape (an alias), no copy
            Layer conversion = keepsOrder(r.type().shape(), perm) ? new ReshapeLayer(shape)
                    : new TransposeLayer(Arrays.stream(perm).mapToObj(p -> (int) p).toList());
            String name = fresh(r.value() + (channelsLast ? "/channels_last" : "/channels_first"));
            TensorType type = new TensorType(r.type().dtype(), shape);
            layers.add(new LayerNode(freshLayer(name), conversion, List.of(r.value()), List.of(name), List.of()));
            twin = new Operand.Runtime(name, type, channelsLast);
            converted.put(((Operand.Runtime) operand).value(), twin);
        }
        return twin;
    }

    /** A flattened channels-last operand whose reader has permuted its weights to match: now an ordinary operand. */
    public static Operand featuresMatched(Operand operand) {
        return operand instanceof Operand.Runtime r && r.featureOrder() != null ? new Operand.Runtime(r.value(), r.type(), false) : operand;
    }

    private static boolean isIdentity(long[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** Records that a runtime value is a model Transpose of {@code source} (read in its own layout) by {@code perm}. */
    public void noteTranspose(Operand result, Operand source, List<Integer> perm) {
        if (result instanceof Operand.Runtime r && source instanceof Operand.Runtime from) {
            transposed.put(r.value(), new Transposed(from, List.copyOf(perm)));
        }
    }

    /** True when transposing a tensor of this shape by perm keeps its bytes in order: the axes longer than 1 keep their order. */
    private static boolean keepsOrder(Shape source, long[] perm) {
        int last = -1;
        for (long axis : perm) {
            if (source.dim((int) axis) != 1) {
                if (axis < last) {
                    return false;
                }
                last = (int) axis;
            }
        }
        return true;
    }

    /** Shorthand: an operand as a runtime value in ONNX's own (channels-first) order. */
    public Operand.Runtime inOnnxOrder(Operand operand) {
        return runtime(operand, false);
    }

    // ---- names

    private String claim(String name) {
        valueNames.add(name);
        return name;
    }

    /** A value name not used by the ONNX graph or by an earlier invented value. */
    public String fresh(String base) {
        String name = base;
        for (int k = 1; !valueNames.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    private String freshLayer(String base) {
        String name = base;
        for (int k = 1; !layerNames.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    /** Layers emitted so far, in order. */
    public List<LayerNode> layers() {
        return layers;
    }

    /** A shape's dims as a list, for layer records. */
    static List<Integer> list(int... values) {
        List<Integer> out = new ArrayList<>();
        for (int v : values) {
            out.add(v);
        }
        return out;
    }
}
