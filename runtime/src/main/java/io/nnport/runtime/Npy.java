package io.nnport.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format: reads versions 1.0, 2.0 and 3.0 (little- or big-endian float32, int32, int64
 * and bool, C order) and writes version 1.0 with the header padded to 64 bytes, as NumPy does.
 *
 * <p>Every malformed file ends in one {@link NpyFormatException} that says what is wrong; sizes are
 * checked against the bytes actually present before anything is allocated.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int HEADER_ALIGNMENT = 64;
    /** Header dictionaries are a few hundred bytes; anything beyond this is not a .npy header. */
    private static final int MAX_HEADER_BYTES = 1 << 16;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Thrown for a file that is not a readable .npy array; its message is one line, whatever the header holds. */
    public static final class NpyFormatException extends IOException {
        private static final long serialVersionUID = 1L;

        public NpyFormatException(String message) {
            super(Messages.oneLine(message));
        }
    }

    public static NpyArray read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(bytes);
        } catch (NpyFormatException e) {
            throw new NpyFormatException(file + ": " + e.getMessage());
        }
    }

    public static NpyArray read(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    /** Parses a whole .npy file held in memory. */
    public static NpyArray parse(byte[] bytes) throws NpyFormatException {
        if (bytes.length < MAGIC.length + 4) {
            throw new NpyFormatException("not a .npy file (only " + bytes.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new NpyFormatException("not a .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = bytes[6] & 0xff;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        switch (major) {
            case 1 -> {
                headerLength = buf.getShort(8) & 0xffff;
                headerStart = 10;
            }
            case 2, 3 -> {
                if (bytes.length < 12) {
                    throw new NpyFormatException("truncated .npy header");
                }
                headerLength = buf.getInt(8) & 0xffffffffL;
                headerStart = 12;
            }
            default -> throw new NpyFormatException("unsupported .npy version " + major + "." + (bytes[7] & 0xff));
        }
        if (headerLength > MAX_HEADER_BYTES || headerStart + headerLength > bytes.length) {
            throw new NpyFormatException("header claims " + headerLength + " bytes; the file has "
                    + (bytes.length - headerStart));
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr");
        if (group(FORTRAN, header, "fortran_order").equals("True")) {
            throw new NpyFormatException("Fortran-order arrays are not supported; save with C order");
        }
        int[] shape = parseShape(group(SHAPE, header, "shape"));
        long count;
        try {
            count = NpyArray.elementCount(shape);
        } catch (ArithmeticException e) {
            throw new NpyFormatException("shape " + java.util.Arrays.toString(shape) + " is too large");
        }

        ByteOrder order;
        NpyArray.DType dtype;
        switch (descr) {
            case "<f4", "=f4" -> { order = ByteOrder.LITTLE_ENDIAN; dtype = NpyArray.DType.FLOAT32; }
            case ">f4" -> { order = ByteOrder.BIG_ENDIAN; dtype = NpyArray.DType.FLOAT32; }
            case "<i4", "=i4" -> { order = ByteOrder.LITTLE_ENDIAN; dtype = NpyArray.DType.INT32; }
            case ">i4" -> { order = ByteOrder.BIG_ENDIAN; dtype = NpyArray.DType.INT32; }
            case "<i8", "=i8" -> { order = ByteOrder.LITTLE_ENDIAN; dtype = NpyArray.DType.INT64; }
            case ">i8" -> { order = ByteOrder.BIG_ENDIAN; dtype = NpyArray.DType.INT64; }
            case "|b1" -> { order = ByteOrder.LITTLE_ENDIAN; dtype = NpyArray.DType.BOOL; }
            default -> throw new NpyFormatException("unsupported dtype '" + descr
                    + "' (supported: float32 '<f4', int32 '<i4', int64 '<i8', bool '|b1')");
        }
        int dataStart = headerStart + (int) headerLength;
        if (count > Arguments.MAX_ARRAY_LENGTH / dtype.bytes()) {
            throw new NpyFormatException("shape " + java.util.Arrays.toString(shape) + " of " + descr + " holds " + count
                    + " elements, more than the " + Arguments.MAX_ARRAY_LENGTH + " data bytes a .npy file may have");
        }
        long need = count * dtype.bytes();
        if (need != bytes.length - dataStart) {
            throw new NpyFormatException("shape " + java.util.Arrays.toString(shape) + " of " + descr + " needs "
                    + need + " data bytes; the file has " + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) need).slice().order(order);
        int n = (int) count;
        Object values = switch (dtype) {
            case FLOAT32 -> {
                float[] v = new float[n];
                data.asFloatBuffer().get(v);
                yield v;
            }
            case INT32 -> {
                int[] v = new int[n];
                data.asIntBuffer().get(v);
                yield v;
            }
            case INT64 -> {
                long[] v = new long[n];
                data.asLongBuffer().get(v);
                yield v;
            }
            case BOOL -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = data.get(i) != 0;
                }
                yield v;
            }
        };
        return new NpyArray(dtype, shape, values);
    }

    /** Writes {@code array} as a .npy version 1.0 file. */
    public static void write(Path file, NpyArray array) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, array);
        }
    }

    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(toBytes(array));
    }

    /** The complete .npy version 1.0 encoding of {@code array}. */
    public static byte[] toBytes(NpyArray array) {
        int[] shape = array.shape();
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : (i < shape.length - 1 ? ", " : ""));
        }
        String dict = "{'descr': '" + array.dtype().descr() + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int padding = (HEADER_ALIGNMENT - unpadded % HEADER_ALIGNMENT) % HEADER_ALIGNMENT;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.ISO_8859_1);
        long dataBytes = array.size() * array.dtype().bytes();
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 4 + headerBytes.length + dataBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerBytes.length).put(headerBytes);
        switch (array.dtype()) {
            case FLOAT32 -> buf.asFloatBuffer().put((float[]) array.data());
            case INT32 -> buf.asIntBuffer().put((int[]) array.data());
            case INT64 -> buf.asLongBuffer().put((long[]) array.data());
            case BOOL -> {
                int at = buf.position();
                for (boolean b : (boolean[]) array.data()) {
                    buf.put(at++, (byte) (b ? 1 : 0));
                }
            }
        }
        return buf.array();
    }

    private static String group(Pattern pattern, String header, String key) throws NpyFormatException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new NpyFormatException("header has no readable '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    private static int[] parseShape(String text) throws NpyFormatException {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1); // Python 2 longs
            }
            try {
                int d = Integer.parseInt(p);
                if (d < 0) {
                    throw new NumberFormatException();
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new NpyFormatException("bad dimension '" + p + "' in shape (" + text + ")");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }
}
