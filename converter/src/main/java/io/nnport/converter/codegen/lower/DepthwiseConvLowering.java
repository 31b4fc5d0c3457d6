package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.layers.DepthwiseConv2DLayer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.kernels.depthwise.DepthwiseConv;
import io.nnport.kernels.depthwise.DepthwiseSpec;

/**
 * {@link DepthwiseConv2DLayer} onto {@link DepthwiseConv}: vectorized over channels, the filter
 * and the fused epilogue held by a {@link DepthwiseSpec} built once at load.
 */
public final class DepthwiseConvLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        DepthwiseConv2DLayer conv = ctx.layer(DepthwiseConv2DLayer.class);
        int[] in = ctx.in(0).value().shape().dims();
        int[] f = conv.filter().shape().dims();
        String epilogue = ctx.epilogue(conv.epilogue());
        ctx.field(ClassName.get(DepthwiseSpec.class), "", CodeBlock.of("$T.of($L, $L, $L, $L, $L, $N)",
                DepthwiseSpec.class, ConvLowering.rows(in[1], f[0], conv.strideH(), conv.dilationH(), conv.padding()),
                ConvLowering.cols(in[2], f[1], conv.strideW(), conv.dilationW(), conv.padding()), f[2], f[3],
                ctx.weights("filter", conv.filter()), epilogue));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        return CodeBlock.builder().addStatement("$T.apply($N, $L, $L, batch)", DepthwiseConv.class, ctx.id(),
                ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset()).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        int[] f = ctx.layer(DepthwiseConv2DLayer.class).filter().shape().dims();
        return 2L * ctx.out().value().elementsPerSample() * f[0] * f[1];
    }
}
