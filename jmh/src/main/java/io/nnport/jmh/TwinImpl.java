package io.nnport.jmh;

import io.nnport.kernels.Simd;

/**
 * What a kernel benchmark measures: the kernel's facade on the Vector API (VECTOR) or its scalar twin
 * (SCALAR), and the one-time output check both make in their setup.
 */
public enum TwinImpl {
    VECTOR,
    SCALAR;

    /** A VECTOR run without the Vector API would measure the scalar path under the wrong name. */
    void requireAvailable() {
        if (this == VECTOR && !Simd.VECTOR) {
            throw new IllegalStateException("impl=VECTOR needs the Vector API: " + Simd.describe());
        }
    }

    /** |actual - expected| <= tol * (1 + |expected|) everywhere, NaN only where expected NaN. */
    static void checkClose(float[] expected, float[] actual, double tol, String what) {
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a) : e == a || Math.abs(a - e) <= tol * (1 + Math.abs(e));
            if (!ok) {
                throw new IllegalStateException(what + ": output " + i + " is " + a + ", the scalar twin gives " + e);
            }
        }
    }
}
