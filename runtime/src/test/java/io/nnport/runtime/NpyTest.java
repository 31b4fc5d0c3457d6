package io.nnport.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyTest {

    /** A file as NumPy 1.26 writes np.arange(6, dtype='<f4').reshape(2, 3) (header built by hand). */
    private static byte[] numpyStyle(String descr, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        byte[] header = (dict + " ".repeat(pad % 64) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length)
                .put(header).put(data);
        return b.array();
    }

    @Test
    void readsFloat32WrittenByNumpy() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            data.putFloat(i * 0.5f);
        }
        NpyArray a = Npy.parse(numpyStyle("<f4", "(2, 3)", data.array()));
        assertEquals(NpyArray.DType.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new float[] {0f, 0.5f, 1f, 1.5f, 2f, 2.5f}, a.asFloats());
    }

    @Test
    void readsBigEndianInt32AndScalars() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(-7);
        NpyArray a = Npy.parse(numpyStyle(">i4", "()", data.array()));
        assertArrayEquals(new int[0], a.shape());
        assertArrayEquals(new int[] {-7}, a.asInts());
    }

    @Test
    void roundTripsEveryDtypeWithAlignedHeader() throws Exception {
        NpyArray[] arrays = {
            NpyArray.of(new float[] {1f, Float.NaN, -0f, Float.POSITIVE_INFINITY}, 2, 2),
            NpyArray.of(new int[] {1, -2, 3}, 3),
            NpyArray.of(new long[] {Long.MIN_VALUE, 5}, 1, 2),
            NpyArray.of(new boolean[] {true, false, true}, 3, 1),
        };
        for (NpyArray a : arrays) {
            byte[] bytes = Npy.toBytes(a);
            int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            assertEquals(0, (10 + headerLen) % 64, "header padded to 64 bytes for " + a);
            NpyArray back = Npy.parse(bytes);
            assertEquals(a, back);
        }
        String oneD = new String(Npy.toBytes(NpyArray.of(new float[5], 5)), StandardCharsets.ISO_8859_1);
        assertTrue(oneD.contains("'shape': (5,)"), oneD);
    }

    @Test
    void rejectsMalformedFilesWithOneMessage() {
        assertTrue(assertThrows(Npy.NpyFormatException.class, () -> Npy.parse("hello world".getBytes()))
                .getMessage().contains("not a .npy file"));
        byte[] lie = numpyStyle("<f4", "(1000, 1000)", new byte[8]);
        assertTrue(assertThrows(Npy.NpyFormatException.class, () -> Npy.parse(lie))
                .getMessage().contains("needs 4000000 data bytes; the file has 8"));
        byte[] huge = numpyStyle("<f4", "(2147483647, 2147483647, 2147483647)", new byte[8]);
        assertThrows(Npy.NpyFormatException.class, () -> Npy.parse(huge));
        byte[] large = numpyStyle("<i8", "(2147483647, 2147483647)", new byte[8]);
        assertEquals("shape [2147483647, 2147483647] of <i8 holds 4611686014132420609 elements, more than the "
                + "2147483639 data bytes a .npy file may have",
                assertThrows(Npy.NpyFormatException.class, () -> Npy.parse(large)).getMessage());
        byte[] f8 = numpyStyle("<f8", "(1,)", new byte[8]);
        assertTrue(assertThrows(Npy.NpyFormatException.class, () -> Npy.parse(f8))
                .getMessage().contains("unsupported dtype '<f8'"));
        byte[] truncated = Arrays.copyOf(numpyStyle("<f4", "(2,)", new byte[8]), 20);
        assertThrows(Npy.NpyFormatException.class, () -> Npy.parse(truncated));
    }

    /** Found by NpyFuzzTest: the message quoted a header holding a line break on two lines. */
    @Test
    void headerWithALineBreakIsQuotedOnOneLine() {
        byte[] broken = numpyStyle("<i4", "[2,\n 3]", new byte[8]);
        String message = assertThrows(Npy.NpyFormatException.class, () -> Npy.parse(broken)).getMessage();
        assertTrue(message.startsWith("header has no readable 'shape': {'descr': '<i4', 'fortran_order': False, 'shape': [2,\\n 3]"),
                message);
    }
}
