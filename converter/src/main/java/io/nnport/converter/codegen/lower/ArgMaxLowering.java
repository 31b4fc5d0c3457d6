package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.Axes;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.layers.ArgMaxLayer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.kernels.argmax.ArgMax;

/** {@link ArgMaxLayer} onto {@link ArgMax}: int indices into the int arena (int64 outputs widen when copied out). */
public final class ArgMaxLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        Axes.around(ctx.in(0).value(), ctx.layer(ArgMaxLayer.class).axis()); // rejects the batch axis early
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        Axes axes = Axes.around(ctx.in(0).value(), ctx.layer(ArgMaxLayer.class).axis());
        return CodeBlock.builder().addStatement("$T.argMax($L, $L, $L, $L, $L)", ArgMax.class, ctx.in(0).arrayAndOffset(),
                axes.outer(), axes.n(), axes.inner(), ctx.out().arrayAndOffset()).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return ctx.in(0).value().elementsPerSample();
    }
}
