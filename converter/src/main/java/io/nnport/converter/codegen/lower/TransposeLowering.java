package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.ir.layers.TransposeLayer;
import io.nnport.kernels.copy.Transpose;
import io.nnport.kernels.copy.TransposePlan;

/** {@link TransposeLayer} onto {@link Transpose}. */
public final class TransposeLowering extends CopyingLowering {

    @Override
    public void declare(LayerContext ctx) {
        requireFloat(ctx.in(0).value(), ctx);
        ctx.field(ClassName.get(TransposePlan.class), "plan", CodeBlock.of("$T.of($L, $L)", TransposePlan.class,
                BinaryLowering.dims(ctx.in(0).value().shape().dims()), ints(ctx.layer(TransposeLayer.class).perm())));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        return CodeBlock.builder().addStatement("$T.copy($N, $L, batch, $L)", Transpose.class, ctx.fieldName("plan"),
                ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset()).build();
    }
}
