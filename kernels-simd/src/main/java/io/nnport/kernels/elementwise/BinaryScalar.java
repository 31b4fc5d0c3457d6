package io.nnport.kernels.elementwise;

/**
 * The scalar twin of {@link Binary}: same signature and loop structure, {@link BinaryOp#apply} per
 * element, no argument checks.
 */
public final class BinaryScalar {

    private BinaryScalar() {}

    /** See {@link Binary#apply}. */
    public static void apply(BinaryOp op, BroadcastPlan plan, float[] a, int aOff, float[] b, int bOff, float[] out,
                             int outOff, int batch) {
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

    private static void run(BinaryOp op, float[] a, int aOff, int as, float[] b, int bOff, int bs, float[] out,
                            int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = op.apply(a[aOff + i * as], b[bOff + i * bs]);
        }
    }
}
