package io.nnport.converter.codegen.lower;

import com.palantir.javapoet.CodeBlock;
import io.nnport.converter.codegen.LayerContext;
import io.nnport.converter.codegen.Lowering;
import io.nnport.converter.codegen.UnsupportedLayerException;
import io.nnport.ir.DType;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.Value;
import io.nnport.kernels.Dims;
import java.util.List;

/**
 * What the layers that only move elements share: their copy kernels never run in place and do no
 * arithmetic, and each plans its index loops once at load from int arrays written out here.
 */
abstract class CopyingLowering implements Lowering {

    @Override
    public final boolean kernelInPlace(LayerNode node) {
        return false;
    }

    @Override
    public final long flopsPerSample(LayerContext ctx) {
        return 0;
    }

    /** The copy kernels move float32 values only. */
    static void requireFloat(Value v, LayerContext ctx) {
        if (v.dtype() != DType.FLOAT32) {
            throw new UnsupportedLayerException(ctx.node().name() + ": moving " + v.dtype() + " values has no kernel");
        }
    }

    /** {@code new int[] {1, 0, 2}}. */
    static CodeBlock ints(List<Integer> values) {
        return ints(values, 0);
    }

    /** {@code new int[] {...}} of {@code values} from index {@code from}, a negative first value as {@link Dims#BATCH}. */
    static CodeBlock ints(List<Integer> values, int from) {
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
