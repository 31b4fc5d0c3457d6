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
        checkShape(k, n, nr, ldb);
        if (k > 0) {
            checkRange(b, bOff, (long) (k - 1) * ldb + n, "b");
        }
        Panels panels = new Panels(k, n, nr, ldb, 0);
        for (int p = 0; p < k; p++) {
            panels.accept(b, bOff + p * ldb, (long) p * ldb, n);
        }
        return panels.packed();
    }

    /**
     * Packs the row-major {@code [k, ldb]} matrix {@code b} as {@code groups} matrices side by side,
     * group g being columns {@code [g * ldb/groups, (g+1) * ldb/groups)}, each into its own NR-wide
     * panels, in one pass over {@code b}: each run is copied straight into the panels, so packing
     * a streamed tensor needs no copy of it in the plain layout.
     *
     * @throws IllegalArgumentException if groups does not divide ldb or b does not hold k x ldb elements
     */
    public static PackedB[] packGroups(FloatRuns b, int k, int ldb, int groups, int nr) {
        if (groups < 1 || ldb % groups != 0) {
            throw new IllegalArgumentException("groups must be >= 1 and divide the " + ldb + " columns: groups="
                    + groups);
        }
        int n = ldb / groups;
        checkShape(k, n, nr, ldb);
        if (b.length() != (long) k * ldb) {
            throw new IllegalArgumentException("a " + k + " x " + ldb + " matrix needs " + (long) k * ldb
                    + " elements, the tensor has " + b.length());
        }
        Panels[] targets = new Panels[groups];
        for (int g = 0; g < groups; g++) {
            targets[g] = new Panels(k, n, nr, ldb, g * n);
        }
        b.forEachRun((src, srcOff, first, count) -> {
            for (Panels target : targets) {
                target.accept(src, srcOff, first, count);
            }
        });
        PackedB[] packed = new PackedB[groups];
        for (int g = 0; g < groups; g++) {
            packed[g] = targets[g].packed();
        }
        return packed;
    }

    private static void checkShape(int k, int n, int nr, int ldb) {
        if (k < 0 || n < 1 || nr < 1 || ldb < n) {
            throw new IllegalArgumentException("packB needs k >= 0, n >= 1, nr >= 1, ldb >= n: k=" + k
                    + " n=" + n + " nr=" + nr + " ldb=" + ldb);
        }
    }

    /**
     * The panels of columns {@code [col0, col0 + n)} of a row-major {@code [k, ldb]} matrix, filled
     * from runs of its elements in any order: each run is cut at row ends and panel edges and copied.
     */
    private static final class Panels {
        private final float[] data;
        private final int k;
        private final int n;
        private final int nr;
        private final int ldb;
        private final int col0;

        Panels(int k, int n, int nr, int ldb, int col0) {
            long size = (long) ((n + nr - 1) / nr) * k * nr;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("packed B of " + size + " floats does not fit a Java array");
            }
            this.data = new float[(int) size];
            this.k = k;
            this.n = n;
            this.nr = nr;
            this.ldb = ldb;
            this.col0 = col0;
        }

        /** Copies matrix elements {@code [first, first + count)}, read at {@code src[srcOff]}, into place. */
        void accept(float[] src, int srcOff, long first, int count) {
            while (count > 0) {
                int p = (int) (first / ldb);
                int j = (int) (first % ldb);
                int inRow = Math.min(count, ldb - j);
                int from = Math.max(j, col0);
                int to = Math.min(j + inRow, col0 + n);
                while (from < to) {
                    int c = from - col0;
                    int width = Math.min(nr - c % nr, to - from);
                    System.arraycopy(src, srcOff + from - j, data, (c / nr) * k * nr + p * nr + c % nr, width);
                    from += width;
                }
                srcOff += inRow;
                first += inRow;
                count -= inRow;
            }
        }

        PackedB packed() {
            return new PackedB(data, k, n, nr);
        }
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
