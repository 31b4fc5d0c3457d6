package io.nnport.kernels.argmax;

/**
 * The scalar twin of {@link ArgMax}: the rule of its class documentation as a plain loop, no
 * argument checks (the facade checks).
 */
public final class ArgMaxScalar {

    private ArgMaxScalar() {}

    /** See {@link ArgMax#argMax}. */
    public static void argMax(float[] in, int inOff, int outer, int n, int inner, int[] out, int outOff) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                out[outOff + o * inner + j] = argMaxStrided(in, inOff + o * n * inner + j, n, inner, 0,
                        -Float.MAX_VALUE, 0);
            }
        }
    }

    /**
     * The rule continued from {@code best} at {@code index}, over axis positions [from, n) of the
     * elements {@code in[at + i*stride]}; the vector kernel finishes its rows with it.
     */
    static int argMaxStrided(float[] in, int at, int n, int stride, int from, float best, int index) {
        float max = best;
        int arg = index;
        for (int i = from; i < n; i++) {
            float x = in[at + i * stride];
            if (x > max) {
                max = x;
                arg = i;
            }
        }
        return arg;
    }
}
