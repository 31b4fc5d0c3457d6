package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.TransposedConv2DLayer;
import io.nnport.kernels.deconv.ConvTranspose;
import io.nnport.kernels.deconv.PackedConvTranspose;

/**
 * {@link TransposedConv2DLayer} onto {@link ConvTranspose}: one packed GEMM operand per filter tap,
 * built once at load; per call a GEMM per tap and a col2im add, then the epilogue.
 */
public final class TransposedConvLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        TransposedConv2DLayer conv = ctx.layer(TransposedConv2DLayer.class);
        int[] f = conv.filter().shape().dims(); // [KH, KW, C (this layer's output depth), O (its input depth)]
        ctx.field(ClassName.get(PackedConvTranspose.class), "", CodeBlock.of("$T.pack2d($L, 0, $L, $L, $L, $L)",
                ConvTranspose.class, ctx.weights("filter", conv.filter()),
                ConvLowering.rows(conv.outHeight(), f[0], conv.strideH(), conv.dilationH(), conv.padding()),
                ConvLowering.cols(conv.outWidth(), f[1], conv.strideW(), conv.dilationW(), conv.padding()), f[2], f[3]));
        ctx.epilogue(conv.epilogue());
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        return CodeBlock.builder().addStatement("$T.conv2dTranspose($L, batch, $N, $N, $L, ws)",
                ConvTranspose.class, ctx.in(0).arrayAndOffset(), ctx.id(), ctx.fieldName("epilogue"),
                ctx.out().arrayAndOffset()).build();
    }

    @Override
    public CodeBlock scratchFloats(LayerContext ctx) {
        return CodeBlock.of("$T.scratchFloats($N, batch, team)", ConvTranspose.class, ctx.id());
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        int[] f = ctx.layer(TransposedConv2DLayer.class).filter().shape().dims();
        return 2L * ctx.in(0).value().elementsPerSample() * f[0] * f[1] * f[2];
    }
}
