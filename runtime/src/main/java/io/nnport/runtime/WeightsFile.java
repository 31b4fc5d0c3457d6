package io.nnport.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The weights resource embedded in every model jar: a small header and table, then the values,
 * then a CRC32 of everything before it. All numbers little-endian. A model reads it as a stream
 * with {@link WeightsReader}; this class writes it and decodes a whole one held in memory.
 *
 * <pre>
 *   offset  size  field
 *   0       4     magic "NNPW"
 *   4       4     format version (1)
 *   8       4     tensor count T
 *   12      ...   T table entries:
 *                   u16 name length, name (UTF-8)
 *                   u8  dtype: the storage's code (0 = float32, 1 = int32; {@link WeightStorage})
 *                   u8  rank R, then R x i32 dims
 *                   i64 offset of the tensor's values in the data section, in 4-byte words
 *   ...     4*W   data: every tensor's values in table order, each element in its storage's
 *                 size, each tensor padded with zeros to a whole number of 4-byte words
 *   end-4   4     CRC32 of all preceding bytes
 * </pre>
 *
 * Tensors keep TensorFlow's layout (HWIO filters, [in, out] dense weights); kernels pack them once
 * at model load, as they stream in (the panel width depends on the machine's vector size, so it
 * is not known when the file is written). Offsets count words rather than elements so that storages narrower than 4 bytes
 * fit the same table: with 4-byte storages only (float32, int32) a word is an element, and the
 * bytes are those of the first files of this version.
 */
public final class WeightsFile {

    public static final int MAGIC = 0x5750_4E4E; // "NNPW" read little-endian
    public static final int VERSION = 1;

    private final Map<String, Entry> entries;

    /** One tensor: name, storage, shape, and values as the storage's {@link WeightStorage#valuesType()}. */
    public record Entry(String name, WeightStorage storage, int[] shape, Object values) {
        public Entry {
            shape = shape.clone();
            long n = NpyArray.elementCount(shape);
            if (!storage.valuesType().isInstance(values)) {
                throw new IllegalArgumentException(name + ": " + storage + " weights are "
                        + storage.valuesType().getSimpleName() + ", not " + values.getClass().getSimpleName());
            }
            int length = Array.getLength(values);
            if (length != n) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + n
                        + " values, got " + length);
            }
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** {@code name float32 [3, 2]}: a record would print the arrays' identities. */
        @Override
        public String toString() {
            return name + " " + storage + " " + Arrays.toString(shape);
        }
    }

    private WeightsFile(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Encodes {@code tensors} (in order) into the format above. */
    public static byte[] encode(List<Entry> tensors) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream header = new DataOutputStream(bytes);
            header.writeInt(Integer.reverseBytes(MAGIC));
            header.writeInt(Integer.reverseBytes(VERSION));
            header.writeInt(Integer.reverseBytes(tensors.size()));
            long offsetWords = 0;
            for (Entry t : tensors) {
                byte[] name = t.name().getBytes(StandardCharsets.UTF_8);
                if (name.length > 0xffff) {
                    throw new IllegalArgumentException("tensor name longer than 65535 bytes");
                }
                header.writeShort(Short.reverseBytes((short) name.length));
                header.write(name);
                header.writeByte(t.storage().code());
                int[] shape = t.shape();
                header.writeByte(shape.length);
                for (int d : shape) {
                    header.writeInt(Integer.reverseBytes(d));
                }
                header.writeLong(Long.reverseBytes(offsetWords));
                offsetWords += words(t.storage(), NpyArray.elementCount(shape));
            }
            // One array of the file's exact size: the table, the data written in place, the CRC32.
            int tableEnd = bytes.size();
            byte[] file = new byte[Math.toIntExact(tableEnd + offsetWords * 4 + 4)];
            System.arraycopy(bytes.toByteArray(), 0, file, 0, tableEnd);
            ByteBuffer data = ByteBuffer.wrap(file, tableEnd, file.length - tableEnd - 4).slice().order(ByteOrder.LITTLE_ENDIAN);
            for (Entry t : tensors) {
                int start = data.position();
                t.storage().write(t.values(), data);
                data.position(start + Math.toIntExact(words(t.storage(), NpyArray.elementCount(t.shape)) * 4));
            }
            CRC32 crc = new CRC32();
            crc.update(file, 0, file.length - 4);
            ByteBuffer.wrap(file, file.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // ByteArrayOutputStream does not throw
        }
    }

    /**
     * Decodes and verifies a whole weights file held in memory, every tensor in its plain layout
     * (tools and tests; a model loads through {@link WeightsReader}, which never holds the file);
     * any corruption ends in one clear IOException.
     */
    public static WeightsFile decode(byte[] bytes) throws IOException {
        return WeightsReader.read(new ByteArrayInputStream(bytes), bytes.length, () -> new ByteArrayInputStream(bytes),
                reader -> {
                    Map<String, Entry> entries = new LinkedHashMap<>();
                    for (WeightsReader.Tensor t : reader.tensors()) {
                        entries.put(t.name(), new Entry(t.name(), t.storage(), t.shape(), reader.values(t)));
                    }
                    return new WeightsFile(Collections.unmodifiableMap(entries));
                });
    }

    /** Tensors in file order. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** {@link WeightStorage#FLOAT32}'s reader: the tensor {@code name}, which must have exactly {@code shape}. */
    public float[] floats(String name, int... shape) {
        return (float[]) values(WeightStorage.FLOAT32, name, shape);
    }

    /** {@link WeightStorage#INT32}'s reader: the tensor {@code name}, which must have exactly {@code shape}. */
    public int[] ints(String name, int... shape) {
        return (int[]) values(WeightStorage.INT32, name, shape);
    }

    /** Words of the data section that {@code count} elements of {@code storage} take, padding included. */
    private static long words(WeightStorage storage, long count) {
        return (count * storage.elementBytes() + 3) / 4;
    }

    private Object values(WeightStorage storage, String name, int[] shape) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalStateException("weights resource has no tensor " + name);
        }
        if (!Arrays.equals(e.shape, shape)) {
            throw new IllegalStateException("weights tensor " + name + " has shape " + Arrays.toString(e.shape)
                    + ", expected " + Arrays.toString(shape));
        }
        if (e.storage() != storage) {
            throw new IllegalStateException("weights tensor " + name + " is " + e.storage() + ", not " + storage);
        }
        return e.values();
    }
}
