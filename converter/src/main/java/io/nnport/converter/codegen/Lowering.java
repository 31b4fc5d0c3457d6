package io.nnport.converter.codegen;

import com.palantir.javapoet.CodeBlock;
import io.nnport.ir.layers.LayerNode;

/**
 * How one layer kind becomes Java: the fields and load-time code for its weights (packed once),
 * and the one kernel call it makes per prediction. One implementation per layer family lives in
 * {@code io.nnport.converter.codegen.lower}; {@link Lowerings} maps every layer record to one.
 *
 * <p>A lowering never decides whether its layer runs in place: it says whether its kernel could
 * ({@link #kernelInPlace}), the {@link io.nnport.converter.plan.BufferPlan} decides, and the
 * context's operands already reflect the decision (an in-place layer's output operand is its
 * input's storage).
 */
public interface Lowering {

    /**
     * True when this layer's kernel may be called with its output aliasing input 0 (or, for layers
     * whose traits allow any input, that input). Asked before the plan exists, so it sees the node only.
     */
    boolean kernelInPlace(LayerNode node);

    /** Declares the layer's weight fields (via {@link LayerContext#field}) and anything packed at load. */
    void declare(LayerContext ctx);

    /** The statement(s) of one prediction: one kernel call, without the comment line. */
    CodeBlock call(LayerContext ctx);

    /** Kernel scratch (floats) the call needs for {@code batch}, as an expression; null for none. */
    default CodeBlock scratchFloats(LayerContext ctx) {
        return null;
    }

    /** Floating-point operations per batch sample, for the report (a multiply-add counts two). */
    long flopsPerSample(LayerContext ctx);
}
