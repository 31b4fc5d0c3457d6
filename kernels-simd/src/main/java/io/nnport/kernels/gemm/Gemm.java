package io.nnport.kernels.gemm;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;

/**
 * The GEMM facade: {@code C = epilogue(A x B)} with B packed once at load. Contract (layouts,
 * edges, numerics): the {@linkplain io.nnport.kernels.gemm package documentation}. Runs
 * {@link GemmVariant#DEFAULT}; allocation-free; thread-safe (many callers may share a packed B and
 * a {@link Team}, each with its own scratch and C).
 *
 * <h2>Cache blocking (Sapphire Rapids: 48 KiB L1d, 2 MiB L2 per core; chosen by measurement)</h2>
 * <ul>
 *   <li>{@link #KC} = 512: measured against 256 and 1024 on SGEMM 256..2048 and the charCNN
 *       shapes, 512 was best or within noise everywhere. The B sliver (512 x 32 floats = 64 KiB at
 *       512 bits) no longer fits L1 and streams from L2 (11 bytes per cycle at peak, well within L2
 *       bandwidth), but each extra KC block costs a store and a reload of every C tile, and those
 *       reloads miss L1 (24 lines at once, 1 KiB to 8 KiB apart).</li>
 *   <li>{@link #MC} = 192 rows (a multiple of every MR: 12, 8, 6): the packed A block is
 *       192 x 512 x 4 B = 384 KiB, under a fifth of L2, so it stays there while every B sliver of
 *       the jc block streams past it.</li>
 *   <li>{@link #NC} = 1024 columns: bounds how far apart two uses of a B sliver are (the KC x NC
 *       block, 2 MiB at most); B is pre-packed, so the jc loop packs nothing.</li>
 * </ul>
 * Packed A slivers keep a row stride of KC floats whatever the block's k, so the microkernel's
 * broadcasts address {@code base + p + r * KC}, constant displacements off one register.
 */
public final class Gemm {

    /** Steps of k per block (pc loop). */
    public static final int KC = 512;
    /** Rows of A per packed block (ic loop). */
    public static final int MC = 192;
    /** Columns of B per block (jc loop); rounded down to a multiple of NR. */
    public static final int NC = 1024;
    /**
     * Below this many multiply-adds a call stays on the calling thread: 2^18 take about 4 us on one
     * core, the order of what waking a parked worker costs.
     */
    public static final long PARALLEL_MIN_MACS = 1L << 18;

    private Gemm() {}

    /** Packs the row-major k x n weights {@code b[bOff + p*n + j]} for {@link GemmVariant#DEFAULT}. */
    public static PackedB packB(float[] b, int bOff, int k, int n) {
        return GemmVariant.DEFAULT.packB(b, bOff, n, k, n);
    }

    /**
     * Packs the row-major k x n weights {@code b}, streamed (a weights resource read at load), for
     * {@link GemmVariant#DEFAULT}: each run goes straight into the panels.
     */
    public static PackedB packB(FloatRuns b, int k, int n) {
        return GemmVariant.DEFAULT.packGroups(b, k, n, 1)[0];
    }

    /**
     * Scratch floats {@link #gemm} needs for an m x k A operand with {@code team}: one packed-A block
     * (at most MC x KC) and one edge tile per thread. Size the caller's buffer with it once.
     */
    public static int scratchFloats(int m, int k, Team team) {
        return GemmVariant.DEFAULT.scratchFloatsPerThread(m, k) * team.threads();
    }

    /**
     * {@code c[cOff + i*ldc + j] = e(sum_p a[aOff + i*lda + p] * B(p, j))} for i &lt; m, j &lt; b.n(),
     * p &lt; b.k(). C's previous contents are never read. M = 1 (a dense layer at batch 1) streams the
     * packed weights once (GEMV).
     *
     * @param ctx its scratch holds at least {@link #scratchFloats(int, int, Team)} floats for its team,
     *            which may be {@link Team#SERIAL} or a pool: the result is the same bits for any thread count
     */
    public static void gemm(int m, float[] a, int aOff, int lda, PackedB b, float[] c, int cOff, int ldc,
                            Epilogue e, KernelContext ctx) {
        gemm(m, a, aOff, lda, b, c, cOff, ldc, e, ctx.scratch(), ctx.scratchOffset(), ctx.team());
    }

    /**
     * {@link #gemm(int, float[], int, int, PackedB, float[], int, int, Epilogue, KernelContext)} with its
     * scratch given apart, for kernels that carve their own scratch (a GEMM result block, then this).
     */
    public static void gemm(int m, float[] a, int aOff, int lda, PackedB b, float[] c, int cOff, int ldc,
                            Epilogue e, float[] scratch, int scratchOff, Team team) {
        run(GemmVariant.DEFAULT, m, a, aOff, lda, null, b, c, cOff, ldc, e, 0, scratch, scratchOff, team);
    }

    /**
     * The GEMM of a convolution: A is the {@link Im2col} view of {@code batch} NHWC images at
     * {@code in[inOff]}, C the NHWC output ({@code ldc = b.n()}). Used by {@code Conv}; conv has no
     * GEMM of its own.
     */
    public static void gemm(GemmVariant variant, Im2col view, int batch, float[] in, int inOff, PackedB b,
                            float[] out, int outOff, Epilogue e, float[] scratch, int scratchOff, Team team) {
        gemm(variant, view, batch, in, inOff, b, out, outOff, b.n(), e, 0, scratch, scratchOff, team);
    }

    /**
     * The GEMM of one group of a grouped convolution: A is the {@link Im2col} view of the group's
     * input channels ({@code inOff} at its first channel), C the group's output channels of an NHWC
     * output with {@code ldc} channels ({@code outOff} at its first channel), and column j takes the
     * epilogue's channel {@code firstChannel + j}, so one epilogue of the whole layer serves every group.
     */
    public static void gemm(GemmVariant variant, Im2col view, int batch, float[] in, int inOff, PackedB b,
                            float[] out, int outOff, int ldc, Epilogue e, int firstChannel, float[] scratch,
                            int scratchOff, Team team) {
        int m = batch * view.outH() * view.outW();
        run(variant, m, in, inOff, 0, view, b, out, outOff, ldc, e, firstChannel, scratch, scratchOff, team);
    }

    static void run(GemmVariant variant, int m, float[] a, int aOff, int lda, Im2col im2col, PackedB b,
                    float[] c, int cOff, int ldc, Epilogue e, int firstChannel, float[] scratch, int scratchOff,
                    Team team) {
        int k = b.k();
        int n = b.n();
        check(variant, m, a, aOff, lda, im2col, b, c, cOff, ldc, e, firstChannel, scratch, scratchOff, team);
        if (m == 0) {
            return;
        }
        if (team.threads() == 1 || (long) m * n * k < PARALLEL_MIN_MACS
                || !team.run(variant, m, a, aOff, lda, im2col, b, c, cOff, ldc, e, firstChannel, scratch,
                        scratchOff)) {
            variant.runPart(m, a, aOff, lda, im2col, b, c, cOff, ldc, e, firstChannel, scratch, scratchOff, 0, m,
                    0, n);
        }
    }

    private static void check(GemmVariant variant, int m, float[] a, int aOff, int lda, Im2col im2col,
                              PackedB b, float[] c, int cOff, int ldc, Epilogue e, int firstChannel,
                              float[] scratch, int scratchOff, Team team) {
        int k = b.k();
        int n = b.n();
        if (variant.isVector() && b.nr() != variant.nr()) {
            throw new IllegalArgumentException("B was packed for NR=" + b.nr() + ", variant " + variant
                    + " needs NR=" + variant.nr());
        }
        if (firstChannel < 0) {
            throw new IllegalArgumentException("firstChannel must be >= 0: " + firstChannel);
        }
        if (m < 0 || ldc < n) {
            throw new IllegalArgumentException("gemm needs m >= 0 and ldc >= n: m=" + m + " ldc=" + ldc + " n=" + n);
        }
        if (m == 0) {
            return;
        }
        if (im2col == null) {
            if (lda < k) {
                throw new IllegalArgumentException("lda " + lda + " < k " + k);
            }
            PackedB.checkRange(a, aOff, (long) (m - 1) * lda + k, "a");
        } else {
            if (im2col.k() != k) {
                throw new IllegalArgumentException("convolution k " + im2col.k() + " != packed weights k " + k);
            }
            PackedB.checkRange(a, aOff, im2col.inputSpan(m / (im2col.outH() * im2col.outW())), "input");
        }
        PackedB.checkRange(c, cOff, (long) (m - 1) * ldc + n, "c");
        checkChannels(e.scale(), firstChannel + n, "scale");
        checkChannels(e.shift(), firstChannel + n, "shift");
        PackedB.checkRange(scratch, scratchOff, (long) variant.scratchFloatsPerThread(m, k) * team.threads(),
                "scratch");
    }

    private static void checkChannels(float[] values, int n, String name) {
        if (values != null && values.length < n) {
            throw new IllegalArgumentException("epilogue " + name + " has " + values.length + " values, needs " + n);
        }
    }
}
