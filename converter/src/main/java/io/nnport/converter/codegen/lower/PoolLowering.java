package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.PoolLayer;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Window;
import io.nnport.kernels.pool.Pool;

/** {@link PoolLayer} onto {@link Pool}'s 1-D and 2-D max/average kernels; windows built once at load. */
public final class PoolLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        PoolLayer pool = ctx.layer(PoolLayer.class);
        int[] in = ctx.in(0).value().shape().dims();
        Padding padding = pool.padding().mode() == io.nnport.ir.layers.Padding.Mode.SAME ? Padding.SAME : Padding.VALID;
        ClassName window = ClassName.get(Window.class);
        if (pool.spatialRank() == 2) {
            ctx.field(window, "rows", CodeBlock.of("$T.pool($L, $L, $L, $T.$L)", Window.class, in[1], pool.kernelH(),
                    pool.strideH(), Padding.class, padding.name()));
        }
        ctx.field(window, "cols", CodeBlock.of("$T.pool($L, $L, $L, $T.$L)", Window.class, in[in.length - 2],
                pool.kernelW(), pool.strideW(), Padding.class, padding.name()));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        PoolLayer pool = ctx.layer(PoolLayer.class);
        int[] in = ctx.in(0).value().shape().dims();
        String kind = pool.kind() == PoolLayer.Kind.MAX ? "max" : "avg";
        CodeBlock windows = pool.spatialRank() == 2
                ? CodeBlock.of("$N, $N", ctx.fieldName("rows"), ctx.fieldName("cols"))
                : CodeBlock.of("$N", ctx.fieldName("cols"));
        return CodeBlock.builder().addStatement("$T.$L$Ld($L, $L, $L, batch, $L)", Pool.class, kind, pool.spatialRank(),
                windows, ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset(), in[in.length - 1]).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        PoolLayer pool = ctx.layer(PoolLayer.class);
        return ctx.out().value().elementsPerSample() * pool.kernelH() * pool.kernelW();
    }
}
