package io.nnport.frontend.tf;

import com.google.protobuf.ByteString;
import io.nnport.frontend.tf.proto.DataType;
import io.nnport.frontend.tf.proto.TensorProto;
import io.nnport.frontend.tf.proto.TensorShapeProto;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Converts TensorFlow {@code TensorProto}s to {@link Tensor}s and back.
 *
 * <p>Decoding follows TensorFlow's {@code Tensor::FromProto}: packed little-endian
 * {@code tensor_content} when present, else the typed value field of the dtype ({@code float_val},
 * {@code half_val}, {@code int_val}, {@code int64_val}, {@code bool_val}, {@code string_val}); fewer
 * values than elements repeat the last value (one value fills the shape), none means zeros.
 * float16 is widened to float32. Sizes are checked before anything is allocated: a shape over
 * {@link Tensor#MAX_ELEMENTS}, a {@code tensor_content} whose length is not elements x element size,
 * or more typed values than elements are errors.
 */
public final class TensorCodec {
    private TensorCodec() {}

    /** The nnport dtype of a TensorFlow dtype, float16 included (it is widened); null if unsupported. */
    public static DType dtypeOf(DataType type) {
        return switch (type) {
            case DT_FLOAT, DT_HALF -> DType.FLOAT32;
            case DT_INT32 -> DType.INT32;
            case DT_INT64 -> DType.INT64;
            case DT_BOOL -> DType.BOOL;
            case DT_STRING -> DType.STRING;
            default -> null;
        };
    }

    /** TensorFlow's dtype for an nnport dtype. */
    public static DataType dataTypeOf(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.DT_FLOAT;
            case INT32 -> DataType.DT_INT32;
            case INT64 -> DataType.DT_INT64;
            case BOOL -> DataType.DT_BOOL;
            case STRING -> DataType.DT_STRING;
        };
    }

    /** A TensorFlow shape; {@code unknown_rank} gives {@link Shape#unknownRank()}. */
    public static Shape shapeOf(TensorShapeProto proto) {
        if (proto.getUnknownRank()) {
            return Shape.unknownRank();
        }
        long[] dims = new long[proto.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = proto.getDim(i).getSize();
        }
        return Shape.ofLongs(dims);
    }

    public static TensorShapeProto shapeProto(Shape shape) {
        TensorShapeProto.Builder proto = TensorShapeProto.newBuilder();
        if (!shape.hasRank()) {
            return proto.setUnknownRank(true).build();
        }
        for (int d : shape.dims()) {
            proto.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return proto.build();
    }

    /**
     * Decodes a tensor.
     *
     * @throws IllegalArgumentException with a one-line reason for an unsupported dtype, a shape that
     *     is not fully known or too large, or a size lie
     */
    public static Tensor decode(TensorProto proto) {
        DataType type = proto.getDtype();
        DType dtype = dtypeOf(type);
        if (dtype == null) {
            throw new IllegalArgumentException("tensor of type " + type.name() + ", which nnport does not support");
        }
        Shape shape;
        try {
            shape = shapeOf(proto.getTensorShape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tensor shape out of range: " + describe(proto.getTensorShape().getDimList()));
        }
        if (!shape.isFullyKnown()) {
            throw new IllegalArgumentException("constant tensor with shape " + shape + " that is not fully known");
        }
        int size = Tensor.checkedSize(shape);
        if (!proto.getTensorContent().isEmpty()) {
            if (dtype == DType.STRING) {
                throw new IllegalArgumentException("string tensor with packed tensor_content");
            }
            int elementBytes = type == DataType.DT_HALF ? 2 : dtype.byteSize();
            long expected = (long) size * elementBytes;
            if (proto.getTensorContent().size() != expected) {
                throw new IllegalArgumentException("tensor " + type.name() + shape + " needs " + expected
                        + " bytes but its tensor_content holds " + proto.getTensorContent().size());
            }
            ByteBuffer bytes = proto.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (type == DataType.DT_FLOAT) {
                // Weights are nearly all of a model's bytes: read them in bulk.
                return Tensor.builder(dtype, shape).setFloats(bytes.asFloatBuffer()).build();
            }
            Tensor.Builder out = Tensor.builder(dtype, shape);
            for (int i = 0; i < size; i++) {
                switch (type) {
                    case DT_FLOAT -> out.setDouble(i, bytes.getFloat());
                    case DT_HALF -> out.setDouble(i, halfToFloat(bytes.getShort()));
                    case DT_INT32 -> out.setLong(i, bytes.getInt());
                    case DT_INT64 -> out.setLong(i, bytes.getLong());
                    case DT_BOOL -> out.setBool(i, bytes.get() != 0);
                    default -> throw new AssertionError(type);
                }
            }
            return out.build();
        }
        int count = switch (type) {
            case DT_FLOAT -> proto.getFloatValCount();
            case DT_HALF -> proto.getHalfValCount();
            case DT_INT32 -> proto.getIntValCount();
            case DT_INT64 -> proto.getInt64ValCount();
            case DT_BOOL -> proto.getBoolValCount();
            case DT_STRING -> proto.getStringValCount();
            default -> throw new AssertionError(type);
        };
        if (count > size) {
            throw new IllegalArgumentException("tensor " + type.name() + shape + " has " + size
                    + " elements but lists " + count + " values");
        }
        Tensor.Builder out = Tensor.builder(dtype, shape);
        for (int i = 0; i < size && count > 0; i++) {
            int j = Math.min(i, count - 1);
            switch (type) {
                case DT_FLOAT -> out.setDouble(i, proto.getFloatVal(j));
                case DT_HALF -> out.setDouble(i, halfToFloat((short) proto.getHalfVal(j)));
                case DT_INT32 -> out.setLong(i, proto.getIntVal(j));
                case DT_INT64 -> out.setLong(i, proto.getInt64Val(j));
                case DT_BOOL -> out.setBool(i, proto.getBoolVal(j));
                case DT_STRING -> out.setString(i, proto.getStringVal(j).toByteArray());
                default -> throw new AssertionError(type);
            }
        }
        return out.build();
    }

    /** Encodes a tensor as TensorFlow writes it: packed {@code tensor_content}, strings as {@code string_val}. */
    public static TensorProto encode(Tensor tensor) {
        TensorProto.Builder proto = TensorProto.newBuilder()
                .setDtype(dataTypeOf(tensor.dtype()))
                .setTensorShape(shapeProto(tensor.shape()));
        if (tensor.dtype() == DType.STRING) {
            for (int i = 0; i < tensor.size(); i++) {
                proto.addStringVal(ByteString.copyFrom(tensor.getString(i)));
            }
            return proto.build();
        }
        ByteBuffer bytes = ByteBuffer.allocate(tensor.size() * tensor.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < tensor.size(); i++) {
            switch (tensor.dtype()) {
                case FLOAT32 -> bytes.putFloat(tensor.getFloat(i));
                case INT32 -> bytes.putInt((int) tensor.getLong(i));
                case INT64 -> bytes.putLong(tensor.getLong(i));
                case BOOL -> bytes.put((byte) (tensor.getBool(i) ? 1 : 0));
                default -> throw new AssertionError(tensor.dtype());
            }
        }
        return proto.setTensorContent(ByteString.copyFrom(bytes.array())).build();
    }

    /** The dims of a list of shapes, for messages. */
    static String describe(List<TensorShapeProto.Dim> dims) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < dims.size(); i++) {
            text.append(i == 0 ? "" : ",").append(dims.get(i).getSize());
        }
        return text.append(']').toString();
    }

    /** IEEE 754 binary16 bits to float (Float.float16ToFloat arrived only in Java 20). */
    static float halfToFloat(short bits) {
        int sign = (bits >>> 15) & 1;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f;
        } else if (exponent == 31) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = Float.intBitsToFloat(((exponent + 112) << 23) | (mantissa << 13));
        }
        return sign == 0 ? magnitude : -magnitude;
    }
}
