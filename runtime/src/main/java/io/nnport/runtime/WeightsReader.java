package io.nnport.runtime;

import io.nnport.kernels.gemm.FloatRuns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * Reads a weights resource ({@link WeightsFile}'s format) as a stream, for a generated model's
 * constructor: each tensor is decoded straight into the array it lives in at run time, through one
 * reusable buffer of {@link #CHUNK_BYTES}. A plain tensor ({@link #floats}, {@link #ints}) is read
 * into its final array; a GEMM or convolution operand ({@link #floatRuns}) is handed to the
 * kernels' packer a run at a time and copied straight into its panels. The file is never held
 * whole, and no tensor exists in two layouts at once, so a model's load needs about its weights'
 * bytes of heap and leaves no garbage behind.
 *
 * <p>The CRC32 is computed as the bytes stream past and checked once the model is built, before
 * {@link #load} returns it. Reads follow the table's order, which is the order the converter
 * writes tensors in and generated code reads them in; a tensor read again later (a constant
 * that two parts of a very large model each load) is read from a second stream of the resource.
 * Sizes come from the generated code's shapes, each checked against the table before anything is
 * allocated, so a corrupt table cannot make the reader allocate what the model does not need.
 */
public final class WeightsReader {

    /** Bytes read from the resource at a time: a few hundred KB keeps the per-read cost negligible. */
    static final int CHUNK_BYTES = 256 * 1024;

    /** Opens the resource again from its first byte, for a tensor read after the one streamed past it. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    /** One row of the table: where its values start in the resource, in bytes. */
    record Tensor(String name, WeightStorage storage, int[] shape, int count, long start) {}

    private final Source source;
    private final Bytes in;
    private final Map<String, Tensor> table;
    private float[] runs;

    private WeightsReader(Source source, Bytes in, Map<String, Tensor> table) {
        this.source = source;
        this.in = in;
        this.table = table;
    }

    /**
     * Builds a model from the weights resource {@code name} next to {@code owner} (a generated model
     * class): {@code build} reads the tensors, then the CRC32 is checked. A missing, truncated or
     * corrupt resource, or one that does not hold the tensors the model reads, is an
     * {@link IllegalStateException} naming the resource in one line.
     */
    public static <M> M load(Class<?> owner, String name, Function<WeightsReader, M> build) {
        Source source = () -> {
            InputStream in = owner.getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException("missing weights resource " + name + " next to " + owner.getName());
            }
            return in;
        };
        try (InputStream in = source.open()) {
            return read(in, -1, source, build);
        } catch (IOException e) {
            throw new IllegalStateException("cannot load weights resource " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the table from {@code in}, applies {@code build}, and checks the CRC32. {@code size} is the
     * resource's length in bytes where known (-1 if not), to refuse a table that claims more than it.
     */
    static <M> M read(InputStream in, long size, Source source, Function<WeightsReader, M> build) throws IOException {
        Bytes bytes = new Bytes(in);
        M model;
        try {
            model = build.apply(new WeightsReader(source, bytes, readTable(bytes, size)));
        } catch (IOException e) {
            throw bytes.explain(e);
        } catch (UncheckedIOException e) {
            throw bytes.explain(e.getCause());
        }
        bytes.finish();
        return model;
    }

    /** The tensor {@code name} as float32 values, which must have exactly {@code shape}. */
    public float[] floats(String name, int... shape) {
        return (float[]) values(find(name, WeightStorage.FLOAT32, shape));
    }

    /** The tensor {@code name} as int32 values, which must have exactly {@code shape}. */
    public int[] ints(String name, int... shape) {
        return (int[]) values(find(name, WeightStorage.INT32, shape));
    }

    /**
     * The float32 tensor {@code name}, which must have exactly {@code shape}, for a packer to stream:
     * read when the packer asks for its runs, once.
     */
    public FloatRuns floatRuns(String name, int... shape) {
        Tensor t = find(name, WeightStorage.FLOAT32, shape);
        return new FloatRuns() {
            @Override
            public long length() {
                return t.count();
            }

            @Override
            public void forEachRun(Sink sink) {
                if (runs == null) {
                    runs = new float[CHUNK_BYTES / Float.BYTES];
                }
                stream(t, (chunk, done, n) -> {
                    chunk.asFloatBuffer().get(runs, 0, n);
                    sink.accept(runs, 0, done, n);
                });
            }
        };
    }

    /** The table, in file order. */
    Collection<Tensor> tensors() {
        return table.values();
    }

    /** {@code t}'s values in a new array of its storage. */
    Object values(Tensor t) {
        Object values = t.storage().newArray(t.count());
        stream(t, (chunk, done, n) -> t.storage().decode(chunk, values, (int) done, n));
        return values;
    }

    private Tensor find(String name, WeightStorage storage, int[] shape) {
        Tensor t = table.get(name);
        if (t == null) {
            throw new UncheckedIOException(new IOException("weights resource has no tensor " + name));
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new UncheckedIOException(new IOException("weights tensor " + name + " has shape "
                    + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(shape)));
        }
        if (t.storage() != storage) {
            throw new UncheckedIOException(new IOException("weights tensor " + name + " is " + t.storage()
                    + ", not " + storage));
        }
        return t;
    }

    /** Receives a tensor's bytes a chunk at a time: {@code n} elements from element {@code done} on. */
    private interface Chunks {
        void accept(ByteBuffer chunk, long done, int n);
    }

    /**
     * Streams {@code t}'s values to {@code chunks}: from the resource's stream when it has not
     * passed them yet, else from a second stream of the resource.
     */
    private void stream(Tensor t, Chunks chunks) {
        try {
            if (t.start() >= in.position()) {
                stream(in, t, chunks);
            } else if (source == null) {
                throw new IOException("weights tensor " + Messages.oneLine(t.name()) + " is read after a tensor behind it");
            } else {
                try (InputStream again = source.open()) {
                    stream(new Bytes(again), t, chunks);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stream(Bytes from, Tensor t, Chunks chunks) throws IOException {
        from.skipTo(t.start());
        int elementBytes = t.storage().elementBytes();
        int perChunk = CHUNK_BYTES / elementBytes;
        for (long done = 0; done < t.count(); ) {
            int n = (int) Math.min(perChunk, t.count() - done);
            chunks.accept(from.read(n * elementBytes), done, n);
            done += n;
        }
    }

    private static Map<String, Tensor> readTable(Bytes in, long size) throws IOException {
        ByteBuffer header = in.read(12);
        if (header.getInt() != WeightsFile.MAGIC) {
            throw new IOException("weights resource has a bad magic number");
        }
        int version = header.getInt();
        if (version != WeightsFile.VERSION) {
            throw new IOException("weights format version " + version + " is not supported (expected "
                    + WeightsFile.VERSION + ")");
        }
        int count = header.getInt();
        // A table entry takes at least 12 bytes: refuse a count the file cannot hold before reading on.
        if (count < 0 || size >= 0 && count > (size - 16) / 12) {
            throw new IOException("weights table claims " + count + " tensors; the file is too small");
        }
        record Row(String name, int code, int[] shape, long offset) {}
        // Grown as rows are read, so that a count the stream does not back allocates nothing.
        Row[] rows = new Row[Math.min(count, 1024)];
        for (int t = 0; t < count; t++) {
            String name = new String(readArray(in, in.read(2).getShort() & 0xffff), StandardCharsets.UTF_8);
            ByteBuffer codeAndRank = in.read(2);
            int code = codeAndRank.get() & 0xff;
            int[] shape = new int[codeAndRank.get() & 0xff];
            ByteBuffer dims = in.read(shape.length * Integer.BYTES);
            for (int d = 0; d < shape.length; d++) {
                shape[d] = dims.getInt();
            }
            if (t == rows.length) {
                rows = Arrays.copyOf(rows, Math.min(count, 2 * rows.length));
            }
            rows[t] = new Row(name, code, shape, in.read(8).getLong());
        }
        long dataStart = in.position();
        // Words of data before the CRC32; unbounded when the size is not known (then a tensor beyond
        // the end is found truncated when it is read).
        long dataWords = size >= 0 ? (size - 4 - dataStart) / 4 : (Long.MAX_VALUE - dataStart) / 4;
        Map<String, Tensor> table = new LinkedHashMap<>();
        for (Row row : rows) {
            WeightStorage storage = WeightStorage.ofCode(row.code()).orElseThrow(() -> new IOException(
                    "weights tensor " + Messages.oneLine(row.name()) + " has unknown dtype " + row.code()));
            long n;
            try {
                n = NpyArray.elementCount(row.shape());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IOException("weights tensor " + Messages.oneLine(row.name()) + " has shape " + Arrays.toString(row.shape())
                        + ", which no tensor can have", e);
            }
            // Compared in bytes left after the offset, so that no hostile offset or count overflows.
            if (row.offset() < 0 || row.offset() > dataWords
                    || n > (dataWords - row.offset()) * 4 / storage.elementBytes()) {
                throw new IOException("weights tensor " + Messages.oneLine(row.name()) + " lies outside the data section");
            }
            if (n > Integer.MAX_VALUE - 8) {
                throw new IOException("weights tensor " + Messages.oneLine(row.name()) + " has " + n
                        + " elements, more than one Java array holds");
            }
            table.put(row.name(), new Tensor(row.name(), storage, row.shape(), (int) n, dataStart + row.offset() * 4));
        }
        return Collections.unmodifiableMap(table);
    }

    private static byte[] readArray(Bytes in, int length) throws IOException {
        byte[] bytes = new byte[length];
        in.read(length).get(bytes);
        return bytes;
    }

    /**
     * The resource's bytes in order, through one buffer. Each byte goes into the CRC32 once four more
     * have been read after it: the last four read are the checksum if the stream ends there, so a
     * read that runs off the end can still tell a corrupt file from a short one.
     */
    private static final class Bytes {
        private static final String CORRUPT = "weights resource is corrupt (CRC32 mismatch)";

        private final InputStream in;
        private final CRC32 crc = new CRC32();
        private final byte[] buffer = new byte[CHUNK_BYTES];
        private final byte[] last = new byte[Integer.BYTES];
        private int lastCount;
        private long position;

        Bytes(InputStream in) {
            this.in = in;
        }

        /** Bytes read so far. */
        long position() {
            return position;
        }

        /** The next {@code n} (at most {@link #CHUNK_BYTES}) bytes, little-endian, valid until the next read. */
        ByteBuffer read(int n) throws IOException {
            int read = in.readNBytes(buffer, 0, n);
            consume(read);
            if (read != n) {
                if (lastCount == last.length && !crcMatches()) {
                    throw new IOException(CORRUPT);
                }
                throw new IOException("weights resource is truncated (" + (position + n - read) + " bytes expected)");
            }
            return ByteBuffer.wrap(buffer, 0, n).order(ByteOrder.LITTLE_ENDIAN);
        }

        /** Reads on to byte {@code target}, which lies at or after the position. */
        void skipTo(long target) throws IOException {
            while (position < target) {
                read((int) Math.min(buffer.length, target - position));
            }
        }

        /** Reads the rest of the resource and checks its last four bytes, the CRC32 of all before them. */
        void finish() throws IOException {
            if (!restMatchesCrc()) {
                throw new IOException(CORRUPT);
            }
        }

        /**
         * The first problem a corrupt file shows can be anywhere (a shape, a name, a short read): when
         * the CRC32 says the file is corrupt, that is the error to report, else {@code e} is.
         */
        IOException explain(IOException e) {
            if (CORRUPT.equals(e.getMessage())) {
                return e;
            }
            try {
                return restMatchesCrc() ? e : new IOException(CORRUPT, e);
            } catch (IOException unreadable) {
                e.addSuppressed(unreadable);
                return e;
            }
        }

        private boolean restMatchesCrc() throws IOException {
            int read;
            while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                consume(read);
            }
            if (lastCount < last.length) {
                throw new IOException("weights resource is truncated (no CRC32 at its end)");
            }
            return crcMatches();
        }

        /** Takes the first {@code n} bytes of the buffer in: into the CRC32 all but the last four read. */
        private void consume(int n) {
            position += n;
            int kept = Math.min(last.length, lastCount + n);
            int toCrc = lastCount + n - kept; // of the held bytes followed by the new ones
            if (toCrc >= lastCount) {
                crc.update(last, 0, lastCount);
                crc.update(buffer, 0, toCrc - lastCount);
                System.arraycopy(buffer, n - kept, last, 0, kept);
            } else {
                crc.update(last, 0, toCrc);
                System.arraycopy(last, toCrc, last, 0, lastCount - toCrc);
                System.arraycopy(buffer, 0, last, lastCount - toCrc, n);
            }
            lastCount = kept;
        }

        private boolean crcMatches() {
            return (int) crc.getValue() == ByteBuffer.wrap(last).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }
    }
}
