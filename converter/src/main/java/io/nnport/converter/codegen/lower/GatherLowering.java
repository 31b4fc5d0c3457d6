package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.UnsupportedLayerException;
import io.nnport.ir.DType;
import io.nnport.ir.layers.GatherLayer;
import io.nnport.ir.layers.Value;
import io.nnport.kernels.copy.Gather;
import io.nnport.kernels.copy.GatherPlan;

/** {@link GatherLayer} onto {@link Gather}: an embedding lookup when the table is constant (a weights field). */
public final class GatherLowering extends CopyingLowering {

    @Override
    public void declare(LayerContext ctx) {
        GatherLayer gather = ctx.layer(GatherLayer.class);
        int[] params;
        Value ids;
        if (gather.table() != null) {
            if (gather.table().dtype() != DType.FLOAT32) {
                throw new UnsupportedLayerException(ctx.node().name() + ": only float tables can be gathered");
            }
            ctx.field(ArrayTypeName.of(float.class), "table", ctx.weights("table", gather.table()));
            params = gather.table().shape().dims();
            ids = ctx.in(0).value();
        } else {
            requireFloat(ctx.in(0).value(), ctx);
            params = ctx.in(0).value().shape().dims();
            ids = ctx.in(1).value();
        }
        ctx.field(ClassName.get(GatherPlan.class), "plan", CodeBlock.of("$T.of($L, $L, $L)", GatherPlan.class,
                BinaryLowering.dims(params), BinaryLowering.dims(ids.shape().dims()), gather.axis()));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        String plan = ctx.fieldName("plan");
        if (ctx.layer(GatherLayer.class).table() != null) {
            return CodeBlock.builder().addStatement("$T.copy($N, $N, 0, $L, batch, $L)", Gather.class, plan,
                    ctx.fieldName("table"), ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset()).build();
        }
        return CodeBlock.builder().addStatement("$T.copy($N, $L, $L, batch, $L)", Gather.class, plan,
                ctx.in(0).arrayAndOffset(), ctx.in(1).arrayAndOffset(), ctx.out().arrayAndOffset()).build();
    }
}
