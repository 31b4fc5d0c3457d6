package io.nnport.kernels.vector.gemm;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.elementwise.Elementwise;
import io.nnport.kernels.gemm.Gemm;
import io.nnport.kernels.gemm.Im2col;
import io.nnport.kernels.gemm.PackedB;
import io.nnport.kernels.vector.Species;
import io.nnport.kernels.vector.VectorMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector GEMM: the BLIS loop nest over the hand-written register tiles 12x2, 8x3 and 6x2
 * (rows x vectors of {@link Species#F}), and the GEMV path for M = 1. Contract, layouts and the
 * numeric rules it keeps: the {@code io.nnport.kernels.gemm} package documentation. Loaded only when
 * {@link io.nnport.kernels.Simd#VECTOR} is true.
 *
 * <p>Each microkernel keeps its tile in named locals (C2 maps them onto registers: 24 accumulators,
 * one vector per B column group, one broadcast) and walks k with indices linear in p so the bounds
 * checks hoist. The last KC block's tile then gets the epilogue while it is in L1
 * ({@link #finishTile}): scale and shift by one fma, the clamp by compare-and-blend (NaN passes
 * through, as in {@link Epilogue#apply}), the activation by {@link Elementwise}.
 */
public final class GemmVector {

    private static final VectorSpecies<Float> F = Species.F;
    private static final int L = Species.LANES;
    /** Row stride of a packed A sliver: constant, so a broadcast's address is base + p + constant. */
    private static final int KC = Gemm.KC;
    /*
     * Vector code here is straight-line: where vectors from two branches meet in a phi, C2 (17)
     * boxes them, and in a microkernel that means every accumulator on every k step (30x slower).
     * So a branch picks an array, never a vector: the first block starts from ZEROS, and the epilogue
     * reads ones and -0 for a missing scale and shift (VectorMath.scaleAt).
     */
    private static final float[] ZEROS = new float[L];

    private GemmVector() {}

    /** True on machines whose preferred vectors are 512 bits wide: AVX-512, with 32 vector registers. */
    public static boolean hasThirtyTwoRegisters() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    }

    /**
     * Rows [rowFrom, rowTo) x columns [colFrom, colTo) of C (colFrom a multiple of NR) with the
     * mr x vectors tile; scratch holds one edge tile (MR x NR) then the packed A block. Column j
     * takes the epilogue's channel firstChannel + j.
     */
    public static void run(int mr, int vectors, int m, float[] a, int aOff, int lda, Im2col im2col, PackedB b,
                           float[] c, int cOff, int ldc, Epilogue e, int firstChannel, float[] scratch,
                           int scratchOff, int rowFrom, int rowTo, int colFrom, int colTo) {
        int nr = vectors * L;
        if (m == 1 && im2col == null) {
            gemv(a, aOff, b, c, cOff, e, firstChannel, scratch, scratchOff, colFrom, colTo);
            return;
        }
        int k = b.k();
        float[] bd = b.data();
        int tile = scratchOff;
        int packed = scratchOff + mr * nr;
        int ncBlock = Math.max(nr, Gemm.NC / nr * nr);
        for (int jc = colFrom; jc < colTo; jc += ncBlock) {
            int ncCur = Math.min(ncBlock, colTo - jc);
            // k = 0 still runs one (empty) block: C = epilogue(0).
            for (int pc = 0; pc == 0 || pc < k; pc += Gemm.KC) {
                int kcCur = Math.min(Gemm.KC, k - pc);
                boolean first = pc == 0;
                Epilogue last = pc + kcCur >= k ? e : null;
                for (int ic = rowFrom; ic < rowTo; ic += Gemm.MC) {
                    int mcCur = Math.min(Gemm.MC, rowTo - ic);
                    if (im2col == null) {
                        Im2col.packMatrix(a, aOff, lda, ic, mcCur, pc, kcCur, mr, scratch, packed);
                    } else {
                        im2col.pack(a, aOff, ic, mcCur, pc, kcCur, mr, scratch, packed);
                    }
                    for (int jr = 0; jr < ncCur; jr += nr) {
                        int nrCur = Math.min(nr, ncCur - jr);
                        int col = jc + jr;
                        int bOff = col * k + pc * nr; // panel col / nr starts at (col / nr) * k * nr
                        for (int ir = 0; ir < mcCur; ir += mr) {
                            int mrCur = Math.min(mr, mcCur - ir);
                            int aPanel = packed + ir * Gemm.KC;
                            int cAt = cOff + (ic + ir) * ldc + col;
                            int channel = firstChannel + col;
                            if (mrCur == mr && nrCur == nr) {
                                computeTile(mr, vectors, kcCur, scratch, aPanel, bd, bOff, c, cAt, ldc, !first, last,
                                        channel);
                            } else {
                                edge(mr, vectors, kcCur, scratch, aPanel, bd, bOff, c, cAt, ldc, first, last, channel,
                                        mrCur, nrCur, tile);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * C's partial sum at {@code at} when {@code load}, else zero (the first block never reads C).
     * Selects the array, not the vector: vectors from two branches meeting in a phi make C2 box
     * them. Kept under 35 bytes of bytecode, C2's inlining limit for call sites outside loops: a
     * vector returned from a call that is not inlined is boxed.
     */
    private static FloatVector start(float[] c, int at, boolean load) {
        return FloatVector.fromArray(F, load ? c : ZEROS, load ? at : 0);
    }

    /**
     * A tile cut by m or n: computed whole in the scratch tile, its valid part copied to C; its
     * first column takes the epilogue's channel {@code channel}.
     */
    private static void edge(int mr, int vectors, int kc, float[] a, int aOff, float[] b, int bOff, float[] c,
                             int cAt, int ldc, boolean first, Epilogue last, int channel, int mrCur, int nrCur,
                             int tile) {
        int nr = vectors * L;
        if (!first) {
            for (int r = 0; r < mrCur; r++) {
                System.arraycopy(c, cAt + r * ldc, a, tile + r * nr, nrCur);
            }
        }
        // A narrow tile's epilogue runs on the copy: scale and shift hold only n values.
        boolean narrow = nrCur < nr;
        computeTile(mr, vectors, kc, a, aOff, b, bOff, a, tile, nr, !first, narrow ? null : last, channel);
        if (narrow && last != null) {
            for (int r = 0; r < mrCur; r++) {
                for (int j = 0; j < nrCur; j++) {
                    c[cAt + r * ldc + j] = last.apply(a[tile + r * nr + j], channel + j);
                }
            }
        } else {
            for (int r = 0; r < mrCur; r++) {
                System.arraycopy(a, tile + r * nr, c, cAt + r * ldc, nrCur);
            }
        }
    }

    /**
     * One tile: kc steps of A x B onto zero or C's partial sums, then the epilogue (from channel
     * {@code channel}) if this is the last block.
     */
    private static void computeTile(int mr, int vectors, int kc, float[] a, int aOff, float[] b, int bOff,
                                    float[] c, int cOff, int ldc, boolean load, Epilogue last, int channel) {
        if (mr == 12) {
            kernel12x2(kc, a, aOff, b, bOff, c, cOff, ldc, load);
        } else if (mr == 8) {
            kernel8x3(kc, a, aOff, b, bOff, c, cOff, ldc, load);
        } else {
            kernel6x2(kc, a, aOff, b, bOff, c, cOff, ldc, load);
        }
        if (last != null) {
            finishTile(c, cOff, ldc, mr, vectors, last, channel);
        }
    }

    /**
     * {@code kc} itself (never above KC), in a form C2 can bound: a k loop C2 knows runs at most
     * LoopStripMiningIter (1000) times is not strip-mined. Under G1 (the default collector, which
     * turns strip mining on) the strip-mined form of the microkernels' k loop ran 25-30% slower on
     * JDK 17 (charCNN conv1: 1.58 ms against 1.23 ms with -XX:LoopStripMiningIter=0 or Serial GC).
     */
    private static int shortLoop(int kc) {
        return Math.min(kc, KC);
    }

    /** 12 rows x 2 vectors: 24 accumulators; per k step 2 loads of B, 12 broadcasts of A, 24 fma. */
    static void kernel12x2(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                            boolean load) {
        final int nr = 2 * L;
        FloatVector c00 = start(c, cOff, load); FloatVector c01 = start(c, cOff + L, load);
        FloatVector c10 = start(c, cOff + ldc, load); FloatVector c11 = start(c, cOff + ldc + L, load);
        FloatVector c20 = start(c, cOff + 2 * ldc, load); FloatVector c21 = start(c, cOff + 2 * ldc + L, load);
        FloatVector c30 = start(c, cOff + 3 * ldc, load); FloatVector c31 = start(c, cOff + 3 * ldc + L, load);
        FloatVector c40 = start(c, cOff + 4 * ldc, load); FloatVector c41 = start(c, cOff + 4 * ldc + L, load);
        FloatVector c50 = start(c, cOff + 5 * ldc, load); FloatVector c51 = start(c, cOff + 5 * ldc + L, load);
        FloatVector c60 = start(c, cOff + 6 * ldc, load); FloatVector c61 = start(c, cOff + 6 * ldc + L, load);
        FloatVector c70 = start(c, cOff + 7 * ldc, load); FloatVector c71 = start(c, cOff + 7 * ldc + L, load);
        FloatVector c80 = start(c, cOff + 8 * ldc, load); FloatVector c81 = start(c, cOff + 8 * ldc + L, load);
        FloatVector c90 = start(c, cOff + 9 * ldc, load); FloatVector c91 = start(c, cOff + 9 * ldc + L, load);
        FloatVector c100 = start(c, cOff + 10 * ldc, load); FloatVector c101 = start(c, cOff + 10 * ldc + L, load);
        FloatVector c110 = start(c, cOff + 11 * ldc, load); FloatVector c111 = start(c, cOff + 11 * ldc + L, load);
        for (int p = 0, steps = shortLoop(kc); p < steps; p++) {
            int ai = aOff + p;
            int bi = bOff + p * nr;
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(F, a[ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[ai + KC]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[ai + 2 * KC]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[ai + 3 * KC]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(F, a[ai + 4 * KC]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(F, a[ai + 5 * KC]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(F, a[ai + 6 * KC]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(F, a[ai + 7 * KC]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(F, a[ai + 8 * KC]); c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(F, a[ai + 9 * KC]); c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = FloatVector.broadcast(F, a[ai + 10 * KC]); c100 = x.fma(b0, c100); c101 = x.fma(b1, c101);
            x = FloatVector.broadcast(F, a[ai + 11 * KC]); c110 = x.fma(b0, c110); c111 = x.fma(b1, c111);
        }
        c00.intoArray(c, cOff); c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc); c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc); c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc); c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc); c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc); c51.intoArray(c, cOff + 5 * ldc + L);
        c60.intoArray(c, cOff + 6 * ldc); c61.intoArray(c, cOff + 6 * ldc + L);
        c70.intoArray(c, cOff + 7 * ldc); c71.intoArray(c, cOff + 7 * ldc + L);
        c80.intoArray(c, cOff + 8 * ldc); c81.intoArray(c, cOff + 8 * ldc + L);
        c90.intoArray(c, cOff + 9 * ldc); c91.intoArray(c, cOff + 9 * ldc + L);
        c100.intoArray(c, cOff + 10 * ldc); c101.intoArray(c, cOff + 10 * ldc + L);
        c110.intoArray(c, cOff + 11 * ldc); c111.intoArray(c, cOff + 11 * ldc + L);
    }

    /** 8 rows x 3 vectors: 24 accumulators; per k step 3 loads of B, 8 broadcasts of A, 24 fma. */
    static void kernel8x3(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                            boolean load) {
        final int nr = 3 * L;
        FloatVector c00 = start(c, cOff, load); FloatVector c01 = start(c, cOff + L, load);
        FloatVector c02 = start(c, cOff + 2 * L, load);
        FloatVector c10 = start(c, cOff + ldc, load); FloatVector c11 = start(c, cOff + ldc + L, load);
        FloatVector c12 = start(c, cOff + ldc + 2 * L, load);
        FloatVector c20 = start(c, cOff + 2 * ldc, load); FloatVector c21 = start(c, cOff + 2 * ldc + L, load);
        FloatVector c22 = start(c, cOff + 2 * ldc + 2 * L, load);
        FloatVector c30 = start(c, cOff + 3 * ldc, load); FloatVector c31 = start(c, cOff + 3 * ldc + L, load);
        FloatVector c32 = start(c, cOff + 3 * ldc + 2 * L, load);
        FloatVector c40 = start(c, cOff + 4 * ldc, load); FloatVector c41 = start(c, cOff + 4 * ldc + L, load);
        FloatVector c42 = start(c, cOff + 4 * ldc + 2 * L, load);
        FloatVector c50 = start(c, cOff + 5 * ldc, load); FloatVector c51 = start(c, cOff + 5 * ldc + L, load);
        FloatVector c52 = start(c, cOff + 5 * ldc + 2 * L, load);
        FloatVector c60 = start(c, cOff + 6 * ldc, load); FloatVector c61 = start(c, cOff + 6 * ldc + L, load);
        FloatVector c62 = start(c, cOff + 6 * ldc + 2 * L, load);
        FloatVector c70 = start(c, cOff + 7 * ldc, load); FloatVector c71 = start(c, cOff + 7 * ldc + L, load);
        FloatVector c72 = start(c, cOff + 7 * ldc + 2 * L, load);
        for (int p = 0, steps = shortLoop(kc); p < steps; p++) {
            int ai = aOff + p;
            int bi = bOff + p * nr;
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(F, b, bi + 2 * L);
            FloatVector x;
            x = FloatVector.broadcast(F, a[ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(F, a[ai + KC]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(F, a[ai + 2 * KC]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(F, a[ai + 3 * KC]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32);
            x = FloatVector.broadcast(F, a[ai + 4 * KC]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42);
            x = FloatVector.broadcast(F, a[ai + 5 * KC]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52);
            x = FloatVector.broadcast(F, a[ai + 6 * KC]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61); c62 = x.fma(b2, c62);
            x = FloatVector.broadcast(F, a[ai + 7 * KC]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71); c72 = x.fma(b2, c72);
        }
        c00.intoArray(c, cOff); c01.intoArray(c, cOff + L); c02.intoArray(c, cOff + 2 * L);
        c10.intoArray(c, cOff + ldc); c11.intoArray(c, cOff + ldc + L); c12.intoArray(c, cOff + ldc + 2 * L);
        c20.intoArray(c, cOff + 2 * ldc); c21.intoArray(c, cOff + 2 * ldc + L);
        c22.intoArray(c, cOff + 2 * ldc + 2 * L);
        c30.intoArray(c, cOff + 3 * ldc); c31.intoArray(c, cOff + 3 * ldc + L);
        c32.intoArray(c, cOff + 3 * ldc + 2 * L);
        c40.intoArray(c, cOff + 4 * ldc); c41.intoArray(c, cOff + 4 * ldc + L);
        c42.intoArray(c, cOff + 4 * ldc + 2 * L);
        c50.intoArray(c, cOff + 5 * ldc); c51.intoArray(c, cOff + 5 * ldc + L);
        c52.intoArray(c, cOff + 5 * ldc + 2 * L);
        c60.intoArray(c, cOff + 6 * ldc); c61.intoArray(c, cOff + 6 * ldc + L);
        c62.intoArray(c, cOff + 6 * ldc + 2 * L);
        c70.intoArray(c, cOff + 7 * ldc); c71.intoArray(c, cOff + 7 * ldc + L);
        c72.intoArray(c, cOff + 7 * ldc + 2 * L);
    }

    /** 6 rows x 2 vectors: 12 accumulators, 15 registers in all: fits AVX2's 16. */
    static void kernel6x2(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                            boolean load) {
        final int nr = 2 * L;
        FloatVector c00 = start(c, cOff, load); FloatVector c01 = start(c, cOff + L, load);
        FloatVector c10 = start(c, cOff + ldc, load); FloatVector c11 = start(c, cOff + ldc + L, load);
        FloatVector c20 = start(c, cOff + 2 * ldc, load); FloatVector c21 = start(c, cOff + 2 * ldc + L, load);
        FloatVector c30 = start(c, cOff + 3 * ldc, load); FloatVector c31 = start(c, cOff + 3 * ldc + L, load);
        FloatVector c40 = start(c, cOff + 4 * ldc, load); FloatVector c41 = start(c, cOff + 4 * ldc + L, load);
        FloatVector c50 = start(c, cOff + 5 * ldc, load); FloatVector c51 = start(c, cOff + 5 * ldc + L, load);
        for (int p = 0, steps = shortLoop(kc); p < steps; p++) {
            int ai = aOff + p;
            int bi = bOff + p * nr;
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(F, a[ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[ai + KC]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[ai + 2 * KC]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[ai + 3 * KC]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(F, a[ai + 4 * KC]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(F, a[ai + 5 * KC]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        c00.intoArray(c, cOff); c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc); c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc); c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc); c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc); c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc); c51.intoArray(c, cOff + 5 * ldc + L);
    }

    /**
     * M = 1: each output column is one fma chain down a column of packed B, so the weights are
     * streamed once. Four column vectors at a time give four independent chains (and four read
     * streams) to hide the fma latency behind the memory traffic that bounds a batch-1 dense layer.
     */
    private static void gemv(float[] a, int aOff, PackedB b, float[] c, int cOff, Epilogue e, int firstChannel,
                             float[] scratch, int tile, int colFrom, int colTo) {
        float[] bd = b.data();
        int k = b.k();
        int nr = b.nr();
        int col = colFrom;
        for (; col + 4 * L <= colTo; col += 4 * L) {
            int o0 = b.index(0, col);
            int o1 = b.index(0, col + L);
            int o2 = b.index(0, col + 2 * L);
            int o3 = b.index(0, col + 3 * L);
            FloatVector y0 = FloatVector.zero(F), y1 = y0, y2 = y0, y3 = y0;
            for (int p = 0; p < k; p++) {
                FloatVector x = FloatVector.broadcast(F, a[aOff + p]);
                int step = p * nr;
                y0 = x.fma(FloatVector.fromArray(F, bd, o0 + step), y0);
                y1 = x.fma(FloatVector.fromArray(F, bd, o1 + step), y1);
                y2 = x.fma(FloatVector.fromArray(F, bd, o2 + step), y2);
                y3 = x.fma(FloatVector.fromArray(F, bd, o3 + step), y3);
            }
            y0.intoArray(c, cOff + col);
            y1.intoArray(c, cOff + col + L);
            y2.intoArray(c, cOff + col + 2 * L);
            y3.intoArray(c, cOff + col + 3 * L);
        }
        for (; col < colTo; col += L) {
            int o = b.index(0, col);
            FloatVector y = FloatVector.zero(F);
            for (int p = 0; p < k; p++) {
                y = FloatVector.broadcast(F, a[aOff + p]).fma(FloatVector.fromArray(F, bd, o + p * nr), y);
            }
            // Stored at once, never handed to a method: a vector argument of a call C2 does not inline is boxed.
            y.intoArray(scratch, tile);
            int width = Math.min(L, colTo - col);
            System.arraycopy(scratch, tile, c, cOff + col, width);
        }
        // The epilogue over the whole row: vectors where all L columns exist, the scalar one on the rest.
        int vectors = (colTo - colFrom) / L;
        finishTile(c, cOff + colFrom, 0, 1, vectors, e, firstChannel + colFrom);
        for (int j = colFrom + vectors * L; j < colTo; j++) {
            c[cOff + j] = e.apply(c[cOff + j], firstChannel + j);
        }
    }

    /**
     * The epilogue, from channel {@code channel} on, over a stored rows x (vectors * L) tile, right
     * after the microkernel wrote it (it is in L1). Not fused into the microkernels: there C2 hoisted the epilogue's loads above the k loop,
     * and the extra live vectors made it spill accumulators (measured 40% slower).
     */
    private static void finishTile(float[] c, int cOff, int ldc, int rows, int vectors, Epilogue e, int channel) {
        // Straight-line, as VectorMath's epilogue is and for its reason: always the fma and the clamp.
        float lo = e.clampMin();
        float hi = e.clampMax();
        for (int v = 0; v < vectors; v++) {
            FloatVector scale = VectorMath.scaleAt(e, channel + v * L);
            FloatVector shift = VectorMath.shiftAt(e, channel + v * L);
            for (int r = 0; r < rows; r++) {
                int at = cOff + r * ldc + v * L;
                VectorMath.clamp(FloatVector.fromArray(F, c, at).fma(scale, shift), lo, hi).intoArray(c, at);
            }
        }
        Activation activation = e.activation();
        if (activation != Activation.NONE) {
            // Elementwise runs one loop per activation: VectorMath.apply's switch, inlined here with
            // several activations in the profile, would merge their vectors in a phi and box them.
            for (int r = 0; r < rows; r++) {
                Elementwise.apply(activation, e.alpha(), c, cOff + r * ldc, c, cOff + r * ldc, vectors * L);
            }
        }
    }
}
