package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.UnaryLayer;
import io.nnport.kernels.Activation;
import io.nnport.kernels.elementwise.Elementwise;

/** {@link UnaryLayer} onto {@link Elementwise#apply}: one activation over the whole tensor, in place when planned. */
public final class UnaryLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return true;
    }

    @Override
    public void declare(LayerContext ctx) {
        LayerContext.activation(ctx.layer(UnaryLayer.class).fn()); // fail early if the kernel lacks it
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        UnaryLayer unary = ctx.layer(UnaryLayer.class);
        return CodeBlock.builder().addStatement("$T.apply($T.$L, $L, $L, $L, $L)", Elementwise.class, Activation.class,
                LayerContext.activation(unary.fn()).name(), LayerContext.floatLiteral(unary.alpha()),
                ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset(), ctx.out().elements()).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return ctx.out().value().elementsPerSample();
    }
}
