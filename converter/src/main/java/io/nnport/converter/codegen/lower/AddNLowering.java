package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.layers.AddNLayer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.kernels.elementwise.Binary;
import io.nnport.kernels.elementwise.BinaryOp;
import io.nnport.kernels.elementwise.BroadcastPlan;

/**
 * {@link AddNLayer} onto {@link Binary}: the inputs (all of the output's shape) added into the
 * output one after another, starting from the input it may share storage with when in place.
 */
public final class AddNLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return true;
    }

    @Override
    public void declare(LayerContext ctx) {
        BinaryLowering.requireFloatInputs(ctx);
        int[] shape = BinaryLowering.shape(ctx.out().value());
        ctx.field(ClassName.get(BroadcastPlan.class), "plan", BinaryLowering.plan(shape, shape));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        int first = 0;
        for (int i = 0; i < ctx.inputs().size(); i++) {
            if (ctx.in(i).array().equals(ctx.out().array()) && ctx.in(i).offset().equals(ctx.out().offset())) {
                first = i;
            }
        }
        CodeBlock.Builder code = CodeBlock.builder();
        CodeBlock acc = ctx.in(first).arrayAndOffset();
        for (int i = 0; i < ctx.inputs().size(); i++) {
            if (i == first) {
                continue;
            }
            code.addStatement("$T.apply($T.ADD, $N, $L, $L, $L, batch)", Binary.class, BinaryOp.class,
                    ctx.fieldName("plan"), acc, ctx.in(i).arrayAndOffset(), ctx.out().arrayAndOffset());
            acc = ctx.out().arrayAndOffset();
        }
        return code.build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return ctx.out().value().elementsPerSample() * Math.max(1, ctx.inputs().size() - 1);
    }
}
