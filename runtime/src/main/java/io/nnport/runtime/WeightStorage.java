package io.nnport.runtime;

import io.nnport.kernels.gemm.Gemm;
import io.nnport.kernels.gemm.PackedB;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * How the weights file stores a tensor, one constant per storage: its dtype code in the file, the
 * bytes per element, the {@link WeightsReader} method generated code calls at load and the Java
 * array it returns, and how GEMM packs it, where GEMM reads this storage. {@link WeightsFile}
 * encodes and {@link WeightsReader} decodes through this table, and the converter emits its reader
 * calls and packing calls from it. Adding a storage (bf16, int8) is one constant here, with its
 * element codec, its reader in {@link WeightsReader} (and {@link WeightsFile}) and, if GEMM reads
 * it, its packing.
 */
public enum WeightStorage {

    /** IEEE float32, the dtype models are trained in; GEMM packs it into {@link PackedB} panels. */
    FLOAT32(0, Float.BYTES, "floats", float[].class,
            new GemmPacking(PackedB.class, Gemm.class, "packB", "floatRuns")) {
        @Override
        void write(Object values, ByteBuffer out) {
            out.asFloatBuffer().put((float[]) values);
        }

        @Override
        Object newArray(int count) {
            return new float[count];
        }

        @Override
        void decode(ByteBuffer in, Object values, int offset, int count) {
            in.asFloatBuffer().get((float[]) values, offset, count);
        }
    },

    /** int32: integer constants such as gather indices; never a GEMM operand. */
    INT32(1, Integer.BYTES, "ints", int[].class, null) {
        @Override
        void write(Object values, ByteBuffer out) {
            out.asIntBuffer().put((int[]) values);
        }

        @Override
        Object newArray(int count) {
            return new int[count];
        }

        @Override
        void decode(ByteBuffer in, Object values, int offset, int count) {
            in.asIntBuffer().get((int[]) values, offset, count);
        }
    };

    /**
     * The load-time packing GEMM takes weights of a storage in: {@code packer.method(w.<runsReader>(name,
     * k, n), k, n)} packs the row-major {@code [k, n]} matrix, streamed from the weights resource by
     * the {@link WeightsReader} method {@code runsReader}, into a {@code packedType}, which the GEMM
     * kernels read.
     */
    public record GemmPacking(Class<?> packedType, Class<?> packer, String method, String runsReader) {}

    private final int code;
    private final int elementBytes;
    private final String reader;
    private final Class<?> valuesType;
    private final GemmPacking gemmPacking;

    WeightStorage(int code, int elementBytes, String reader, Class<?> valuesType, GemmPacking gemmPacking) {
        this.code = code;
        this.elementBytes = elementBytes;
        this.reader = reader;
        this.valuesType = valuesType;
        this.gemmPacking = gemmPacking;
    }

    /** The dtype byte that marks a tensor of this storage in the weights file's table. */
    public int code() {
        return code;
    }

    /** Bytes one element takes in the weights file's data section. */
    public int elementBytes() {
        return elementBytes;
    }

    /**
     * The {@link WeightsReader} method that returns a tensor of this storage, called as
     * {@code w.<reader>(name, dims...)} by generated code ({@link WeightsFile} has it too).
     */
    public String reader() {
        return reader;
    }

    /** The Java array type {@link #reader()} returns and {@link WeightsFile.Entry} holds. */
    public Class<?> valuesType() {
        return valuesType;
    }

    /** How GEMM takes weights of this storage, or empty when GEMM does not read it. */
    public Optional<GemmPacking> gemmPacking() {
        return Optional.ofNullable(gemmPacking);
    }

    /** The storage marked by {@code code} in a weights file, or empty for a code no storage has. */
    public static Optional<WeightStorage> ofCode(int code) {
        for (WeightStorage s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Writes {@code values} (a {@link #valuesType()} array) at {@code out}'s position, in its byte order. */
    abstract void write(Object values, ByteBuffer out);

    /** A new {@link #valuesType()} array of {@code count} elements. */
    abstract Object newArray(int count);

    /** Reads {@code count} elements at {@code in}'s position, in its byte order, into {@code values[offset...]}. */
    abstract void decode(ByteBuffer in, Object values, int offset, int count);
}
