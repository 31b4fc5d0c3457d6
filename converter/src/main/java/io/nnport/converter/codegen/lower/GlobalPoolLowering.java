package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.layers.GlobalPoolLayer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.PoolLayer;
import io.nnport.kernels.pool.Pool;

/** {@link GlobalPoolLayer} onto {@link Pool#globalAvg} / {@link Pool#globalMax} over the H x W positions. */
public final class GlobalPoolLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        // no weights
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        GlobalPoolLayer pool = ctx.layer(GlobalPoolLayer.class);
        int[] in = ctx.in(0).value().shape().dims();
        int channels = in[in.length - 1];
        long positions = ctx.in(0).value().elementsPerSample() / channels;
        return CodeBlock.builder().addStatement("$T.$L($L, $L, batch, $L, $L)", Pool.class,
                pool.kind() == PoolLayer.Kind.MAX ? "globalMax" : "globalAvg", ctx.in(0).arrayAndOffset(),
                ctx.out().arrayAndOffset(), positions, channels).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return ctx.in(0).value().elementsPerSample();
    }
}
