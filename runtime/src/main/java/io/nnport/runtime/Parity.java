package io.nnport.runtime;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * nnport's parity contract with TensorFlow, in one place: for every output tensor,
 * {@code max |ours - reference| <= 1e-4 * max(1, max |reference|)}, and for classifier-like outputs
 * (float, last axis longer than 1) the same arg max per row. Used by generated model tests and by
 * the converter's own end-to-end tests.
 */
public final class Parity {

    /** Relative tolerance on the tensor's largest magnitude. */
    public static final double TOLERANCE = 1e-4;

    private Parity() {}

    /**
     * Null when {@code actual} matches {@code expected}; otherwise one line saying where and by how
     * much it does not. {@code rowLength} is the last axis (for the arg max check); 1 or less skips it.
     */
    public static String mismatch(float[] expected, float[] actual, int rowLength) {
        if (expected.length != actual.length) {
            return "length " + actual.length + " != expected " + expected.length;
        }
        double scale = 1;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs((double) e));
        }
        double bound = TOLERANCE * scale;
        double worst = 0;
        int worstAt = -1;
        int outliers = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) expected[i] - actual[i]);
            boolean bothNaN = Float.isNaN(expected[i]) && Float.isNaN(actual[i]);
            if (!bothNaN && !(diff <= bound) && expected[i] != actual[i]) {
                outliers++;
                if (worstAt < 0 || diff > worst || Double.isNaN(diff)) {
                    worst = diff;
                    worstAt = i;
                }
            }
        }
        if (outliers > 0) {
            return String.format(Locale.ROOT, "%d of %d values differ by more than %.3g; worst at index %d: expected %s, actual %s",
                    outliers, expected.length, bound, worstAt, expected[worstAt], actual[worstAt]);
        }
        if (rowLength > 1 && expected.length % rowLength == 0) {
            for (int r = 0; r < expected.length / rowLength; r++) {
                int e = argmax(expected, r * rowLength, rowLength);
                int a = argmax(actual, r * rowLength, rowLength);
                if (e != a && expected[r * rowLength + e] != expected[r * rowLength + a]) {
                    return "row " + r + ": arg max " + a + " != expected " + e;
                }
            }
        }
        return null;
    }

    /** Exact comparison for integer outputs (indices, ids). */
    public static String mismatch(long[] expected, long[] actual) {
        if (expected.length != actual.length) {
            return "length " + actual.length + " != expected " + expected.length;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                return "index " + i + ": expected " + expected[i] + ", actual " + actual[i];
            }
        }
        return null;
    }

    /**
     * Runs {@code model} on the reference inputs stored next to {@code owner} as
     * {@code reference/b<batch>_in<i>.npy} and compares every output with
     * {@code reference/b<batch>_out<o>.npy}; also checks the inputs are left unmodified. Null when
     * everything matches, else one line naming the output and the difference. This is what a
     * generated model test asserts.
     */
    public static String checkReferences(ConvertedModel model, Class<?> owner, int batch) throws IOException {
        List<TensorSpec> inputs = model.inputs();
        Object[] in = new Object[inputs.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = reference(owner, batch, "_in", i).data();
        }
        Object[] copies = new Object[in.length];
        for (int i = 0; i < in.length; i++) {
            copies[i] = reference(owner, batch, "_in", i).data();
        }
        Object[] out = Tensors.newArrays(model.outputs(), batch);
        model.run(in, batch, out);
        for (int i = 0; i < in.length; i++) {
            if (!Objects.deepEquals(copies[i], in[i])) {
                return "predict modified input " + inputs.get(i).name();
            }
        }
        for (int o = 0; o < out.length; o++) {
            NpyArray expected = reference(owner, batch, "_out", o);
            int[] shape = expected.shape();
            String mismatch = out[o] instanceof float[] f
                    ? mismatch(expected.asFloats(), f, shape.length == 0 ? 1 : shape[shape.length - 1])
                    : mismatch(longs(expected.data()), longs(out[o]));
            if (mismatch != null) {
                return model.outputs().get(o).name() + " at batch " + batch + ": " + mismatch;
            }
        }
        return null;
    }

    private static NpyArray reference(Class<?> owner, int batch, String kind, int index) throws IOException {
        String name = "reference/b" + batch + kind + index + ".npy";
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new FileNotFoundException("missing test resource " + name + " next to " + owner.getName());
            }
            return Npy.read(in);
        }
    }

    private static long[] longs(Object values) {
        if (values instanceof long[] l) {
            return l;
        }
        int[] ints = (int[]) values;
        long[] result = new long[ints.length];
        for (int i = 0; i < ints.length; i++) {
            result[i] = ints[i];
        }
        return result;
    }

    private static int argmax(float[] v, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[off + i] > v[off + best]) {
                best = i;
            }
        }
        return best;
    }
}
