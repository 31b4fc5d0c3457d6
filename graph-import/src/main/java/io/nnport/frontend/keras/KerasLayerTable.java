package io.nnport.frontend.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.nnport.frontend.keras.KerasGraphBuilder.KerasLayer;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.layers.Activation;
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
import io.nnport.ir.layers.PReLULayer;
import io.nnport.ir.layers.PadLayer;
import io.nnport.ir.layers.Padding;
import io.nnport.ir.layers.PoolLayer;
import io.nnport.ir.layers.ReduceLayer;
import io.nnport.ir.layers.ReshapeLayer;
import io.nnport.ir.layers.ResizeLayer;
import io.nnport.ir.layers.SliceLayer;
import io.nnport.ir.layers.SoftmaxLayer;
import io.nnport.ir.layers.TileLayer;
import io.nnport.ir.layers.TransposeLayer;
import io.nnport.ir.layers.TransposedConv2DLayer;
import io.nnport.ir.layers.UnaryLayer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One line per Keras layer class: what it becomes in the IR. Keras is channels-last like the IR,
 * and its kernels are in the IR's layouts (Dense {@code [in, units]}, Conv HWIO, DepthwiseConv2D
 * {@code [KH,KW,C,M]}), so most layers translate their attributes and weights as they are.
 * {@code channels_first} layers are refused.
 */
public final class KerasLayerTable {

    /** Emits the IR layers of one Keras layer call; returns the value holding its output. */
    @FunctionalInterface
    interface Rule {
        String emit(KerasLayer layer);
    }

    /**
     * One supported class.
     *
     * @param label what it becomes, for the README's table
     */
    record Entry(String label, Rule rule) {}

    private static final Map<String, Entry> TABLE = new LinkedHashMap<>();

    /** Recurrent layers, which another change brings; refused as unsupported for now. */
    private static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "SimpleRNN", "Bidirectional", "ConvLSTM2D", "RNN");

    static {
        put("InputLayer", "graph input", l -> l.input());
        put("Dense", "Dense (bias and activation fused); on rank > 2: Constant kernel, BatchMatMul, Binary ADD bias", KerasLayerTable::dense);
        put("LayerNormalization", "Reduce MEAN, Binary SUB, Unary SQUARE, Reduce MEAN, Binary ADD, Unary RSQRT, Binary MUL,"
                + " BatchNorm (gamma, beta)", KerasLayerTable::layerNorm);
        put("Conv1D", "Conv 1-D (causal: explicit left padding)", KerasLayerTable::conv);
        put("Conv2D", "Conv 2-D (groups, dilation)", KerasLayerTable::conv);
        put("DepthwiseConv2D", "DepthwiseConv2D", KerasLayerTable::depthwise);
        put("SeparableConv2D", "DepthwiseConv2D, then 1x1 Conv", KerasLayerTable::separable);
        put("BatchNormalization", "BatchNorm (scale and shift folded)", KerasLayerTable::batchNorm);
        put("Activation", "Unary (Softmax for softmax)", l -> activation(l, l.input(), l.config().path("activation").asText("linear")));
        put("ReLU", "Unary RELU / RELU6 / LEAKY_RELU, or a clamp", KerasLayerTable::relu);
        put("LeakyReLU", "Unary LEAKY_RELU", l -> l.emit(new UnaryLayer(Activation.LEAKY_RELU,
                (float) l.config().path(l.config().has("negative_slope") ? "negative_slope" : "alpha").asDouble(0.3)), l.input()));
        put("ELU", "Unary ELU (alpha 1)", KerasLayerTable::elu);
        put("Softmax", "Softmax (last axis)", l -> {
            lastAxis(l, l.config().path("axis").asInt(-1), "Softmax");
            return l.emit(new SoftmaxLayer(false), l.input());
        });
        for (String rank : List.of("1D", "2D")) {
            put("MaxPooling" + rank, "Pool MAX", l -> pool(l, PoolLayer.Kind.MAX));
            put("AveragePooling" + rank, "Pool AVG", l -> pool(l, PoolLayer.Kind.AVG));
            put("GlobalMaxPooling" + rank, "GlobalPool MAX (1-D: Reshape first)", l -> globalPool(l, PoolLayer.Kind.MAX));
            put("GlobalAveragePooling" + rank, "GlobalPool AVG (1-D: Reshape first)", l -> globalPool(l, PoolLayer.Kind.AVG));
        }
        put("Flatten", "Reshape", l -> reshape(l, new int[] {(int) perSample(l.type(l.input()))}));
        put("Reshape", "Reshape", l -> reshape(l, targetShape(l)));
        put("Permute", "Transpose", KerasLayerTable::permute);
        put("Concatenate", "Concat", l -> {
            int rank = l.type(l.inputs().get(0)).rank();
            int axis = l.config().path("axis").asInt(-1);
            return l.emit(new ConcatLayer(axis < 0 ? axis + rank : axis, false), l.inputs());
        });
        put("Add", "Binary ADD (a chain for more than two inputs)", l -> merge(l, BinaryLayer.Op.ADD));
        put("Subtract", "Binary SUB", l -> merge(l, BinaryLayer.Op.SUB));
        put("Multiply", "Binary MUL", l -> merge(l, BinaryLayer.Op.MUL));
        put("Maximum", "Binary MAXIMUM", l -> merge(l, BinaryLayer.Op.MAXIMUM));
        put("Minimum", "Binary MINIMUM", l -> merge(l, BinaryLayer.Op.MINIMUM));
        put("Average", "Binary ADD, then MUL by 1/n", l -> l.emit(new BinaryLayer(BinaryLayer.Op.MUL,
                Tensor.scalar(1f / l.inputs().size()), false), merge(l, BinaryLayer.Op.ADD)));
        put("Rescaling", "Binary MUL and ADD by constants", KerasLayerTable::rescaling);
        put("Conv2DTranspose", "TransposedConv2D", KerasLayerTable::transposedConv);
        put("PReLU", "PReLU", l -> l.emit(new PReLULayer(l.weight(l.weights(1), 0, "alpha",
                preluShape(l))), l.input()));
        put("ZeroPadding1D", "Pad", l -> zeroPadding(l, 1));
        put("ZeroPadding2D", "Pad", l -> zeroPadding(l, 2));
        put("Cropping1D", "Slice", l -> cropping(l, 1));
        put("Cropping2D", "Slice", l -> cropping(l, 2));
        put("UpSampling1D", "Reshape, Resize (nearest), Reshape", KerasLayerTable::upSampling1d);
        put("Normalization", "BatchNorm (1 / max(sqrt(variance), 1e-7) and -mean times it)", KerasLayerTable::normalization);
        put("UpSampling2D", "Resize (nearest or bilinear, half-pixel centers)", KerasLayerTable::upSampling);
        put("RepeatVector", "Reshape, then Tile", l -> {
            TensorType x = l.type(l.input());
            String column = l.emit(new ReshapeLayer(Shape.of(x.dim(0), 1, x.dim(1))), l.input());
            return l.emit(new TileLayer(List.of(1, l.config().path("n").asInt(), 1)), column);
        });
        put("Embedding", "Gather from the table (Cast to int32 first for float ids)", KerasLayerTable::embedding);
        for (String inference : List.of("Dropout", "SpatialDropout1D", "SpatialDropout2D", "GaussianNoise",
                "GaussianDropout", "AlphaDropout", "ActivityRegularization")) {
            put(inference, "removed (identity at inference)", l -> l.input());
        }
    }

    private KerasLayerTable() {}

    private static void put(String className, String label, Rule rule) {
        TABLE.put(className, new Entry(label, rule));
    }

    /** Every supported class and what it becomes, sorted by class name (the README's table). */
    public static Map<String, String> labels() {
        Map<String, String> labels = new TreeMap<>();
        TABLE.forEach((name, entry) -> labels.put(name, entry.label()));
        return Collections.unmodifiableMap(labels);
    }

    static Rule rule(String className) {
        return TABLE.get(className).rule();
    }

    /**
     * Refuses a model with any class the table lacks, listing every one with its layer names at
     * once (Lambda layers and custom classes hold Python code, which nnport cannot translate).
     */
    static void checkSupported(String source, JsonNode model) {
        Map<String, List<String>> unsupported = new TreeMap<>();
        collectUnsupported(model, "", unsupported);
        if (unsupported.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        unsupported.forEach((className, layers) -> {
            String why = className.equals("Lambda") ? " (Python code)"
                    : RECURRENT.contains(className) ? " (recurrent layers are not supported yet)" : "";
            parts.add(className + why + " " + layers);
        });
        throw ModelException.of(source, "unsupported Keras layers: " + String.join("; ", parts));
    }

    private static void collectUnsupported(JsonNode model, String prefix, Map<String, List<String>> unsupported) {
        for (JsonNode layer : model.path("config").path("layers")) {
            String className = layer.path("class_name").asText();
            String name = prefix + layer.path("config").path("name").asText(layer.path("name").asText());
            if (KerasGraphBuilder.MODEL_CLASSES.contains(className)) {
                collectUnsupported(layer, name + "/", unsupported);
            } else if (!TABLE.containsKey(className)) {
                unsupported.computeIfAbsent(className.isEmpty() ? "(no class_name)" : className, k -> new ArrayList<>()).add(name);
            }
        }
    }

    // ---- rules ----

    private static String dense(KerasLayer l) {
        JsonNode c = l.config();
        TensorType x = l.type(l.input());
        int units = c.path("units").asInt();
        boolean bias = c.path("use_bias").asBoolean(true);
        List<Tensor> w = l.weights(bias ? 2 : 1);
        Tensor kernel = l.weight(w, 0, "kernel", Shape.of(x.dim(-1), units));
        Tensor biasVector = bias ? l.weight(w, 1, "bias", Shape.of(units)) : null;
        if (x.rank() > 2) {
            // Keras applies the kernel to the last axis: a batched product with the kernel as a value.
            String weights = l.emit(new ConstantLayer(kernel), List.of());
            String y = l.emit(new BatchMatMulLayer(false, false), List.of(l.input(), weights));
            if (bias) {
                y = l.emit(new BinaryLayer(BinaryLayer.Op.ADD, biasVector, false), y);
            }
            return activation(l, y, c.path("activation").asText("linear"));
        }
        Epilogue epilogue = bias ? Epilogue.NONE.plusBias(biasVector) : Epilogue.NONE;
        return withActivation(l, epilogue, e -> new DenseLayer(kernel, e));
    }

    /** A layer whose activation fuses into its epilogue, or (softmax) follows as its own layer. */
    private static String withActivation(KerasLayer l, Epilogue epilogue, Function<Epilogue, Layer> make) {
        return withActivation(l, l.input(), epilogue, make);
    }

    /** The same, for a layer reading {@code x} (the last layer of a Keras layer made of several). */
    private static String withActivation(KerasLayer l, String x, Epilogue epilogue, Function<Epilogue, Layer> make) {
        String name = l.config().path("activation").asText("linear");
        Activation fn = KerasActivations.fused(name);
        if (fn != null) {
            Epilogue withFn = new Epilogue(epilogue.scale(), epilogue.shift(), epilogue.clampMin(), epilogue.clampMax(),
                    fn, KerasActivations.alpha(name));
            return l.emit(make.apply(withFn), x);
        }
        return activation(l, l.emit(make.apply(epilogue), x), name);
    }

    /** The activation {@code name} applied to {@code x} as its own layer (none for linear). */
    private static String activation(KerasLayer l, String x, String name) {
        if (name.equals("softmax")) {
            return l.emit(new SoftmaxLayer(false), x);
        }
        if (name.equals("log_softmax")) {
            return l.emit(new SoftmaxLayer(true), x);
        }
        Activation fn = KerasActivations.fused(name);
        if (fn == null) {
            throw new IllegalArgumentException("activation '" + name + "' is not supported");
        }
        return fn == Activation.NONE ? x : l.emit(new UnaryLayer(fn, KerasActivations.alpha(name)), x);
    }

    private static void channelsLast(KerasLayer l) {
        String format = l.config().path("data_format").asText("channels_last");
        if (!format.equals("channels_last")) {
            throw new IllegalArgumentException("data_format " + format + " is not supported (channels_last only)");
        }
    }

    /** An int or a list of ints, {@code rank} values (a single int repeats). */
    private static int[] ints(JsonNode node, int rank, int fallback) {
        int[] values = new int[rank];
        for (int i = 0; i < rank; i++) {
            values[i] = node.isMissingNode() || node.isNull() ? fallback : node.isArray() ? node.get(i).asInt() : node.asInt();
        }
        return values;
    }

    private static Padding padding(KerasLayer l) {
        return switch (l.config().path("padding").asText("valid")) {
            case "valid" -> Padding.VALID;
            case "same" -> Padding.SAME;
            default -> throw new IllegalArgumentException("padding '" + l.config().path("padding").asText() + "' is not supported here");
        };
    }

    private static String conv(KerasLayer l) {
        channelsLast(l);
        JsonNode c = l.config();
        TensorType x = l.type(l.input());
        int rank = x.rank() - 2;
        int[] k = ints(c.path("kernel_size"), rank, 1);
        int[] s = ints(c.path("strides"), rank, 1);
        int[] d = ints(c.path("dilation_rate"), rank, 1);
        int groups = c.path("groups").asInt(1);
        int filters = c.path("filters").asInt();
        boolean bias = c.path("use_bias").asBoolean(true);
        List<Tensor> w = l.weights(bias ? 2 : 1);
        int channels = x.dim(-1);
        if (groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException(groups + " groups do not divide " + channels + " input channels");
        }
        Shape kernelShape = rank == 2 ? Shape.of(k[0], k[1], channels / groups, filters) : Shape.of(k[0], channels / groups, filters);
        Tensor kernel = l.weight(w, 0, "kernel", kernelShape);
        Epilogue epilogue = bias ? Epilogue.NONE.plusBias(l.weight(w, 1, "bias", Shape.of(filters))) : Epilogue.NONE;
        Padding padding = c.path("padding").asText().equals("causal") && rank == 1
                ? new Padding(Padding.Mode.EXPLICIT, 0, 0, (k[0] - 1) * d[0], 0) : padding(l);
        return rank == 2
                ? withActivation(l, epilogue, e -> new ConvLayer(kernel, s[0], s[1], d[0], d[1], padding, e))
                : withActivation(l, epilogue, e -> new ConvLayer(kernel, 1, s[0], 1, d[0], padding, e));
    }

    private static String depthwise(KerasLayer l) {
        channelsLast(l);
        JsonNode c = l.config();
        TensorType x = l.type(l.input());
        int[] k = ints(c.path("kernel_size"), 2, 1);
        int[] s = ints(c.path("strides"), 2, 1);
        int[] d = ints(c.path("dilation_rate"), 2, 1);
        int multiplier = c.path("depth_multiplier").asInt(1);
        boolean bias = c.path("use_bias").asBoolean(true);
        List<Tensor> w = l.weights(bias ? 2 : 1);
        Tensor kernel = l.weight(w, 0, "depthwise_kernel", Shape.of(k[0], k[1], x.dim(-1), multiplier));
        Epilogue epilogue = bias ? Epilogue.NONE.plusBias(l.weight(w, 1, "bias", Shape.of(x.dim(-1) * multiplier)))
                : Epilogue.NONE;
        Padding padding = padding(l);
        return withActivation(l, epilogue, e -> new DepthwiseConv2DLayer(kernel, s[0], s[1], d[0], d[1], padding, e));
    }

    private static String separable(KerasLayer l) {
        channelsLast(l);
        JsonNode c = l.config();
        TensorType x = l.type(l.input());
        int[] k = ints(c.path("kernel_size"), 2, 1);
        int[] s = ints(c.path("strides"), 2, 1);
        int[] d = ints(c.path("dilation_rate"), 2, 1);
        int multiplier = c.path("depth_multiplier").asInt(1);
        int filters = c.path("filters").asInt();
        boolean bias = c.path("use_bias").asBoolean(true);
        List<Tensor> w = l.weights(bias ? 3 : 2);
        int middle = x.dim(-1) * multiplier;
        Tensor depthwiseKernel = l.weight(w, 0, "depthwise_kernel", Shape.of(k[0], k[1], x.dim(-1), multiplier));
        Tensor pointwiseKernel = l.weight(w, 1, "pointwise_kernel", Shape.of(1, 1, middle, filters));
        String depthwise = l.emit(new DepthwiseConv2DLayer(depthwiseKernel, s[0], s[1], d[0], d[1], padding(l), Epilogue.NONE),
                l.input());
        Epilogue epilogue = bias ? Epilogue.NONE.plusBias(l.weight(w, 2, "bias", Shape.of(filters))) : Epilogue.NONE;
        return withActivation(l, depthwise, epilogue, e -> new ConvLayer(pointwiseKernel, 1, 1, 1, 1, Padding.VALID, e));
    }

    private static String batchNorm(KerasLayer l) {
        JsonNode c = l.config();
        TensorType x = l.type(l.input());
        JsonNode axisNode = c.path("axis");
        int axis = axisNode.isArray() ? (axisNode.size() == 1 ? axisNode.get(0).asInt() : Integer.MIN_VALUE) : axisNode.asInt(-1);
        lastAxis(l, axis, "BatchNormalization");
        boolean scale = c.path("scale").asBoolean(true);
        boolean center = c.path("center").asBoolean(true);
        int channels = x.dim(-1);
        List<Tensor> w = l.weights(2 + (scale ? 1 : 0) + (center ? 1 : 0));
        int i = 0;
        Shape vector = Shape.of(channels);
        Tensor gamma = scale ? l.weight(w, i++, "gamma", vector) : null;
        Tensor beta = center ? l.weight(w, i++, "beta", vector) : null;
        Tensor mean = l.weight(w, i++, "moving_mean", vector);
        Tensor variance = l.weight(w, i, "moving_variance", vector);
        double epsilon = c.path("epsilon").asDouble(1e-3);
        float[] factor = new float[channels];
        float[] offset = new float[channels];
        for (int ch = 0; ch < channels; ch++) {
            double f = (gamma == null ? 1 : gamma.getFloat(ch)) / Math.sqrt(variance.getFloat(ch) + epsilon);
            factor[ch] = (float) f;
            offset[ch] = (float) ((beta == null ? 0 : beta.getFloat(ch)) - mean.getFloat(ch) * f);
        }
        Epilogue epilogue = new Epilogue(Tensor.ofFloats(vector, factor), Tensor.ofFloats(vector, offset),
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Activation.NONE, 0f);
        return l.emit(new BatchNormLayer(epilogue), l.input());
    }

    /** Only the last axis is supported (channels-last): {@code axis} may be -1 or rank-1. */
    private static void lastAxis(KerasLayer l, int axis, String what) {
        int rank = l.type(l.inputs().get(0)).rank();
        if (axis != -1 && axis != rank - 1) {
            throw new IllegalArgumentException(what + " over axis " + axis + " is not supported (the last axis only)");
        }
    }

    private static String relu(KerasLayer l) {
        JsonNode c = l.config();
        double threshold = c.path("threshold").asDouble(0);
        double slope = c.path("negative_slope").asDouble(0);
        JsonNode max = c.path("max_value");
        if (threshold != 0) {
            throw new IllegalArgumentException("ReLU with threshold " + threshold + " is not supported");
        }
        boolean bounded = !max.isMissingNode() && !max.isNull();
        if (slope != 0) {
            if (bounded) {
                throw new IllegalArgumentException("ReLU with both negative_slope and max_value is not supported");
            }
            return l.emit(new UnaryLayer(Activation.LEAKY_RELU, (float) slope), l.input());
        }
        if (!bounded) {
            return l.emit(new UnaryLayer(Activation.RELU, 0f), l.input());
        }
        if (max.asDouble() == 6) {
            return l.emit(new UnaryLayer(Activation.RELU6, 0f), l.input());
        }
        // A clamp to [0, max_value]: the epilogue of a BatchNorm without scale or shift.
        return l.emit(new BatchNormLayer(new Epilogue(null, null, 0f, (float) max.asDouble(), Activation.NONE, 0f)), l.input());
    }

    private static String elu(KerasLayer l) {
        double alpha = l.config().path("alpha").asDouble(1);
        if (alpha != 1) {
            throw new IllegalArgumentException("ELU with alpha " + alpha + " is not supported (alpha 1 only)");
        }
        return l.emit(new UnaryLayer(Activation.ELU, 1f), l.input());
    }

    private static String pool(KerasLayer l, PoolLayer.Kind kind) {
        channelsLast(l);
        JsonNode c = l.config();
        int rank = l.type(l.input()).rank() - 2;
        int[] size = ints(c.has("pool_size") ? c.path("pool_size") : c.path("pool_length"), rank, 2);
        JsonNode stridesNode = c.path("strides");
        int[] strides = stridesNode.isMissingNode() || stridesNode.isNull() ? size : ints(stridesNode, rank, 1);
        return rank == 2
                ? l.emit(new PoolLayer(kind, 2, size[0], size[1], strides[0], strides[1], padding(l)), l.input())
                : l.emit(new PoolLayer(kind, 1, 1, size[0], 1, strides[0], padding(l)), l.input());
    }

    private static String globalPool(KerasLayer l, PoolLayer.Kind kind) {
        channelsLast(l);
        TensorType x = l.type(l.input());
        boolean keepDims = l.config().path("keepdims").asBoolean(false);
        if (x.rank() == 4) {
            return l.emit(new GlobalPoolLayer(kind, keepDims), l.input());
        }
        // 1-D: [N,W,C] viewed as [N,1,W,C], pooled to [N,C] (or back to [N,1,C] with keepdims).
        String image = l.emit(new ReshapeLayer(Shape.of(x.dim(0), 1, x.dim(1), x.dim(2))), l.input());
        String pooled = l.emit(new GlobalPoolLayer(kind, false), image);
        return keepDims ? l.emit(new ReshapeLayer(Shape.of(x.dim(0), 1, x.dim(2))), pooled) : pooled;
    }

    private static long perSample(TensorType x) {
        long n = 1;
        for (int d = 1; d < x.rank(); d++) {
            n *= x.dim(d);
        }
        return n;
    }

    /** {@code target_shape} with a -1 resolved from the input's per-sample size. */
    private static int[] targetShape(KerasLayer l) {
        JsonNode target = l.config().path("target_shape");
        int[] dims = new int[target.size()];
        long known = 1;
        int unknown = -1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = target.get(i).asInt();
            if (dims[i] == -1) {
                unknown = i;
            } else {
                known *= dims[i];
            }
        }
        if (unknown >= 0 && known > 0) {
            dims[unknown] = (int) (perSample(l.type(l.input())) / known);
        }
        return dims;
    }

    /** The input reshaped to {@code [batch, perSample...]}, the batch kept as the input has it. */
    private static String reshape(KerasLayer l, int[] perSample) {
        int[] dims = new int[perSample.length + 1];
        dims[0] = l.type(l.input()).dim(0);
        System.arraycopy(perSample, 0, dims, 1, perSample.length);
        return l.emit(new ReshapeLayer(Shape.of(dims)), l.input());
    }

    private static String permute(KerasLayer l) {
        List<Integer> perm = new ArrayList<>(List.of(0));
        l.config().path("dims").forEach(d -> perm.add(d.asInt()));
        return l.emit(new TransposeLayer(perm), l.input());
    }

    /** {@code op} over the call's inputs, left to right (a chain of binary layers for more than two). */
    private static String merge(KerasLayer l, BinaryLayer.Op op) {
        List<String> in = l.inputs();
        if (in.size() < 2 || (op == BinaryLayer.Op.SUB && in.size() != 2)) {
            throw new IllegalArgumentException("called with " + in.size() + " inputs");
        }
        String acc = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            acc = l.emit(new BinaryLayer(op, null, false), List.of(acc, in.get(i)));
        }
        return acc;
    }

    private static String rescaling(KerasLayer l) {
        double scale = l.config().path("scale").asDouble(1);
        double offset = l.config().path("offset").asDouble(0);
        if (!l.config().path("scale").isNumber() || !l.config().path("offset").isNumber() && l.config().has("offset")) {
            throw new IllegalArgumentException("Rescaling with per-channel scale or offset is not supported");
        }
        String scaled = l.emit(new BinaryLayer(BinaryLayer.Op.MUL, Tensor.scalar((float) scale), false), l.input());
        return offset == 0 ? scaled : l.emit(new BinaryLayer(BinaryLayer.Op.ADD, Tensor.scalar((float) offset), false), scaled);
    }

    /** Keras' output size of a transposed convolution (no output_padding): {@code (in-1)*s + k_eff} or {@code in*s}. */
    private static int transposedSize(int in, int k, int stride, int dilation, Padding padding) {
        int effective = k + (k - 1) * (dilation - 1);
        return padding.mode() == Padding.Mode.SAME ? in * stride : (in - 1) * stride + effective;
    }

    private static String transposedConv(KerasLayer l) {
        channelsLast(l);
        JsonNode c = l.config();
        if (!c.path("output_padding").isMissingNode() && !c.path("output_padding").isNull()) {
            throw new IllegalArgumentException("Conv2DTranspose with output_padding is not supported");
        }
        TensorType x = l.type(l.input());
        int[] k = ints(c.path("kernel_size"), 2, 1);
        int[] s = ints(c.path("strides"), 2, 1);
        int[] d = ints(c.path("dilation_rate"), 2, 1);
        int filters = c.path("filters").asInt();
        boolean bias = c.path("use_bias").asBoolean(true);
        List<Tensor> w = l.weights(bias ? 2 : 1);
        Tensor kernel = l.weight(w, 0, "kernel", Shape.of(k[0], k[1], filters, x.dim(-1)));
        Epilogue epilogue = bias ? Epilogue.NONE.plusBias(l.weight(w, 1, "bias", Shape.of(filters))) : Epilogue.NONE;
        Padding padding = padding(l);
        int outH = transposedSize(x.dim(1), k[0], s[0], d[0], padding);
        int outW = transposedSize(x.dim(2), k[1], s[1], d[1], padding);
        return withActivation(l, epilogue, e -> new TransposedConv2DLayer(kernel, outH, outW, s[0], s[1], d[0], d[1], padding, e));
    }

    /** PReLU's alpha: the input's per-sample shape, with 1 on each of {@code shared_axes} (1-based, the batch excluded). */
    private static Shape preluShape(KerasLayer l) {
        int[] dims = l.type(l.input()).shape().dims();
        int[] alpha = java.util.Arrays.copyOfRange(dims, 1, dims.length);
        l.config().path("shared_axes").forEach(axis -> alpha[axis.asInt() - 1] = 1);
        return Shape.of(alpha);
    }

    /** {@code padding}/{@code cropping}: an int, a pair per axis, or a pair of pairs ({@code [[top, bottom], [left, right]]}). */
    private static int[][] amounts(JsonNode node, int rank) {
        int[][] amounts = new int[rank][2];
        for (int axis = 0; axis < rank; axis++) {
            JsonNode item = node.isArray() ? (rank == 1 ? node : node.get(axis)) : node;
            amounts[axis][0] = item.isArray() ? item.get(0).asInt() : item.asInt();
            amounts[axis][1] = item.isArray() ? item.get(1).asInt() : item.asInt();
        }
        return amounts;
    }

    private static String zeroPadding(KerasLayer l, int rank) {
        channelsLast(l);
        int[][] pad = amounts(l.config().path("padding"), rank);
        List<Integer> before = new ArrayList<>(List.of(0));
        List<Integer> after = new ArrayList<>(List.of(0));
        for (int[] axis : pad) {
            before.add(axis[0]);
            after.add(axis[1]);
        }
        before.add(0);
        after.add(0);
        return l.emit(new PadLayer(before, after, 0), l.input());
    }

    private static String cropping(KerasLayer l, int rank) {
        channelsLast(l);
        int[][] crop = amounts(l.config().path("cropping"), rank);
        int[] dims = l.type(l.input()).shape().dims();
        List<Integer> begins = new ArrayList<>(List.of(0));
        List<Integer> sizes = new ArrayList<>(List.of(dims[0] == Shape.UNKNOWN ? -1 : dims[0]));
        int[] out = dims.clone();
        for (int axis = 0; axis < rank; axis++) {
            begins.add(crop[axis][0]);
            out[axis + 1] = dims[axis + 1] - crop[axis][0] - crop[axis][1];
            sizes.add(out[axis + 1]);
        }
        begins.add(0);
        sizes.add(dims[rank + 1]);
        return l.emit(new SliceLayer(begins, Collections.nCopies(rank + 2, 1), sizes, Shape.of(out)), l.input());
    }

    private static String upSampling(KerasLayer l) {
        channelsLast(l);
        TensorType x = l.type(l.input());
        int[] size = ints(l.config().path("size"), 2, 2);
        String interpolation = l.config().path("interpolation").asText("nearest");
        if (!interpolation.equals("nearest") && !interpolation.equals("bilinear")) {
            throw new IllegalArgumentException("UpSampling2D interpolation '" + interpolation + "' is not supported");
        }
        return l.emit(new ResizeLayer(interpolation.equals("bilinear"), x.dim(1) * size[0], x.dim(2) * size[1], false, true),
                l.input());
    }

    /** Keras casts the ids to int32 and gathers rows of the table. */
    private static String embedding(KerasLayer l) {
        TensorType x = l.type(l.input());
        int inputDim = l.config().path("input_dim").asInt();
        int outputDim = l.config().path("output_dim").asInt();
        Tensor table = l.weight(l.weights(1), 0, "embeddings", Shape.of(inputDim, outputDim));
        String ids = x.dtype().isInteger() ? l.input() : l.emit(new CastLayer(DType.INT32), l.input());
        return l.emit(new GatherLayer(0, table), ids);
    }

    /**
     * LayerNormalization over the last axis, as Keras computes it: {@code (x - mean) * rsqrt(variance
     * + epsilon)}, then gamma and beta per channel.
     */
    private static String layerNorm(KerasLayer l) {
        JsonNode c = l.config();
        JsonNode axisNode = c.path("axis");
        int axis = axisNode.isArray() ? (axisNode.size() == 1 ? axisNode.get(0).asInt() : Integer.MIN_VALUE) : axisNode.asInt(-1);
        lastAxis(l, axis, "LayerNormalization");
        TensorType x = l.type(l.input());
        int channels = x.dim(-1);
        boolean scale = c.path("scale").asBoolean(true);
        boolean center = c.path("center").asBoolean(true);
        List<Tensor> w = l.weights((scale ? 1 : 0) + (center ? 1 : 0));
        Tensor gamma = scale ? l.weight(w, 0, "gamma", Shape.of(channels)) : null;
        Tensor beta = center ? l.weight(w, scale ? 1 : 0, "beta", Shape.of(channels)) : null;
        List<Integer> last = List.of(x.rank() - 1);
        String mean = l.emit(new ReduceLayer(ReduceLayer.Kind.MEAN, last, true), l.input());
        String centered = l.emit(new BinaryLayer(BinaryLayer.Op.SUB, null, false), List.of(l.input(), mean));
        String variance = l.emit(new ReduceLayer(ReduceLayer.Kind.MEAN, last, true), l.emit(new UnaryLayer(Activation.SQUARE, 0f), centered));
        String shifted = l.emit(new BinaryLayer(BinaryLayer.Op.ADD, Tensor.scalar((float) c.path("epsilon").asDouble(1e-3)), false), variance);
        String normed = l.emit(new BinaryLayer(BinaryLayer.Op.MUL, null, false),
                List.of(centered, l.emit(new UnaryLayer(Activation.RSQRT, 0f), shifted)));
        if (gamma == null && beta == null) {
            return normed;
        }
        return l.emit(new BatchNormLayer(new Epilogue(gamma, beta, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
                Activation.NONE, 0f)), normed);
    }

    /** UpSampling1D repeats each step {@code size} times: nearest-neighbour resizing of {@code [N,W,1,C]} to {@code [N,W*size,1,C]}. */
    private static String upSampling1d(KerasLayer l) {
        TensorType x = l.type(l.input());
        int size = l.config().path("size").asInt(2);
        String image = l.emit(new ReshapeLayer(Shape.of(x.dim(0), x.dim(1), 1, x.dim(2))), l.input());
        String resized = l.emit(new ResizeLayer(false, x.dim(1) * size, 1, false, true), image);
        return l.emit(new ReshapeLayer(Shape.of(x.dim(0), x.dim(1) * size, x.dim(2))), resized);
    }

    /**
     * Normalization with adapted statistics over the last axis: {@code (x - mean) / max(sqrt(variance),
     * 1e-7)} (Keras' epsilon), folded into a per-channel scale and shift. The weights are mean,
     * variance and the sample count, which inference does not use.
     */
    private static String normalization(KerasLayer l) {
        JsonNode c = l.config();
        if (c.has("mean") && !c.path("mean").isNull()) {
            throw new IllegalArgumentException("Normalization with mean and variance in its config is not supported (adapted weights only)");
        }
        JsonNode axisNode = c.path("axis");
        int axis = axisNode.isArray() ? (axisNode.size() == 1 ? axisNode.get(0).asInt() : Integer.MIN_VALUE) : axisNode.asInt(-1);
        lastAxis(l, axis, "Normalization");
        int channels = l.type(l.input()).dim(-1);
        List<Tensor> w = l.weights(3);
        float[] mean = w.get(0).floats();
        float[] variance = w.get(1).floats();
        if (mean.length != channels || variance.length != channels) {
            throw new IllegalArgumentException("mean and variance have " + mean.length + " and " + variance.length
                    + " values for " + channels + " channels");
        }
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        for (int ch = 0; ch < channels; ch++) {
            double factor = 1 / Math.max(Math.sqrt(variance[ch]), 1e-7);
            scale[ch] = (float) factor;
            shift[ch] = (float) (-mean[ch] * factor);
        }
        Shape vector = Shape.of(channels);
        return l.emit(new BatchNormLayer(new Epilogue(Tensor.ofFloats(vector, scale), Tensor.ofFloats(vector, shift),
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Activation.NONE, 0f)), l.input());
    }
}
