package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.ir.layers.SplitLayer;
import io.nnport.kernels.copy.Split;
import io.nnport.kernels.copy.SplitPlan;

/** {@link SplitLayer} (and Unpack) onto {@link Split}: one copy per part. */
public final class SplitLowering extends CopyingLowering {

    @Override
    public void declare(LayerContext ctx) {
        SplitLayer split = ctx.layer(SplitLayer.class);
        requireFloat(ctx.in(0).value(), ctx);
        ctx.field(ClassName.get(SplitPlan.class), "plan", CodeBlock.of("$T.of($L, $L, $L)", SplitPlan.class,
                BinaryLowering.dims(ctx.in(0).value().shape().dims()), split.axis(), ints(split.sizes())));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (int p = 0; p < ctx.outputs().size(); p++) {
            code.addStatement("$T.copyPart($N, $L, $L, batch, $L)", Split.class, ctx.fieldName("plan"), p,
                    ctx.in(0).arrayAndOffset(), ctx.out(p).arrayAndOffset());
        }
        return code.build();
    }
}
