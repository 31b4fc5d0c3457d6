package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.ReshapeLayer;

/**
 * {@link ReshapeLayer}: no kernel call. The buffer plan gives the output its input's storage
 * (an alias), so a flatten or squeeze costs nothing; the comment line stays to show where it was.
 */
public final class ReshapeLowering implements Lowering {

    @Override
    public boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public void declare(LayerContext ctx) {
        // nothing: no weights, no kernel
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
