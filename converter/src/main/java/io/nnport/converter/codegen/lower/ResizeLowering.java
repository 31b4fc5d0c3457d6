package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.ResizeLayer;
import io.nnport.kernels.resize.BilinearPlan;
import io.nnport.kernels.resize.NearestPlan;
import io.nnport.kernels.resize.ResizeBilinear;
import io.nnport.kernels.resize.ResizeNearest;

/**
 * {@link ResizeLayer} onto {@link ResizeBilinear} or {@link ResizeNearest}, whose plans (interpolation
 * weights, or source offsets) are built once at load from the same arguments.
 */
public final class ResizeLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        ResizeLayer resize = ctx.layer(ResizeLayer.class);
        int[] in = ctx.in(0).value().shape().dims();
        ctx.field(ClassName.get(plan(resize)), "plan", CodeBlock.of("$T.of($L, $L, $L, $L, $L, $L, $L)", plan(resize),
                in[1], in[2], resize.height(), resize.width(), in[3], resize.alignCorners(), resize.halfPixelCenters()));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        return CodeBlock.builder().addStatement("$T.resize($N, $L, batch, $L)", kernel(ctx.layer(ResizeLayer.class)),
                ctx.fieldName("plan"), ctx.in(0).arrayAndOffset(), ctx.out().arrayAndOffset()).build();
    }

    /** Bilinear: four per output value (one per corner); nearest neighbour only copies. */
    @Override
    public long flopsPerSample(LayerContext ctx) {
        return ctx.layer(ResizeLayer.class).bilinear() ? 4 * ctx.out().value().elementsPerSample() : 0;
    }

    private static Class<?> plan(ResizeLayer resize) {
        return resize.bilinear() ? BilinearPlan.class : NearestPlan.class;
    }

    private static Class<?> kernel(ResizeLayer resize) {
        return resize.bilinear() ? ResizeBilinear.class : ResizeNearest.class;
    }
}
