package io.nnport.kernels.reduce;

import java.util.Arrays;

/**
 * The scalar twin of {@link Reduce}: same signature and loop structure, each output element
 * accumulated in float from its op's identity in input order, no argument checks.
 */
public final class ReduceScalar {

    private ReduceScalar() {}

    /** See {@link Reduce#apply}. */
    public static void apply(ReduceOp op, ReducePlan plan, float[] src, int srcOff, float[] dst, int dstOff,
                             int batch) {
        int outer = plan.counts[0] * batch;
        switch (plan.kind) {
            case COPY -> System.arraycopy(src, srcOff, dst, dstOff, outer);
            case ROWS -> {
                int r = plan.counts[1];
                for (int k = 0; k < outer; k++) {
                    float acc = op.identity();
                    for (int j = 0; j < r; j++) {
                        acc = op.combine(acc, src[srcOff + k * r + j]);
                    }
                    dst[dstOff + k] = finish(op, acc, plan.reduceCount);
                }
            }
            case COLUMNS -> {
                int r = plan.counts[1];
                int n = plan.counts[2];
                for (int k = 0; k < outer; k++) {
                    int out = dstOff + k * n;
                    Arrays.fill(dst, out, out + n, op.identity());
                    for (int j = 0; j < r; j++) {
                        int in = srcOff + (k * r + j) * n;
                        for (int i = 0; i < n; i++) {
                            dst[out + i] = op.combine(dst[out + i], src[in + i]);
                        }
                    }
                    finish(op, dst, out, n, plan.reduceCount);
                }
            }
            case GENERAL -> {
                int n = (int) plan.outLength(batch);
                Arrays.fill(dst, dstOff, dstOff + n, op.identity());
                walk(op, plan, 0, outer, src, srcOff, dst, dstOff);
                finish(op, dst, dstOff, n, plan.reduceCount);
            }
        }
    }

    /** Combines the input groups from {@code level} inward into dst, in input order. */
    private static void walk(ReduceOp op, ReducePlan plan, int level, int count, float[] src, int srcOff, float[] dst,
                             int dstOff) {
        if (level == plan.counts.length - 1) {
            if (plan.reduced[level]) {
                float acc = dst[dstOff];
                for (int j = 0; j < count; j++) {
                    acc = op.combine(acc, src[srcOff + j]);
                }
                dst[dstOff] = acc;
            } else {
                for (int i = 0; i < count; i++) {
                    dst[dstOff + i] = op.combine(dst[dstOff + i], src[srcOff + i]);
                }
            }
            return;
        }
        int inner = plan.counts[level + 1];
        for (int i = 0; i < count; i++) {
            walk(op, plan, level + 1, inner, src, srcOff + i * plan.inStrides[level], dst,
                    dstOff + i * plan.outStrides[level]);
        }
    }

    /** MEAN divides the sum by the number of reduced elements; the others are done. */
    static float finish(ReduceOp op, float acc, int reduceCount) {
        return op == ReduceOp.MEAN ? acc / reduceCount : acc;
    }

    static void finish(ReduceOp op, float[] dst, int off, int n, int reduceCount) {
        if (op == ReduceOp.MEAN) {
            for (int i = 0; i < n; i++) {
                dst[off + i] /= reduceCount;
            }
        }
    }
}
