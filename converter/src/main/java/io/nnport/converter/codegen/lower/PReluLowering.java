package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.converter.codegen.Operand;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.PReLULayer;
import io.nnport.kernels.prelu.PRelu;

/** {@link PReLULayer} onto {@link PRelu}: per-channel slopes over the last axis, in place when planned. */
public final class PReluLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return true;
    }

    @Override
    public void declare(LayerContext ctx) {
        ctx.field(ArrayTypeName.of(float.class), "alpha", ctx.weights("alpha", ctx.layer(PReLULayer.class).alpha()));
    }

    /**
     * The slopes cover the trailing axes of the input (per channel, or per element when Keras shares
     * no axis): the kernel sees rows of {@code alpha.size()} values.
     */
    @Override
    public CodeBlock call(LayerContext ctx) {
        long slopes = ctx.layer(PReLULayer.class).alpha().size();
        long rowsPerSample = ctx.out().value().elementsPerSample() / slopes;
        CodeBlock rows = ctx.out().value().batched() ? Operand.timesBatch(rowsPerSample)
                : CodeBlock.of("$L", rowsPerSample);
        return CodeBlock.builder().addStatement("$T.apply($N, $L, $L, $L, $L)", PRelu.class, ctx.fieldName("alpha"),
                slopes, ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset(), rows).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return ctx.out().value().elementsPerSample();
    }
}
