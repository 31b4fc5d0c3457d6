package io.nnport.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.frontend.tf.TensorFlowFrontEnd;
import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formats are detected from content, never from the file name, and an unknown file says which formats nnport reads. */
class FrontEndsTest {

    @TempDir
    Path dir;

    private static byte[] reluGraph() {
        GraphDefBuilder g = new GraphDefBuilder();
        String x = g.input("x", Tensor.ofFloats(Shape.of(1, 3), new float[] {-1, 0, 2}), Shape.of(-1, 3));
        g.node("y", "Relu").input(x).attr("T", DType.FLOAT32).done();
        return g.bytes();
    }

    @Test
    void binaryGraphDefIsDetectedWhateverItsName() throws IOException {
        Path file = Files.write(dir.resolve("model.onnx"), reluGraph());
        assertInstanceOf(TensorFlowFrontEnd.class, FrontEnds.detect(file));
        Import imported = FrontEnds.read(file, ImportOptions.defaults());
        assertEquals(List.of("x"), imported.inputs().stream().map(v -> v.name()).toList());
        assertEquals(Shape.of(-1, 3), imported.inputs().get(0).shape());
        assertEquals(List.of("y"), imported.outputs().stream().map(o -> o.name()).toList());
    }

    @Test
    void textGraphDefIsDetectedAfterCommentsAndBlankLines() throws IOException {
        Path file = Files.writeString(dir.resolve("graph.txt"), "# exported\n\n  node {\n  name: \"x\"\n  op: \"Placeholder\"\n}\n");
        assertInstanceOf(TensorFlowFrontEnd.class, FrontEnds.detect(file));
    }

    @Test
    void aDirectoryReachesDetectionAndSaysNoFrontEndReadsIt() throws IOException {
        Path model = Files.createDirectory(dir.resolve("saved_model"));
        ModelException error = assertThrows(ModelException.class, () -> FrontEnds.detect(model));
        assertEquals(model + ": is a directory, and no front end reads it as a model; nnport reads "
                + "ONNX model (binary protobuf), TensorFlow GraphDef (binary or text protobuf), "
                + "TensorFlow SavedModel (a directory with saved_model.pb), Keras model (.h5 or .keras)", error.getMessage());
    }

    @Test
    void unknownContentSaysInOneLineWhichFormatsAreRead() throws IOException {
        Path garbage = Files.writeString(dir.resolve("model.pb"), "PK\u0003\u0004 not a model", StandardCharsets.ISO_8859_1);
        ModelException error = assertThrows(ModelException.class, () -> FrontEnds.detect(garbage));
        assertEquals(garbage + ": not a model format nnport reads; it reads ONNX model (binary protobuf), "
                + "TensorFlow GraphDef (binary or text protobuf), TensorFlow SavedModel (a directory with saved_model.pb), "
                + "Keras model (.h5 or .keras)",
                error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    @Test
    void hdf5AndEmptyFilesAreNotGraphDefs() throws IOException {
        TensorFlowFrontEnd tf = new TensorFlowFrontEnd();
        assertFalse(tf.accepts(Files.write(dir.resolve("a.pb"), new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'})));
        assertFalse(tf.accepts(Files.write(dir.resolve("b.pb"), new byte[0])));
        assertFalse(tf.accepts(dir));
    }

    @Test
    void missingFileIsOneMessage() {
        ModelException error = assertThrows(ModelException.class, () -> FrontEnds.detect(dir.resolve("absent.pb")));
        assertEquals(dir.resolve("absent.pb") + ": no such file or directory", error.getMessage());
    }
}
