package io.nnport.frontend.tf.ops;

import io.nnport.frontend.UnsupportedOps;
import io.nnport.frontend.tf.Node;
import io.nnport.ir.ModelException;
import io.nnport.ir.eval.BinaryFn;
import io.nnport.ir.eval.Reductions;
import io.nnport.ir.eval.UnaryFn;
import io.nnport.ir.layers.Activation;
import io.nnport.ir.layers.BinaryLayer;
import io.nnport.ir.layers.PoolLayer;
import io.nnport.ir.layers.ReduceLayer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The TensorFlow front end's one table: a line per op, with what the op means (its
 * {@link OpSemantics}: shape rule and evaluation, for inference and constant folding) and what it
 * becomes, either a layer ({@link Lowering.Rule}, with a label for the README) or nothing because a
 * graph pass removes it before lowering (named). Adding an op is one line here, plus a rule in
 * {@link Lowering} and, for a new family, a semantics class. The README's supported-op table is
 * generated from {@link #entries()}.
 */
public final class OpTable {
    /**
     * One op's line.
     *
     * @param semantics what the op means
     * @param becomes   the layer kind it becomes (a README label), or the pass that removes it
     * @param lowering  how it becomes that layer; null when a pass removes it before lowering
     */
    public record Entry(OpSemantics semantics, String becomes, Lowering.Rule lowering) {}

    private static final Map<String, Entry> TABLE = new LinkedHashMap<>();

    static {
        // Sources and passthroughs
        resolved("Placeholder", new Sources(Sources.Kind.PLACEHOLDER), "graph input / constant operand");
        resolved("PlaceholderWithDefault", new Sources(Sources.Kind.PLACEHOLDER_WITH_DEFAULT),
                "bind-placeholders (its default, unless bound)");
        resolved("Const", new Sources(Sources.Kind.CONST), "graph input / constant operand");
        resolved("Identity", new Passthrough(Passthrough.Kind.IDENTITY), "sanitize (passthrough)");
        resolved("StopGradient", new Passthrough(Passthrough.Kind.IDENTITY), "sanitize (passthrough)");
        resolved("Snapshot", new Passthrough(Passthrough.Kind.IDENTITY), "sanitize (passthrough)");
        resolved("PreventGradient", new Passthrough(Passthrough.Kind.IDENTITY), "sanitize (passthrough)");
        resolved("IdentityN", new Passthrough(Passthrough.Kind.IDENTITY_N), "sanitize (passthrough)");
        resolved("CheckNumerics", new Passthrough(Passthrough.Kind.CHECK_NUMERICS), "sanitize (passthrough)");
        resolved("NoOp", new Passthrough(Passthrough.Kind.NO_OP), "sanitize (passthrough)");
        // Convolution, pooling, dense
        add("Conv2D", new Conv(Conv.Kind.CONV2D), "Conv (also grouped; Conv1D via ExpandDims/Squeeze)", Lowering::conv2d);
        add("DepthwiseConv2dNative", new Conv(Conv.Kind.DEPTHWISE), "DepthwiseConv2D", Lowering::depthwise);
        add("Conv2DBackpropInput", new Conv(Conv.Kind.TRANSPOSE), "TransposedConv2D", Lowering::transposedConv);
        add("MaxPool", new Pool(Pool.Kind.MAX), "Pool (1-D via ExpandDims/Squeeze)", Lowering.pool(PoolLayer.Kind.MAX));
        add("AvgPool", new Pool(Pool.Kind.AVG), "Pool (1-D via ExpandDims/Squeeze)", Lowering.pool(PoolLayer.Kind.AVG));
        add("MatMul", new MatMul(false), "Dense (constant weights) / BatchMatMul", Lowering::matMul);
        add("BatchMatMul", new MatMul(true), "BatchMatMul", Lowering::batchMatMul);
        add("BatchMatMulV2", new MatMul(true), "BatchMatMul", Lowering::batchMatMul);
        add("BatchMatMulV3", new MatMul(true), "BatchMatMul", Lowering::batchMatMul);
        add("BiasAdd", new Binary.BiasAdd(), "Binary add (fused into conv/dense)", Lowering::biasAdd);
        add("BiasAddV1", new Binary.BiasAdd(), "Binary add (fused into conv/dense)", Lowering::biasAdd);
        add("FusedBatchNorm", new BatchNorm(5), "BatchNorm (folded into conv/dense)", Lowering::batchNorm);
        add("FusedBatchNormV2", new BatchNorm(5), "BatchNorm (folded into conv/dense)", Lowering::batchNorm);
        add("FusedBatchNormV3", new BatchNorm(6), "BatchNorm (folded into conv/dense)", Lowering::batchNorm);
        // Activations and other elementwise unary ops
        add("Relu", new Unary(UnaryFn.RELU), "Unary (fused as epilogue)", Lowering.activation(Activation.RELU));
        add("Relu6", new Unary(UnaryFn.RELU6), "Unary (fused as epilogue)", Lowering.activation(Activation.RELU6));
        add("LeakyRelu", new Unary(UnaryFn.LEAKY_RELU), "Unary (fused as epilogue)", Lowering::leakyRelu);
        add("Elu", new Unary(UnaryFn.ELU), "Unary (fused as epilogue)", Lowering.activation(Activation.ELU));
        add("Selu", new Unary(UnaryFn.SELU), "Unary (fused as epilogue)", Lowering.activation(Activation.SELU));
        add("Sigmoid", new Unary(UnaryFn.SIGMOID), "Unary (fused as epilogue)", Lowering.activation(Activation.SIGMOID));
        add("Tanh", new Unary(UnaryFn.TANH), "Unary (fused as epilogue)", Lowering.activation(Activation.TANH));
        add("Softplus", new Unary(UnaryFn.SOFTPLUS), "Unary (fused as epilogue)", Lowering.activation(Activation.SOFTPLUS));
        add("Softsign", new Unary(UnaryFn.SOFTSIGN), "Unary (fused as epilogue)", Lowering.activation(Activation.SOFTSIGN));
        add("Rsqrt", new Unary(UnaryFn.RSQRT), "Unary (fused as epilogue)", Lowering.activation(Activation.RSQRT));
        add("Sqrt", new Unary(UnaryFn.SQRT), "Unary (fused as epilogue)", Lowering.activation(Activation.SQRT));
        add("Square", new Unary(UnaryFn.SQUARE), "Unary (fused as epilogue)", Lowering.activation(Activation.SQUARE));
        add("Exp", new Unary(UnaryFn.EXP), "Unary (fused as epilogue)", Lowering.activation(Activation.EXP));
        add("Log", new Unary(UnaryFn.LOG), "Unary (fused as epilogue)", Lowering.activation(Activation.LOG));
        add("Neg", new Unary(UnaryFn.NEG), "Unary (fused as epilogue)", Lowering.activation(Activation.NEG));
        add("Abs", new Unary(UnaryFn.ABS), "Unary (fused as epilogue)", Lowering.activation(Activation.ABS));
        add("Floor", new Unary(UnaryFn.FLOOR), "Unary (fused as epilogue)", Lowering.activation(Activation.FLOOR));
        add("Ceil", new Unary(UnaryFn.CEIL), "Unary (fused as epilogue)", Lowering.activation(Activation.CEIL));
        resolved("LogicalNot", new Unary(UnaryFn.LOGICAL_NOT), "fold-constants (on constant or shape inputs)");
        add("Softmax", new Softmax(false), "Softmax", Lowering.softmax(false));
        add("LogSoftmax", new Softmax(true), "Softmax (log)", Lowering.softmax(true));
        // Elementwise binary ops with broadcasting
        add("Add", new Binary(BinaryFn.ADD), "Binary", Lowering.binary(BinaryLayer.Op.ADD));
        add("AddV2", new Binary(BinaryFn.ADD), "Binary", Lowering.binary(BinaryLayer.Op.ADD));
        add("Sub", new Binary(BinaryFn.SUB), "Binary", Lowering.binary(BinaryLayer.Op.SUB));
        add("Mul", new Binary(BinaryFn.MUL), "Binary", Lowering.binary(BinaryLayer.Op.MUL));
        add("RealDiv", new Binary(BinaryFn.REAL_DIV), "Binary", Lowering.binary(BinaryLayer.Op.DIV));
        add("Maximum", new Binary(BinaryFn.MAXIMUM), "Binary", Lowering.binary(BinaryLayer.Op.MAXIMUM));
        add("Minimum", new Binary(BinaryFn.MINIMUM), "Binary", Lowering.binary(BinaryLayer.Op.MINIMUM));
        add("SquaredDifference", new Binary(BinaryFn.SQUARED_DIFFERENCE), "Binary",
                Lowering.binary(BinaryLayer.Op.SQUARED_DIFFERENCE));
        resolved("Less", new Binary(BinaryFn.LESS), "fold-constants (on constant or shape inputs)");
        resolved("LessEqual", new Binary(BinaryFn.LESS_EQUAL), "fold-constants (on constant or shape inputs)");
        resolved("Greater", new Binary(BinaryFn.GREATER), "fold-constants (on constant or shape inputs)");
        resolved("GreaterEqual", new Binary(BinaryFn.GREATER_EQUAL), "fold-constants (on constant or shape inputs)");
        resolved("Equal", new Binary(BinaryFn.EQUAL), "fold-constants (on constant or shape inputs)");
        resolved("NotEqual", new Binary(BinaryFn.NOT_EQUAL), "fold-constants (on constant or shape inputs)");
        resolved("LogicalAnd", new Binary(BinaryFn.LOGICAL_AND), "fold-constants (on constant or shape inputs)");
        resolved("LogicalOr", new Binary(BinaryFn.LOGICAL_OR), "fold-constants (on constant or shape inputs)");
        add("AddN", new Binary.AddN(), "AddN", Lowering::addN);
        // Reductions
        add("Sum", new Reduce(Reductions.Kind.SUM), "Reduce", Lowering.reduce(ReduceLayer.Kind.SUM));
        add("Mean", new Reduce(Reductions.Kind.MEAN), "Reduce / GlobalPool (over H,W)", Lowering.reduce(ReduceLayer.Kind.MEAN));
        add("Prod", new Reduce(Reductions.Kind.PROD), "Reduce", Lowering.reduce(ReduceLayer.Kind.PROD));
        add("Max", new Reduce(Reductions.Kind.MAX), "Reduce / GlobalPool (over H,W)", Lowering.reduce(ReduceLayer.Kind.MAX));
        add("Min", new Reduce(Reductions.Kind.MIN), "Reduce", Lowering.reduce(ReduceLayer.Kind.MIN));
        add("ArgMax", new Reduce(Reductions.Kind.ARG_MAX), "ArgMax", Lowering::argMax);
        resolved("ArgMin", new Reduce(Reductions.Kind.ARG_MIN), "fold-constants (on constant or shape inputs)");
        // Shapes
        add("Reshape", new ShapeOps(ShapeOps.Kind.RESHAPE), "Reshape (alias)", Lowering::reshape);
        add("Squeeze", new ShapeOps(ShapeOps.Kind.SQUEEZE), "Reshape (alias)", Lowering::reshape);
        add("ExpandDims", new ShapeOps(ShapeOps.Kind.EXPAND_DIMS), "Reshape (alias)", Lowering::reshape);
        resolved("Shape", new ShapeOps(ShapeOps.Kind.SHAPE), "fold-constants (on constant or shape inputs)");
        resolved("Size", new ShapeOps(ShapeOps.Kind.SIZE), "fold-constants (on constant or shape inputs)");
        resolved("Rank", new ShapeOps(ShapeOps.Kind.RANK), "fold-constants (on constant or shape inputs)");
        // Joining, splitting, moving, slicing
        add("ConcatV2", new Concat(Concat.Kind.CONCAT), "Concat", Lowering::concat);
        add("Pack", new Concat(Concat.Kind.PACK), "Concat (stack)", Lowering::pack);
        add("Unpack", new Concat(Concat.Kind.UNPACK), "Split (squeeze)", Lowering::unpack);
        add("Split", new Concat(Concat.Kind.SPLIT), "Split", Lowering::split);
        add("SplitV", new Concat(Concat.Kind.SPLIT_V), "Split", Lowering::splitV);
        add("Transpose", new Rearrange(Rearrange.Kind.TRANSPOSE), "Transpose", Lowering::transpose);
        add("Tile", new Rearrange(Rearrange.Kind.TILE), "Tile", Lowering::tile);
        add("Pad", new Rearrange(Rearrange.Kind.PAD), "Pad", Lowering::pad);
        add("PadV2", new Rearrange(Rearrange.Kind.PAD), "Pad", Lowering::pad);
        add("GatherV2", new Gather(true), "Gather", Lowering::gather);
        add("Gather", new Gather(false), "Gather", Lowering::gather);
        add("StridedSlice", new Slicing(true), "Slice", Lowering::stridedSlice);
        add("Slice", new Slicing(false), "Slice", Lowering::slice);
        // Types and generators
        add("Cast", new Cast(), "Cast", Lowering::cast);
        resolved("Fill", new Generate(Generate.Kind.FILL), "fold-constants (on constant or shape inputs)");
        resolved("Range", new Generate(Generate.Kind.RANGE), "fold-constants (on constant or shape inputs)");
        resolved("ZerosLike", new Generate(Generate.Kind.ZEROS_LIKE), "fold-constants (on constant or shape inputs)");
        resolved("OnesLike", new Generate(Generate.Kind.ONES_LIKE), "fold-constants (on constant or shape inputs)");
        add("ResizeBilinear", new Resize(true), "Resize", Lowering.resize(true));
        add("ResizeNearestNeighbor", new Resize(false), "Resize", Lowering.resize(false));
        // Conditionals and dead-branch-only random ops
        resolved("Switch", new Control(false), "sanitize (cond with a constant predicate)");
        resolved("Merge", new Control(true), "sanitize (cond with a constant predicate)");
        resolved("RandomUniform", new Random(), "sanitize (dropout and noise branches)");
        resolved("RandomStandardNormal", new Random(), "sanitize (dropout and noise branches)");
        resolved("TruncatedNormal", new Random(), "sanitize (dropout and noise branches)");
    }

    private OpTable() {}

    /** An op that becomes a layer. */
    private static void add(String tfOp, OpSemantics semantics, String becomes, Lowering.Rule lowering) {
        if (TABLE.put(tfOp, new Entry(semantics, becomes, lowering)) != null) {
            throw new IllegalStateException("op " + tfOp + " listed twice");
        }
    }

    /** An op that {@code pass} removes before lowering (it has semantics for inference and folding only). */
    private static void resolved(String tfOp, OpSemantics semantics, String pass) {
        add(tfOp, semantics, pass, null);
    }

    /** The semantics of a TensorFlow op, if supported. */
    public static Optional<OpSemantics> lookup(String tfOp) {
        return Optional.ofNullable(TABLE.get(tfOp)).map(Entry::semantics);
    }

    /** How an op becomes a layer; null when it is unsupported or removed before lowering. */
    public static Lowering.Rule lowering(String tfOp) {
        Entry entry = TABLE.get(tfOp);
        return entry == null ? null : entry.lowering();
    }

    /** The pass that removes an op before lowering, if it is such an op. */
    public static Optional<String> removedBy(String tfOp) {
        return Optional.ofNullable(TABLE.get(tfOp)).filter(e -> e.lowering() == null).map(Entry::becomes);
    }

    /** The semantics of a node's op; a {@link ModelException} at the node when unsupported. */
    public static OpSemantics of(Node node) {
        Entry entry = TABLE.get(node.op());
        if (entry == null) {
            throw node.error("unsupported op " + node.op());
        }
        return entry.semantics();
    }

    /** Every supported op with its line, in table order (grouped by family). */
    public static Map<String, Entry> entries() {
        return Collections.unmodifiableMap(TABLE);
    }

    /**
     * Checks that every node's op is supported; otherwise one error listing each unsupported op
     * with the nodes that use it ({@link #unsupportedOps}).
     */
    public static void checkSupported(String source, Collection<Node> nodes) {
        Map<String, List<String>> unsupported = nodesByOp(nodes, TABLE::containsKey);
        if (!unsupported.isEmpty()) {
            throw ModelException.of(source, unsupportedOps(unsupported));
        }
    }

    /** The nodes whose op {@code supported} rejects, their names by op, ops sorted. */
    public static Map<String, List<String>> nodesByOp(Collection<Node> nodes, Predicate<String> supported) {
        Map<String, List<String>> unsupported = new TreeMap<>();
        for (Node node : nodes) {
            if (!supported.test(node.op())) {
                unsupported.computeIfAbsent(node.op(), k -> new ArrayList<>()).add(node.name());
            }
        }
        return unsupported;
    }

    /** The one wording of "these ops are unsupported" ({@link UnsupportedOps#describe}). */
    public static String unsupportedOps(Map<String, List<String>> nodesByOp) {
        return UnsupportedOps.describe(nodesByOp);
    }

    /** Sorted names of all supported ops. */
    public static TreeSet<String> supportedOps() {
        return new TreeSet<>(TABLE.keySet());
    }
}
