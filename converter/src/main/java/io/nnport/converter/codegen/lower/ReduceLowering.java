package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.converter.codegen.UnsupportedLayerException;
import io.nnport.ir.DType;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.ReduceLayer;
import io.nnport.kernels.reduce.Reduce;
import io.nnport.kernels.reduce.ReduceOp;
import io.nnport.kernels.reduce.ReducePlan;

/** {@link ReduceLayer} onto {@link Reduce}: the axes planned once at load ({@link ReducePlan}). */
public final class ReduceLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        ReduceLayer reduce = ctx.layer(ReduceLayer.class);
        if (ctx.in(0).value().dtype() != DType.FLOAT32) {
            throw new UnsupportedLayerException(ctx.node().name() + ": integer reductions have no kernel");
        }
        CodeBlock.Builder axes = CodeBlock.builder();
        for (int a : reduce.axes()) {
            axes.add(", $L", a);
        }
        ctx.field(ClassName.get(ReducePlan.class), "plan", CodeBlock.of("$T.of($L$L)", ReducePlan.class,
                BinaryLowering.dims(ctx.in(0).value().shape().dims()), axes.build()));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        return CodeBlock.builder().addStatement("$T.apply($T.$L, $N, $L, $L, batch)", Reduce.class, ReduceOp.class,
                ctx.layer(ReduceLayer.class).kind().name(), ctx.fieldName("plan"), ctx.in(0).arrayAndOffset(),
                ctx.out().arrayAndOffset()).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return ctx.in(0).value().elementsPerSample();
    }
}
