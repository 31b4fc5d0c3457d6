package io.nnport.frontend.onnx;

import io.nnport.frontend.onnx.proto.StringStringEntryProto;
import io.nnport.frontend.onnx.proto.TensorProto;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * ONNX {@code TensorProto} to a core {@link Tensor}, in each of its encodings: the typed fields
 * ({@code float_data}, {@code int32_data}, {@code int64_data}, {@code double_data},
 * {@code uint64_data}), {@code raw_data} (little-endian), and external data in a file beside the
 * model ({@code location}, {@code offset}, {@code length}).
 *
 * <p>Element types: FLOAT, DOUBLE, FLOAT16 and BFLOAT16 become float32 (as computed); INT8, UINT8,
 * INT16, UINT16 and INT32 become int32; INT64, UINT32 and UINT64 become int64; BOOL stays bool.
 * Every size is checked before anything is allocated: the element count against
 * {@link Tensor#MAX_ELEMENTS}, and the bytes a tensor claims against what its field or file holds.
 * External files must lie in the model's directory (a relative location without {@code ..}).
 */
public final class TensorDecoder {
    /** ONNX's {@code TensorProto.DataType} numbers. */
    static final int FLOAT = 1, UINT8 = 2, INT8 = 3, UINT16 = 4, INT16 = 5, INT32 = 6, INT64 = 7, STRING = 8,
            BOOL = 9, FLOAT16 = 10, DOUBLE = 11, UINT32 = 12, UINT64 = 13, BFLOAT16 = 16;

    private final Path modelDirectory;

    /** @param modelDirectory where external data files are looked up; null when the model has no file (tests) */
    public TensorDecoder(Path modelDirectory) {
        this.modelDirectory = modelDirectory;
    }

    /** The core dtype an ONNX element type is computed as; a {@link ModelException} detail for others. */
    public static DType dtypeOf(int onnxType, String what) {
        return switch (onnxType) {
            case FLOAT, DOUBLE, FLOAT16, BFLOAT16 -> DType.FLOAT32;
            case UINT8, INT8, UINT16, INT16, INT32 -> DType.INT32;
            case INT64, UINT32, UINT64 -> DType.INT64;
            case BOOL -> DType.BOOL;
            default -> throw new IllegalArgumentException(what + " has element type " + typeName(onnxType)
                    + ", which nnport does not compute with");
        };
    }

    /** The ONNX name of an element type number, for messages. */
    public static String typeName(int onnxType) {
        TensorProto.DataType type = TensorProto.DataType.forNumber(onnxType);
        return type == null ? "#" + onnxType : type.name();
    }

    /** Bytes per element in raw_data and external files. */
    private static int width(int onnxType) {
        return switch (onnxType) {
            case UINT8, INT8, BOOL -> 1;
            case UINT16, INT16, FLOAT16, BFLOAT16 -> 2;
            case FLOAT, INT32, UINT32 -> 4;
            default -> 8;
        };
    }

    /**
     * Decodes one tensor.
     *
     * @throws IllegalArgumentException with a one-line reason (the caller names the tensor)
     */
    public Tensor decode(TensorProto proto) {
        long[] dims = new long[proto.getDimsCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = proto.getDims(i);
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("dimension " + dims[i] + " out of range");
            }
        }
        Shape shape = Shape.ofLongs(dims);
        int count = Tensor.checkedSize(shape);
        int type = proto.getDataType();
        if (type == STRING) {
            if (proto.getStringDataCount() != count) {
                throw new IllegalArgumentException(proto.getStringDataCount() + " strings for shape " + shape);
            }
            byte[][] strings = new byte[count][];
            for (int i = 0; i < count; i++) {
                strings[i] = proto.getStringData(i).toByteArray();
            }
            return Tensor.ofStrings(shape, strings);
        }
        DType dtype = dtypeOf(type, "the tensor");
        long bytes = (long) count * width(type);
        if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return fromBytes(type, dtype, shape, count, external(proto, bytes));
        }
        if (proto.hasRawData()) {
            if (proto.getRawData().size() != bytes) {
                throw new IllegalArgumentException("raw_data holds " + proto.getRawData().size() + " bytes, shape " + shape
                        + " of " + typeName(type) + " needs " + bytes);
            }
            return fromBytes(type, dtype, shape, count, proto.getRawData().asReadOnlyByteBuffer());
        }
        return fromTypedFields(proto, type, dtype, shape, count);
    }

    private static Tensor fromBytes(int type, DType dtype, Shape shape, int count, ByteBuffer data) {
        ByteBuffer in = data.order(ByteOrder.LITTLE_ENDIAN);
        Tensor.Builder out = Tensor.builder(dtype, shape);
        for (int i = 0; i < count; i++) {
            switch (type) {
                case FLOAT -> out.setDouble(i, in.getFloat());
                case DOUBLE -> out.setDouble(i, in.getDouble());
                case FLOAT16 -> out.setDouble(i, halfToFloat(in.getShort()));
                case BFLOAT16 -> out.setDouble(i, Float.intBitsToFloat((in.getShort() & 0xffff) << 16));
                case INT8 -> out.setLong(i, in.get());
                case UINT8 -> out.setLong(i, in.get() & 0xff);
                case BOOL -> out.setBool(i, in.get() != 0);
                case INT16 -> out.setLong(i, in.getShort());
                case UINT16 -> out.setLong(i, in.getShort() & 0xffff);
                case INT32 -> out.setLong(i, in.getInt());
                case UINT32 -> out.setLong(i, in.getInt() & 0xffffffffL);
                default -> out.setLong(i, in.getLong());
            }
        }
        return out.build();
    }

    private static Tensor fromTypedFields(TensorProto proto, int type, DType dtype, Shape shape, int count) {
        int stored = switch (type) {
            case FLOAT -> proto.getFloatDataCount();
            case DOUBLE -> proto.getDoubleDataCount();
            case INT64 -> proto.getInt64DataCount();
            case UINT32, UINT64 -> proto.getUint64DataCount();
            default -> proto.getInt32DataCount();
        };
        if (stored != count) {
            throw new IllegalArgumentException(stored + " values stored for shape " + shape + " (" + count + " elements)");
        }
        Tensor.Builder out = Tensor.builder(dtype, shape);
        for (int i = 0; i < count; i++) {
            switch (type) {
                case FLOAT -> out.setDouble(i, proto.getFloatData(i));
                case DOUBLE -> out.setDouble(i, proto.getDoubleData(i));
                case INT64 -> out.setLong(i, proto.getInt64Data(i));
                case UINT32, UINT64 -> out.setLong(i, proto.getUint64Data(i));
                case FLOAT16 -> out.setDouble(i, halfToFloat(proto.getInt32Data(i)));
                case BFLOAT16 -> out.setDouble(i, Float.intBitsToFloat((proto.getInt32Data(i) & 0xffff) << 16));
                case BOOL -> out.setBool(i, proto.getInt32Data(i) != 0);
                default -> out.setLong(i, proto.getInt32Data(i));
            }
        }
        return out.build();
    }

    /** IEEE half-precision bits (the low 16) to float; Java 17 has no Float.float16ToFloat. */
    static float halfToFloat(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }

    /** The bytes of an external tensor, checked against its file before they are read. */
    private ByteBuffer external(TensorProto proto, long bytes) {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto entry : proto.getExternalDataList()) {
            switch (entry.getKey()) {
                case "location" -> location = entry.getValue();
                case "offset" -> offset = parseLong(entry.getValue(), "offset");
                case "length" -> length = parseLong(entry.getValue(), "length");
                default -> { } // checksum and other keys: informative only
            }
        }
        if (location == null || location.isEmpty()) {
            throw new IllegalArgumentException("external data without a location");
        }
        if (length >= 0 && length != bytes) {
            throw new IllegalArgumentException("external data length " + length + " but the shape needs " + bytes + " bytes");
        }
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("external data of " + bytes + " bytes, more than one tensor may have");
        }
        Path file = confined(location);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (offset > size || bytes > size - offset) {
                throw new IllegalArgumentException("external data '" + location + "' is " + size + " bytes, the tensor claims "
                        + bytes + " bytes at offset " + offset);
            }
            ByteBuffer data = ByteBuffer.allocate((int) bytes);
            while (data.hasRemaining()) {
                if (channel.read(data, offset + data.position()) < 0) {
                    throw new IllegalArgumentException("external data '" + location + "' ended early");
                }
            }
            return data.flip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read external data '" + location + "': " + e.getMessage());
        }
    }

    /** The external file, which must be a regular file inside the model's directory. */
    private Path confined(String location) {
        if (modelDirectory == null) {
            throw new IllegalArgumentException("external data '" + location + "' but the model has no directory");
        }
        Path relative;
        try {
            relative = Path.of(location);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("external data location '" + location + "' is not a path");
        }
        for (Path part : relative) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException("external data location '" + location + "' leaves the model's directory");
            }
        }
        if (relative.isAbsolute() || location.startsWith("/") || location.startsWith("\\")) {
            throw new IllegalArgumentException("external data location '" + location + "' is absolute; it must be relative to the model");
        }
        Path file = modelDirectory.resolve(relative).normalize();
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(modelDirectory.toRealPath()) || !Files.isRegularFile(real)) {
                throw new IllegalArgumentException("external data location '" + location + "' is not a file in the model's directory");
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("external data file '" + location + "' not found beside the model");
        }
    }

    private static long parseLong(String text, String key) {
        try {
            long value = Long.parseLong(text.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("external data " + key + " '" + text + "' is not a byte count");
        }
    }
}
