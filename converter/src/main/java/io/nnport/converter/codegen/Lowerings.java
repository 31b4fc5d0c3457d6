package io.nnport.converter.codegen;

import io.nnport.converter.codegen.lower.AddNLowering;
import io.nnport.converter.codegen.lower.ArgMaxLowering;
import io.nnport.converter.codegen.lower.BatchMatMulLowering;
import io.nnport.converter.codegen.lower.BatchNormLowering;
import io.nnport.converter.codegen.lower.BinaryLowering;
import io.nnport.converter.codegen.lower.CastLowering;
import io.nnport.converter.codegen.lower.ConcatLowering;
import io.nnport.converter.codegen.lower.ConstantLowering;
import io.nnport.converter.codegen.lower.ConvLowering;
import io.nnport.converter.codegen.lower.DenseLowering;
import io.nnport.converter.codegen.lower.DepthwiseConvLowering;
import io.nnport.converter.codegen.lower.GatherLowering;
import io.nnport.converter.codegen.lower.GlobalPoolLowering;
import io.nnport.converter.codegen.lower.LayerNormLowering;
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
import io.nnport.ir.layers.GatherLayer;
import io.nnport.ir.layers.GlobalPoolLayer;
import io.nnport.ir.layers.Layer;
import io.nnport.ir.layers.LayerNormLayer;
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
import io.nnport.ir.layers.WhereLayer;

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
    private static final Lowering LAYER_NORM = new LayerNormLowering();

    private Lowerings() {}

    /** The lowering of {@code layer}'s kind. */
    public static Lowering of(Layer layer) {
        return layer.accept(INSTANCE);
    }

    @Override
    public Lowering visit(ConvLayer layer) {
        return CONV;
    }

    @Override
    public Lowering visit(DepthwiseConv2DLayer layer) {
        return DEPTHWISE;
    }

    @Override
    public Lowering visit(TransposedConv2DLayer layer) {
        return TRANSPOSED_CONV;
    }

    @Override
    public Lowering visit(DenseLayer layer) {
        return DENSE;
    }

    @Override
    public Lowering visit(BatchMatMulLayer layer) {
        return BATCH_MATMUL;
    }

    @Override
    public Lowering visit(BatchNormLayer layer) {
        return BATCH_NORM;
    }

    @Override
    public Lowering visit(UnaryLayer layer) {
        return UNARY;
    }

    @Override
    public Lowering visit(BinaryLayer layer) {
        return BINARY;
    }

    @Override
    public Lowering visit(AddNLayer layer) {
        return ADD_N;
    }

    @Override
    public Lowering visit(PoolLayer layer) {
        return POOL;
    }

    @Override
    public Lowering visit(GlobalPoolLayer layer) {
        return GLOBAL_POOL;
    }

    @Override
    public Lowering visit(SoftmaxLayer layer) {
        return SOFTMAX;
    }

    @Override
    public Lowering visit(ReshapeLayer layer) {
        return RESHAPE;
    }

    @Override
    public Lowering visit(ConcatLayer layer) {
        return CONCAT;
    }

    @Override
    public Lowering visit(SplitLayer layer) {
        return SPLIT;
    }

    @Override
    public Lowering visit(SliceLayer layer) {
        return SLICE;
    }

    @Override
    public Lowering visit(PadLayer layer) {
        return PAD;
    }

    @Override
    public Lowering visit(TransposeLayer layer) {
        return TRANSPOSE;
    }

    @Override
    public Lowering visit(TileLayer layer) {
        return TILE;
    }

    @Override
    public Lowering visit(GatherLayer layer) {
        return GATHER;
    }

    @Override
    public Lowering visit(ReduceLayer layer) {
        return REDUCE;
    }

    @Override
    public Lowering visit(ArgMaxLayer layer) {
        return ARG_MAX;
    }

    @Override
    public Lowering visit(CastLayer layer) {
        return CAST;
    }

    @Override
    public Lowering visit(ResizeLayer layer) {
        return RESIZE;
    }

    @Override
    public Lowering visit(PReLULayer layer) {
        return PRELU;
    }

    @Override
    public Lowering visit(ConstantLayer layer) {
        return CONSTANT;
    }

    @Override
    public Lowering visit(LayerNormLayer layer) {
        return LAYER_NORM;
    }

    @Override
    public Lowering visit(WhereLayer layer) {
        throw new UnsupportedLayerException("Where has no kernel yet");
    }
}
