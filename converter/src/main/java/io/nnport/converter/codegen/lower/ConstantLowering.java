package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.DType;
import io.nnport.ir.layers.ConstantLayer;
import io.nnport.ir.layers.LayerNode;

/**
 * {@link ConstantLayer}: a value the graph computes without inputs, embedded with the weights and
 * read by later layers from its field (named after the layer). No kernel call.
 */
public final class ConstantLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        ConstantLayer constant = ctx.layer(ConstantLayer.class);
        ctx.field(ArrayTypeName.of(constant.value().dtype() == DType.FLOAT32 ? float.class : int.class), "",
                ctx.weights("value", constant.value()));
    }

    @Override
    public CodeBlock call(LayerContext ctx) {
        return CodeBlock.builder().build();
    }

    @Override
    public long flopsPerSample(LayerContext ctx) {
        return 0;
    }
}
