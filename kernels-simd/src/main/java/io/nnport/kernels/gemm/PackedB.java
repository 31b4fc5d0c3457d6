package io.nnport.kernels.gemm;

/**
 * A k x n weight matrix packed once, at load, into panels NR columns wide (layout in the
 * {@linkplain io.nnport.kernels.gemm package contract}). Immutable; share it between threads.
 */
public final class PackedB {

    private final float[] data;
    private final int k;
    private final int n;
    private final int nr;

    private PackedB(float[] data, int k, int n, int nr) {
        this.data = data;
        this.k = k;
        this.n = n;
        this.nr = nr;
    }

    /** Packs row-major {@code b[bOff + p*ldb + j]}, p &lt; k, j &lt; n, into NR-wide panels. */
    public static PackedB pack(float[] b, int bOff, int ldb, int k, int n, int nr) {
        if (k < 0 || n < 1 || nr < 1 || ldb < n) {
            throw new IllegalArgumentException("packB needs k >= 0, n >= 1, nr >= 1, ldb >= n: k=" + k
                    + " n=" + n + " nr=" + nr + " ldb=" + ldb);
        }
        if (k > 0) {
            checkRange(b, bOff, (long) (k - 1) * ldb + n, "b");
        }
        int panels = (n + nr - 1) / nr;
        long size = (long) panels * k * nr;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("packed B of " + size + " floats does not fit a Java array");
        }
        float[] data = new float[(int) size];
        for (int panel = 0; panel < panels; panel++) {
            int j0 = panel * nr;
            int width = Math.min(nr, n - j0);
            int dst = panel * k * nr;
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, bOff + p * ldb + j0, data, dst + p * nr, width);
            }
        }
        return new PackedB(data, k, n, nr);
    }

    /** The packed panels; read-only by contract (kernels index it directly). */
    public float[] data() {
        return data;
    }

    /** Rows of B (the reduction length). */
    public int k() {
        return k;
    }

    /** Columns of B (output channels). */
    public int n() {
        return n;
    }

    /** Panel width this matrix was packed for. */
    public int nr() {
        return nr;
    }

    /** Index of element (p, j) in {@link #data()}. */
    public int index(int p, int j) {
        return (j / nr) * k * nr + p * nr + j % nr;
    }

    static void checkRange(float[] array, int off, long length, String name) {
        if (off < 0 || length < 0 || off + length > array.length) {
            throw new IndexOutOfBoundsException(name + ": [" + off + ", " + off + " + " + length
                    + ") is outside an array of " + array.length);
        }
    }
}
