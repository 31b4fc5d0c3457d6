package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.layers.ConvLayer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.conv.Conv;
import io.nnport.kernels.conv.PackedConv;

/**
 * {@link ConvLayer} (1-D and 2-D) onto {@link Conv}: HWIO weights packed once at load, as they
 * stream in, as the GEMM's B, then per call im2col packs straight into the GEMM's A panels, the epilogue fused.
 */
public final class ConvLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        ConvLayer conv = ctx.layer(ConvLayer.class);
        int[] in = ctx.in(0).value().shape().dims();
        int[] f = conv.filter().shape().dims();
        int cin = in[in.length - 1];
        int cout = f[f.length - 1];
        CodeBlock filter = ctx.streamedWeights("filter", conv.filter());
        CodeBlock cols = cols(in[in.length - 2], f[f.length - 3], conv.strideW(), conv.dilationW(), conv.padding());
        CodeBlock pack;
        if (conv.spatialRank() == 1) {
            pack = CodeBlock.of("$T.pack1d($L, $L, $L, $L$L)", Conv.class, filter, cols, cin, cout,
                    groups(cin, f[f.length - 2]));
        } else {
            pack = CodeBlock.of("$T.pack2d($L, $L, $L, $L, $L$L)", Conv.class, filter,
                    rows(in[1], f[0], conv.strideH(), conv.dilationH(), conv.padding()), cols, cin, cout,
                    groups(cin, f[f.length - 2]));
        }
        ctx.field(ClassName.get(PackedConv.class), "", pack);
        ctx.epilogue(conv.epilogue());
    }

    /**
     * The groups argument: none for an ordinary convolution, so its call reads as before; else
     * {@code cin / filterDepth} (the layer's shape rule has checked that both divide).
     */
    private static CodeBlock groups(int cin, int filterDepth) {
        return filterDepth == cin ? CodeBlock.of("") : CodeBlock.of(", $L", cin / filterDepth);
    }

    /** The window along H: {@code new Window(in, k, stride, dilation, Padding.SAME)} or an explicit one. */
    static CodeBlock rows(int in, int k, int stride, int dilation, io.nnport.ir.layers.Padding padding) {
        return window(in, k, stride, dilation, padding, padding.top(), padding.bottom());
    }

    /** The window along W. */
    static CodeBlock cols(int in, int k, int stride, int dilation, io.nnport.ir.layers.Padding padding) {
        return window(in, k, stride, dilation, padding, padding.left(), padding.right());
    }

    private static CodeBlock window(int in, int k, int stride, int dilation, io.nnport.ir.layers.Padding padding,
                                    int before, int after) {
        return switch (padding.mode()) {
            case SAME, VALID -> CodeBlock.of("new $T($L, $L, $L, $L, $T.$L)", Window.class, in, k, stride, dilation,
                    Padding.class, padding.mode().name());
            case EXPLICIT -> CodeBlock.of("$T.explicit($L, $L, $L, $L, $L, $L)", Window.class, in, k, stride, dilation,
                    before, after);
        };
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        ConvLayer conv = ctx.layer(ConvLayer.class);
        return CodeBlock.builder().addStatement("$T.$L($L, batch, $L, $N, $L, ws)", Conv.class,
                conv.spatialRank() == 1 ? "conv1d" : "conv2d", ctx.in(0).arrayAndOffset(), ctx.id(), ctx.fieldName("epilogue"),
                ctx.out().arrayAndOffset()).build();
    }

    @Override
    public CodeBlock scratchFloats(LayerContext ctx) {
        return CodeBlock.of("$T.scratchFloats($L, batch, team)", Conv.class, ctx.id());
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        ConvLayer conv = ctx.layer(ConvLayer.class);
        long taps = conv.filter().size() / conv.outChannels();
        return 2 * ctx.out().value().elementsPerSample() * taps;
    }
}
