package io.nnport.kernels.copy;

import static io.nnport.kernels.Dims.BATCH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.kernels.testing.Data;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Transpose} and {@link Gather} by hand and against naive index arithmetic. */
class TransposeGatherTest {

    @Test
    void transposePlansPickTheFastPaths() {
        assertEquals(TransposePlan.Kind.MATRIX, TransposePlan.of(new int[] {BATCH, 5, 6, 7}, new int[] {0, 3, 1, 2}).kind,
                "NHWC -> NCHW is [HW, C] -> [C, HW] per image");
        assertEquals(TransposePlan.Kind.MATRIX, TransposePlan.of(new int[] {2, 3, 4}, new int[] {2, 0, 1}).kind,
                "axes 0 and 1 stay neighbours: [6, 4] -> [4, 6]");
        assertEquals(TransposePlan.Kind.MATRICES, TransposePlan.of(new int[] {2, 3, 4}, new int[] {0, 2, 1}).kind);
        assertEquals(TransposePlan.Kind.COPY, TransposePlan.of(new int[] {BATCH, 1, 7}, new int[] {0, 2, 1}).kind,
                "moving a size-1 axis moves nothing");
        assertEquals(TransposePlan.Kind.GENERAL, TransposePlan.of(new int[] {2, 3, 4}, new int[] {1, 0, 2}).kind);
        assertArrayEquals(new int[] {BATCH, 7, 5, 6},
                TransposePlan.of(new int[] {BATCH, 5, 6, 7}, new int[] {0, 3, 1, 2}).outShape());
    }

    @Test
    void transposeByHand() {
        float[] x = {1, 2, 3, 4, 5, 6}; // [2, 3]
        float[] y = new float[6];
        Transpose.copy(TransposePlan.of(new int[] {2, 3}, new int[] {1, 0}), x, 0, 1, y, 0);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, y);
    }

    @Test
    void transposeRandomShapesAroundTheTile() {
        Random random = Data.random(1100);
        int[][] matrices = {{1, 1}, {15, 17}, {16, 16}, {33, 5}, {40, 31}};
        for (int[] m : matrices) {
            check(new int[] {BATCH, m[0], m[1]}, new int[] {0, 2, 1}, 2, random);
            check(new int[] {m[0], m[1]}, new int[] {1, 0}, 1, random);
        }
        for (int trial = 0; trial < 80; trial++) {
            int rank = 1 + random.nextInt(5);
            int[] shape = new int[rank];
            for (int i = 0; i < rank; i++) {
                shape[i] = 1 + random.nextInt(i == rank - 1 ? 20 : 5);
            }
            boolean batched = rank > 1 && random.nextBoolean();
            int[] perm = shuffled(rank, batched ? 1 : 0, random);
            if (batched) {
                shape[0] = BATCH;
            }
            check(shape, perm, random.nextInt(3), random);
        }
    }

    @Test
    void transposeRejectsBadPermutations() {
        assertThrows(IllegalArgumentException.class, () -> TransposePlan.of(new int[] {2, 3}, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> TransposePlan.of(new int[] {2, 3}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> TransposePlan.of(new int[] {BATCH, 3}, new int[] {1, 0}));
    }

    @Test
    void embeddingLookupByHand() {
        float[] table = {0, 0, 1, 1, 2, 2, 3, 3}; // [4, 2]
        GatherPlan plan = GatherPlan.of(new int[] {4, 2}, new int[] {BATCH, 3}, 0);
        assertArrayEquals(new int[] {BATCH, 3, 2}, plan.outShape());
        float[] out = new float[12];
        Gather.copy(plan, table, 0, new int[] {3, 0, 1, 2, 2, 3}, 0, 2, out, 0);
        assertArrayEquals(new float[] {3, 3, 0, 0, 1, 1, 2, 2, 2, 2, 3, 3}, out);
    }

    @Test
    void gatherAlongALaterAxisOfABatchedTensor() {
        // params [?, 2, 3]: pick columns 2 and 0 of each row
        GatherPlan plan = GatherPlan.of(new int[] {BATCH, 2, 3}, new int[] {2}, -1);
        assertArrayEquals(new int[] {BATCH, 2, 2}, plan.outShape());
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        float[] out = new float[8];
        Gather.copy(plan, x, 0, new int[] {2, 0}, 0, 2, out, 0);
        assertArrayEquals(new float[] {3, 1, 6, 4, 9, 7, 12, 10}, out);
    }

    @Test
    void gatherRandomAxes() {
        Random random = Data.random(1101);
        for (int trial = 0; trial < 60; trial++) {
            int rank = 2 + random.nextInt(3);
            int[] params = new int[rank];
            for (int i = 0; i < rank; i++) {
                params[i] = 1 + random.nextInt(5);
            }
            params[0] = BATCH;
            int axis = 1 + random.nextInt(rank - 1);
            int[] ids = new int[] {1 + random.nextInt(4), 1 + random.nextInt(3)};
            GatherPlan plan = GatherPlan.of(params, ids, axis);
            int batch = random.nextInt(3);
            float[] x = Data.uniform(random, (int) plan.paramsLength(batch), -1, 1);
            int[] idx = random.ints(ids[0] * ids[1], 0, params[axis]).toArray();
            float[] out = new float[(int) plan.outLength(batch)];
            Gather.copy(plan, x, 0, idx, 0, batch, out, 0);
            int outer = 1;
            for (int i = 1; i < axis; i++) {
                outer *= params[i];
            }
            int inner = 1;
            for (int i = axis + 1; i < rank; i++) {
                inner *= params[i];
            }
            int sample = outer * params[axis] * inner;
            for (int b = 0, at = 0; b < batch; b++) {
                for (int o = 0; o < outer; o++) {
                    for (int id : idx) {
                        for (int i = 0; i < inner; i++, at++) {
                            assertEquals(x[b * sample + (o * params[axis] + id) * inner + i], out[at], plan + " at " + at);
                        }
                    }
                }
            }
        }
    }

    @Test
    void gatherOutOfBoundsNamesTheIdAndWritesNothing() {
        GatherPlan plan = GatherPlan.of(new int[] {4, 2}, new int[] {BATCH, 2}, 0);
        float[] out = new float[8];
        Arrays.fill(out, -9f);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> Gather.copy(plan, new float[8], 0, new int[] {1, 2, 3, 4}, 0, 2, out, 0));
        assertEquals("gather: id 4 at position 3 of the ids is outside [0, 4) of the table's rows", e.getMessage());
        float[] untouched = new float[8];
        Arrays.fill(untouched, -9f);
        assertArrayEquals(untouched, out);
        assertThrows(IndexOutOfBoundsException.class,
                () -> Gather.copy(plan, new float[8], 0, new int[] {-1, 0}, 0, 1, out, 0));
        assertThrows(IllegalArgumentException.class, () -> GatherPlan.of(new int[] {BATCH, 4}, new int[] {BATCH}, 1));
        assertThrows(IllegalArgumentException.class, () -> GatherPlan.of(new int[] {4, 3}, new int[] {BATCH}, 1));
    }

    private static void check(int[] shape, int[] perm, int batch, Random random) {
        TransposePlan plan = TransposePlan.of(shape, perm);
        float[] in = Data.uniform(random, 3 + (int) plan.length(batch), -1, 1);
        float[] expected = naive(shape, perm, in, 3, batch);
        float[] out = new float[expected.length + 1];
        Transpose.copy(plan, in, 3, batch, out, 1);
        assertArrayEquals(expected, Arrays.copyOfRange(out, 1, out.length), plan + " batch=" + batch);
    }

    private static int[] shuffled(int rank, int fixed, Random random) {
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        for (int i = rank - 1; i > fixed; i--) {
            int j = fixed + random.nextInt(i - fixed + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    /** Batch entries back to back; within each, out[i] = in[j] with j[perm[a]] = i[a]. */
    private static float[] naive(int[] shape, int[] perm, float[] in, int inOff, int batch) {
        int rank = shape.length;
        int[] dims = shape.clone();
        boolean batched = dims[0] == BATCH;
        if (batched) {
            dims[0] = 1;
        }
        int sample = 1;
        for (int d : dims) {
            sample *= d;
        }
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = dims[perm[a]];
        }
        float[] result = new float[batch * sample];
        int[] i = new int[rank];
        int[] j = new int[rank];
        for (int b = 0; b < batch; b++) {
            for (int flat = 0; flat < sample; flat++) {
                int rem = flat;
                for (int a = rank - 1; a >= 0; a--) {
                    i[a] = rem % out[a];
                    rem /= out[a];
                }
                for (int a = 0; a < rank; a++) {
                    j[perm[a]] = i[a];
                }
                int src = 0;
                for (int a = 0; a < rank; a++) {
                    src = src * dims[a] + j[a];
                }
                result[b * sample + flat] = in[inOff + b * sample + src];
            }
        }
        return result;
    }
}
