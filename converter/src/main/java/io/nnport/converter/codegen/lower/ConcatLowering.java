package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.ir.layers.ConcatLayer;
import io.nnport.kernels.copy.Concat;
import io.nnport.kernels.copy.ConcatPlan;

/** {@link ConcatLayer} (and Pack, which stacks along a new unit axis) onto {@link Concat}: one copy per input. */
public final class ConcatLowering extends CopyingLowering {

    @Override
    public void declare(LayerContext ctx) {
        ConcatLayer concat = ctx.layer(ConcatLayer.class);
        CodeBlock.Builder shapes = CodeBlock.builder().add("new int[][] {");
        for (int i = 0; i < ctx.inputs().size(); i++) {
            requireFloat(ctx.in(i).value(), ctx);
            int[] s = ctx.in(i).value().shape().dims();
            if (concat.stack()) {
                s = withUnitAxis(s, concat.axis());
            }
            shapes.add(i > 0 ? ", $L" : "$L", BinaryLowering.dims(s));
        }
        ctx.field(ClassName.get(ConcatPlan.class), "plan",
                CodeBlock.of("$T.of($L}, $L)", ConcatPlan.class, shapes.build(), concat.axis()));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (int p = 0; p < ctx.inputs().size(); p++) {
            code.addStatement("$T.copyPart($N, $L, $L, batch, $L)", Concat.class, ctx.fieldName("plan"), p,
                    ctx.in(p).arrayAndOffset(), ctx.out().arrayAndOffset());
        }
        return code.build();
    }

    private static int[] withUnitAxis(int[] shape, int axis) {
        int[] s = new int[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            s[i] = i == axis ? 1 : shape[j++];
        }
        return s;
    }
}
