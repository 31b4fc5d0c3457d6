package io.nnport.ir;

import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable dense tensor: a {@link DType}, a fully known {@link Shape} and row-major (C order)
 * elements. Storage follows the dtype: {@code float[]} for float32, {@code int[]} for int32,
 * {@code long[]} for int64, {@code boolean[]} for bool, {@code byte[][]} for string.
 *
 * <p>Element accessors take the flat row-major index. Array accessors ({@link #floats()}, ...)
 * return copies, so a tensor can be shared freely between graphs, passes and threads. New tensors
 * are made by the {@code of...} factories (which copy their argument) or by a {@link Builder}.
 */
public final class Tensor {
    /**
     * The largest element count nnport allocates for one tensor: 2^28 elements is 1 GiB of float32,
     * well above any real model's weights (a GraphDef is capped at 2 GiB by protobuf) and small
     * enough that a shape claiming more is rejected before anything is allocated.
     */
    public static final long MAX_ELEMENTS = 1L << 28;

    private final DType dtype;
    private final Shape shape;
    private final Object data;
    private final int size;

    private Tensor(DType dtype, Shape shape, Object data, int size) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
        this.size = size;
    }

    public static Tensor ofFloats(Shape shape, float... values) {
        return new Tensor(DType.FLOAT32, shape, values.clone(), checkLength(shape, values.length));
    }

    public static Tensor ofInts(Shape shape, int... values) {
        return new Tensor(DType.INT32, shape, values.clone(), checkLength(shape, values.length));
    }

    public static Tensor ofLongs(Shape shape, long... values) {
        return new Tensor(DType.INT64, shape, values.clone(), checkLength(shape, values.length));
    }

    public static Tensor ofBools(Shape shape, boolean... values) {
        return new Tensor(DType.BOOL, shape, values.clone(), checkLength(shape, values.length));
    }

    public static Tensor ofStrings(Shape shape, byte[]... values) {
        byte[][] copy = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i].clone();
        }
        return new Tensor(DType.STRING, shape, copy, checkLength(shape, values.length));
    }

    public static Tensor scalar(float value) {
        return ofFloats(Shape.scalar(), value);
    }

    public static Tensor scalarInt(int value) {
        return ofInts(Shape.scalar(), value);
    }

    public static Tensor scalarBool(boolean value) {
        return ofBools(Shape.scalar(), value);
    }

    /** A 1-D int32 tensor, the usual type of shape, axis and index arguments. */
    public static Tensor vectorInts(int... values) {
        return ofInts(Shape.of(values.length), values);
    }

    /** All elements zero (false, empty string). */
    public static Tensor zeros(DType dtype, Shape shape) {
        return builder(dtype, shape).build();
    }

    /** A mutable builder of a tensor of this dtype and shape, filled with zeros. */
    public static Builder builder(DType dtype, Shape shape) {
        return new Builder(dtype, shape);
    }

    /**
     * Checks that a tensor of this shape may be allocated: fully known and at most
     * {@link #MAX_ELEMENTS} elements. Readers and op rules call it before allocating.
     *
     * @return the element count
     * @throws IllegalArgumentException naming the shape otherwise
     */
    public static int checkedSize(Shape shape) {
        if (!shape.isFullyKnown()) {
            throw new IllegalArgumentException("shape " + shape + " is not fully known");
        }
        long n = 1;
        for (int d : shape.dims()) {
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + shape + " has more than " + MAX_ELEMENTS
                        + " elements, the most nnport allocates for one tensor (Tensor.MAX_ELEMENTS)");
            }
        }
        return (int) n;
    }

    private static int checkLength(Shape shape, int length) {
        int size = checkedSize(shape);
        if (size != length) {
            throw new IllegalArgumentException(length + " values for shape " + shape);
        }
        return size;
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    public int rank() {
        return shape.rank();
    }

    /** Element {@code i} as a double: numeric types convert, bool is 0 or 1. */
    public double getDouble(int i) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            case STRING -> throw new IllegalStateException("string tensor has no numeric value");
        };
    }

    public float getFloat(int i) {
        return dtype == DType.FLOAT32 ? ((float[]) data)[i] : (float) getDouble(i);
    }

    /** Element {@code i} as a long: integers exactly, floats truncated toward zero, bool 0 or 1. */
    public long getLong(int i) {
        return switch (dtype) {
            case INT32 -> ((int[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            default -> (long) getDouble(i);
        };
    }

    public boolean getBool(int i) {
        return dtype == DType.BOOL ? ((boolean[]) data)[i] : getDouble(i) != 0;
    }

    public byte[] getString(int i) {
        if (dtype != DType.STRING) {
            throw new IllegalStateException(dtype + " tensor has no string value");
        }
        return ((byte[][]) data)[i].clone();
    }

    /** A copy of all elements as float32 (converting other numeric types). */
    public float[] floats() {
        if (dtype == DType.FLOAT32) {
            return ((float[]) data).clone();
        }
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = getFloat(i);
        }
        return out;
    }

    /** A copy of all elements as longs (see {@link #getLong}). */
    public long[] longs() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /** A copy of all elements as ints; throws if a value does not fit. */
    public int[] ints() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = Math.toIntExact(getLong(i));
        }
        return out;
    }

    public boolean[] bools() {
        boolean[] out = new boolean[size];
        for (int i = 0; i < size; i++) {
            out[i] = getBool(i);
        }
        return out;
    }

    /** The same elements under another shape with the same element count. */
    public Tensor reshape(Shape newShape) {
        if (checkedSize(newShape) != size) {
            throw new IllegalArgumentException("cannot reshape " + shape + " to " + newShape);
        }
        return new Tensor(dtype, newShape, data, size);
    }

    /** A new tensor of this dtype whose element {@code i} is this tensor's element {@code index[i]}. */
    public Tensor select(Shape newShape, int[] index) {
        Builder out = builder(dtype, newShape);
        for (int i = 0; i < index.length; i++) {
            out.copy(i, this, index[i]);
        }
        return out.build();
    }

    /** Same dtype, shape and elements (floats compared bit for bit, so NaN equals NaN). */
    public boolean contentEquals(Tensor other) {
        if (dtype != other.dtype || !shape.equals(other.shape)) {
            return false;
        }
        return switch (dtype) {
            case FLOAT32 -> Arrays.equals((float[]) data, (float[]) other.data);
            case INT32 -> Arrays.equals((int[]) data, (int[]) other.data);
            case INT64 -> Arrays.equals((long[]) data, (long[]) other.data);
            case BOOL -> Arrays.equals((boolean[]) data, (boolean[]) other.data);
            case STRING -> Arrays.deepEquals((byte[][]) data, (byte[][]) other.data);
        };
    }

    /** {@code float32[2,3] {0.5, 1.0, ...}}, at most eight elements. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(dtype).append(shape).append(" {");
        for (int i = 0; i < Math.min(size, 8); i++) {
            text.append(i == 0 ? "" : ", ");
            switch (dtype) {
                case STRING -> text.append('"').append(new String(((byte[][]) data)[i], StandardCharsets.UTF_8)).append('"');
                case BOOL -> text.append(getBool(i));
                case FLOAT32 -> text.append(getFloat(i));
                default -> text.append(getLong(i));
            }
        }
        return text.append(size > 8 ? ", ...}" : "}").toString();
    }

    /**
     * Fills a new tensor element by element; {@link #build()} hands the storage over, after which
     * the builder must not be used.
     */
    public static final class Builder {
        private final DType dtype;
        private final Shape shape;
        private final int size;
        private Object data;

        private Builder(DType dtype, Shape shape) {
            this.dtype = dtype;
            this.shape = shape;
            this.size = checkedSize(shape);
            this.data = switch (dtype) {
                case FLOAT32 -> new float[size];
                case INT32 -> new int[size];
                case INT64 -> new long[size];
                case BOOL -> new boolean[size];
                case STRING -> {
                    byte[][] strings = new byte[size][];
                    Arrays.fill(strings, new byte[0]);
                    yield strings;
                }
            };
        }

        public int size() {
            return size;
        }

        /** Stores a double, converted as TensorFlow's Cast does (truncation for integers). */
        public Builder setDouble(int i, double value) {
            switch (dtype) {
                case FLOAT32 -> ((float[]) data)[i] = (float) value;
                case INT32 -> ((int[]) data)[i] = (int) value;
                case INT64 -> ((long[]) data)[i] = (long) value;
                case BOOL -> ((boolean[]) data)[i] = value != 0;
                case STRING -> throw new IllegalStateException("cannot store a number in a string tensor");
            }
            return this;
        }

        /** Stores a long: int32 wraps as TensorFlow's int32 arithmetic does. */
        public Builder setLong(int i, long value) {
            switch (dtype) {
                case INT32 -> ((int[]) data)[i] = (int) value;
                case INT64 -> ((long[]) data)[i] = value;
                default -> setDouble(i, value);
            }
            return this;
        }

        public Builder setBool(int i, boolean value) {
            if (dtype == DType.BOOL) {
                ((boolean[]) data)[i] = value;
            } else {
                setDouble(i, value ? 1 : 0);
            }
            return this;
        }

        public Builder setString(int i, byte[] value) {
            if (dtype != DType.STRING) {
                throw new IllegalStateException("cannot store a string in a " + dtype + " tensor");
            }
            ((byte[][]) data)[i] = value.clone();
            return this;
        }

        /** Fills a float32 tensor from {@code values}, which must hold exactly its element count. */
        public Builder setFloats(FloatBuffer values) {
            if (dtype != DType.FLOAT32 || values.remaining() != size) {
                throw new IllegalArgumentException(values.remaining() + " floats for a " + dtype + shape + " tensor");
            }
            values.get((float[]) data);
            return this;
        }

        /** Copies element {@code j} of {@code source} (same dtype) into element {@code i}. */
        public Builder copy(int i, Tensor source, int j) {
            if (source.dtype != dtype) {
                throw new IllegalArgumentException("cannot copy " + source.dtype + " into " + dtype);
            }
            switch (dtype) {
                case FLOAT32 -> ((float[]) data)[i] = ((float[]) source.data)[j];
                case INT32 -> ((int[]) data)[i] = ((int[]) source.data)[j];
                case INT64 -> ((long[]) data)[i] = ((long[]) source.data)[j];
                case BOOL -> ((boolean[]) data)[i] = ((boolean[]) source.data)[j];
                case STRING -> ((byte[][]) data)[i] = ((byte[][]) source.data)[j];
            }
            return this;
        }

        public Tensor build() {
            Object built = data;
            data = null;
            if (built == null) {
                throw new IllegalStateException("builder already used");
            }
            return new Tensor(dtype, shape, built, size);
        }
    }
}
