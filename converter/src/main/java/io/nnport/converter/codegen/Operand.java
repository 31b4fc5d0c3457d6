package io.nnport.converter.codegen;

import com.palantir.javapoet.CodeBlock;
import io.nnport.ir.layers.Value;

/**
 * Where a value lives in generated code: an array expression and an offset expression, e.g.
 * {@code t} and {@code CONV1D * batch} for an arena slot, {@code input} and {@code 0} for the
 * caller's array, or a weights field and {@code 0} for a constant.
 *
 * @param array   the Java array holding the value
 * @param offset  the index of its first element
 * @param value   the value's name, type and shape
 * @param owned   true when the buffer plan owns the storage (an arena slot)
 */
public record Operand(CodeBlock array, CodeBlock offset, Value value, boolean owned) {

    /** Elements for a call with batch size {@code batch} (an expression). */
    public CodeBlock elements() {
        long perSample = value.elementsPerSample();
        return value.batched() ? timesBatch(perSample) : CodeBlock.of("$L", perSample);
    }

    /** {@code batch * n} as an expression, or just {@code batch} for n = 1. */
    public static CodeBlock timesBatch(long n) {
        return n == 1 ? CodeBlock.of("batch") : CodeBlock.of("batch * $L", n);
    }

    /** {@code array, offset}: the two arguments most kernels take for a tensor. */
    public CodeBlock arrayAndOffset() {
        return CodeBlock.of("$L, $L", array, offset);
    }
}
