package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.converter.codegen.UnsupportedLayerException;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.ResizeLayer;
import io.nnport.kernels.resize.BilinearPlan;
import io.nnport.kernels.resize.ResizeBilinear;

/** {@link ResizeLayer} (bilinear) onto {@link ResizeBilinear}, its interpolation tables built once at load. */
public final class ResizeLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        ResizeLayer resize = ctx.layer(ResizeLayer.class);
        if (!resize.bilinear()) {
            throw new UnsupportedLayerException(ctx.node().name() + ": nearest-neighbor resize has no kernel yet");
        }
        int[] in = ctx.in(0).value().shape().dims();
        ctx.field(ClassName.get(BilinearPlan.class), "plan", CodeBlock.of("$T.of($L, $L, $L, $L, $L, $L, $L)",
                BilinearPlan.class, in[1], in[2], resize.height(), resize.width(), in[3], resize.alignCorners(),
                resize.halfPixelCenters()));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        return CodeBlock.builder().addStatement("$T.resize($N, $L, batch, $L)", ResizeBilinear.class, ctx.fieldName("plan"),
                ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset()).build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return 4 * ctx.out().value().elementsPerSample();
    }
}
