package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.converter.codegen.Operand;
import io.nnport.ir.layers.DenseLayer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.kernels.gemm.Gemm;

/**
 * {@link DenseLayer} onto {@link Gemm}: {@code [in, out]} weights packed once at load; per call
 * {@code C[rows, out] = epilogue(A[rows, in] x W)}, rows = batch x every leading dimension
 * (a GEMV when that is 1).
 */
public final class DenseLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        DenseLayer dense = ctx.layer(DenseLayer.class);
        LayerContext.Init weights = ctx.gemmWeights("weights", dense.weights());
        ctx.field(weights.type(), "", weights.code());
        ctx.epilogue(dense.epilogue());
    }

    /** Rows of the GEMM for one call: every dimension but the last, with the batch. */
    private static CodeBlock rows(LayerContext ctx) {
        long perSample = ctx.in(0).value().elementsPerSample() / ctx.layer(DenseLayer.class).weights().shape().dim(0);
        if (!ctx.in(0).value().batched()) {
            return CodeBlock.of("$L", perSample);
        }
        return Operand.timesBatch(perSample);
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        int[] w = ctx.layer(DenseLayer.class).weights().shape().dims();
        return CodeBlock.builder().addStatement("$T.gemm($L, $L, $L, $L, $L, $L, $N, ws)", Gemm.class,
                rows(ctx), ctx.in(0).arrayAndOffset(), w[0], ctx.id(), ctx.out().arrayAndOffset(), w[1], ctx.fieldName("epilogue")).build();
    }

    @Override
    public CodeBlock scratchFloats(LayerContext ctx) {
        int k = ctx.layer(DenseLayer.class).weights().shape().dim(0);
        return CodeBlock.of("$T.scratchFloats($L, $L, team)", Gemm.class, rows(ctx), k);
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return 2 * ctx.out().value().elementsPerSample() * ctx.layer(DenseLayer.class).weights().shape().dim(0);
    }
}
