package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.Axes;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.SoftmaxLayer;
import io.nnport.kernels.norm.Softmax;

/** {@link SoftmaxLayer} onto {@link Softmax}: along the last axis, numerically stable, in place when planned. */
public final class SoftmaxLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return true;
    }

    @Override
    public void declare(LayerContext ctx) {
        // no weights
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        boolean log = ctx.layer(SoftmaxLayer.class).log();
        CodeBlock rows = Axes.rows(ctx.out().value());
        int n = Axes.channels(ctx.out().value());
        if (ctx.inPlace() && !log) {
            return CodeBlock.builder().addStatement("$T.inPlace($L, $L, $L)", Softmax.class, ctx.out().arrayAndOffset(), rows,
                    n).build();
        }
        return CodeBlock.builder().addStatement("$T.$L($L, $L, $L, $L)", Softmax.class, log ? "logSoftmax" : "softmax",
                ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset(), rows, n).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return 3 * ctx.out().value().elementsPerSample();
    }
}
