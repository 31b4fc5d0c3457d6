package io.nnport.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WeightsFileTest {

    private static final List<WeightsFile.Entry> TENSORS = List.of(
            new WeightsFile.Entry("conv1/kernel", WeightStorage.FLOAT32, new int[] {3, 2, 1},
                    new float[] {1, 2, 3, 4, 5, Float.NaN}),
            new WeightsFile.Entry("ids", WeightStorage.INT32, new int[] {2}, new int[] {7, -1}),
            new WeightsFile.Entry("bias", WeightStorage.FLOAT32, new int[] {0}, new float[0]),
            new WeightsFile.Entry("scalar", WeightStorage.FLOAT32, new int[] {}, new float[] {42f}));

    @Test
    void roundTripsNamesShapesAndValues() throws IOException {
        WeightsFile w = WeightsFile.decode(WeightsFile.encode(TENSORS));
        assertEquals(List.of("conv1/kernel", "ids", "bias", "scalar"), List.copyOf(w.entries().keySet()));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, Float.NaN}, w.floats("conv1/kernel", 3, 2, 1));
        assertArrayEquals(new int[] {7, -1}, w.ints("ids", 2));
        assertArrayEquals(new float[] {42f}, w.floats("scalar"));
    }

    /**
     * Every storage round-trips through the file and comes back through its reader, the method
     * generated code calls by name, between tensors of the other storages (odd element counts, so a
     * storage narrower than a word would need its padding).
     */
    @ParameterizedTest
    @EnumSource(WeightStorage.class)
    void everyStorageRoundTripsThroughItsReader(WeightStorage storage) throws Exception {
        List<WeightsFile.Entry> tensors = new ArrayList<>();
        for (WeightStorage other : WeightStorage.values()) {
            tensors.add(new WeightsFile.Entry("before/" + other, other, new int[] {3}, sample(other, 3, 1)));
        }
        Object values = extremes(storage);
        tensors.add(new WeightsFile.Entry("it", storage, new int[] {5, 1}, values));
        tensors.add(new WeightsFile.Entry("after", storage, new int[] {1}, sample(storage, 1, 3)));

        WeightsFile w = WeightsFile.decode(WeightsFile.encode(tensors));
        Method reader = WeightsFile.class.getMethod(storage.reader(), String.class, int[].class);
        assertEquals(storage.valuesType(), reader.getReturnType(), storage + "'s reader");
        assertTrue(Objects.deepEquals(values, reader.invoke(w, "it", new int[] {5, 1})), storage + " values");
        assertTrue(Objects.deepEquals(sample(storage, 1, 3), reader.invoke(w, "after", new int[] {1})));
        for (WeightsFile.Entry t : tensors) {
            WeightsFile.Entry back = w.entries().get(t.name());
            assertEquals(t.storage(), back.storage(), t.name());
            assertTrue(Objects.deepEquals(t.values(), back.values()), t.name());
        }
    }

    @Test
    void everyStorageHasItsOwnCode() {
        for (WeightStorage storage : WeightStorage.values()) {
            assertEquals(storage, WeightStorage.ofCode(storage.code()).orElseThrow());
        }
        assertTrue(WeightStorage.ofCode(255).isEmpty());
    }

    /**
     * A storage GEMM reads names a packing generated code can call:
     * {@code packer.method(w.<runsReader>(name, k, n), k, n)}, which packs what the reader streams.
     */
    @Test
    void gemmPackingsAreCallableAsGeneratedCodeCallsThem() throws Exception {
        assertTrue(WeightStorage.FLOAT32.gemmPacking().isPresent(), "float32 dense layers need GEMM");
        for (WeightStorage storage : WeightStorage.values()) {
            if (storage.gemmPacking().isPresent()) {
                WeightStorage.GemmPacking packing = storage.gemmPacking().get();
                Method runs = WeightsReader.class.getMethod(packing.runsReader(), String.class, int[].class);
                Method pack = packing.packer().getMethod(packing.method(), runs.getReturnType(), int.class, int.class);
                assertEquals(packing.packedType(), pack.getReturnType(), storage.toString());
                byte[] file = WeightsFile.encode(List.of(new WeightsFile.Entry("b", storage, new int[] {2, 3},
                        sample(storage, 6, 0))));
                Object packed = WeightsReader.read(new ByteArrayInputStream(file), file.length, null, w -> {
                    try {
                        return pack.invoke(null, runs.invoke(w, "b", new int[] {2, 3}), 2, 3);
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                });
                assertTrue(packing.packedType().isInstance(packed), storage.toString());
            }
        }
    }

    /**
     * The float32 and int32 bytes are those of version 1 as first written, built here by hand from
     * the layout: offsets in 4-byte elements, values back to back, CRC32 last.
     */
    @Test
    void float32AndInt32FilesKeepTheirVersion1Bytes() {
        ByteBuffer expected = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        expected.put("NNPW".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(2);
        expected.putShort((short) 1).put((byte) 'w').put((byte) 0).put((byte) 2).putInt(2).putInt(3).putLong(0);
        expected.putShort((short) 2).put("id".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1)
                .putInt(2).putLong(6);
        for (float f : new float[] {0.5f, -1, 2, 3, 4, 5}) {
            expected.putFloat(f);
        }
        expected.putInt(9).putInt(-7);
        CRC32 crc = new CRC32();
        crc.update(expected.array(), 0, expected.position());
        expected.putInt((int) crc.getValue());

        byte[] encoded = WeightsFile.encode(List.of(
                new WeightsFile.Entry("w", WeightStorage.FLOAT32, new int[] {2, 3}, new float[] {0.5f, -1, 2, 3, 4, 5}),
                new WeightsFile.Entry("id", WeightStorage.INT32, new int[] {2}, new int[] {9, -7})));
        assertArrayEquals(Arrays.copyOf(expected.array(), expected.position()), encoded);
    }

    @Test
    void valuesOfAnotherStorageAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WeightsFile.Entry("w", WeightStorage.INT32, new int[] {1}, new float[] {1}));
        assertTrue(e.getMessage().contains("INT32 weights are int[], not float[]"), e.getMessage());
        IllegalStateException read = assertThrows(IllegalStateException.class, () -> decoded().floats("ids", 2));
        assertTrue(read.getMessage().contains("weights tensor ids is INT32, not FLOAT32"), read.getMessage());
    }

    @Test
    void everyFlippedByteIsCaught() {
        byte[] good = WeightsFile.encode(TENSORS);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            assertThrows(IOException.class, () -> WeightsFile.decode(bad), "flipped byte " + i);
        }
    }

    @Test
    void truncationAndWrongShapeAreClearErrors() {
        byte[] good = WeightsFile.encode(TENSORS);
        for (int len : new int[] {0, 3, 15, good.length / 2, good.length - 1}) {
            assertThrows(IOException.class, () -> WeightsFile.decode(Arrays.copyOf(good, len)), "length " + len);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WeightsFile.decode(good).floats("conv1/kernel", 6));
        assertTrue(e.getMessage().contains("has shape [3, 2, 1], expected [6]"), e.getMessage());
    }

    /** A table that lies, with its CRC32 made to match: an unknown dtype, a far offset, a bad shape. */
    @Test
    void aConsistentlyChecksummedLyingTableIsAClearError() {
        byte[] good = WeightsFile.encode(List.of(
                new WeightsFile.Entry("w", WeightStorage.FLOAT32, new int[] {2}, new float[] {1, 2})));
        int code = 12 + 2 + 1;
        int firstDim = code + 2;
        int offset = firstDim + 4;
        assertRejected(patch(good, code, new byte[] {(byte) 0xee}), "weights tensor w has unknown dtype 238");
        assertRejected(patch(good, offset, longBytes(Long.MAX_VALUE)), "weights tensor w lies outside the data section");
        assertRejected(patch(good, offset, longBytes(1)), "weights tensor w lies outside the data section");
        assertRejected(patch(good, firstDim, intBytes(-2)), "weights tensor w has shape [-2], which no tensor can have");
    }

    /** Found by WeightsFileFuzzTest: a tensor name holding a line break made a two-line error. */
    @Test
    void aTensorNameWithALineBreakIsQuotedOnOneLine() {
        byte[] good = WeightsFile.encode(List.of(
                new WeightsFile.Entry("a\nb", WeightStorage.FLOAT32, new int[] {2}, new float[] {1, 2})));
        int offset = 12 + 2 + 3 + 1 + 1 + 4;
        assertRejected(patch(good, offset, longBytes(1)), "weights tensor a\\nb lies outside the data section");
    }

    private static void assertRejected(byte[] file, String message) {
        IOException e = assertThrows(IOException.class, () -> WeightsFile.decode(file));
        assertEquals(message, e.getMessage());
    }

    /** {@code file} with {@code bytes} written at {@code at} and its CRC32 recomputed. */
    private static byte[] patch(byte[] file, int at, byte[] bytes) {
        byte[] patched = file.clone();
        System.arraycopy(bytes, 0, patched, at, bytes.length);
        CRC32 crc = new CRC32();
        crc.update(patched, 0, patched.length - 4);
        ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN).putInt(patched.length - 4, (int) crc.getValue());
        return patched;
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static byte[] intBytes(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static WeightsFile decoded() {
        try {
            return WeightsFile.decode(WeightsFile.encode(TENSORS));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code count} values of {@code storage}'s type, {@code seed * 10 + i} (plus a quarter for floats). */
    private static Object sample(WeightStorage storage, int count, int seed) {
        return switch (storage) {
            case FLOAT32 -> {
                float[] f = new float[count];
                for (int i = 0; i < count; i++) {
                    f[i] = seed * 10 + i + 0.25f;
                }
                yield f;
            }
            case INT32 -> {
                int[] v = new int[count];
                for (int i = 0; i < count; i++) {
                    v[i] = seed * 10 + i;
                }
                yield v;
            }
        };
    }

    /** Five values at the edges of what {@code storage} holds. */
    private static Object extremes(WeightStorage storage) {
        return switch (storage) {
            case FLOAT32 -> new float[] {-0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, Float.NaN};
            case INT32 -> new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1};
        };
    }
}
