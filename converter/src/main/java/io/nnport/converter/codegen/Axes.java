package io.nnport.converter.codegen;

import com.palantir.javapoet.CodeBlock;
import io.nnport.ir.layers.Value;

/**
 * A tensor viewed as {@code [outer, n, inner]} around one axis, the layout of kernels that work
 * along an axis (argmax, softmax, reductions, concat, split): {@code outer} includes the batch.
 */
public record Axes(CodeBlock outer, int n, long inner) {

    /** The view of {@code v} around {@code axis} (negative counts from the end). */
    public static Axes around(Value v, int axis) {
        int[] dims = v.shape().dims();
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new UnsupportedLayerException("axis " + axis + " is outside " + v);
        }
        if (a == 0 && v.batched()) {
            throw new UnsupportedLayerException("an operation along the dynamic batch axis of " + v.name()
                    + " has no kernel; fix the batch with --input");
        }
        long outer = 1;
        for (int d = v.batched() ? 1 : 0; d < a; d++) {
            outer *= dims[d];
        }
        long inner = 1;
        for (int d = a + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        CodeBlock outerExpr = !v.batched() ? CodeBlock.of("$L", outer)
                : Operand.timesBatch(outer);
        return new Axes(outerExpr, dims[a], inner);
    }

    /** Rows of a [rows, channels] view: every axis but the last, with the batch. */
    public static CodeBlock rows(Value v) {
        return around(v, -1).outer();
    }

    /** The last axis. */
    public static int channels(Value v) {
        int[] dims = v.shape().dims();
        return dims.length == 0 ? 1 : dims[dims.length - 1];
    }
}
