package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.converter.codegen.Operand;
import io.nnport.converter.codegen.UnsupportedLayerException;
import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.AddNLayer;
import io.nnport.ir.layers.BinaryLayer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.Value;
import io.nnport.kernels.Dims;
import io.nnport.kernels.elementwise.Binary;
import io.nnport.kernels.elementwise.BinaryOp;
import io.nnport.kernels.elementwise.BroadcastPlan;

/**
 * {@link BinaryLayer} onto {@link Binary}: NumPy broadcasting planned once at load
 * ({@link BroadcastPlan}), a constant operand embedded as a weights field. In place over a
 * same-shape operand when the buffer plan says so.
 */
public final class BinaryLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return true;
    }

    @Override
    public void declare(LayerContext ctx) {
        requireFloatInputs(ctx);
        BinaryLayer binary = ctx.layer(BinaryLayer.class);
        Tensor constant = binary.constant();
        int[] runtime = shape(ctx.in(0).value());
        int[] a = runtime;
        int[] b = ctx.inputs().size() > 1 ? shape(ctx.in(1).value()) : null;
        if (constant != null) {
            if (constant.dtype() != DType.FLOAT32) {
                throw new UnsupportedLayerException(ctx.node().name() + ": integer arithmetic has no kernel");
            }
            ctx.field(ArrayTypeName.of(float.class), "", ctx.weights("constant", constant));
            int[] c = constant.shape().dims();
            a = binary.constantFirst() ? c : runtime;
            b = binary.constantFirst() ? runtime : c;
        }
        ctx.field(ClassName.get(BroadcastPlan.class), "plan", plan(a, b));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        BinaryLayer binary = ctx.layer(BinaryLayer.class);
        CodeBlock runtime = ctx.in(0).arrayAndOffset();
        CodeBlock a;
        CodeBlock b;
        if (binary.constant() != null) {
            CodeBlock constant = CodeBlock.of("$N, 0", ctx.id());
            a = binary.constantFirst() ? constant : runtime;
            b = binary.constantFirst() ? runtime : constant;
        } else {
            a = runtime;
            b = ctx.in(1).arrayAndOffset();
        }
        return CodeBlock.builder().addStatement("$T.apply($T.$L, $N, $L, $L, $L, batch)", Binary.class, BinaryOp.class,
                op(binary.op()).name(), ctx.fieldName("plan"), a, b, ctx.out().arrayAndOffset()).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return ctx.out().value().elementsPerSample();
    }

    /** {@code BroadcastPlan.of(a, b)}. */
    static CodeBlock plan(int[] a, int[] b) {
        return CodeBlock.of("$T.of($L, $L)", BroadcastPlan.class, dims(a), dims(b));
    }

    /** {@code new int[] {Dims.BATCH, 4}}. */
    static CodeBlock dims(int[] shape) {
        CodeBlock.Builder b = CodeBlock.builder().add("new int[] {");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                b.add(", ");
            }
            if (shape[i] < 0) {
                b.add("$T.BATCH", Dims.class);
            } else {
                b.add("$L", shape[i]);
            }
        }
        return b.add("}").build();
    }

    /** The value's shape with -1 (the dynamic batch) as the kernels' {@link Dims#BATCH}. */
    static int[] shape(Value v) {
        return v.shape().dims();
    }

    /** The arithmetic kernels take float32 operands only. */
    static void requireFloatInputs(LayerContext ctx) {
        for (Operand in : ctx.inputs()) {
            if (in.value().dtype() != DType.FLOAT32) {
                throw new UnsupportedLayerException(ctx.node().name() + ": " + in.value().dtype()
                        + " arithmetic has no kernel");
            }
        }
    }

    private static BinaryOp op(BinaryLayer.Op op) {
        return switch (op) {
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MAXIMUM -> BinaryOp.MAX;
            case MINIMUM -> BinaryOp.MIN;
            case SQUARED_DIFFERENCE -> BinaryOp.SQUARED_DIFFERENCE;
            case EQUAL -> throw new UnsupportedLayerException("comparisons have no kernel yet");
        };
    }
}
