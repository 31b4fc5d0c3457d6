package io.nnport.kernels.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.Dims;
import io.nnport.kernels.testing.Data;
import io.nnport.kernels.testing.Tolerance;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Slice}, {@link Split} and {@link Tile} against their definitions written out plainly here
 * (an odometer over the output's indices), on seeded random shapes of rank 1 to 6 with and without a
 * batch axis and at offsets, and on hand-computed cases. Copies are exact, and nothing outside the
 * output's range is written.
 */
class CopyTest {

    private static final float SENTINEL = -12345.5f;
    private static final int IN_OFF = 3;
    private static final int OUT_OFF = 5;

    @Test
    void sliceByHand() {
        float[] x = ramp(10);
        // Negative stride: from index 8 backwards in steps of 2.
        assertArrayEquals(new float[] {8, 6, 4, 2}, slice(SlicePlan.of(new int[] {10}, new int[] {8}, new int[] {4},
                new int[] {-2}), x, 1));
        // [3, 4], rows 1..2 reversed, every column reversed.
        float[] m = ramp(12);
        SlicePlan plan = SlicePlan.of(new int[] {3, 4}, new int[] {2, 3}, new int[] {2, 4}, new int[] {-1, -1});
        assertArrayEquals(new float[] {11, 10, 9, 8, 7, 6, 5, 4}, slice(plan, m, 1));
        assertArrayEquals(new int[] {2, 4}, plan.outShape());
        assertEquals(2, plan.loops(), "the batch loop around one backwards run of 8: the two axes merge");
        // TF Slice with size -1 on a batched tensor: [?, 3, 2], rows 1.. and column 1.
        SlicePlan crop = SlicePlan.slice(new int[] {Dims.BATCH, 3, 2}, new int[] {0, 1, 1}, new int[] {-1, -1, 1});
        assertArrayEquals(new int[] {Dims.BATCH, 2, 1}, crop.outShape());
        assertArrayEquals(new float[] {3, 5, 9, 11}, slice(crop, m, 2));
    }

    @Test
    void sliceMatchesDefinitionOnRandomShapes() {
        Random random = Data.random(71);
        for (int trial = 0; trial < 300; trial++) {
            int rank = 1 + random.nextInt(6);
            boolean batched = rank > 1 && random.nextBoolean();
            int[] shape = randomShape(random, rank, batched);
            int[] begin = new int[rank];
            int[] size = new int[rank];
            int[] stride = new int[rank];
            for (int i = 0; i < rank; i++) {
                if (i == 0 && batched) {
                    size[0] = Dims.BATCH;
                    stride[0] = 1;
                    continue;
                }
                int d = shape[i];
                int s = random.nextInt(4) == 0 ? 1 : (random.nextInt(3) + 1) * (random.nextBoolean() ? 1 : -1);
                int b = random.nextInt(d);
                int room = s > 0 ? (d - 1 - b) / s : b / -s;
                stride[i] = s;
                begin[i] = b;
                size[i] = random.nextInt(3) == 0 ? room + 1 : 1 + random.nextInt(room + 1);
                if (random.nextInt(4) == 0) { // the whole axis, forward: merges with its neighbours
                    begin[i] = 0;
                    stride[i] = 1;
                    size[i] = d;
                }
            }
            SlicePlan plan = SlicePlan.of(shape, begin, size, stride);
            int batch = batched ? 1 + random.nextInt(3) : 1 + random.nextInt(2);
            float[] in = Data.uniform(random, IN_OFF + (int) plan.inLength(batch) + 2, -1f, 1f);
            float[] expected = referenceSlice(shape, begin, size, stride, in, batch);
            float[] actual = filled(OUT_OFF + expected.length + 4);
            Slice.copy(plan, in, IN_OFF, batch, actual, OUT_OFF);
            String context = plan + " begin " + Arrays.toString(begin) + " size " + Arrays.toString(size) + " stride "
                    + Arrays.toString(stride) + " batch " + batch;
            Tolerance.EXACT.assertMatches(expected, 0, actual, OUT_OFF, expected.length, context);
            assertUntouched(actual, OUT_OFF, expected.length, context);
        }
    }

    @Test
    void splitByHand() {
        // [2, 6] split along axis 1 into [1, 3, 2].
        SplitPlan plan = SplitPlan.of(new int[] {2, 6}, 1, new int[] {1, 3, 2});
        float[] x = ramp(12);
        float[] arena = filled(20);
        Split.copy(plan, x, 0, 1, arena, new int[] {0, 3, 11});
        assertArrayEquals(new float[] {0, 6}, Arrays.copyOfRange(arena, 0, 2));
        assertArrayEquals(new float[] {1, 2, 3, 7, 8, 9}, Arrays.copyOfRange(arena, 3, 9));
        assertArrayEquals(new float[] {4, 5, 10, 11}, Arrays.copyOfRange(arena, 11, 15));
        assertArrayEquals(new float[] {SENTINEL, SENTINEL, SENTINEL, SENTINEL, SENTINEL},
                Arrays.copyOfRange(arena, 15, 20));
        float[] part = filled(6);
        Split.copyPart(plan, 1, x, 0, 1, part, 0);
        assertArrayEquals(new float[] {1, 2, 3, 7, 8, 9}, part);
        assertArrayEquals(new int[] {2, 3}, plan.outShape(1));
        // Split along axis 0 of an unbatched [4, 2] into two: halves of the flat array.
        SplitPlan halves = SplitPlan.even(new int[] {4, 2}, -2, 2);
        float[] second = new float[4];
        Split.copyPart(halves, 1, ramp(8), 0, 1, second, 0);
        assertArrayEquals(new float[] {4, 5, 6, 7}, second);
    }

    @Test
    void splitMatchesSliceOnRandomShapes() {
        Random random = Data.random(72);
        for (int trial = 0; trial < 100; trial++) {
            int rank = 1 + random.nextInt(5);
            boolean batched = rank > 1 && random.nextBoolean();
            int[] shape = randomShape(random, rank, batched);
            int axis = (batched ? 1 : 0) + random.nextInt(rank - (batched ? 1 : 0));
            int[] sizes = randomParts(random, shape[axis]);
            SplitPlan plan = SplitPlan.of(shape, axis, sizes);
            int batch = 1 + random.nextInt(3);
            float[] in = Data.uniform(random, IN_OFF + (int) plan.inLength(batch), -1f, 1f);
            int[] offsets = new int[sizes.length];
            int at = OUT_OFF;
            for (int p = 0; p < sizes.length; p++) {
                offsets[p] = at;
                at += (int) plan.outLength(p, batch) + 1;
            }
            float[] all = filled(at + 2);
            Split.copy(plan, in, IN_OFF, batch, all, offsets);
            int start = 0;
            for (int p = 0; p < sizes.length; p++) {
                // Part p is the slice [start, start + size) of the axis.
                int[] begin = new int[rank];
                int[] size = shape.clone();
                int[] stride = new int[rank];
                Arrays.fill(stride, 1);
                begin[axis] = start;
                size[axis] = sizes[p];
                float[] expected = referenceSlice(shape, begin, size, stride, in, batch);
                String context = plan + " part " + p + " batch " + batch;
                Tolerance.EXACT.assertMatches(expected, 0, all, offsets[p], expected.length, context);
                assertEquals(SENTINEL, all[offsets[p] + expected.length], context + " wrote past its end");
                float[] one = filled(expected.length + 1);
                Split.copyPart(plan, p, in, IN_OFF, batch, one, 1);
                Tolerance.EXACT.assertMatches(expected, 0, one, 1, expected.length, context + " copyPart");
                start += sizes[p];
            }
        }
    }

    @Test
    void tileByHand() {
        // [[1, 2], [3, 4]] tiled 2 x 3.
        TilePlan plan = TilePlan.of(new int[] {2, 2}, new int[] {2, 3});
        assertArrayEquals(new int[] {4, 6}, plan.outShape());
        float[] out = new float[24];
        Tile.copy(plan, new float[] {1, 2, 3, 4}, 0, 1, out, 0);
        assertArrayEquals(new float[] {
            1, 2, 1, 2, 1, 2,
            3, 4, 3, 4, 3, 4,
            1, 2, 1, 2, 1, 2,
            3, 4, 3, 4, 3, 4}, out);
        // One element repeated along the last axis of a batched tensor: [?, 2, 1] x [1, 1, 5].
        TilePlan wide = TilePlan.of(new int[] {Dims.BATCH, 2, 1}, new int[] {1, 1, 5});
        float[] y = new float[20];
        Tile.copy(wide, new float[] {7, 8, 9, 10}, 0, 2, y, 0);
        assertArrayEquals(new float[] {7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10}, y);
    }

    @Test
    void tileMatchesDefinitionOnRandomShapes() {
        Random random = Data.random(73);
        for (int trial = 0; trial < 200; trial++) {
            int rank = 1 + random.nextInt(6);
            boolean batched = rank > 1 && random.nextBoolean();
            int[] shape = randomShape(random, rank, batched);
            int[] multiples = new int[rank];
            for (int i = 0; i < rank; i++) {
                multiples[i] = (i == 0 && batched) || random.nextInt(3) == 0 ? 1 : 1 + random.nextInt(rank > 4 ? 2 : 4);
            }
            TilePlan plan = TilePlan.of(shape, multiples);
            int batch = 1 + random.nextInt(3);
            float[] in = Data.uniform(random, IN_OFF + (int) plan.inLength(batch), -1f, 1f);
            float[] expected = referenceTile(shape, multiples, in, batch);
            float[] actual = filled(OUT_OFF + expected.length + 3);
            Tile.copy(plan, in, IN_OFF, batch, actual, OUT_OFF);
            String context = plan + " multiples " + Arrays.toString(multiples) + " batch " + batch;
            Tolerance.EXACT.assertMatches(expected, 0, actual, OUT_OFF, expected.length, context);
            assertUntouched(actual, OUT_OFF, expected.length, context);
        }
    }

    @Test
    void batchZeroWritesNothing() {
        SlicePlan slice = SlicePlan.slice(new int[] {Dims.BATCH, 4}, new int[] {0, 1}, new int[] {-1, 2});
        float[] out = filled(4);
        Slice.copy(slice, new float[0], 0, 0, out, 0);
        Tile.copy(TilePlan.of(new int[] {Dims.BATCH, 2}, new int[] {1, 2}), new float[0], 0, 0, out, 0);
        Split.copy(SplitPlan.of(new int[] {Dims.BATCH, 4}, 1, new int[] {1, 3}), new float[0], 0, 0, out,
                new int[] {0, 1});
        assertUntouched(out, 0, 0, "batch 0");
    }

    @Test
    void rejectsBadPlansAndRanges() {
        int[] shape = {Dims.BATCH, 4, 3};
        assertThrows(IllegalArgumentException.class, () -> SlicePlan.of(shape, new int[] {0, 0, 0},
                new int[] {2, 1, 1}, new int[] {1, 1, 1})); // slices the batch
        assertThrows(IllegalArgumentException.class, () -> SlicePlan.of(new int[] {4}, new int[] {1},
                new int[] {3}, new int[] {-1})); // walks below 0
        assertThrows(IllegalArgumentException.class, () -> SlicePlan.of(new int[] {4}, new int[] {0},
                new int[] {1}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> SlicePlan.of(new int[] {4}, new int[] {4},
                new int[] {1}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> SplitPlan.of(shape, 0, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> SplitPlan.of(shape, 1, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> SplitPlan.even(shape, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> TilePlan.of(shape, new int[] {2, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> TilePlan.of(shape, new int[] {1, 0, 1}));
        SlicePlan plan = SlicePlan.slice(shape, new int[] {0, 0, 0}, new int[] {-1, 2, -1});
        assertThrows(IndexOutOfBoundsException.class, () -> Slice.copy(plan, new float[23], 0, 2, new float[12], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Slice.copy(plan, new float[24], 0, 2, new float[11], 0));
        SplitPlan split = SplitPlan.of(shape, 2, new int[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> Split.copy(split, new float[12], 0, 1, new float[12],
                new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Split.copyPart(split, 2, new float[12], 0, 1,
                new float[12], 0));
    }

    // ---- definitions ----

    /** out[b, k...] = in[b, begin + k*stride ...] by an odometer over the output indices. */
    static float[] referenceSlice(int[] shape, int[] begin, int[] size, int[] stride, float[] in, int batch) {
        int rank = shape.length;
        int[] dims = concrete(shape, batch);
        int[] outDims = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = size[i] == Dims.BATCH ? batch : size[i];
        }
        int repeats = Dims.isBatched(shape) ? 1 : batch;
        int inSize = product(dims);
        int outSize = product(outDims);
        float[] out = new float[repeats * outSize];
        int[] k = new int[rank];
        for (int r = 0; r < repeats; r++) {
            for (int o = 0; o < outSize; o++) {
                unravel(o, outDims, k);
                int index = 0;
                for (int i = 0; i < rank; i++) {
                    index = index * dims[i] + begin[i] + k[i] * stride[i];
                }
                out[r * outSize + o] = in[IN_OFF + r * inSize + index];
            }
        }
        return out;
    }

    /** out[k...] = in[k_i mod dim_i ...]. */
    static float[] referenceTile(int[] shape, int[] multiples, float[] in, int batch) {
        int rank = shape.length;
        int[] dims = concrete(shape, batch);
        int[] outDims = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = dims[i] * multiples[i];
        }
        int repeats = Dims.isBatched(shape) ? 1 : batch;
        int inSize = product(dims);
        int outSize = product(outDims);
        float[] out = new float[repeats * outSize];
        int[] k = new int[rank];
        for (int r = 0; r < repeats; r++) {
            for (int o = 0; o < outSize; o++) {
                unravel(o, outDims, k);
                int index = 0;
                for (int i = 0; i < rank; i++) {
                    index = index * dims[i] + k[i] % dims[i];
                }
                out[r * outSize + o] = in[IN_OFF + r * inSize + index];
            }
        }
        return out;
    }

    private static void unravel(int flat, int[] dims, int[] k) {
        for (int i = dims.length - 1; i >= 0; i--) {
            k[i] = flat % dims[i];
            flat /= dims[i];
        }
    }

    private static int[] concrete(int[] shape, int batch) {
        int[] dims = shape.clone();
        if (Dims.isBatched(shape)) {
            dims[0] = batch;
        }
        return dims;
    }

    private static int product(int[] dims) {
        int p = 1;
        for (int d : dims) {
            p *= d;
        }
        return p;
    }

    private static int[] randomShape(Random random, int rank, boolean batched) {
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = i == 0 && batched ? Dims.BATCH : 1 + random.nextInt(rank > 4 ? 4 : 7);
        }
        return shape;
    }

    private static int[] randomParts(Random random, int total) {
        int parts = 1 + random.nextInt(Math.min(total, 4));
        int[] sizes = new int[parts];
        Arrays.fill(sizes, 1);
        for (int left = total - parts; left > 0; left--) {
            sizes[random.nextInt(parts)]++;
        }
        return sizes;
    }

    private static float[] slice(SlicePlan plan, float[] in, int batch) {
        float[] out = new float[(int) plan.outLength(batch)];
        Slice.copy(plan, in, 0, batch, out, 0);
        return out;
    }

    private static float[] ramp(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, SENTINEL);
        return a;
    }

    private static void assertUntouched(float[] a, int off, int n, String context) {
        for (int i = 0; i < a.length; i++) {
            if ((i < off || i >= off + n) && a[i] != SENTINEL) {
                throw new AssertionError(context + ": wrote index " + i + " outside [" + off + ", " + (off + n) + ")");
            }
        }
    }
}
