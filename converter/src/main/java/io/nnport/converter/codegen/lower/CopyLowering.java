package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.converter.codegen.Operand;
import io.nnport.converter.codegen.UnsupportedLayerException;
import io.nnport.ir.DType;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.SliceLayer;
import io.nnport.ir.layers.SplitLayer;
import io.nnport.ir.layers.TileLayer;
import io.nnport.ir.layers.Value;
import io.nnport.kernels.Dims;
import io.nnport.kernels.copy.Slice;
import io.nnport.kernels.copy.SlicePlan;
import io.nnport.kernels.copy.Split;
import io.nnport.kernels.copy.SplitPlan;
import io.nnport.kernels.copy.Tile;
import io.nnport.kernels.copy.TilePlan;
import java.util.List;

/**
 * The copying layers {@link SliceLayer}, {@link SplitLayer} and {@link TileLayer} onto the copy
 * kernels, each with its loops planned once at load. A slice that takes one element of the dynamic
 * batch ({@code x[k]}) copies from sample k and checks the call has that many samples.
 */
public final class CopyLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        Value in = ctx.in(0).value();
        if (in.dtype() != DType.FLOAT32) {
            throw new UnsupportedLayerException(ctx.node().name() + ": copying " + in.dtype() + " values has no kernel");
        }
        int[] shape = in.shape().dims();
        CodeBlock plan;
        if (ctx.layer() instanceof SliceLayer slice) {
            int from = batchElement(slice, in) >= 0 ? 1 : 0;
            plan = CodeBlock.of("$T.of($L, $L, $L, $L)", SlicePlan.class, BinaryLowering.dims(tail(shape, from)),
                    ints(slice.begins(), from), ints(slice.sizes(), from), ints(slice.strides(), from));
        } else if (ctx.layer() instanceof SplitLayer split) {
            plan = CodeBlock.of("$T.of($L, $L, $L)", SplitPlan.class, BinaryLowering.dims(shape), split.axis(),
                    ints(split.sizes(), 0));
        } else {
            plan = CodeBlock.of("$T.of($L, $L)", TilePlan.class, BinaryLowering.dims(shape),
                    ints(ctx.layer(TileLayer.class).multiples(), 0));
        }
        ctx.field(ClassName.get(ctx.layer() instanceof SliceLayer ? SlicePlan.class
                : ctx.layer() instanceof SplitLayer ? SplitPlan.class : TilePlan.class), "plan", plan);
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        String plan = ctx.fieldName("plan");
        CodeBlock.Builder code = CodeBlock.builder();
        if (ctx.layer() instanceof SliceLayer slice) {
            int k = batchElement(slice, ctx.in(0).value());
            if (k >= 0) {
                code.beginControlFlow("if (batch <= $L)", k)
                        .addStatement("throw new $T($S + batch)", IllegalArgumentException.class,
                                ctx.node().name() + " takes batch element " + k + "; the batch size is ")
                        .endControlFlow();
                code.addStatement("$T.copy($N, $L, $L + $L, 1, $L)", Slice.class, plan, ctx.in(0).array(),
                        ctx.in(0).offset(), (long) k * ctx.in(0).value().elementsPerSample(), ctx.out().arrayAndOffset());
            } else {
                code.addStatement("$T.copy($N, $L, batch, $L)", Slice.class, plan, ctx.in(0).arrayAndOffset(),
                        ctx.out().arrayAndOffset());
            }
        } else if (ctx.layer() instanceof SplitLayer) {
            List<Operand> outs = ctx.outputs();
            for (int p = 0; p < outs.size(); p++) {
                code.addStatement("$T.copyPart($N, $L, $L, batch, $L)", Split.class, plan, p, ctx.in(0).arrayAndOffset(),
                        outs.get(p).arrayAndOffset());
            }
        } else {
            code.addStatement("$T.copy($N, $L, batch, $L)", Tile.class, plan, ctx.in(0).arrayAndOffset(),
                    ctx.out().arrayAndOffset());
        }
        return code.build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return 0;
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

    private static int[] tail(int[] dims, int from) {
        return java.util.Arrays.copyOfRange(dims, from, dims.length);
    }

    private static CodeBlock ints(List<Integer> values, int from) {
        CodeBlock.Builder b = CodeBlock.builder().add("new int[] {");
        for (int i = from; i < values.size(); i++) {
            if (i > from) {
                b.add(", ");
            }
            if (values.get(i) < 0 && i == 0) {
                b.add("$T.BATCH", Dims.class);
            } else {
                b.add("$L", values.get(i));
            }
        }
        return b.add("}").build();
    }
}
