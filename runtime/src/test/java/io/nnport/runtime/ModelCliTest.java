package io.nnport.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCliTest {

    /** y = 2x on [B,3] and z = sum over the row on [B]: enough to exercise every CLI path. */
    private static final class Doubler implements ConvertedModel {
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
        ModelCli cli = new ModelCli("doubler", threads -> new Doubler(twoOutputs), 1,
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return cli.run(args);
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
    void benchEndsWithTheMachineReadableLine() {
        assertEquals(0, run(false, "bench", "--batch", "4", "--warmup", "2", "--runs", "10"), err());
        String last = out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("batch=4 threads=1 p50_ms=\\d+\\.\\d{3} p90_ms=\\d+\\.\\d{3} p99_ms=\\d+\\.\\d{3}"), last);
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
