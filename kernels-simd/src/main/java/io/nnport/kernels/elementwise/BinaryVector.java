package io.nnport.kernels.elementwise;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector twin of {@link BinaryScalar}: the same loops, the innermost one (contiguous in the
 * output, stride 1 or 0 in each operand) in vectors. Only loaded when {@code Simd.VECTOR}.
 */
final class BinaryVector {

    private BinaryVector() {}

    static void apply(BinaryOp op, BroadcastPlan plan, float[] a, int aOff, float[] b, int bOff, float[] out,
                      int outOff, int batch) {
        if (plan.counts[plan.counts.length - 1] < LANES && plan.counts.length > 1) {
            // Runs shorter than a vector (a [rows, 3] + [3]) would all be tails: the scalar loops are faster.
            BinaryScalar.apply(op, plan, a, aOff, b, bOff, out, outOff, batch);
            return;
        }
        walk(op, plan, 0, plan.counts[0] * batch, a, aOff, b, bOff, out, outOff);
    }

    private static void walk(BinaryOp op, BroadcastPlan plan, int level, int count, float[] a, int aOff, float[] b,
                             int bOff, float[] out, int outOff) {
        int last = plan.counts.length - 1;
        int as = plan.aStrides[level];
        int bs = plan.bStrides[level];
        if (level == last) {
            run(op, a, aOff, as, b, bOff, bs, out, outOff, count);
            return;
        }
        int os = plan.outStrides[level];
        int inner = plan.counts[level + 1];
        if (level == last - 1) {
            // Rows of the innermost run without a call per row: short runs (a [rows, 3] + [3]) are common.
            int innerAs = plan.aStrides[last];
            int innerBs = plan.bStrides[last];
            for (int i = 0; i < count; i++) {
                run(op, a, aOff + i * as, innerAs, b, bOff + i * bs, innerBs, out, outOff + i * os, inner);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            walk(op, plan, level + 1, inner, a, aOff + i * as, b, bOff + i * bs, out, outOff + i * os);
        }
    }

    /** One contiguous output run; each operand advances by 1 or 0 per element. */
    private static void run(BinaryOp op, float[] a, int aOff, int as, float[] b, int bOff, int bs, float[] out,
                            int outOff, int n) {
        if (as == 1 && bs == 1) {
            both(op, a, aOff, b, bOff, out, outOff, n);
        } else if (as == 1) {
            scalarB(op, a, aOff, b[bOff], out, outOff, n);
        } else if (bs == 1) {
            scalarA(op, a[aOff], b, bOff, out, outOff, n);
        } else {
            Arrays.fill(out, outOff, outOff + n, op.apply(a[aOff], b[bOff]));
        }
    }

    // The operation's switch sits inside each loop, not in a helper taking vectors: a helper that C2
    // has compiled on its own is "already compiled into a big method" and is then called, boxing both
    // operands and the result of every vector (see ElementwiseVector).

    private static void both(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += LANES) {
            FloatVector va = FloatVector.fromArray(F, a, aOff + i);
            FloatVector vb = FloatVector.fromArray(F, b, bOff + i);
            FloatVector r = switch (op) {
                case ADD -> va.add(vb);
                case SUB -> va.sub(vb);
                case MUL -> va.mul(vb);
                case DIV -> va.div(vb);
                case MAX -> va.lanewise(VectorOperators.MAX, vb);
                case MIN -> va.lanewise(VectorOperators.MIN, vb);
                case SQUARED_DIFFERENCE -> va.sub(vb).mul(va.sub(vb));
            };
            r.intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = op.apply(a[aOff + i], b[bOff + i]);
        }
    }

    private static void scalarB(BinaryOp op, float[] a, int aOff, float b, float[] out, int outOff, int n) {
        int upper = F.loopBound(n);
        FloatVector vb = FloatVector.broadcast(F, b);
        int i = 0;
        for (; i < upper; i += LANES) {
            FloatVector va = FloatVector.fromArray(F, a, aOff + i);
            FloatVector r = switch (op) {
                case ADD -> va.add(vb);
                case SUB -> va.sub(vb);
                case MUL -> va.mul(vb);
                case DIV -> va.div(vb);
                case MAX -> va.lanewise(VectorOperators.MAX, vb);
                case MIN -> va.lanewise(VectorOperators.MIN, vb);
                case SQUARED_DIFFERENCE -> va.sub(vb).mul(va.sub(vb));
            };
            r.intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = op.apply(a[aOff + i], b);
        }
    }

    private static void scalarA(BinaryOp op, float a, float[] b, int bOff, float[] out, int outOff, int n) {
        int upper = F.loopBound(n);
        FloatVector va = FloatVector.broadcast(F, a);
        int i = 0;
        for (; i < upper; i += LANES) {
            FloatVector vb = FloatVector.fromArray(F, b, bOff + i);
            FloatVector r = switch (op) {
                case ADD -> va.add(vb);
                case SUB -> va.sub(vb);
                case MUL -> va.mul(vb);
                case DIV -> va.div(vb);
                case MAX -> va.lanewise(VectorOperators.MAX, vb);
                case MIN -> va.lanewise(VectorOperators.MIN, vb);
                case SQUARED_DIFFERENCE -> va.sub(vb).mul(va.sub(vb));
            };
            r.intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = op.apply(a, b[bOff + i]);
        }
    }
}
