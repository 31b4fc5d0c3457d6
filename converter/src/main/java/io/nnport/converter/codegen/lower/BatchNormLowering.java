package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.converter.codegen.Operand;
import io.nnport.ir.layers.BatchNormLayer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.kernels.elementwise.Channelwise;

/**
 * {@link BatchNormLayer} (a BatchNorm not folded into a conv or dense before it, with any fused
 * activation) onto {@link Channelwise}: per-channel scale and shift, clamp, activation; in place.
 */
public final class BatchNormLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return true;
    }

    @Override
    public void declare(LayerContext ctx) {
        ctx.epilogue(ctx.layer(BatchNormLayer.class).epilogue());
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        int[] dims = ctx.out().value().shape().dims();
        int channels = dims[dims.length - 1];
        long rowsPerSample = ctx.out().value().elementsPerSample() / channels;
        CodeBlock rows = ctx.out().value().batched() ? Operand.timesBatch(rowsPerSample)
                : CodeBlock.of("$L", rowsPerSample);
        return CodeBlock.builder().addStatement("$T.apply($N, $L, $L, $L, $L)", Channelwise.class,
                ctx.fieldName("epilogue"), ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset(), rows, channels).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return 2 * ctx.out().value().elementsPerSample();
    }
}
