package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.ir.layers.PadLayer;
import io.nnport.kernels.copy.Pad;
import io.nnport.kernels.copy.PadPlan;

/** {@link PadLayer} onto {@link Pad}: a constant border around the copied input. */
public final class PadLowering extends CopyingLowering {

    @Override
    public void declare(LayerContext ctx) {
        PadLayer pad = ctx.layer(PadLayer.class);
        requireFloat(ctx.in(0).value(), ctx);
        ctx.field(ClassName.get(PadPlan.class), "plan", CodeBlock.of("$T.of($L, $L, $L, $L)", PadPlan.class,
                BinaryLowering.dims(ctx.in(0).value().shape().dims()), ints(pad.before()), ints(pad.after()),
                LayerContext.floatLiteral((float) pad.value())));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        return CodeBlock.builder().addStatement("$T.copy($N, $L, batch, $L)", Pad.class, ctx.fieldName("plan"),
                ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset()).build();
    }
}
