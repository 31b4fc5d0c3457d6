package io.nnport.kernels.copy;

import static io.nnport.kernels.Dims.BATCH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.testing.Data;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Concat} and {@link Pad} by hand and against naive index arithmetic on random shapes. */
class ConcatPadTest {

    @Test
    void concatByHand() {
        // [2, 2] ++ [2, 1] along axis 1 -> [2, 3]
        ConcatPlan plan = ConcatPlan.of(new int[][] {{BATCH, 2}, {BATCH, 1}}, -1);
        assertArrayEquals(new int[] {BATCH, 3}, plan.outShape());
        float[] arena = {1, 2, 3, 4, 10, 20};
        float[] out = new float[6];
        Concat.copy(plan, arena, new int[] {0, 4}, 2, out, 0);
        assertArrayEquals(new float[] {1, 2, 10, 3, 4, 20}, out);
        float[] parts = new float[6];
        Concat.copyPart(plan, 1, new float[] {10, 20}, 0, 2, parts, 0);
        Concat.copyPart(plan, 0, new float[] {1, 2, 3, 4}, 0, 2, parts, 0);
        assertArrayEquals(out, parts);
    }

    @Test
    void concatRandomAxesAndParts() {
        Random random = Data.random(1000);
        for (int trial = 0; trial < 60; trial++) {
            int rank = 1 + random.nextInt(4);
            boolean batched = rank > 1 && random.nextBoolean();
            int axis = (batched ? 1 : 0) + random.nextInt(rank - (batched ? 1 : 0));
            int n = 1 + random.nextInt(4);
            int[][] shapes = new int[n][];
            int[] base = new int[rank];
            for (int i = 0; i < rank; i++) {
                base[i] = 1 + random.nextInt(5);
            }
            if (batched) {
                base[0] = BATCH;
            }
            for (int p = 0; p < n; p++) {
                shapes[p] = base.clone();
                shapes[p][axis] = 1 + random.nextInt(6);
            }
            int batch = random.nextInt(3);
            ConcatPlan plan = ConcatPlan.of(shapes, axis);
            float[] arena = new float[1 + 4096];
            int[] offs = new int[n];
            float[][] inputs = new float[n][];
            for (int p = 0, at = 1; p < n; p++) {
                inputs[p] = Data.uniform(random, (int) plan.inLength(p, batch), -1, 1);
                offs[p] = at;
                System.arraycopy(inputs[p], 0, arena, at, inputs[p].length);
                at += inputs[p].length;
            }
            float[] expected = naiveConcat(shapes, axis, inputs, batch);
            float[] out = new float[expected.length + 2];
            Concat.copy(plan, arena, offs, batch, out, 2);
            assertArrayEquals(expected, Arrays.copyOfRange(out, 2, out.length), plan + " batch=" + batch);
            float[] byParts = new float[expected.length];
            for (int p = n - 1; p >= 0; p--) {
                Concat.copyPart(plan, p, inputs[p], 0, batch, byParts, 0);
            }
            assertArrayEquals(expected, byParts, plan + " by parts");
        }
    }

    @Test
    void concatRejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> ConcatPlan.of(new int[][] {{BATCH, 2, 3}, {BATCH, 3, 3}}, 2));
        assertThrows(IllegalArgumentException.class, () -> ConcatPlan.of(new int[][] {{BATCH, 2}, {4, 2}}, 1));
        assertThrows(IllegalArgumentException.class, () -> ConcatPlan.of(new int[][] {{BATCH, 2}, {BATCH, 2}}, 0));
        assertThrows(IllegalArgumentException.class, () -> ConcatPlan.of(new int[0][], 0));
    }

    @Test
    void padByHand() {
        // [1, 2, 2] padded by one row before and one column after, with -1
        PadPlan plan = PadPlan.of(new int[] {BATCH, 2, 2}, new int[] {0, 1, 0}, new int[] {0, 0, 1}, -1f);
        assertArrayEquals(new int[] {BATCH, 3, 3}, plan.outShape());
        float[] out = new float[9];
        Pad.copy(plan, new float[] {1, 2, 3, 4}, 0, 1, out, 0);
        assertArrayEquals(new float[] {-1, -1, -1, 1, 2, -1, 3, 4, -1}, out);
    }

    @Test
    void padRandomShapes() {
        Random random = Data.random(1001);
        for (int trial = 0; trial < 80; trial++) {
            int rank = 1 + random.nextInt(4);
            boolean batched = rank > 1 && random.nextBoolean();
            int[] shape = new int[rank];
            int[] before = new int[rank];
            int[] after = new int[rank];
            for (int i = 0; i < rank; i++) {
                shape[i] = 1 + random.nextInt(5);
                boolean pad = !(batched && i == 0) && random.nextInt(3) > 0;
                before[i] = pad ? random.nextInt(3) : 0;
                after[i] = pad ? random.nextInt(3) : 0;
            }
            if (batched) {
                shape[0] = BATCH;
            }
            int batch = random.nextInt(3);
            PadPlan plan = PadPlan.of(shape, before, after, 7.5f);
            float[] in = Data.uniform(random, 1 + (int) plan.inLength(batch), -1, 1);
            float[] expected = naivePad(shape, before, after, 7.5f, in, 1, batch);
            float[] out = new float[expected.length + 1];
            Pad.copy(plan, in, 1, batch, out, 1);
            assertArrayEquals(expected, Arrays.copyOfRange(out, 1, out.length), plan + " batch=" + batch);
        }
    }

    @Test
    void padRejectsBadPaddings() {
        assertThrows(IllegalArgumentException.class, () -> PadPlan.of(new int[] {BATCH, 2}, new int[] {1, 0},
                new int[] {0, 0}, 0f));
        assertThrows(IllegalArgumentException.class, () -> PadPlan.of(new int[] {2}, new int[] {-1}, new int[] {0}, 0f));
        PadPlan plan = PadPlan.of(new int[] {2}, new int[] {1}, new int[] {1}, 0f);
        assertThrows(IndexOutOfBoundsException.class, () -> Pad.copy(plan, new float[4], 0, 2, new float[7], 0));
    }

    /** Batch entries back to back, each [outer, axis, inner] with the parts' axis slices side by side. */
    private static float[] naiveConcat(int[][] shapes, int axis, float[][] inputs, int batch) {
        int rank = shapes[0].length;
        int outer = batch;
        for (int i = 0; i < axis; i++) {
            outer *= shapes[0][i] == BATCH ? 1 : shapes[0][i];
        }
        int inner = 1;
        for (int i = axis + 1; i < rank; i++) {
            inner *= shapes[0][i];
        }
        int total = 0;
        for (int[] s : shapes) {
            total += s[axis];
        }
        float[] out = new float[outer * total * inner];
        for (int o = 0; o < outer; o++) {
            int k = 0;
            for (int p = 0; p < shapes.length; p++) {
                for (int a = 0; a < shapes[p][axis]; a++, k++) {
                    for (int i = 0; i < inner; i++) {
                        out[(o * total + k) * inner + i] = inputs[p][(o * shapes[p][axis] + a) * inner + i];
                    }
                }
            }
        }
        return out;
    }

    private static float[] naivePad(int[] shape, int[] before, int[] after, float value, float[] in, int inOff,
                                    int batch) {
        int rank = shape.length;
        int[] dims = shape.clone();
        int lead = dims[0] == BATCH ? 0 : 1;
        if (lead == 0) {
            dims[0] = batch;
        }
        int[] out = new int[rank];
        int outTotal = lead == 1 ? batch : 1;
        int inSample = 1;
        for (int i = 0; i < rank; i++) {
            out[i] = dims[i] + before[i] + after[i];
            outTotal *= out[i];
            inSample *= dims[i];
        }
        float[] result = new float[outTotal];
        int per = outTotal / (lead == 1 ? Math.max(batch, 1) : 1);
        int entries = lead == 1 ? batch : 1;
        int[] idx = new int[rank];
        for (int e = 0; e < entries; e++) {
            for (int flat = 0; flat < per; flat++) {
                int rem = flat;
                boolean inside = true;
                int src = 0;
                for (int i = rank - 1; i >= 0; i--) {
                    idx[i] = rem % out[i] - before[i];
                    rem /= out[i];
                    inside &= idx[i] >= 0 && idx[i] < dims[i];
                }
                for (int i = 0; i < rank; i++) {
                    src = src * dims[i] + idx[i];
                }
                result[e * per + flat] = inside ? in[inOff + e * inSample + src] : value;
            }
        }
        return result;
    }
}
