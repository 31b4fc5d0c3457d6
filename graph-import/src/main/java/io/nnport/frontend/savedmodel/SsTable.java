package io.nnport.frontend.savedmodel;

import io.nnport.ir.ModelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a sorted string table: the LevelDB "table" file format TensorFlow uses for a tensor
 * bundle's index ({@code variables.index}). The whole file is read into memory (an index holds one
 * small record per tensor) and every key-value pair is decoded at once.
 *
 * <p>Layout, from the end of the file:
 * <pre>
 * footer (48 bytes): metaindex handle, index handle (each a block handle: varint64 offset,
 *                    varint64 size), zero padding to 40 bytes, then the 8-byte little-endian
 *                    magic 0xdb4775248b80fb57
 * block:             contents (size bytes), then a 5-byte trailer: compression type (0 = none,
 *                    1 = snappy), masked CRC32C of contents + type byte (little-endian)
 * block contents:    entries, then restart offsets (uint32 each), then their count (uint32)
 * entry:             varint32 shared key bytes, varint32 unshared key bytes, varint32 value size,
 *                    the unshared key suffix, the value; the key is the previous key's first
 *                    "shared" bytes followed by the suffix (restart points have shared = 0)
 * index block:       one entry per data block, its value that block's handle, in key order
 * </pre>
 * TensorFlow writes bundle indexes uncompressed; a compressed block is refused.
 */
final class SsTable {

    static final long MAGIC = 0xdb4775248b80fb57L;
    static final int FOOTER_BYTES = 48;
    static final int BLOCK_TRAILER_BYTES = 5;
    private static final int NO_COMPRESSION = 0;
    private static final int SNAPPY = 1;

    private final String source;
    private final byte[] file;

    private SsTable(String source, byte[] file) {
        this.source = source;
        this.file = file;
    }

    /** Every key (as ISO-8859-1 text, so any bytes survive) with its value bytes, in table order. */
    static Map<String, byte[]> read(String source, byte[] file) {
        return new SsTable(source, file).entries();
    }

    private Map<String, byte[]> entries() {
        if (file.length < FOOTER_BYTES) {
            throw damaged("is " + file.length + " bytes, shorter than a table footer (" + FOOTER_BYTES + ")");
        }
        ByteBuffer footer = ByteBuffer.wrap(file, file.length - FOOTER_BYTES, FOOTER_BYTES).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        if (footer.getLong(FOOTER_BYTES - 8) != MAGIC) {
            throw damaged("has no table magic number at its end (truncated, or not a TensorFlow index)");
        }
        Cursor footerCursor = new Cursor(file, file.length - FOOTER_BYTES, file.length - 8);
        footerCursor.handle(); // the metaindex block: empty in bundles, nothing to read
        long[] index = footerCursor.handle();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (byte[] handle : block(index).values()) {
            Cursor cursor = new Cursor(handle, 0, handle.length);
            entries.putAll(block(cursor.handle()));
        }
        return entries;
    }

    /** The entries of the block at {@code handle} = {offset, size}, after checking its trailer. */
    private Map<String, byte[]> block(long[] handle) {
        long offset = handle[0];
        long size = handle[1];
        if (offset < 0 || size < 4 || offset + size + BLOCK_TRAILER_BYTES > file.length - FOOTER_BYTES) {
            throw damaged("names a block at offset " + offset + " of " + size + " bytes, outside the file");
        }
        int start = (int) offset;
        int end = (int) (offset + size);
        int type = file[end] & 0xff;
        if (type == SNAPPY) {
            throw ModelException.of(source, "the tensor bundle index has a snappy-compressed block; nnport reads"
                    + " uncompressed indexes, which TensorFlow writes");
        }
        if (type != NO_COMPRESSION) {
            throw damaged("has a block of unknown compression type " + type);
        }
        int stored = ByteBuffer.wrap(file, end + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int actual = Crc32c.masked(file, start, end - start + 1);
        if (stored != actual) {
            throw damaged("block at offset " + offset + " fails its checksum");
        }
        int restarts = ByteBuffer.wrap(file, end - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        long entriesEnd = end - 4 - 4L * restarts;
        if (restarts < 0 || entriesEnd < start) {
            throw damaged("block at offset " + offset + " claims " + restarts + " restart points, more than it holds");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Cursor cursor = new Cursor(file, start, (int) entriesEnd);
        byte[] key = new byte[0];
        while (cursor.hasMore()) {
            int shared = cursor.varint32();
            int unshared = cursor.varint32();
            int valueSize = cursor.varint32();
            if (shared > key.length) {
                throw damaged("block at offset " + offset + " shares " + shared + " bytes of a " + key.length + "-byte key");
            }
            byte[] next = Arrays.copyOf(key, shared + unshared);
            System.arraycopy(cursor.bytes(unshared), 0, next, shared, unshared);
            key = next;
            entries.put(new String(key, StandardCharsets.ISO_8859_1), cursor.bytes(valueSize));
        }
        return entries;
    }

    private ModelException damaged(String detail) {
        return ModelException.of(source, "damaged tensor bundle index: the file " + detail);
    }

    /** Reads varints and byte runs within [position, limit), refusing to run past the limit. */
    private final class Cursor {
        private final byte[] bytes;
        private int position;
        private final int limit;

        Cursor(byte[] bytes, int position, int limit) {
            this.bytes = bytes;
            this.position = position;
            this.limit = limit;
        }

        boolean hasMore() {
            return position < limit;
        }

        long[] handle() {
            return new long[] {varint64(), varint64()};
        }

        int varint32() {
            long value = varint64();
            if (value > Integer.MAX_VALUE) {
                throw damaged("holds a length of " + value + " bytes, more than a table entry can have");
            }
            return (int) value;
        }

        long varint64() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= limit) {
                    throw damaged("ends inside a number (truncated)");
                }
                int b = bytes[position++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if (b < 0x80) {
                    return value;
                }
            }
            throw damaged("holds a number longer than 10 bytes");
        }

        byte[] bytes(int count) {
            if (count > limit - position) {
                throw damaged("ends inside an entry (truncated)");
            }
            byte[] run = Arrays.copyOfRange(bytes, position, position + count);
            position += count;
            return run;
        }
    }
}
