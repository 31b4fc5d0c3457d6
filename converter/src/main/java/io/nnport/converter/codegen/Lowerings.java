package io.nnport.converter.codegen;

import io.nnport.converter.codegen.lower.AddNLowering;
import io.nnport.converter.codegen.lower.ArgMaxLowering;
import io.nnport.converter.codegen.lower.BatchMatMulLowering;
import io.nnport.converter.codegen.lower.BatchNormLowering;
import io.nnport.converter.codegen.lower.BinaryLowering;
import io.nnport.converter.codegen.lower.CastLowering;
import io.nnport.converter.codegen.lower.ConstantLowering;
import io.nnport.converter.codegen.lower.ConvLowering;
import io.nnport.converter.codegen.lower.ConcatLowering;
import io.nnport.converter.codegen.lower.DenseLowering;
import io.nnport.converter.codegen.lower.DepthwiseConvLowering;
import io.nnport.converter.codegen.lower.GatherLowering;
import io.nnport.converter.codegen.lower.GlobalPoolLowering;
import io.nnport.converter.codegen.lower.PReluLowering;
import io.nnport.converter.codegen.lower.PadLowering;
import io.nnport.converter.codegen.lower.PoolLowering;
import io.nnport.converter.codegen.lower.ReduceLowering;
import io.nnport.converter.codegen.lower.ReshapeLowering;
import io.nnport.converter.codegen.lower.ResizeLowering;
import io.nnport.converter.codegen.lower.SliceLowering;
import io.nnport.converter.codegen.lower.SoftmaxLowering;
import io.nnport.converter.codegen.lower.SplitLowering;
import io.nnport.converter.codegen.lower.TileLowering;
import io.nnport.converter.codegen.lower.TransposeLowering;
import io.nnport.converter.codegen.lower.TransposedConvLowering;
import io.nnport.converter.codegen.lower.UnaryLowering;
import io.nnport.graph.layers.Layer;

/**
 * Which {@link Lowering} each layer kind has, one per kind: a {@link Layer.Visitor}, so javac names
 * any kind added to the IR without a line here (Java 17 has no exhaustive switch over a sealed
 * type), and no lowering tells kinds apart itself.
 */
public final class Lowerings implements Layer.Visitor<Lowering> {

    private static final Lowerings INSTANCE = new Lowerings();

    private static final Lowering CONV = new ConvLowering();
    private static final Lowering DENSE = new DenseLowering();
    private static final Lowering UNARY = new UnaryLowering();
    private static final Lowering BINARY = new BinaryLowering();
    private static final Lowering BATCH_NORM = new BatchNormLowering();
    private static final Lowering POOL = new PoolLowering();
    private static final Lowering GLOBAL_POOL = new GlobalPoolLowering();
    private static final Lowering RESHAPE = new ReshapeLowering();
    private static final Lowering ARG_MAX = new ArgMaxLowering();
    private static final Lowering CAST = new CastLowering();
    private static final Lowering PRELU = new PReluLowering();
    private static final Lowering CONSTANT = new ConstantLowering();
    private static final Lowering SOFTMAX = new SoftmaxLowering();
    private static final Lowering REDUCE = new ReduceLowering();
    private static final Lowering ADD_N = new AddNLowering();
    private static final Lowering CONCAT = new ConcatLowering();
    private static final Lowering SPLIT = new SplitLowering();
    private static final Lowering SLICE = new SliceLowering();
    private static final Lowering PAD = new PadLowering();
    private static final Lowering TRANSPOSE = new TransposeLowering();
    private static final Lowering TILE = new TileLowering();
    private static final Lowering GATHER = new GatherLowering();
    private static final Lowering RESIZE = new ResizeLowering();
    private static final Lowering DEPTHWISE = new DepthwiseConvLowering();
    private static final Lowering TRANSPOSED_CONV = new TransposedConvLowering();
    private static final Lowering BATCH_MATMUL = new BatchMatMulLowering();

    private Lowerings() {}

    /** The lowering of {@code layer}'s kind. */
    public static Lowering of(Layer layer) {
        return layer.accept(INSTANCE);
    }

    @Override
    public Lowering visit(Layer.Conv layer) {
        return CONV;
    }

    @Override
    public Lowering visit(Layer.DepthwiseConv2D layer) {
        return DEPTHWISE;
    }

    @Override
    public Lowering visit(Layer.TransposedConv2D layer) {
        return TRANSPOSED_CONV;
    }

    @Override
    public Lowering visit(Layer.Dense layer) {
        return DENSE;
    }

    @Override
    public Lowering visit(Layer.BatchMatMul layer) {
        return BATCH_MATMUL;
    }

    @Override
    public Lowering visit(Layer.BatchNorm layer) {
        return BATCH_NORM;
    }

    @Override
    public Lowering visit(Layer.Unary layer) {
        return UNARY;
    }

    @Override
    public Lowering visit(Layer.Binary layer) {
        return BINARY;
    }

    @Override
    public Lowering visit(Layer.AddN layer) {
        return ADD_N;
    }

    @Override
    public Lowering visit(Layer.Pool layer) {
        return POOL;
    }

    @Override
    public Lowering visit(Layer.GlobalPool layer) {
        return GLOBAL_POOL;
    }

    @Override
    public Lowering visit(Layer.Softmax layer) {
        return SOFTMAX;
    }

    @Override
    public Lowering visit(Layer.Reshape layer) {
        return RESHAPE;
    }

    @Override
    public Lowering visit(Layer.Concat layer) {
        return CONCAT;
    }

    @Override
    public Lowering visit(Layer.Split layer) {
        return SPLIT;
    }

    @Override
    public Lowering visit(Layer.Slice layer) {
        return SLICE;
    }

    @Override
    public Lowering visit(Layer.Pad layer) {
        return PAD;
    }

    @Override
    public Lowering visit(Layer.Transpose layer) {
        return TRANSPOSE;
    }

    @Override
    public Lowering visit(Layer.Tile layer) {
        return TILE;
    }

    @Override
    public Lowering visit(Layer.Gather layer) {
        return GATHER;
    }

    @Override
    public Lowering visit(Layer.Reduce layer) {
        return REDUCE;
    }

    @Override
    public Lowering visit(Layer.ArgMax layer) {
        return ARG_MAX;
    }

    @Override
    public Lowering visit(Layer.Cast layer) {
        return CAST;
    }

    @Override
    public Lowering visit(Layer.Resize layer) {
        return RESIZE;
    }

    @Override
    public Lowering visit(Layer.PReLU layer) {
        return PRELU;
    }

    @Override
    public Lowering visit(Layer.Constant layer) {
        return CONSTANT;
    }
}
