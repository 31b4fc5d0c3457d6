package io.nnport.kernels.reduce;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector twin of {@link ReduceScalar}: ROWS reduce each run in LANES partial accumulators and
 * then across lanes; COLUMNS keep one accumulator vector per block of columns in a register over all
 * reduced rows; the general loop nest combines contiguous runs in vectors. The op's switch sits in
 * each loop rather than in a helper taking vectors, which C2 could leave un-inlined and box (see
 * {@code ElementwiseVector}). Only loaded when {@code Simd.VECTOR}.
 */
final class ReduceVector {

    private ReduceVector() {}

    static void apply(ReduceOp op, ReducePlan plan, float[] src, int srcOff, float[] dst, int dstOff, int batch) {
        int outer = plan.counts[0] * batch;
        switch (plan.kind) {
            case COPY -> System.arraycopy(src, srcOff, dst, dstOff, outer);
            case ROWS -> {
                int r = plan.counts[1];
                for (int k = 0; k < outer; k++) {
                    dst[dstOff + k] = ReduceScalar.finish(op, reduceRun(op, op.identity(), src, srcOff + k * r, r),
                            plan.reduceCount);
                }
            }
            case COLUMNS -> {
                int r = plan.counts[1];
                int n = plan.counts[2];
                for (int k = 0; k < outer; k++) {
                    columns(op, src, srcOff + k * r * n, r, n, dst, dstOff + k * n, plan.reduceCount);
                }
            }
            case GENERAL -> {
                int n = (int) plan.outLength(batch);
                Arrays.fill(dst, dstOff, dstOff + n, op.identity());
                walk(op, plan, 0, outer, src, srcOff, dst, dstOff);
                ReduceScalar.finish(op, dst, dstOff, n, plan.reduceCount);
            }
        }
    }

    private static void walk(ReduceOp op, ReducePlan plan, int level, int count, float[] src, int srcOff, float[] dst,
                             int dstOff) {
        if (level == plan.counts.length - 1) {
            if (plan.reduced[level]) {
                dst[dstOff] = reduceRun(op, dst[dstOff], src, srcOff, count);
            } else {
                combineRun(op, src, srcOff, dst, dstOff, count);
            }
            return;
        }
        int inner = plan.counts[level + 1];
        for (int i = 0; i < count; i++) {
            walk(op, plan, level + 1, inner, src, srcOff + i * plan.inStrides[level], dst,
                    dstOff + i * plan.outStrides[level]);
        }
    }

    /** acc combined with src[off .. off + n): lanes first, then across lanes, then the tail. */
    private static float reduceRun(ReduceOp op, float acc, float[] src, int off, int n) {
        int upper = F.loopBound(n);
        float result = acc;
        int j = 0;
        if (upper > 0) {
            FloatVector lanes = FloatVector.fromArray(F, src, off);
            for (j = LANES; j < upper; j += LANES) {
                FloatVector x = FloatVector.fromArray(F, src, off + j);
                lanes = switch (op) {
                    case SUM, MEAN -> lanes.add(x);
                    case MAX -> lanes.lanewise(VectorOperators.MAX, x);
                    case MIN -> lanes.lanewise(VectorOperators.MIN, x);
                    case PROD -> lanes.mul(x);
                };
            }
            // One reduceLanes per constant operator: an operator picked at run time is not intrinsified.
            float across = switch (op) {
                case SUM, MEAN -> lanes.reduceLanes(VectorOperators.ADD);
                case MAX -> lanes.reduceLanes(VectorOperators.MAX);
                case MIN -> lanes.reduceLanes(VectorOperators.MIN);
                case PROD -> lanes.reduceLanes(VectorOperators.MUL);
            };
            result = op.combine(result, across);
        }
        for (; j < n; j++) {
            result = op.combine(result, src[off + j]);
        }
        return result;
    }

    /** dst[i] = op(dst[i], src[i]) for i in [0, n). */
    private static void combineRun(ReduceOp op, float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += LANES) {
            FloatVector acc = FloatVector.fromArray(F, dst, dstOff + i);
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            FloatVector r = switch (op) {
                case SUM, MEAN -> acc.add(x);
                case MAX -> acc.lanewise(VectorOperators.MAX, x);
                case MIN -> acc.lanewise(VectorOperators.MIN, x);
                case PROD -> acc.mul(x);
            };
            r.intoArray(dst, dstOff + i);
        }
        for (; i < n; i++) {
            dst[dstOff + i] = op.combine(dst[dstOff + i], src[srcOff + i]);
        }
    }

    /** dst[i] = reduce over j of src[j * n + i]: accumulators stay in registers across the r rows. */
    private static void columns(ReduceOp op, float[] src, int srcOff, int r, int n, float[] dst, int dstOff,
                                int reduceCount) {
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += LANES) {
            FloatVector acc = FloatVector.broadcast(F, op.identity());
            for (int j = 0; j < r; j++) {
                FloatVector x = FloatVector.fromArray(F, src, srcOff + j * n + i);
                acc = switch (op) {
                    case SUM, MEAN -> acc.add(x);
                    case MAX -> acc.lanewise(VectorOperators.MAX, x);
                    case MIN -> acc.lanewise(VectorOperators.MIN, x);
                    case PROD -> acc.mul(x);
                };
            }
            if (op == ReduceOp.MEAN) {
                acc = acc.div(reduceCount);
            }
            acc.intoArray(dst, dstOff + i);
        }
        for (; i < n; i++) {
            float acc = op.identity();
            for (int j = 0; j < r; j++) {
                acc = op.combine(acc, src[srcOff + j * n + i]);
            }
            dst[dstOff + i] = ReduceScalar.finish(op, acc, reduceCount);
        }
    }

}
