package io.nnport.runtime;

import java.util.Arrays;

/**
 * An n-dimensional array as NumPy's .npy format holds it: a dtype, a C-order shape and the values in
 * a primitive Java array ({@code float[]} for float32, {@code int[]} for int32, {@code long[]} for
 * int64, {@code boolean[]} for bool).
 */
public record NpyArray(DType dtype, int[] shape, Object data) {

    /** The element types nnport reads and writes. */
    public enum DType {
        FLOAT32("<f4", 4), INT32("<i4", 4), INT64("<i8", 8), BOOL("|b1", 1);

        private final String descr;
        private final int bytes;

        DType(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }

        /** NumPy's little-endian type string, as written in the header. */
        public String descr() {
            return descr;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }
    }

    public NpyArray {
        shape = shape.clone();
        long n = elementCount(shape);
        int length = switch (dtype) {
            case FLOAT32 -> ((float[]) data).length;
            case INT32 -> ((int[]) data).length;
            case INT64 -> ((long[]) data).length;
            case BOOL -> ((boolean[]) data).length;
        };
        if (length != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but the data has " + length);
        }
    }

    public static NpyArray of(float[] data, int... shape) {
        return new NpyArray(DType.FLOAT32, shape, data);
    }

    public static NpyArray of(int[] data, int... shape) {
        return new NpyArray(DType.INT32, shape, data);
    }

    public static NpyArray of(long[] data, int... shape) {
        return new NpyArray(DType.INT64, shape, data);
    }

    public static NpyArray of(boolean[] data, int... shape) {
        return new NpyArray(DType.BOOL, shape, data);
    }

    /** Product of the dimensions (1 for a scalar); ArithmeticException past Long.MAX_VALUE. */
    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public long size() {
        return elementCount(shape);
    }

    /** The values as float32 (int and bool values converted); the same array when already float32. */
    public float[] asFloats() {
        return switch (dtype) {
            case FLOAT32 -> (float[]) data;
            case INT32 -> {
                int[] v = (int[]) data;
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = v[i];
                }
                yield f;
            }
            case INT64 -> {
                long[] v = (long[]) data;
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = v[i];
                }
                yield f;
            }
            case BOOL -> {
                boolean[] v = (boolean[]) data;
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = v[i] ? 1f : 0f;
                }
                yield f;
            }
        };
    }

    /** The values as int32 (float values must be whole numbers in int range). */
    public int[] asInts() {
        return switch (dtype) {
            case INT32 -> (int[]) data;
            case INT64 -> {
                long[] v = (long[]) data;
                int[] r = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    if (v[i] != (int) v[i]) {
                        throw new IllegalArgumentException("int64 value " + v[i] + " at index " + i + " does not fit int32");
                    }
                    r[i] = (int) v[i];
                }
                yield r;
            }
            case FLOAT32 -> {
                float[] v = (float[]) data;
                int[] r = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    if (v[i] != (int) v[i]) {
                        throw new IllegalArgumentException("float value " + v[i] + " at index " + i + " is not an integer id");
                    }
                    r[i] = (int) v[i];
                }
                yield r;
            }
            case BOOL -> {
                boolean[] v = (boolean[]) data;
                int[] r = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    r[i] = v[i] ? 1 : 0;
                }
                yield r;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray other && dtype == other.dtype && Arrays.equals(shape, other.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {other.data});
    }

    @Override
    public int hashCode() {
        return 31 * dtype.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
