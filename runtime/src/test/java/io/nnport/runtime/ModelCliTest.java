package io.nnport.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.kernels.gemm.Team;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCliTest {

    /** y = 2x on [B,3] and z = sum over the row on [B]: enough to exercise every CLI path. */
    private static class Doubler implements ConvertedModel {
        private final List<TensorSpec> inputs = List.of(new TensorSpec("x", NpyArray.DType.FLOAT32, new int[] {-1, 3}));
        private final List<TensorSpec> outputs = List.of(
                new TensorSpec("model/y:0", NpyArray.DType.FLOAT32, new int[] {-1, 3}),
                new TensorSpec("model/sum", NpyArray.DType.FLOAT32, new int[] {-1}));
        private final boolean twoOutputs;

        Doubler(boolean twoOutputs) {
            this.twoOutputs = twoOutputs;
        }

        @Override
        public List<TensorSpec> inputs() {
            return inputs;
        }

        @Override
        public List<TensorSpec> outputs() {
            return twoOutputs ? outputs : outputs.subList(0, 1);
        }

        @Override
        public void run(Object[] in, int batch, Object[] out) {
            float[] x = (float[]) in[0];
            float[] y = (float[]) out[0];
            for (int i = 0; i < batch * 3; i++) {
                y[i] = 2 * x[i];
            }
            if (twoOutputs) {
                float[] z = (float[]) out[1];
                for (int b = 0; b < batch; b++) {
                    z[b] = x[3 * b] + x[3 * b + 1] + x[3 * b + 2];
                }
            }
        }

        @Override
        public String describe() {
            return "layers: 1\n";
        }
    }

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(boolean twoOutputs, String... args) {
        return run(threads -> new Doubler(twoOutputs), args);
    }

    private int run(IntFunction<ConvertedModel> loader, String... args) {
        ModelCli cli = new ModelCli("doubler", loader, 1,
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return cli.run(args);
    }

    /** A model of fixed shapes: [4,3] in, [4,3] (2x) and [2,2,3] (the same values) out. */
    private static final class FixedBatch implements ConvertedModel {
        @Override
        public List<TensorSpec> inputs() {
            return List.of(new TensorSpec("x", NpyArray.DType.FLOAT32, new int[] {4, 3}));
        }

        @Override
        public List<TensorSpec> outputs() {
            return List.of(new TensorSpec("probs", NpyArray.DType.FLOAT32, new int[] {4, 3}),
                    new TensorSpec("seq", NpyArray.DType.FLOAT32, new int[] {2, 2, 3}));
        }

        @Override
        public void run(Object[] in, int batch, Object[] out) {
            float[] x = (float[]) in[0];
            for (int i = 0; i < x.length; i++) {
                ((float[]) out[0])[i] = 2 * x[i];
                ((float[]) out[1])[i] = x[i];
            }
        }

        @Override
        public String describe() {
            return "layers: 1\n";
        }
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void predictWritesOneFileOrOnePerOutput(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.npy");
        Npy.write(x, NpyArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Path y = dir.resolve("y.npy");
        assertEquals(0, run(false, "predict", "--input", x.toString(), "--output", y.toString()), err());
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, Npy.read(y).asFloats());
        assertArrayEquals(new int[] {2, 3}, Npy.read(y).shape());

        Path outDir = dir.resolve("outs");
        assertEquals(0, run(true, "predict", "--input", "x=" + x, "--output-dir", outDir.toString()), err());
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, Npy.read(outDir.resolve("model_y_0.npy")).asFloats());
        assertArrayEquals(new float[] {6, 15}, Npy.read(outDir.resolve("model_sum.npy")).asFloats());
    }

    @Test
    void outputPathsThatCannotBeWrittenSayWhatTheOsSaid(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.npy");
        Npy.write(x, NpyArray.of(new float[] {1, 2, 3}, 1, 3));
        Path file = Files.writeString(dir.resolve("taken"), "keep");
        assertEquals(2, run(false, "predict", "--input", x.toString(), "--output", file.resolve("y.npy").toString()));
        assertEquals(List.of("error: " + file + ": not a directory"), err().lines().toList());
        stderr.reset();
        assertEquals(2, run(false, "predict", "--input", x.toString(), "--output", dir.resolve("none/y.npy").toString()));
        assertEquals(List.of("error: " + dir.resolve("none") + ": no such file or directory"), err().lines().toList());
        stderr.reset();
        assertEquals(2, run(true, "predict", "--input", x.toString(), "--output-dir", file.resolve("outs").toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains(file.toString()) && err().contains("not a directory"), err());
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void outputFilesFollowTheUmask(@TempDir Path dir) throws Exception {
        // What the umask gives any new file here (the JDK has no call that reads it).
        Set<PosixFilePermission> fileMode = Files.getPosixFilePermissions(Files.createFile(dir.resolve("ref")));
        Path x = dir.resolve("x.npy");
        Npy.write(x, NpyArray.of(new float[] {1, 2, 3}, 1, 3));
        Path y = dir.resolve("y.npy");
        assertEquals(0, run(true, "predict", "--input", x.toString(), "--output-dir", dir.resolve("outs").toString()), err());
        assertEquals(0, run(false, "predict", "--input", x.toString(), "--output", y.toString()), err());
        for (Path file : List.of(y, dir.resolve("outs/model_y_0.npy"), dir.resolve("outs/model_sum.npy"))) {
            assertEquals(fileMode, Files.getPosixFilePermissions(file), file.toString());
        }
    }

    @Test
    void predictPrintsValuesAndArgmaxWithoutOutputFile(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.npy");
        Npy.write(x, NpyArray.of(new float[] {1, 9, 3}, 1, 3));
        assertEquals(0, run(false, "predict", "--input", x.toString()), err());
        assertTrue(out().contains("model/y:0 [1, 3] float32"), out());
        assertTrue(out().contains("argmax=1"), out());
    }

    @Test
    void badInputsEndInOneLineAndExitTwoWithNothingWritten(@TempDir Path dir) throws Exception {
        Path wrong = dir.resolve("wrong.npy");
        Npy.write(wrong, NpyArray.of(new float[8], 2, 4));
        Path y = dir.resolve("y.npy");
        assertEquals(2, run(false, "predict", "--input", wrong.toString(), "--output", y.toString()));
        assertTrue(err().contains("has shape [2, 4] but input 'x' needs [B,3]"), err());
        assertFalse(Files.exists(y));
        assertEquals(1, err().lines().count(), err());

        stderr.reset();
        assertEquals(2, run(false, "predict", "--input", dir.resolve("missing.npy").toString()));
        assertTrue(err().contains("does not exist"), err());

        stderr.reset();
        Path garbage = dir.resolve("garbage.npy");
        Files.writeString(garbage, "not numpy");
        assertEquals(2, run(false, "predict", "--input", garbage.toString()));
        assertTrue(err().contains("not a .npy file"), err());

        stderr.reset();
        assertEquals(2, run(true, "predict", "--input", wrong.toString(), "--output", y.toString()));
        stderr.reset();
        assertEquals(2, run(false, "frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
        stderr.reset();
        assertEquals(2, run(false, "bench", "--runs", "zero"));
        assertTrue(err().contains("--runs needs a whole number"), err());
    }

    @Test
    void predictOnAFixedBatchModelPrintsOneRowPerLeadingEntryWithItsArgmax(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.npy");
        Npy.write(x, NpyArray.of(new float[] {9, 1, 1, 1, 9, 1, 1, 1, 9, 9, 1, 1}, 4, 3));
        assertEquals(0, run(threads -> new FixedBatch(), "predict", "--input", x.toString()), err());
        List<String> lines = out().lines().toList();
        assertEquals("probs [4, 3] float32", lines.get(0));
        assertEquals(List.of("argmax=0", "argmax=1", "argmax=2", "argmax=0"),
                lines.subList(1, 5).stream().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList(), out());
        assertTrue(lines.get(3).startsWith("  [2] 2.00000 2.00000 18.0000"), lines.get(3));
        assertEquals("seq [2, 2, 3] float32", lines.get(5));
        assertTrue(lines.get(9).startsWith("  [1,1] 9.00000 1.00000 1.00000"), lines.get(9));
        assertEquals(10, lines.size(), out());
    }

    @Test
    void aCorruptWeightsResourceEndsInOneLineForEveryCommand() throws Exception {
        byte[] weights = WeightsFile.encode(List.of(
                new WeightsFile.Entry("w", WeightStorage.FLOAT32, new int[] {4}, new float[] {1, 2, 3, 4})));
        weights[weights.length - 1] ^= 0x40;
        // Next to this class on the test class path, where a model jar keeps its weights resource.
        Path resource = Path.of(ModelCliTest.class.getResource("ModelCliTest.class").toURI())
                .resolveSibling("corrupt.weights");
        Files.write(resource, weights);
        try {
            IntFunction<ConvertedModel> loader = threads ->
                    WeightsReader.load(ModelCliTest.class, "corrupt.weights", w -> new Doubler(false));
            for (String[] command : List.of(new String[] {"predict", "--input", "x.npy"}, new String[] {"info"},
                    new String[] {"bench"})) {
                stderr.reset();
                assertEquals(2, run(loader, command), command[0] + ": " + err());
                assertEquals(List.of("error: doubler.jar: cannot load weights resource corrupt.weights: "
                        + "weights resource is corrupt (CRC32 mismatch)"), err().lines().toList(), command[0]);
            }
        } finally {
            Files.delete(resource);
        }
    }

    @Test
    void benchWithABatchWhoseArenaOverflowsEndsInOneLine() {
        // 2^20 floats a sample: batch 100000 needs 1e11 floats, more than a Java array holds.
        IntFunction<ConvertedModel> loader = threads -> new Doubler(false) {
            private final ThreadLocal<Workspace> workspaces =
                    ThreadLocal.withInitial(() -> new Workspace(1 << 20, 0, batch -> 0, Team.SERIAL));

            @Override
            public void run(Object[] in, int batch, Object[] out) {
                workspaces.get().ensure(batch);
                super.run(in, batch, out);
            }
        };
        assertEquals(2, run(loader, "bench", "--batch", "100000", "--warmup", "0", "--runs", "1"));
        assertEquals(List.of("error: batch 100000 is too large: the float arena would need 104857600000 elements, "
                + "more than one Java array holds (2147483639)"), err().lines().toList());
    }

    @Test
    void workspaceChecksSizesBeforeAllocatingAndKeepsItsArena() {
        Workspace ws = new Workspace(1 << 20, 1, batch -> 0, Team.SERIAL).ensure(2);
        assertThrows(IllegalArgumentException.class, () -> ws.ensure(100_000));
        assertThrows(IllegalArgumentException.class, () -> new Workspace(Long.MAX_VALUE / 2, 0, batch -> 0, Team.SERIAL).ensure(3));
        assertEquals(4L * ((2 << 20) + 2), ws.bytes());
        assertEquals(2 << 20, ws.scratchOffset());
    }

    @Test
    void benchEndsWithTheMachineReadableLine() {
        assertEquals(0, run(false, "bench", "--batch", "4", "--warmup", "2", "--runs", "10"), err());
        String last = out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("batch=4 threads=1 p50_ms=\\d+\\.\\d{3} p90_ms=\\d+\\.\\d{3} p99_ms=\\d+\\.\\d{3}"), last);
    }

    @Test
    void specsAndWeightEntriesPrintTheirShapesNotArrayIdentities() {
        assertEquals("model/y:0 [B,3] float32", new TensorSpec("model/y:0", NpyArray.DType.FLOAT32, new int[] {-1, 3}).toString());
        assertEquals("w FLOAT32 [2, 1]",
                new WeightsFile.Entry("w", WeightStorage.FLOAT32, new int[] {2, 1}, new float[2]).toString());
    }

    @Test
    void percentileIsNearestRank() {
        long[] sorted = {1_000_000, 2_000_000, 3_000_000, 4_000_000};
        assertEquals(2.0, ModelCli.percentile(sorted, 50));
        assertEquals(4.0, ModelCli.percentile(sorted, 90));
        assertEquals(4.0, ModelCli.percentile(sorted, 99));
        assertEquals("a_b_0.x-y", ModelCli.fileName("a/b:0.x-y"));
    }
}
