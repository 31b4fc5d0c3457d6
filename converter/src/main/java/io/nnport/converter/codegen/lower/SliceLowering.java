package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.UnsupportedLayerException;
import io.nnport.ir.layers.SliceLayer;
import io.nnport.ir.layers.Value;
import io.nnport.kernels.copy.Slice;
import io.nnport.kernels.copy.SlicePlan;
import java.util.Arrays;

/**
 * {@link SliceLayer} onto {@link Slice}. A slice that takes one element of the dynamic batch
 * ({@code x[k]}) copies from sample k and checks the call has that many samples.
 */
public final class SliceLowering extends CopyingLowering {

    @Override
    public void declare(LayerContext ctx) {
        SliceLayer slice = ctx.layer(SliceLayer.class);
        Value in = ctx.in(0).value();
        requireFloat(in, ctx);
        int[] shape = in.shape().dims();
        int from = batchElement(slice, in) >= 0 ? 1 : 0;
        ctx.field(ClassName.get(SlicePlan.class), "plan", CodeBlock.of("$T.of($L, $L, $L, $L)", SlicePlan.class,
                BinaryLowering.dims(Arrays.copyOfRange(shape, from, shape.length)), ints(slice.begins(), from),
                ints(slice.sizes(), from), ints(slice.strides(), from)));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        SliceLayer slice = ctx.layer(SliceLayer.class);
        String plan = ctx.fieldName("plan");
        int k = batchElement(slice, ctx.in(0).value());
        if (k < 0) {
            return CodeBlock.builder().addStatement("$T.copy($N, $L, batch, $L)", Slice.class, plan,
                    ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset()).build();
        }
        return CodeBlock.builder()
                .beginControlFlow("if (batch <= $L)", k)
                .addStatement("throw new $T($S + batch)", IllegalArgumentException.class,
                        ctx.node().name() + " takes batch element " + k + "; the batch size is ")
                .endControlFlow()
                .addStatement("$T.copy($N, $L, $L + $L, 1, $L)", Slice.class, plan, ctx.in(0).array(),
                        ctx.in(0).offset(), (long) k * ctx.in(0).value().elementsPerSample(), ctx.out().arrayAndOffset())
                .build();
    }

    /** k when the slice takes batch element k of a batched input; -1 when it keeps the batch. */
    private static int batchElement(SliceLayer slice, Value in) {
        if (!in.batched() || slice.sizes().get(0) < 0) {
            return -1;
        }
        if (slice.sizes().get(0) != 1) {
            throw new UnsupportedLayerException("a slice of several batch elements has no kernel; fix the batch with --input");
        }
        return slice.begins().get(0);
    }
}
