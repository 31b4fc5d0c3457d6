package io.nnport.converter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.converter.cli.ConvertCommand;
import io.nnport.frontend.savedmodel.testing.SampleSavedModels;
import io.nnport.frontend.savedmodel.testing.SavedModelOracle;
import io.nnport.ir.Tensor;
import io.nnport.runtime.Npy;
import io.nnport.runtime.NpyArray;
import io.nnport.runtime.Parity;
import io.nnport.testing.RandomTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SavedModel directory exported by TensorFlow -> the converter's command line (format detected,
 * {@code --signature} chosen) -> the model jar's {@code predict}, whose outputs, named by the
 * signature's keys, match TensorFlow running the same signature.
 */
class SavedModelEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aSignatureOfASavedModelDirectoryConvertsAndPredictsWhatTensorFlowDoes() throws Exception {
        // TensorFlow Serving's layout: the version directory is the SavedModel, and names the model
        Path model = dir.resolve("dense").resolve("1");
        SampleSavedModels.writeDense(model, 31);
        Path out = dir.resolve("out");
        assertEquals(0, ConvertCommand.run(model.toString(), "-o", out.toString(), "--signature", "scaled"));
        Path jar = out.resolve("1").resolve("1.jar");
        assertTrue(Files.isRegularFile(jar), "model jar written");

        int batch = 6;
        Tensor features = new RandomTensors(32).floats(batch, SampleSavedModels.FEATURES);
        Path in = dir.resolve("features.npy");
        Npy.write(in, NpyArray.of(features.floats(), batch, SampleSavedModels.FEATURES));
        Path predictions = dir.resolve("predictions");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-jar", jar.toString(), "predict", "--input", "features=" + in,
                "--output-dir", predictions.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);

        Map<String, Tensor> expected = SavedModelOracle.run(model, "scaled", Map.of("features", features));
        for (String output : new String[] {"half", "relu"}) {
            NpyArray actual = Npy.read(predictions.resolve(output + ".npy"));
            assertArrayEquals(new int[] {batch, SampleSavedModels.UNITS}, actual.shape(), output);
            // no arg max check (row length 1): relu rows tie at zero
            assertNull(Parity.mismatch(expected.get(output).floats(), actual.asFloats(), 1), output);
        }
    }

    @Test
    void aDamagedVariablesShardIsExitTwoAndWritesNothing() throws Exception {
        Path model = dir.resolve("dense");
        SampleSavedModels.writeDense(model, 34);
        Path shard = model.resolve("variables").resolve("variables.data-00000-of-00001");
        byte[] bytes = Files.readAllBytes(shard);
        bytes[0] ^= 0x40;
        Files.write(shard, bytes);
        Path out = dir.resolve("out");
        assertEquals(ConvertCommand.EXIT_BAD_INPUT, ConvertCommand.run(model.toString(), "-o", out.toString()));
        assertFalse(Files.exists(out.resolve("dense")), "nothing written");
    }

    @Test
    void anUnknownSignatureIsExitTwoAndWritesNothing() {
        Path model = dir.resolve("dense");
        SampleSavedModels.writeDense(model, 33);
        Path out = dir.resolve("out");
        assertEquals(ConvertCommand.EXIT_BAD_INPUT, ConvertCommand.run(model.toString(), "-o", out.toString(),
                "--signature", "classify"));
        assertFalse(Files.exists(out.resolve("dense")), "nothing written");
    }
}
