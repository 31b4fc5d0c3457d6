package io.nnport.frontend.keras;

import static io.nnport.frontend.keras.testing.KerasFileWriter.inputLayer;
import static io.nnport.frontend.keras.testing.KerasFileWriter.layer;
import static io.nnport.frontend.keras.testing.KerasFileWriter.sequential;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.Import;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.keras.testing.KerasFileWriter;
import io.nnport.frontend.keras.testing.KerasFileWriter.KerasModel;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.testing.RandomTensors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening Keras files: detection by content, both layouts, and every hostile file ending in one clear message. */
class KerasFilesTest {

    @TempDir
    Path dir;

    private final RandomTensors random = new RandomTensors(20261203L);

    /** input [-1,3] -> Dense(2, relu). */
    private KerasModel denseModel(int kernelRows) {
        ObjectNode dense = KerasFileWriter.JSON.createObjectNode().put("units", 2).put("activation", "relu").put("use_bias", true);
        ObjectNode config = sequential("sequential", List.of(inputLayer("x", 3), layer("Dense", "dense", dense)));
        LinkedHashMap<String, Tensor> weights = new LinkedHashMap<>();
        weights.put("kernel", random.floats(kernelRows, 2));
        weights.put("bias", random.floats(2));
        return new KerasModel(config, Map.of("dense", weights));
    }

    private static ModelException refused(Path file) {
        return assertThrows(ModelException.class, () -> FrontEnds.read(file, ImportOptions.defaults()));
    }

    @Test
    void detectsBothLayoutsByContentNotName() {
        Path h5 = KerasFileWriter.writeH5(dir.resolve("model.bin"), denseModel(3));
        Path keras = KerasFileWriter.writeKeras(dir.resolve("model.dat"), denseModel(3));
        for (Path file : List.of(h5, keras)) {
            assertInstanceOf(KerasFrontEnd.class, FrontEnds.detect(file), file.toString());
            Import imported = FrontEnds.read(file, ImportOptions.defaults());
            assertEquals("x", imported.inputs().get(0).name());
            assertEquals(Shape.of(-1, 3), imported.inputs().get(0).shape());
            assertEquals("dense", imported.outputs().get(0).name());
            assertEquals(Shape.of(-1, 2), imported.graph().value(imported.outputs().get(0).value()).shape());
        }
    }

    @Test
    void findsTheHdf5SignatureAfterAUserBlock() throws IOException {
        byte[] plain = Files.readAllBytes(KerasFileWriter.writeH5(dir.resolve("plain.h5"), denseModel(3)));
        byte[] shifted = new byte[512 + plain.length];
        System.arraycopy(plain, 0, shifted, 512, plain.length);
        Path file = Files.write(dir.resolve("userblock.h5"), shifted);
        assertTrue(KerasFiles.isHdf5(file));
        byte[] offByOne = new byte[513 + plain.length];
        System.arraycopy(plain, 0, offByOne, 513, plain.length);
        assertFalse(KerasFiles.isHdf5(Files.write(dir.resolve("odd.h5"), offByOne)));
    }

    @Test
    void refusesATruncatedH5() throws IOException {
        byte[] bytes = Files.readAllBytes(KerasFileWriter.writeH5(dir.resolve("full.h5"), denseModel(3)));
        for (int length : new int[] {8, 100, bytes.length / 2, bytes.length - 10}) {
            Path file = Files.write(dir.resolve("cut" + length + ".h5"), Arrays.copyOf(bytes, length));
            ModelException e = assertThrows(ModelException.class, () -> FrontEnds.read(file, ImportOptions.defaults()),
                    "cut to " + length + " of " + bytes.length + " bytes");
            assertTrue(e.getMessage().contains("HDF5"), e.getMessage());
        }
    }

    @Test
    void refusesAWeightsOnlyH5() throws IOException {
        Path file = dir.resolve("weights.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putGroup("dense").putDataset("kernel:0", new float[][] {{1f}});
        }
        assertTrue(refused(file).getMessage().contains("needs the model config"));
    }

    @Test
    void refusesAnArchiveWithAMissingMember() throws IOException {
        byte[] bytes = Files.readAllBytes(KerasFileWriter.writeKeras(dir.resolve("full.keras"), denseModel(3)));
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("config.json", KerasFileWriter.text(denseModel(3).config()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path file = KerasFileWriter.zip(dir.resolve("noweights.keras"), members);
        assertTrue(bytes.length > 0);
        assertTrue(refused(file).getMessage().contains("no 'model.weights.h5' member"));
    }

    @Test
    void refusesAHugeMember() throws IOException {
        Path file = dir.resolve("huge.keras");
        writeZerosMember(file, "config.json", KerasFiles.MAX_CONFIG_BYTES + 1);
        assertTrue(refused(file).getMessage().contains("'config.json' declares"));
    }

    /**
     * A zip bomb whose central directory declares a tiny size for a member that inflates far
     * beyond the limit: the bytes actually inflated are counted.
     */
    @Test
    void refusesAMemberThatInflatesBeyondItsDeclaredSize() throws IOException {
        Path file = dir.resolve("bomb.keras");
        writeZerosMember(file, "config.json", KerasFiles.MAX_CONFIG_BYTES + 1);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = bytes.length - 46; i >= 0; i--) {
            if (buffer.getInt(i) == 0x02014b50) {
                buffer.putInt(i + 24, 100); // the central directory's uncompressed size
            }
        }
        Files.write(file, bytes);
        assertTrue(refused(file).getMessage().contains("'config.json' inflates to more bytes"), refused(file).getMessage());
    }

    private static void writeZerosMember(Path file, String name, long size) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            byte[] chunk = new byte[1 << 20];
            for (long left = size; left > 0; left -= chunk.length) {
                zip.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
            zip.closeEntry();
        }
    }

    @Test
    void refusesWeightsWhoseShapeDisagreesWithTheConfig() {
        for (Path file : List.of(KerasFileWriter.writeH5(dir.resolve("bad.h5"), denseModel(4)),
                KerasFileWriter.writeKeras(dir.resolve("bad.keras"), denseModel(4)))) {
            ModelException e = refused(file);
            assertTrue(e.getMessage().contains("dense") && e.getMessage().contains("kernel has shape [4,2]"), e.getMessage());
        }
    }

    @Test
    void listsEveryUnsupportedLayerAtOnce() {
        ObjectNode empty = KerasFileWriter.JSON.createObjectNode();
        ObjectNode config = sequential("s", List.of(inputLayer("x", 3), layer("Lambda", "scale", empty),
                layer("LSTM", "lstm", empty), layer("MyCustomLayer", "custom", empty), layer("Lambda", "shift", empty)));
        Path file = KerasFileWriter.writeH5(dir.resolve("unsupported.h5"), new KerasModel(config, Map.of()));
        String message = refused(file).getMessage();
        assertTrue(message.contains("Lambda (Python code) [scale, shift]"), message);
        assertTrue(message.contains("LSTM (recurrent layers are not supported yet) [lstm]"), message);
        assertTrue(message.contains("MyCustomLayer [custom]"), message);
    }

    @Test
    void refusesTensorFlowGraphOptionsRatherThanIgnoringThem() {
        Path file = KerasFileWriter.writeH5(dir.resolve("options.h5"), denseModel(3));
        ModelException e = assertThrows(ModelException.class,
                () -> FrontEnds.read(file, ImportOptions.defaults().withOutputs(List.of("dense"))));
        assertTrue(e.getMessage().contains("--output apply to TensorFlow graphs"), e.getMessage());
    }

    @Test
    void refusesAConfigThatIsNotJson() {
        ObjectNode config = sequential("s", List.of(inputLayer("x", 3)));
        Path file = KerasFileWriter.writeH5(dir.resolve("json.h5"), new KerasModel(config, Map.of()));
        Path broken = dir.resolve("broken.keras");
        KerasFileWriter.zip(broken, Map.of("config.json", "{\"class_name\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "model.weights.h5", new byte[0]));
        assertTrue(refused(broken).getMessage().contains("config.json is not valid JSON"), refused(broken).getMessage());
        assertEquals(Shape.of(-1, 3), FrontEnds.read(file, ImportOptions.defaults()).inputs().get(0).shape());
    }
}
