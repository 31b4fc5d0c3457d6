package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.layers.BatchMatMulLayer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.kernels.matmul.BatchMatMul;
import io.nnport.kernels.matmul.BatchMatMulPlan;

/** {@link BatchMatMulLayer} of two runtime operands onto {@link BatchMatMul}, broadcasting planned at load. */
public final class BatchMatMulLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        BatchMatMulLayer mm = ctx.layer(BatchMatMulLayer.class);
        ctx.field(ClassName.get(BatchMatMulPlan.class), "plan", CodeBlock.of("$T.of($L, $L, $L, $L)",
                BatchMatMulPlan.class, BinaryLowering.dims(ctx.in(0).value().shape().dims()),
                BinaryLowering.dims(ctx.in(1).value().shape().dims()), mm.adjX(), mm.adjY()));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        return CodeBlock.builder().addStatement("$T.matmul($N, $L, $L, batch, $L, ws)", BatchMatMul.class,
                ctx.fieldName("plan"), ctx.in(0).arrayAndOffset(), ctx.in(1).arrayAndOffset(),
                ctx.out().arrayAndOffset()).build();
    }

    @Override
    public CodeBlock scratchFloats(LayerContext ctx) {
        return CodeBlock.of("$N.scratchFloats()", ctx.fieldName("plan"));
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        int[] a = ctx.in(0).value().shape().dims();
        int k = ctx.layer(BatchMatMulLayer.class).adjX() ? a[a.length - 2] : a[a.length - 1];
        return 2L * ctx.out().value().elementsPerSample() * k;
    }
}
