package io.nnport.jmh;

import java.util.Random;

/** Seeded inputs and the one-time output check every kernel benchmark makes in its setup. */
final class Data {

    /** Rows checked against the scalar twin at each end of the output (the twin is slow at 2048). */
    static final int CHECKED_ROWS = 3;

    private Data() {}

    static float[] random(int size, long seed) {
        Random random = new Random(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() * 2f - 1f;
        }
        return values;
    }

    /** Computes {@code rows} reference output rows starting at {@code row} into {@code expected}. */
    interface Reference {
        void rows(int row, int rows, float[] expected);
    }

    /**
     * Checks the first and last rows of a rows x n output against the reference, bit for bit (the
     * GEMM contract: one fma chain per element in every variant).
     */
    static void checkRows(float[] out, int n, int rows, Reference reference, String what) {
        int count = Math.min(CHECKED_ROWS, rows);
        for (int first : new int[] {0, rows - count}) {
            float[] expected = new float[count * n];
            reference.rows(first, count, expected);
            for (int i = 0; i < expected.length; i++) {
                float actual = out[first * n + i];
                if (Float.floatToIntBits(actual) != Float.floatToIntBits(expected[i]) && expected[i] != actual) {
                    throw new IllegalStateException(what + ": output " + (first * n + i) + " is " + actual
                            + ", the scalar twin gives " + expected[i]);
                }
            }
        }
    }
}
