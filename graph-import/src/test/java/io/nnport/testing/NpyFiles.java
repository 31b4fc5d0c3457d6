package io.nnport.testing;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the reference {@code .npy} files that NumPy writes (format versions 1 to 3, C order,
 * little-endian float32, int32, int64 or bool) as tensors. The core has no .npy reader of its own
 * (the runtime's is for model jars), so the oracle tests read their references here.
 */
public final class NpyFiles {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpyFiles() {}

    public static Tensor read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length < 10 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException(file + ": not a .npy file");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLength = major == 1 ? Short.toUnsignedInt(buffer.getShort(8)) : buffer.getInt(8);
        int dataStart = (major == 1 ? 10 : 12) + headerLength;
        String header = new String(bytes, major == 1 ? 10 : 12, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        if (!"False".equals(field(FORTRAN, header, file))) {
            throw new IllegalArgumentException(file + ": Fortran order is not read");
        }
        Shape shape = Shape.of(Arrays.stream(field(SHAPE, header, file).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray());
        DType dtype = switch (field(DESCR, header, file)) {
            case "<f4" -> DType.FLOAT32;
            case "<i4" -> DType.INT32;
            case "<i8" -> DType.INT64;
            case "|b1" -> DType.BOOL;
            default -> throw new IllegalArgumentException(file + ": dtype " + field(DESCR, header, file) + " is not read");
        };
        Tensor.Builder tensor = Tensor.builder(dtype, shape);
        if (bytes.length - dataStart != (long) tensor.size() * dtype.byteSize()) {
            throw new IllegalArgumentException(file + ": " + (bytes.length - dataStart) + " data bytes for "
                    + dtype + shape);
        }
        buffer.position(dataStart);
        for (int i = 0; i < tensor.size(); i++) {
            switch (dtype) {
                case FLOAT32 -> tensor.setDouble(i, buffer.getFloat());
                case INT32 -> tensor.setLong(i, buffer.getInt());
                case INT64 -> tensor.setLong(i, buffer.getLong());
                case BOOL -> tensor.setBool(i, buffer.get() != 0);
                default -> throw new AssertionError(dtype);
            }
        }
        return tensor.build();
    }

    private static String field(Pattern pattern, String header, Path file) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(file + ": header without " + pattern.pattern() + ": " + header);
        }
        return m.group(1);
    }
}
