package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.ir.layers.TileLayer;
import io.nnport.kernels.copy.Tile;
import io.nnport.kernels.copy.TilePlan;

/** {@link TileLayer} onto {@link Tile}. */
public final class TileLowering extends CopyingLowering {

    @Override
    public void declare(LayerContext ctx) {
        requireFloat(ctx.in(0).value(), ctx);
        ctx.field(ClassName.get(TilePlan.class), "plan", CodeBlock.of("$T.of($L, $L)", TilePlan.class,
                BinaryLowering.dims(ctx.in(0).value().shape().dims()), ints(ctx.layer(TileLayer.class).multiples())));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        return CodeBlock.builder().addStatement("$T.copy($N, $L, batch, $L)", Tile.class, ctx.fieldName("plan"),
                ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset()).build();
    }
}
