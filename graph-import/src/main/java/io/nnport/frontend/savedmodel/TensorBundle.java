package io.nnport.frontend.savedmodel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.nnport.frontend.tf.proto.BundleEntryProto;
import io.nnport.frontend.tf.proto.BundleHeaderProto;
import io.nnport.frontend.tf.proto.DataType;
import io.nnport.frontend.tf.proto.TensorProto;
import io.nnport.ir.ModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A TensorFlow tensor bundle (a checkpoint): {@code PREFIX.index}, a sorted string table
 * ({@link SsTable}) mapping each tensor's key to a {@code BundleEntryProto}, the empty key to the
 * {@code BundleHeaderProto}; and {@code PREFIX.data-SSSSS-of-NNNNN}, the shards holding the bytes.
 *
 * <p>A tensor's bytes are {@code [offset, offset + size)} of its shard, checked against the entry's
 * masked CRC32C. Numeric tensors are their little-endian elements, row-major. A string tensor is
 * the varint64 length of each element, a 4-byte masked CRC32C of those lengths, then the element
 * bytes; its entry's CRC covers each length as a little-endian uint32 (uint64 above 4 GB), the
 * length checksum bytes and the element bytes. Partitioned (sliced) tensors are refused.
 */
public final class TensorBundle {

    /** The largest index read: one small record per tensor, so a real index is far below it. */
    static final long MAX_INDEX_BYTES = 256L << 20;

    private final Path prefix;
    private final Map<String, BundleEntryProto> entries;
    private final int shards;

    private TensorBundle(Path prefix, Map<String, BundleEntryProto> entries, int shards) {
        this.prefix = prefix;
        this.entries = entries;
        this.shards = shards;
    }

    /** Opens the bundle {@code prefix} (e.g. {@code dir/variables/variables}): reads and checks its index. */
    public static TensorBundle open(Path prefix) {
        Path index = Path.of(prefix + ".index");
        String source = index.toString();
        byte[] bytes;
        try {
            long size = Files.size(index);
            if (size > MAX_INDEX_BYTES) {
                throw ModelException.of(source, "tensor bundle index of " + size + " bytes, larger than any plausible index ("
                        + MAX_INDEX_BYTES + ")");
            }
            bytes = Files.readAllBytes(index);
        } catch (NoSuchFileException e) {
            throw ModelException.of(source, "the variables index is missing");
        } catch (IOException e) {
            throw ModelException.of(source, "cannot read the variables index: " + e.getMessage(), e);
        }
        Map<String, BundleEntryProto> entries = new LinkedHashMap<>();
        BundleHeaderProto header = null;
        for (Map.Entry<String, byte[]> entry : SsTable.read(source, bytes).entrySet()) {
            try {
                if (entry.getKey().isEmpty()) {
                    header = BundleHeaderProto.parseFrom(entry.getValue());
                } else {
                    entries.put(entry.getKey(), BundleEntryProto.parseFrom(entry.getValue()));
                }
            } catch (InvalidProtocolBufferException e) {
                throw ModelException.of(source, "damaged tensor bundle index: the entry of '" + entry.getKey()
                        + "' does not parse (" + e.getMessage() + ")");
            }
        }
        if (header == null) {
            throw ModelException.of(source, "damaged tensor bundle index: no header entry");
        }
        if (header.getEndianness() != BundleHeaderProto.Endianness.LITTLE) {
            throw ModelException.of(source, "the variables were written on a big-endian machine; nnport reads little-endian bundles");
        }
        if (header.getNumShards() < 1) {
            throw ModelException.of(source, "damaged tensor bundle index: the header counts " + header.getNumShards() + " shards");
        }
        return new TensorBundle(prefix, entries, header.getNumShards());
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** The entry of {@code key} (dtype, shape, where its bytes are). */
    public BundleEntryProto entry(String key) {
        BundleEntryProto entry = entries.get(key);
        if (entry == null) {
            throw ModelException.of(prefix + ".index", "the variables hold no tensor '" + key + "'");
        }
        return entry;
    }

    /** The tensor {@code key} as a TensorProto (numeric: {@code tensor_content}; strings: {@code string_val}). */
    public TensorProto tensor(String key) {
        BundleEntryProto entry = entry(key);
        TensorProto.Builder tensor = TensorProto.newBuilder().setDtype(entry.getDtype()).setTensorShape(entry.getShape());
        byte[] bytes = bytes(key, entry);
        if (entry.getDtype() == DataType.DT_STRING) {
            tensor.addAllStringVal(strings(key, entry, bytes).values());
        } else {
            // the array is this tensor's own: wrapping it saves a copy of every weight
            tensor.setTensorContent(UnsafeByteOperations.unsafeWrap(bytes));
        }
        return tensor.build();
    }

    /** The one string of a scalar string tensor (e.g. the checkpoint's object graph). */
    public ByteString scalarString(String key) {
        TensorProto tensor = tensor(key);
        if (tensor.getDtype() != DataType.DT_STRING || tensor.getStringValCount() != 1) {
            throw ModelException.of(prefix + ".index", "'" + key + "' is not a string scalar");
        }
        return tensor.getStringVal(0);
    }

    /** The data file of shard {@code id}: {@code PREFIX.data-00000-of-00001}. */
    Path shardFile(int id) {
        return Path.of(String.format(Locale.ROOT, "%s.data-%05d-of-%05d", prefix, id, shards));
    }

    private byte[] bytes(String key, BundleEntryProto entry) {
        if (entry.getSlicesCount() > 0) {
            throw ModelException.of(prefix + ".index", "variable '" + key + "' is partitioned into "
                    + entry.getSlicesCount() + " slices; nnport reads whole tensors only");
        }
        if (entry.getShardId() < 0 || entry.getShardId() >= shards) {
            throw corrupt(key, entry, "shard " + entry.getShardId() + " of " + shards);
        }
        if (entry.getOffset() < 0 || entry.getSize() < 0 || entry.getSize() > Integer.MAX_VALUE - 8) {
            throw corrupt(key, entry, "an offset or size out of range");
        }
        Path shard = shardFile(entry.getShardId());
        byte[] bytes = new byte[(int) entry.getSize()];
        try (FileChannel channel = FileChannel.open(shard, StandardOpenOption.READ)) {
            if (entry.getOffset() + entry.getSize() > channel.size()) {
                throw ModelException.of(shard.toString(), "variable '" + key + "' lies at bytes " + entry.getOffset() + ".."
                        + (entry.getOffset() + entry.getSize()) + ", past the shard's end (" + channel.size()
                        + " bytes): the shard is truncated");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = entry.getOffset();
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw ModelException.of(shard.toString(), "the shard ends inside variable '" + key + "'");
                }
                position += read;
            }
        } catch (NoSuchFileException e) {
            throw ModelException.of(shard.toString(), "the variables shard is missing (variable '" + key + "' lies in it)");
        } catch (IOException e) {
            throw ModelException.of(shard.toString(), "cannot read the variables shard: " + e.getMessage(), e);
        }
        int expected = entry.getCrc32C();
        int actual = entry.getDtype() == DataType.DT_STRING
                ? strings(key, entry, bytes).maskedCrc()
                : Crc32c.masked(bytes, 0, bytes.length);
        if (actual != expected) {
            throw ModelException.of(shard.toString(), String.format(Locale.ROOT,
                    "damaged variables shard: variable '%s' fails its checksum (CRC32C %08x, the index says %08x)",
                    key, actual, expected));
        }
        return bytes;
    }

    private StringTensor strings(String key, BundleEntryProto entry, byte[] bytes) {
        try {
            return StringTensor.parse(bytes, elements(entry));
        } catch (IllegalArgumentException e) {
            throw ModelException.of(shardFile(entry.getShardId()).toString(),
                    "damaged variables shard: string variable '" + key + "' " + e.getMessage());
        }
    }

    /** The element count of the entry's shape; {@link Long#MAX_VALUE} when it overflows (no shard holds that many). */
    private static long elements(BundleEntryProto entry) {
        long count = 1;
        try {
            for (var dim : entry.getShape().getDimList()) {
                count = Math.multiplyExact(count, Math.max(dim.getSize(), 0));
            }
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return count;
    }

    private ModelException corrupt(String key, BundleEntryProto entry, String what) {
        return ModelException.of(prefix + ".index", "damaged tensor bundle index: variable '" + key + "' ("
                + entry.getDtype().name() + ") has " + what);
    }
}
