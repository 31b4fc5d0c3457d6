package io.nnport.kernels.matmul;

import io.nnport.kernels.Dims;

/**
 * The geometry of TensorFlow's {@code BatchMatMulV2} (and MatMul of two runtime tensors) for two
 * shapes, made once at model load so that {@link BatchMatMul#matmul} allocates nothing.
 *
 * <h2>Shapes</h2>
 * {@code a} is {@code [..., M, K]} ({@code [..., K, M]} with adjX), {@code b} is {@code [..., K, N]}
 * ({@code [..., N, K]} with adjY), the output {@code [..., M, N]}; adj means transposed (real
 * numbers: adjoint and transpose agree). The leading "batch" axes broadcast as in NumPy, aligned at
 * their end: equal, or 1 against anything. {@link Dims#BATCH} may be axis 0 of either operand and
 * becomes axis 0 of the output, so it must align with BATCH, with 1 or with nothing; it may not stand
 * for M (a rank-2 operand's axis 0). Example: {@code [2, 1, 3, 4] x [5, 4, 6] -> [2, 5, 3, 6]}.
 *
 * <h2>Plan</h2>
 * The output's matrices per batch entry are numbered row-major over its (non-BATCH) batch axes; for
 * each the plan holds the index of the a and b matrix it reads, within one batch entry of that
 * operand. An operand without BATCH is shared by every batch entry.
 */
public final class BatchMatMulPlan {

    private final int[] aShape;
    private final int[] bShape;
    private final int[] outShape;
    final int m;
    final int k;
    final int n;
    final boolean adjX;
    final boolean adjY;
    private final boolean aBatched;
    private final boolean bBatched;
    /** Matrices per batch entry of a, of b and of the output. */
    private final int aMatrices;
    private final int bMatrices;
    final int outMatrices;
    /** Per output matrix of a batch entry: the a and b matrix it multiplies. */
    final int[] aIndex;
    final int[] bIndex;

    private BatchMatMulPlan(int[] aShape, int[] bShape, boolean adjX, boolean adjY) {
        this.aShape = Dims.copy(aShape);
        this.bShape = Dims.copy(bShape);
        this.adjX = adjX;
        this.adjY = adjY;
        Dims.sampleSize(aShape, "matmul a");
        Dims.sampleSize(bShape, "matmul b");
        int ra = aShape.length;
        int rb = bShape.length;
        if (ra < 2 || rb < 2) {
            throw mismatch("both operands need rank >= 2");
        }
        if ((ra == 2 && Dims.isBatched(aShape)) || (rb == 2 && Dims.isBatched(bShape))) {
            throw mismatch("the batch axis may not be a matrix axis (use Gemm for [?, K] x weights)");
        }
        this.aBatched = Dims.isBatched(aShape);
        this.bBatched = Dims.isBatched(bShape);
        this.m = adjX ? aShape[ra - 1] : aShape[ra - 2];
        int ka = adjX ? aShape[ra - 2] : aShape[ra - 1];
        int kb = adjY ? bShape[rb - 1] : bShape[rb - 2];
        this.n = adjY ? bShape[rb - 2] : bShape[rb - 1];
        if (ka != kb) {
            throw mismatch("inner dimensions " + ka + " and " + kb + " differ");
        }
        this.k = ka;

        int batchRank = Math.max(ra, rb) - 2;
        int[] a = align(aShape, ra - 2, batchRank);
        int[] b = align(bShape, rb - 2, batchRank);
        int[] out = new int[batchRank];
        for (int i = 0; i < batchRank; i++) {
            if (a[i] == b[i] || b[i] == 1) {
                out[i] = a[i];
            } else if (a[i] == 1) {
                out[i] = b[i];
            } else {
                throw mismatch("batch axis " + i + " of the output: " + dim(a[i]) + " vs " + dim(b[i]));
            }
            if (out[i] == Dims.BATCH && i > 0) {
                throw mismatch("the batch axis must be axis 0 of the output");
            }
        }
        this.outShape = new int[batchRank + 2];
        System.arraycopy(out, 0, outShape, 0, batchRank);
        outShape[batchRank] = m;
        outShape[batchRank + 1] = n;

        // Row-major strides (in matrices) of each operand's batch axes, 0 where it is broadcast; the BATCH axis is the run-time loop.
        int[] aStrides = new int[batchRank];
        int[] bStrides = new int[batchRank];
        int aCount = 1;
        int bCount = 1;
        int outCount = 1;
        for (int i = batchRank - 1; i >= 0; i--) {
            boolean runtime = out[i] == Dims.BATCH;
            aStrides[i] = a[i] == 1 || runtime ? 0 : aCount;
            bStrides[i] = b[i] == 1 || runtime ? 0 : bCount;
            aCount *= a[i] == 1 || a[i] == Dims.BATCH ? 1 : a[i];
            bCount *= b[i] == 1 || b[i] == Dims.BATCH ? 1 : b[i];
            outCount *= runtime ? 1 : out[i];
        }
        this.aMatrices = aCount;
        this.bMatrices = bCount;
        this.outMatrices = outCount;
        this.aIndex = new int[outCount];
        this.bIndex = new int[outCount];
        for (int t = 0; t < outCount; t++) {
            int rest = t;
            int ai = 0;
            int bi = 0;
            for (int i = batchRank - 1; i >= 0; i--) {
                int d = out[i] == Dims.BATCH ? 1 : out[i];
                int idx = rest % d;
                rest /= d;
                ai += idx * aStrides[i];
                bi += idx * bStrides[i];
            }
            aIndex[t] = ai;
            bIndex[t] = bi;
        }
    }

    /**
     * The plan for {@code adjX(a) x adjY(b)}.
     *
     * @throws IllegalArgumentException if an operand has rank below 2, the inner dimensions differ,
     *         the batch axes do not broadcast, or BATCH is anywhere but axis 0 of the output
     */
    public static BatchMatMulPlan of(int[] aShape, int[] bShape, boolean adjX, boolean adjY) {
        return new BatchMatMulPlan(aShape, bShape, adjX, adjY);
    }

    /** The output shape, BATCH at axis 0 when either operand has it. */
    public int[] outShape() {
        return Dims.copy(outShape);
    }

    /** Floats of a for {@code batch}: {@code batch x} its sample size when a has BATCH, else its size. */
    public long aLength(int batch) {
        return (aBatched ? (long) batch : 1L) * aMatrices * m * k;
    }

    /** Floats of b for {@code batch}. */
    public long bLength(int batch) {
        return (bBatched ? (long) batch : 1L) * bMatrices * k * n;
    }

    /** Floats of the output for {@code batch}: always {@code batch x} the output's sample size. */
    public long outLength(int batch) {
        return (long) batch * outMatrices * m * n;
    }

    /** Scratch floats a call needs: one transposed b matrix with adjY, else none. */
    public int scratchFloats() {
        return adjY ? k * n : 0;
    }

    /** Offset, in a, of the matrix output matrix {@code t} of batch entry {@code s} reads. */
    int aMatrix(int s, int t) {
        return ((aBatched ? s * aMatrices : 0) + aIndex[t]) * m * k;
    }

    /** Offset, in b, of the matrix output matrix {@code t} of batch entry {@code s} reads. */
    int bMatrix(int s, int t) {
        return ((bBatched ? s * bMatrices : 0) + bIndex[t]) * k * n;
    }

    @Override
    public String toString() {
        return "BatchMatMulPlan[" + Dims.toString(aShape) + (adjX ? "^T" : "") + " x " + Dims.toString(bShape)
                + (adjY ? "^T" : "") + " -> " + Dims.toString(outShape) + "]";
    }

    private static int[] align(int[] shape, int batchAxes, int rank) {
        int[] aligned = new int[rank];
        int pad = rank - batchAxes;
        for (int i = 0; i < rank; i++) {
            aligned[i] = i < pad ? 1 : shape[i - pad];
        }
        return aligned;
    }

    private IllegalArgumentException mismatch(String why) {
        return new IllegalArgumentException("matmul of " + Dims.toString(aShape) + " and " + Dims.toString(bShape)
                + ": " + why);
    }

    private static String dim(int d) {
        return d == Dims.BATCH ? "?" : Integer.toString(d);
    }
}
