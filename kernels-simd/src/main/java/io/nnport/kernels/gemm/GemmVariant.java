package io.nnport.kernels.gemm;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Simd;
import io.nnport.kernels.vector.gemm.GemmVector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The registry of GEMM implementations: the scalar twin and each hand-written vector tile shape.
 * Tests ({@code @TestFactory}) and benchmarks ({@code @Param}) iterate {@link #available()}; the
 * facade {@link Gemm} runs {@link #DEFAULT}.
 *
 * <p>A vector tile is MR rows by {@code vectors} vectors of {@link Simd#lanes()} floats (NR columns).
 * Accumulators take MR x vectors registers, plus one per vector of B and one broadcast of A:
 * 12x2 and 8x3 use 24 + 3 or 4 of the 32 AVX-512 registers; 6x2 fits the 16 registers of AVX2.
 * Measured on Sapphire Rapids (jmh/results/kernels.md): at 512 bits 12x2 leads on every shape but
 * 2048^3, by 10-25% over 8x3 (partly because 48-column panels leave a narrow last panel on every
 * power-of-two width, which goes through the scratch tile); at 256 bits 12x2 and 8x3 are within a
 * few percent; at 128 bits all three are within noise. So 12x2 wherever there are 32 registers, 6x2
 * elsewhere.
 */
public enum GemmVariant {
    /** {@link GemmScalar}: the reference triple loop. Reads B packed for any NR. */
    SCALAR(1, 0),
    /** 12 rows x 2 vectors: the default where 32 vector registers exist (AVX-512). */
    V12X2(12, 2),
    /** 8 rows x 3 vectors: fewer broadcasts per fma than 12x2, more B loads. */
    V8X3(8, 3),
    /** 6 rows x 2 vectors: 15 registers, for 16-register machines (AVX2). */
    V6X2(6, 2);

    /** NR the scalar path packs for; any width works, 16 keeps the panels cache-friendly. */
    static final int SCALAR_NR = 16;

    /** The variant the facades use: scalar without the Vector API, else the best shape. */
    public static final GemmVariant DEFAULT = chooseDefault();

    private final int mr;
    private final int vectors;

    GemmVariant(int mr, int vectors) {
        this.mr = mr;
        this.vectors = vectors;
    }

    /** Every variant that can run in this JVM, scalar first. */
    public static List<GemmVariant> available() {
        List<GemmVariant> list = new ArrayList<>();
        list.add(SCALAR);
        if (Simd.VECTOR) {
            list.add(V12X2);
            list.add(V8X3);
            list.add(V6X2);
        }
        return Collections.unmodifiableList(list);
    }

    private static GemmVariant chooseDefault() {
        if (!Simd.VECTOR) {
            return SCALAR;
        }
        // 12x2 needs 27 registers: only AVX-512 machines (preferred width 512) have 32.
        return GemmVector.hasThirtyTwoRegisters() ? V12X2 : V6X2;
    }

    public boolean isVector() {
        return vectors > 0;
    }

    /** Rows of the register tile (1 for the scalar twin). */
    public int mr() {
        return mr;
    }

    /** Columns of the register tile, the NR its packed B must have. */
    public int nr() {
        return isVector() ? vectors * Simd.lanes() : SCALAR_NR;
    }

    /** Vectors per tile row (0 for the scalar twin). */
    public int vectors() {
        return vectors;
    }

    /** Packs B for this variant's NR. */
    public PackedB packB(float[] b, int bOff, int ldb, int k, int n) {
        return PackedB.pack(b, bOff, ldb, k, n, nr());
    }

    /** {@link PackedB#packGroups} for this variant's NR. */
    public PackedB[] packGroups(FloatRuns b, int k, int ldb, int groups) {
        return PackedB.packGroups(b, k, ldb, groups, nr());
    }

    /** Scratch floats one thread needs for an m x k A operand (see {@link Gemm#scratchFloats}). */
    public int scratchFloatsPerThread(int m, int k) {
        if (!isVector()) {
            return 0;
        }
        int rows = Math.min(roundUp(Math.max(m, 1), mr), roundUp(Gemm.MC, mr));
        return mr * nr() + rows * Gemm.KC;
    }

    /** {@link Gemm#gemm} on this variant. */
    public void gemm(int m, float[] a, int aOff, int lda, PackedB b, float[] c, int cOff, int ldc, Epilogue e,
                     KernelContext ctx) {
        Gemm.run(this, m, a, aOff, lda, null, b, c, cOff, ldc, e, 0, ctx.scratch(), ctx.scratchOffset(), ctx.team());
    }

    /**
     * One part (rows [rowFrom, rowTo) x columns [colFrom, colTo)) of a GEMM, on the calling thread;
     * column j takes the epilogue's channel firstChannel + j.
     */
    void runPart(int m, float[] a, int aOff, int lda, Im2col im2col, PackedB b, float[] c, int cOff, int ldc,
                 Epilogue e, int firstChannel, float[] scratch, int scratchOff, int rowFrom, int rowTo,
                 int colFrom, int colTo) {
        if (isVector()) {
            GemmVector.run(mr, vectors, m, a, aOff, lda, im2col, b, c, cOff, ldc, e, firstChannel, scratch,
                    scratchOff, rowFrom, rowTo, colFrom, colTo);
        } else {
            GemmScalar.run(a, aOff, lda, im2col, b, c, cOff, ldc, e, firstChannel, rowFrom, rowTo, colFrom, colTo);
        }
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
