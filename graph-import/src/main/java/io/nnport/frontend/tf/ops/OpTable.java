package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.ir.ModelException;
import io.nnport.ir.eval.BinaryFn;
import io.nnport.ir.eval.Reductions;
import io.nnport.ir.eval.UnaryFn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The only place that knows TensorFlow op names: one line per op, naming the op family and its
 * variant. Adding an op is one line here (plus, for a new family, one class). The README's
 * supported-op table is generated from {@link #entries()}.
 */
public final class OpTable {
    /** Node names listed per unsupported op: enough to find them, short enough to read. */
    private static final int MAX_NAMES_PER_OP = 5;

    private static final Map<String, OpSemantics> TABLE = new LinkedHashMap<>();

    static {
        // Sources and passthroughs
        add("Placeholder", new Sources(Sources.Kind.PLACEHOLDER));
        add("PlaceholderWithDefault", new Sources(Sources.Kind.PLACEHOLDER_WITH_DEFAULT));
        add("Const", new Sources(Sources.Kind.CONST));
        add("Identity", new Passthrough(Passthrough.Kind.IDENTITY));
        add("StopGradient", new Passthrough(Passthrough.Kind.IDENTITY));
        add("Snapshot", new Passthrough(Passthrough.Kind.IDENTITY));
        add("PreventGradient", new Passthrough(Passthrough.Kind.IDENTITY));
        add("IdentityN", new Passthrough(Passthrough.Kind.IDENTITY_N));
        add("CheckNumerics", new Passthrough(Passthrough.Kind.CHECK_NUMERICS));
        add("NoOp", new Passthrough(Passthrough.Kind.NO_OP));
        // Convolution, pooling, dense
        add("Conv2D", new Conv(Conv.Kind.CONV2D));
        add("DepthwiseConv2dNative", new Conv(Conv.Kind.DEPTHWISE));
        add("Conv2DBackpropInput", new Conv(Conv.Kind.TRANSPOSE));
        add("MaxPool", new Pool(Pool.Kind.MAX));
        add("AvgPool", new Pool(Pool.Kind.AVG));
        add("MatMul", new MatMul(false));
        add("BatchMatMul", new MatMul(true));
        add("BatchMatMulV2", new MatMul(true));
        add("BatchMatMulV3", new MatMul(true));
        add("BiasAdd", new Binary.BiasAdd());
        add("BiasAddV1", new Binary.BiasAdd());
        add("FusedBatchNorm", new BatchNorm(5));
        add("FusedBatchNormV2", new BatchNorm(5));
        add("FusedBatchNormV3", new BatchNorm(6));
        // Activations and other elementwise unary ops
        add("Relu", new Unary(UnaryFn.RELU));
        add("Relu6", new Unary(UnaryFn.RELU6));
        add("LeakyRelu", new Unary(UnaryFn.LEAKY_RELU));
        add("Elu", new Unary(UnaryFn.ELU));
        add("Selu", new Unary(UnaryFn.SELU));
        add("Sigmoid", new Unary(UnaryFn.SIGMOID));
        add("Tanh", new Unary(UnaryFn.TANH));
        add("Softplus", new Unary(UnaryFn.SOFTPLUS));
        add("Softsign", new Unary(UnaryFn.SOFTSIGN));
        add("Rsqrt", new Unary(UnaryFn.RSQRT));
        add("Sqrt", new Unary(UnaryFn.SQRT));
        add("Square", new Unary(UnaryFn.SQUARE));
        add("Exp", new Unary(UnaryFn.EXP));
        add("Log", new Unary(UnaryFn.LOG));
        add("Neg", new Unary(UnaryFn.NEG));
        add("Abs", new Unary(UnaryFn.ABS));
        add("Floor", new Unary(UnaryFn.FLOOR));
        add("Ceil", new Unary(UnaryFn.CEIL));
        add("LogicalNot", new Unary(UnaryFn.LOGICAL_NOT));
        add("Softmax", new Softmax(false));
        add("LogSoftmax", new Softmax(true));
        // Elementwise binary ops with broadcasting
        add("Add", new Binary(BinaryFn.ADD));
        add("AddV2", new Binary(BinaryFn.ADD));
        add("Sub", new Binary(BinaryFn.SUB));
        add("Mul", new Binary(BinaryFn.MUL));
        add("RealDiv", new Binary(BinaryFn.REAL_DIV));
        add("Maximum", new Binary(BinaryFn.MAXIMUM));
        add("Minimum", new Binary(BinaryFn.MINIMUM));
        add("SquaredDifference", new Binary(BinaryFn.SQUARED_DIFFERENCE));
        add("Less", new Binary(BinaryFn.LESS));
        add("LessEqual", new Binary(BinaryFn.LESS_EQUAL));
        add("Greater", new Binary(BinaryFn.GREATER));
        add("GreaterEqual", new Binary(BinaryFn.GREATER_EQUAL));
        add("Equal", new Binary(BinaryFn.EQUAL));
        add("NotEqual", new Binary(BinaryFn.NOT_EQUAL));
        add("LogicalAnd", new Binary(BinaryFn.LOGICAL_AND));
        add("LogicalOr", new Binary(BinaryFn.LOGICAL_OR));
        add("AddN", new Binary.AddN());
        // Reductions
        add("Sum", new Reduce(Reductions.Kind.SUM));
        add("Mean", new Reduce(Reductions.Kind.MEAN));
        add("Prod", new Reduce(Reductions.Kind.PROD));
        add("Max", new Reduce(Reductions.Kind.MAX));
        add("Min", new Reduce(Reductions.Kind.MIN));
        add("ArgMax", new Reduce(Reductions.Kind.ARG_MAX));
        add("ArgMin", new Reduce(Reductions.Kind.ARG_MIN));
        // Shapes
        add("Reshape", new ShapeOps(ShapeOps.Kind.RESHAPE));
        add("Squeeze", new ShapeOps(ShapeOps.Kind.SQUEEZE));
        add("ExpandDims", new ShapeOps(ShapeOps.Kind.EXPAND_DIMS));
        add("Shape", new ShapeOps(ShapeOps.Kind.SHAPE));
        add("Size", new ShapeOps(ShapeOps.Kind.SIZE));
        add("Rank", new ShapeOps(ShapeOps.Kind.RANK));
        // Joining, splitting, moving, slicing
        add("ConcatV2", new Concat(Concat.Kind.CONCAT));
        add("Pack", new Concat(Concat.Kind.PACK));
        add("Unpack", new Concat(Concat.Kind.UNPACK));
        add("Split", new Concat(Concat.Kind.SPLIT));
        add("SplitV", new Concat(Concat.Kind.SPLIT_V));
        add("Transpose", new Rearrange(Rearrange.Kind.TRANSPOSE));
        add("Tile", new Rearrange(Rearrange.Kind.TILE));
        add("Pad", new Rearrange(Rearrange.Kind.PAD));
        add("PadV2", new Rearrange(Rearrange.Kind.PAD));
        add("GatherV2", new Gather(true));
        add("Gather", new Gather(false));
        add("StridedSlice", new Slicing(true));
        add("Slice", new Slicing(false));
        // Types and generators
        add("Cast", new Cast());
        add("Fill", new Generate(Generate.Kind.FILL));
        add("Range", new Generate(Generate.Kind.RANGE));
        add("ZerosLike", new Generate(Generate.Kind.ZEROS_LIKE));
        add("OnesLike", new Generate(Generate.Kind.ONES_LIKE));
        add("ResizeBilinear", new Resize(true));
        add("ResizeNearestNeighbor", new Resize(false));
        // Conditionals and dead-branch-only random ops
        add("Switch", new Control(false));
        add("Merge", new Control(true));
        add("RandomUniform", new Random());
        add("RandomStandardNormal", new Random());
        add("TruncatedNormal", new Random());
    }

    private OpTable() {}

    private static void add(String tfOp, OpSemantics semantics) {
        if (TABLE.put(tfOp, semantics) != null) {
            throw new IllegalStateException("op " + tfOp + " listed twice");
        }
    }

    /** The semantics of a TensorFlow op, if supported. */
    public static Optional<OpSemantics> lookup(String tfOp) {
        return Optional.ofNullable(TABLE.get(tfOp));
    }

    /** The semantics of a node's op; a {@link ModelException} at the node when unsupported. */
    public static OpSemantics of(Node node) {
        OpSemantics semantics = TABLE.get(node.op());
        if (semantics == null) {
            throw node.error("unsupported op " + node.op());
        }
        return semantics;
    }

    /** Every supported op with its semantics, in table order (grouped by family). */
    public static Map<String, OpSemantics> entries() {
        return Collections.unmodifiableMap(TABLE);
    }

    /**
     * Checks that every node's op is supported; otherwise one error listing each unsupported op
     * with the nodes that use it (the first few by name), e.g.
     * {@code unsupported ops: DecodeWav (1 node: wav_decode), Mfcc (1 node: Mfcc)}.
     */
    public static void checkSupported(String source, Collection<Node> nodes) {
        Map<String, List<String>> unsupported = new TreeMap<>();
        for (Node node : nodes) {
            if (!TABLE.containsKey(node.op())) {
                unsupported.computeIfAbsent(node.op(), k -> new ArrayList<>()).add(node.name());
            }
        }
        if (unsupported.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("unsupported ops: ");
        boolean first = true;
        for (Map.Entry<String, List<String>> entry : unsupported.entrySet()) {
            List<String> names = entry.getValue();
            text.append(first ? "" : ", ").append(entry.getKey()).append(" (").append(names.size())
                    .append(names.size() == 1 ? " node: " : " nodes: ")
                    .append(String.join(", ", names.subList(0, Math.min(names.size(), MAX_NAMES_PER_OP))))
                    .append(names.size() > MAX_NAMES_PER_OP ? ", ..." : "").append(')');
            first = false;
        }
        throw ModelException.of(source, text.toString());
    }

    /** Sorted names of all supported ops. */
    public static TreeSet<String> supportedOps() {
        return new TreeSet<>(TABLE.keySet());
    }
}
