package io.nnport.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.kernels.gemm.Gemm;
import io.nnport.kernels.gemm.PackedB;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The streamed load: tensors decoded straight into their run-time arrays (packed panels for GEMM
 * operands), the heap it takes, and how a damaged or mismatched resource ends.
 */
class WeightsReaderTest {

    /** Larger than {@link WeightsReader#CHUNK_BYTES}, and rows that chunks cut in the middle. */
    private static final int K = 301;
    private static final int N = 1003;

    private final float[] matrix = values(new Random(16), K * N);
    private final float[] bias = values(new Random(17), N);
    private final byte[] file = WeightsFile.encode(List.of(
            new WeightsFile.Entry("dense/weights", WeightStorage.FLOAT32, new int[] {K, N}, matrix),
            new WeightsFile.Entry("dense/shift", WeightStorage.FLOAT32, new int[] {N}, bias),
            new WeightsFile.Entry("ids", WeightStorage.INT32, new int[] {3}, new int[] {4, -1, 7})));

    /** What a generated constructor holds after load. */
    private record Loaded(PackedB weights, float[] shift, int[] ids) {}

    private static Loaded build(WeightsReader w) {
        return new Loaded(Gemm.packB(w.floatRuns("dense/weights", K, N), K, N), w.floats("dense/shift", N),
                w.ints("ids", 3));
    }

    @Test
    void streamedTensorsEqualTheArrayPackingBitForBit() throws IOException {
        Loaded loaded = read(file, WeightsReaderTest::build);
        assertArrayEquals(Gemm.packB(matrix, 0, K, N).data(), loaded.weights().data());
        assertArrayEquals(bias, loaded.shift());
        assertArrayEquals(new int[] {4, -1, 7}, loaded.ids());
    }

    /**
     * The load allocates the packed weights and the reader's buffers, nothing in proportion to the
     * file besides: no whole-file byte[], no plain float[] copy of a packed tensor.
     */
    @Test
    void theLoadAllocatesLittleBeyondThePackedWeights() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        read(file, WeightsReaderTest::build); // classes loaded, so that only the load is counted below
        long before = threads.getCurrentThreadAllocatedBytes();
        Loaded loaded = read(file, WeightsReaderTest::build);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        long kept = 4L * (loaded.weights().data().length + loaded.shift().length);
        long buffers = 2L * WeightsReader.CHUNK_BYTES;
        assertTrue(allocated < kept + buffers + 64 * 1024,
                "allocated " + allocated + " bytes for " + kept + " bytes of weights and " + buffers + " of buffers");
    }

    @Test
    void aDamagedByteAnywhereIsTheCrcMismatch() {
        Random random = new Random(18);
        for (int trial = 0; trial < 40; trial++) {
            byte[] bad = file.clone();
            // The table (first 80 bytes) in half the trials, the data in the others.
            int at = trial % 2 == 0 ? random.nextInt(80) : 80 + random.nextInt(file.length - 84);
            bad[at] ^= (byte) (1 << random.nextInt(8));
            IOException e = assertThrows(IOException.class, () -> read(bad, WeightsReaderTest::build), "byte " + at);
            assertEquals("weights resource is corrupt (CRC32 mismatch)", e.getMessage(), "byte " + at);
        }
    }

    /**
     * A cut resource: its last four bytes are then no CRC32 of the rest, so it is corrupt; one too
     * short to hold a CRC32 is truncated.
     */
    @Test
    void aTruncatedResourceIsCorruptOrTooShort() {
        for (int length : new int[] {0, 3, 11, 40, file.length / 2, file.length - 4, file.length - 1}) {
            byte[] cut = Arrays.copyOf(file, length);
            IOException e = assertThrows(IOException.class, () -> read(cut, WeightsReaderTest::build), "length " + length);
            assertEquals(length < 4 ? "weights resource is truncated (12 bytes expected)"
                    : "weights resource is corrupt (CRC32 mismatch)", e.getMessage(), "length " + length);
        }
    }

    /** A checksummed resource that does not hold what the code reads: the first mismatch, in words. */
    @Test
    void aResourceThatDoesNotMatchTheCodeIsAClearError() {
        assertRejected(w -> w.floats("dense/shift", N + 1),
                "weights tensor dense/shift has shape [1003], expected [1004]");
        assertRejected(w -> w.floats("ids", 3), "weights tensor ids is INT32, not FLOAT32");
        assertRejected(w -> w.floats("conv/filter", 3), "weights resource has no tensor conv/filter");
    }

    /**
     * A checksummed table entry no Java array can hold: refused before anything is allocated, from a
     * stream of unknown length as from a file whose length says the entry lies outside it.
     */
    @Test
    void aTableEntryLargerThanAnArrayIsRefusedBeforeAllocating() {
        byte[] small = WeightsFile.encode(List.of(
                new WeightsFile.Entry("w", WeightStorage.FLOAT32, new int[] {2}, new float[] {1, 2})));
        int firstDim = 12 + 2 + 1 + 1 + 1; // count, name length, name "w", dtype, rank
        ByteBuffer.wrap(small).order(ByteOrder.LITTLE_ENDIAN).putInt(firstDim, Integer.MAX_VALUE);
        CRC32 crc = new CRC32();
        crc.update(small, 0, small.length - 4);
        ByteBuffer.wrap(small).order(ByteOrder.LITTLE_ENDIAN).putInt(small.length - 4, (int) crc.getValue());
        IOException streamed = assertThrows(IOException.class, () -> read(small, w -> w.floats("w", 2)));
        assertEquals("weights tensor w has 2147483647 elements, more than one Java array holds", streamed.getMessage());
        IOException decoded = assertThrows(IOException.class, () -> WeightsFile.decode(small));
        assertEquals("weights tensor w lies outside the data section", decoded.getMessage());
    }

    /** A tensor read after one behind it in the file (a constant two parts of a class both load). */
    @Test
    void aTensorReadAgainComesFromASecondStream() throws IOException {
        float[][] shifts = WeightsReader.read(new ByteArrayInputStream(file), file.length,
                () -> new ByteArrayInputStream(file), w -> {
                    float[] first = w.floats("dense/shift", N);
                    w.ints("ids", 3);
                    return new float[][] {first, w.floats("dense/shift", N)};
                });
        assertArrayEquals(bias, shifts[0]);
        assertArrayEquals(bias, shifts[1]);
        IOException e = assertThrows(IOException.class, () -> read(file, w -> {
            w.ints("ids", 3);
            return w.floats("dense/shift", N);
        }));
        assertEquals("weights tensor dense/shift is read after a tensor behind it", e.getMessage());
    }

    @Test
    void aMissingResourceIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WeightsReader.load(WeightsReaderTest.class, "absent.nnpw", WeightsReaderTest::build));
        assertEquals("missing weights resource absent.nnpw next to io.nnport.runtime.WeightsReaderTest", e.getMessage());
    }

    private void assertRejected(Function<WeightsReader, ?> build, String message) {
        IOException e = assertThrows(IOException.class, () -> read(file, build));
        assertEquals(message, e.getMessage());
    }

    /** Reads {@code bytes} as a stream of unknown length, as a jar resource is read. */
    private static <M> M read(byte[] bytes, Function<WeightsReader, M> build) throws IOException {
        return WeightsReader.read(new ByteArrayInputStream(bytes), -1, null, build);
    }

    private static float[] values(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return v;
    }
}
