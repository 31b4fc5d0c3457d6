package io.nnport.runtime;

import io.nnport.kernels.testing.SeedCorpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed corpora of the runtime's fuzz tests are small valid files of every kind the readers
 * take, built here: {@code -Dnnport.updateSeeds=true} rewrites them, otherwise they must be current.
 */
class FuzzSeedsTest {

    private static final Path SAMPLES = Path.of("../generated-samples/models");

    /** Every dtype and ranks 0 to 3, big-endian and version 2.0 headers, and two samples' real inputs and outputs. */
    static Map<String, byte[]> npySeeds() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("float32-2x3.npy", Npy.toBytes(NpyArray.of(new float[] {0, 0.5f, -1, Float.NaN, Float.POSITIVE_INFINITY, 3}, 2, 3)));
        seeds.put("float32-scalar.npy", Npy.toBytes(NpyArray.of(new float[] {42}, new int[0])));
        seeds.put("int32-3.npy", Npy.toBytes(NpyArray.of(new int[] {7, -1, Integer.MAX_VALUE}, 3)));
        seeds.put("int64-1x2x2.npy", Npy.toBytes(NpyArray.of(new long[] {Long.MIN_VALUE, 0, 1, 5}, 1, 2, 2)));
        seeds.put("bool-2x0.npy", Npy.toBytes(NpyArray.of(new boolean[0], 2, 0)));
        seeds.put("bool-3.npy", Npy.toBytes(NpyArray.of(new boolean[] {true, false, true}, 3)));
        seeds.put("float32-big-endian-v2.npy", bigEndianVersion2());
        for (String sample : List.of("mlp_in_b1.npy", "imagecnn_out_b1.npy", "charcnn_out_b7.npy")) {
            seeds.put(sample, Files.readAllBytes(SAMPLES.resolve(sample)));
        }
        return seeds;
    }

    /** Three tensors of both storages, ranks 0 to 3 and an empty one; each without its CRC32 (the fuzz target appends it). */
    static Map<String, byte[]> weightsSeeds() {
        List<WeightsFile.Entry> entries = List.of(
                new WeightsFile.Entry("conv1/kernel", WeightStorage.FLOAT32, new int[] {2, 1, 1, 3},
                        new float[] {1, 2, 3, 4, 5, Float.NaN}),
                new WeightsFile.Entry("ids", WeightStorage.INT32, new int[] {2}, new int[] {7, -1}),
                new WeightsFile.Entry("bias", WeightStorage.FLOAT32, new int[] {0}, new float[0]),
                new WeightsFile.Entry("scale", WeightStorage.FLOAT32, new int[] {}, new float[] {0.5f}));
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("four-tensors.nnpw", withoutChecksum(WeightsFile.encode(entries)));
        seeds.put("one-tensor.nnpw", withoutChecksum(WeightsFile.encode(entries.subList(0, 1))));
        seeds.put("empty.nnpw", withoutChecksum(WeightsFile.encode(List.of())));
        return seeds;
    }

    @Test
    void npySeedsAreCurrent() throws IOException {
        SeedCorpus.check(NpyFuzzTest.class, "parse", npySeeds());
    }

    @Test
    void weightsSeedsAreCurrent() throws IOException {
        SeedCorpus.check(WeightsFileFuzzTest.class, "read", weightsSeeds());
    }

    private static byte[] withoutChecksum(byte[] file) {
        return Arrays.copyOf(file, file.length - 4);
    }

    /** A .npy 2.0 file (4-byte header length) of big-endian float32s, as NumPy writes {@code '>f4'} with a long header. */
    private static byte[] bigEndianVersion2() {
        String dict = "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }";
        int unpadded = 12 + dict.length() + 1;
        byte[] header = (dict + " ".repeat((64 - unpadded % 64) % 64) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(12 + header.length + 8).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(header.length).put(header)
                .order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-2f).array();
    }
}
