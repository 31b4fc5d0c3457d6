package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.converter.codegen.Operand;
import io.nnport.converter.codegen.UnsupportedLayerException;
import io.nnport.ir.DType;
import io.nnport.ir.layers.ConcatLayer;
import io.nnport.ir.layers.GatherLayer;
import io.nnport.ir.layers.Layer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.PadLayer;
import io.nnport.ir.layers.TransposeLayer;
import io.nnport.ir.layers.Value;
import io.nnport.kernels.copy.Concat;
import io.nnport.kernels.copy.ConcatPlan;
import io.nnport.kernels.copy.Gather;
import io.nnport.kernels.copy.GatherPlan;
import io.nnport.kernels.copy.Pad;
import io.nnport.kernels.copy.PadPlan;
import io.nnport.kernels.copy.Transpose;
import io.nnport.kernels.copy.TransposePlan;
import java.util.List;

/**
 * The layers that move elements into a new arrangement: {@link ConcatLayer} (and Pack),
 * {@link PadLayer}, {@link TransposeLayer} and {@link GatherLayer} (an embedding lookup when the
 * table is constant), each onto its copy kernel with the index loops planned once at load.
 */
public final class RearrangeLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        Layer layer = ctx.layer();
        CodeBlock plan;
        Class<?> planType;
        if (layer instanceof ConcatLayer concat) {
            CodeBlock.Builder shapes = CodeBlock.builder().add("new int[][] {");
            for (int i = 0; i < ctx.inputs().size(); i++) {
                requireFloat(ctx.in(i).value(), ctx);
                int[] s = ctx.in(i).value().shape().dims();
                if (concat.stack()) {
                    s = withUnitAxis(s, concat.axis());
                }
                shapes.add(i > 0 ? ", $L" : "$L", BinaryLowering.dims(s));
            }
            plan = CodeBlock.of("$T.of($L}, $L)", ConcatPlan.class, shapes.build(), concat.axis());
            planType = ConcatPlan.class;
        } else if (layer instanceof PadLayer pad) {
            requireFloat(ctx.in(0).value(), ctx);
            plan = CodeBlock.of("$T.of($L, $L, $L, $L)", PadPlan.class, BinaryLowering.dims(ctx.in(0).value().shape().dims()),
                    ints(pad.before()), ints(pad.after()), io.nnport.converter.codegen.LayerContext.floatLiteral((float) pad.value()));
            planType = PadPlan.class;
        } else if (layer instanceof TransposeLayer transpose) {
            requireFloat(ctx.in(0).value(), ctx);
            plan = CodeBlock.of("$T.of($L, $L)", TransposePlan.class, BinaryLowering.dims(ctx.in(0).value().shape().dims()),
                    ints(transpose.perm()));
            planType = TransposePlan.class;
        } else {
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
            plan = CodeBlock.of("$T.of($L, $L, $L)", GatherPlan.class, BinaryLowering.dims(params),
                    BinaryLowering.dims(ids.shape().dims()), gather.axis());
            planType = GatherPlan.class;
        }
        ctx.field(ClassName.get(planType), "plan", plan);
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        String plan = ctx.fieldName("plan");
        Layer layer = ctx.layer();
        CodeBlock.Builder code = CodeBlock.builder();
        if (layer instanceof ConcatLayer) {
            List<Operand> ins = ctx.inputs();
            for (int p = 0; p < ins.size(); p++) {
                code.addStatement("$T.copyPart($N, $L, $L, batch, $L)", Concat.class, plan, p, ins.get(p).arrayAndOffset(),
                        ctx.out().arrayAndOffset());
            }
        } else if (layer instanceof PadLayer) {
            code.addStatement("$T.copy($N, $L, batch, $L)", Pad.class, plan, ctx.in(0).arrayAndOffset(),
                    ctx.out().arrayAndOffset());
        } else if (layer instanceof TransposeLayer) {
            code.addStatement("$T.copy($N, $L, batch, $L)", Transpose.class, plan, ctx.in(0).arrayAndOffset(),
                    ctx.out().arrayAndOffset());
        } else if (ctx.layer(GatherLayer.class).table() != null) {
            code.addStatement("$T.copy($N, $N, 0, $L, batch, $L)", Gather.class, plan, ctx.fieldName("table"),
                    ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset());
        } else {
            code.addStatement("$T.copy($N, $L, $L, batch, $L)", Gather.class, plan, ctx.in(0).arrayAndOffset(),
                    ctx.in(1).arrayAndOffset(), ctx.out().arrayAndOffset());
        }
        return code.build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return 0;
    }

    private static void requireFloat(Value v, LayerContext ctx) {
        if (v.dtype() != DType.FLOAT32) {
            throw new UnsupportedLayerException(ctx.node().name() + ": moving " + v.dtype() + " values has no kernel");
        }
    }

    private static int[] withUnitAxis(int[] shape, int axis) {
        int[] s = new int[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            s[i] = i == axis ? 1 : shape[j++];
        }
        return s;
    }

    private static CodeBlock ints(List<Integer> values) {
        CodeBlock.Builder b = CodeBlock.builder().add("new int[] {");
        for (int i = 0; i < values.size(); i++) {
            b.add(i > 0 ? ", $L" : "$L", values.get(i));
        }
        return b.add("}").build();
    }
}
