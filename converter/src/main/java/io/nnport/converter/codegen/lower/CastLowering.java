package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.converter.codegen.UnsupportedLayerException;
import io.nnport.ir.DType;
import io.nnport.ir.layers.CastLayer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.kernels.cast.Cast;
import io.nnport.runtime.Arguments;

/**
 * {@link CastLayer} onto {@link Cast}: between the float and int arenas (int32, int64 and bool all
 * live as ints); a cast between two integer types is a copy, but for the entry cast of an int64
 * model input, which checks that each id fits an int.
 */
public final class CastLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        method(ctx);
    }

    private static String method(LayerContext ctx) {
        DType from = ctx.in(0).value().dtype();
        DType to = ctx.layer(CastLayer.class).to();
        boolean fromFloat = from == DType.FLOAT32;
        if (from == DType.STRING || to == DType.STRING) {
            throw new UnsupportedLayerException(ctx.node().name() + ": string casts have no kernel");
        }
        if (to == DType.BOOL) {
            return fromFloat ? "floatToBool" : "intToBool";
        }
        if (to == DType.FLOAT32) {
            return fromFloat ? null : "intToFloat";
        }
        return fromFloat ? "floatToInt" : null;
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        if (!ctx.in(0).owned() && ctx.in(0).value().dtype() == DType.INT64) {
            // the entry cast of an int64 model input (Int64Inputs): the caller's long[] into the int arena
            return CodeBlock.builder().addStatement("$T.toInts($S, $L, $L, $L)", Arguments.class, ctx.in(0).value().name(),
                    ctx.in(0).array(), ctx.out().arrayAndOffset(), ctx.out().elements()).build();
        }
        String method = method(ctx);
        if (method == null) {
            return CodeBlock.builder().addStatement("$T.arraycopy($L, $L, $L)", System.class, ctx.in(0).arrayAndOffset(),
                    ctx.out().arrayAndOffset(), ctx.out().elements()).build();
        }
        return CodeBlock.builder().addStatement("$T.$L($L, $L, $L)", Cast.class, method, ctx.in(0).arrayAndOffset(),
                ctx.out().arrayAndOffset(), ctx.out().elements()).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return 0;
    }
}
