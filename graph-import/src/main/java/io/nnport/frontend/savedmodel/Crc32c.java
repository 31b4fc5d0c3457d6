package io.nnport.frontend.savedmodel;

import java.util.zip.CRC32C;

/**
 * TensorFlow's stored checksums: CRC32C, masked. A CRC of data that itself holds CRCs is weak, so
 * stored CRCs are rotated right by 15 bits and offset by a constant.
 */
final class Crc32c {

    private static final int MASK_DELTA = 0xa282ead8;

    private Crc32c() {}

    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    static int masked(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return mask((int) crc.getValue());
    }
}
