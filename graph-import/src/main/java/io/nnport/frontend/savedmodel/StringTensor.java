package io.nnport.frontend.savedmodel;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A string tensor's bytes in a bundle shard: the varint64 length of each element, a 4-byte masked
 * CRC32C of the lengths, then the element bytes. The entry's CRC covers each length as a
 * little-endian uint32 (uint64 when it exceeds 32 bits), the 4 length-checksum bytes, then the
 * element bytes.
 *
 * @param values    the elements
 * @param maskedCrc the masked CRC32C to compare with the entry's
 */
record StringTensor(List<ByteString> values, int maskedCrc) {

    /** @throws IllegalArgumentException when the bytes do not hold {@code count} elements */
    static StringTensor parse(byte[] bytes, long count) {
        if (count > bytes.length) {
            throw new IllegalArgumentException("claims " + count + " elements in " + bytes.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        ByteBuffer little = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        long[] lengths = new long[(int) count];
        int position = 0;
        for (int i = 0; i < count; i++) {
            long length = 0;
            int shift = 0;
            while (true) {
                if (position >= bytes.length || shift > 63) {
                    throw new IllegalArgumentException("ends inside the length of element " + i);
                }
                int b = bytes[position++] & 0xff;
                length |= (long) (b & 0x7f) << shift;
                shift += 7;
                if (b < 0x80) {
                    break;
                }
            }
            lengths[i] = length;
            little.clear();
            if (length >= 0 && length <= 0xffff_ffffL) {
                little.putInt((int) length);
            } else {
                little.putLong(length);
            }
            crc.update(little.array(), 0, little.position());
        }
        if (position + 4 > bytes.length) {
            throw new IllegalArgumentException("ends before its length checksum");
        }
        int storedLengthCrc = ByteBuffer.wrap(bytes, position, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (storedLengthCrc != Crc32c.mask((int) crc.getValue())) {
            throw new IllegalArgumentException("fails the checksum of its lengths");
        }
        crc.update(bytes, position, 4);
        position += 4;
        List<ByteString> values = new ArrayList<>(lengths.length);
        for (long length : lengths) {
            if (length < 0 || length > bytes.length - position) {
                throw new IllegalArgumentException("has an element of " + length + " bytes past its end");
            }
            values.add(ByteString.copyFrom(bytes, position, (int) length));
            crc.update(bytes, position, (int) length);
            position += (int) length;
        }
        return new StringTensor(values, Crc32c.mask((int) crc.getValue()));
    }
}
