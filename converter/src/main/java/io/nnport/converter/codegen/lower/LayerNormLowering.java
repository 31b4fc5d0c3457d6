package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.Axes;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.converter.codegen.UnsupportedLayerException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.LayerNormLayer;
import io.nnport.kernels.norm.LayerNorm;

/**
 * {@link LayerNormLayer} over the last axis onto {@link LayerNorm} (rows of the last axis, scale and
 * bias embedded as float arrays), in place when planned. Normalizing several trailing axes has no
 * kernel yet.
 */
public final class LayerNormLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return true;
    }

    @Override
    public void declare(LayerContext ctx) {
        LayerNormLayer norm = ctx.layer(LayerNormLayer.class);
        if (norm.axis() != ctx.out().value().shape().rank() - 1) {
            throw new UnsupportedLayerException(ctx.node().name() + ": layer norm over several trailing axes has no kernel yet");
        }
        ctx.field(ArrayTypeName.of(float.class), "scale", ctx.weights("scale", flat(norm.scale())));
        if (norm.bias() != null) {
            ctx.field(ArrayTypeName.of(float.class), "bias", ctx.weights("bias", flat(norm.bias())));
        }
    }

    private static Tensor flat(Tensor t) {
        return t.reshape(Shape.of(t.size()));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        LayerNormLayer norm = ctx.layer(LayerNormLayer.class);
        CodeBlock bias = norm.bias() == null ? CodeBlock.of("null") : CodeBlock.of("$N", ctx.fieldName("bias"));
        return CodeBlock.builder().addStatement("$T.apply($L, $N, $L, $L, $L, $L, $L)", LayerNorm.class,
                LayerContext.floatLiteral(norm.epsilon()), ctx.fieldName("scale"), bias, ctx.in(0).arrayAndOffset(),
                ctx.out().arrayAndOffset(), Axes.rows(ctx.out().value()), Axes.channels(ctx.out().value())).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return 8 * ctx.out().value().elementsPerSample();
    }
}
