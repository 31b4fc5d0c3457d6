package io.nnport.frontend.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.onnx.proto.StringStringEntryProto;
import io.nnport.frontend.onnx.proto.TensorProto;
import io.nnport.frontend.onnx.testing.ModelBuilder;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.LayerInterpreter;
import io.nnport.ir.layers.LayerGraph;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX files as they come: detection by content, every encoding of weights, and hostile files
 * (truncated, out-of-range external data, huge dimensions, unknown versions, unsupported ops),
 * each ending in one ModelException line naming the file.
 */
class HostileOnnxTest {
    @TempDir
    Path dir;

    /** x [N,3] times a constant [3,2] plus a bias: a complete small model. */
    private static ModelBuilder dense(int opset) {
        return new ModelBuilder(opset).input("x", Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3), "N")
                .initializer("w", Tensor.ofFloats(Shape.of(3, 2), 1, 0, 0, 1, 1, 1))
                .typedInitializer("b", Tensor.ofFloats(Shape.of(2), 0.5f, -0.5f))
                .node("Gemm", List.of("x", "w", "b"), List.of("y"), Map.of()).output("y");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static String error(Path model) {
        ModelException e = assertThrows(ModelException.class, () -> FrontEnds.read(model, ImportOptions.defaults()));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(model.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void anOnnxFileIsDetectedByContentAndKeepsItsNamesAndDynamicBatch() throws IOException {
        Path model = write("model.bin", dense(13).bytes());
        assertInstanceOf(OnnxFrontEnd.class, FrontEnds.detect(model));
        LayerGraph graph = FrontEnds.read(model, ImportOptions.defaults()).graph();
        assertEquals(Shape.of(-1, 3), graph.inputs().get(0).shape());
        assertEquals("y", graph.outputs().get(0).name());
        Tensor y = new LayerInterpreter(graph).run(Map.of("x", Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3))).get("y");
        assertEquals(List.of(4.5f, 4.5f), List.of(y.getFloat(0), y.getFloat(1)));
        List<String> log = new java.util.ArrayList<>();
        FrontEnds.read(model, ImportOptions.defaults().withLog(log::add));
        assertTrue(log.get(0).matches("onnx-lower +1 -> +1 +\\d+ ms"), log.toString());
    }

    @Test
    void anInputThatIsAlsoAnInitializerIsAWeight() throws IOException {
        ModelBuilder m = dense(9);
        io.nnport.frontend.onnx.proto.ModelProto proto = m.model();
        io.nnport.frontend.onnx.proto.ModelProto old = proto.toBuilder().setGraph(proto.getGraph().toBuilder()
                .addInput(new ModelBuilder(9).input("w", Tensor.ofFloats(Shape.of(3, 2), new float[6])).model().getGraph().getInput(0)))
                .build();
        LayerGraph graph = FrontEnds.read(write("old.onnx", old.toByteArray()), ImportOptions.defaults()).graph();
        assertEquals(List.of("x"), graph.inputs().stream().map(v -> v.name()).toList());
    }

    @Test
    void aNodeReadingAnUndefinedValueIsNamed() throws IOException {
        ModelBuilder m = new ModelBuilder(13).input("x", Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3))
                .node("Relu", List.of("later"), List.of("y"), Map.of()).node("Relu", List.of("x"), List.of("later"), Map.of()).output("y");
        assertTrue(error(write("order.onnx", m.bytes())).endsWith("node 'relu_0' (Relu): reads 'later', which no earlier node, graph input"
                + " or initializer defines"));
    }

    @Test
    void malformedAttributesAreTheNodesError() throws IOException {
        ModelBuilder m = new ModelBuilder(13).input("x", Tensor.ofFloats(Shape.of(1, 1, 2, 2), 1, 2, 3, 4))
                .initializer("w", Tensor.ofFloats(Shape.of(1, 1, 1, 1), 1))
                .node("ConvTranspose", List.of("x", "w"), List.of("y"), Map.of("pads", new long[] {1})).output("y");
        assertTrue(error(write("short.onnx", m.bytes())).endsWith("node 'convtranspose_0' (ConvTranspose): malformed node: an attribute"
                + " or input list is shorter than ConvTranspose requires"));
        m = new ModelBuilder(7).input("x", Tensor.ofFloats(Shape.of(1, 1, 2, 2), 1, 2, 3, 4))
                .node("Upsample", List.of("x"), List.of("y"), Map.of()).output("y");
        assertTrue(error(write("scales.onnx", m.bytes())).endsWith("(Upsample): attribute 'scales' is required"));
    }

    @Test
    void constantBindsAScalarInput() throws IOException {
        Path model = write("scaled.onnx", new ModelBuilder(13).input("x", Tensor.ofFloats(Shape.of(1, 2), 1, 2), "N")
                .input("gain", Tensor.scalar(1f)).node("Mul", List.of("x", "gain"), List.of("y"), Map.of()).output("y").bytes());
        LayerGraph graph = FrontEnds.read(model, ImportOptions.defaults().withConstantSpec("gain=2.5")).graph();
        assertEquals(List.of("x"), graph.inputs().stream().map(v -> v.name()).toList());
        Tensor y = new LayerInterpreter(graph).run(Map.of("x", Tensor.ofFloats(Shape.of(1, 2), 1, 2))).get("y");
        assertEquals(List.of(2.5f, 5f), List.of(y.getFloat(0), y.getFloat(1)));
    }

    @Test
    void externalDataBesideTheModelIsRead() throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(8 + 24).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(0);
        for (float f : new float[] {1, 0, 0, 1, 1, 1}) {
            bytes.putFloat(f);
        }
        Files.write(dir.resolve("weights.bin"), bytes.array());
        Path model = write("model.onnx", withExternalWeights("weights.bin", "8", "24").bytes());
        Tensor y = new LayerInterpreter(FrontEnds.read(model, ImportOptions.defaults()).graph())
                .run(Map.of("x", Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3))).get("y");
        assertEquals(4.5f, y.getFloat(0));
    }

    private static ModelBuilder withExternalWeights(String location, String offset, String length) {
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(3).addDims(2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(offset))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(length)).build();
        return new ModelBuilder(13).input("x", Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3), "N").initializer(w)
                .typedInitializer("b", Tensor.ofFloats(Shape.of(2), 0.5f, -0.5f))
                .node("Gemm", List.of("x", "w", "b"), List.of("y"), Map.of()).output("y");
    }

    @Test
    void externalDataPastTheEndOfItsFileIsRefused() throws IOException {
        Files.write(dir.resolve("weights.bin"), new byte[24]);
        String message = error(write("model.onnx", withExternalWeights("weights.bin", "16", "24").bytes()));
        assertTrue(message.contains("initializer 'w': external data 'weights.bin' is 24 bytes, the tensor claims 24 bytes at offset 16"),
                message);
    }

    @Test
    void externalDataOutsideTheModelsDirectoryIsRefused() throws IOException {
        Files.write(dir.resolve("weights.bin"), new byte[24]);
        Path sub = Files.createDirectory(dir.resolve("model"));
        Path model = Files.write(sub.resolve("model.onnx"), withExternalWeights("../weights.bin", "0", "24").bytes());
        assertTrue(error(model).contains("leaves the model's directory"));
        Path absolute = Files.write(sub.resolve("abs.onnx"), withExternalWeights(dir.resolve("weights.bin").toString(), "0", "24").bytes());
        assertTrue(error(absolute).contains("is absolute"));
    }

    @Test
    void aTruncatedFileIsOneLine() throws IOException {
        byte[] bytes = dense(13).bytes();
        String message = error(write("cut.onnx", Arrays.copyOf(bytes, bytes.length - 7)));
        assertTrue(message.contains("not a valid ONNX model (truncated or corrupted protobuf"), message);
    }

    @Test
    void hugeDimensionsAreRefusedBeforeAllocating() throws IOException {
        TensorProto huge = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(1L << 20).addDims(1L << 20).build();
        ModelBuilder m = new ModelBuilder(13).input("x", Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3)).initializer(huge)
                .node("Gemm", List.of("x", "w"), List.of("y"), Map.of()).output("y");
        String message = error(write("huge.onnx", m.bytes()));
        assertTrue(message.contains("initializer 'w': shape [1048576,1048576] has more than"), message);
        TensorProto lying = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(3).addDims(2).setRawData(com.google.protobuf.ByteString.copyFrom(new byte[5])).build();
        m = new ModelBuilder(13).input("x", Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3)).initializer(lying)
                .node("Gemm", List.of("x", "w"), List.of("y"), Map.of()).output("y");
        assertTrue(error(write("short.onnx", m.bytes())).contains("raw_data holds 5 bytes"));
    }

    @Test
    void unknownOpsetsAndIrVersionsAreRefusedByName() throws IOException {
        assertTrue(error(write("new.onnx", dense(22).bytes())).contains("default-domain opset 22 is not supported; nnport reads opsets 7 to 21"));
        assertTrue(error(write("ir.onnx", dense(13).irVersion(11).bytes())).contains("ONNX IR version 11 is not supported"));
    }

    @Test
    void unsupportedOpsAreListedAtOnceWithTheirNodes() throws IOException {
        ModelBuilder m = new ModelBuilder(13).input("x", Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3))
                .node("LSTM", List.of("x"), List.of("a"), Map.of()).node("QLinearConv", List.of("a"), List.of("b"), Map.of())
                .node("LSTM", List.of("b"), List.of("y"), Map.of()).output("y");
        String message = error(write("rnn.onnx", m.bytes()));
        assertTrue(message.endsWith("unsupported ops: LSTM (2 nodes: lstm_0, lstm_2), QLinearConv (1 node: qlinearconv_1)"), message);
    }

    @Test
    void symbolicDimensionsOtherThanTheBatchNeedInput() throws IOException {
        Path model = write("seq.onnx", new ModelBuilder(13).input("x", Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3), "N")
                .node("Relu", List.of("x"), List.of("y"), Map.of()).output("y").model().toBuilder()
                .setGraph(new ModelBuilder(13).input("x", Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3), "N")
                        .node("Relu", List.of("x"), List.of("y"), Map.of()).output("y").model().getGraph().toBuilder()
                        .setInput(0, new ModelBuilder(13).input("x", Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3), "N").model()
                                .getGraph().getInput(0).toBuilder().setType(symbolicSecond()))).build().toByteArray());
        assertTrue(error(model).contains("input 'x' dimension 1 ('seq') is symbolic; only dimension 0 may be (the batch):"
                + " fix it with --input x=d0,d1,..."));
        LayerGraph fixed = FrontEnds.read(model, ImportOptions.defaults().withInputSpec("x=-1,7")).graph();
        assertEquals(Shape.of(-1, 7), fixed.inputs().get(0).shape());
    }

    private static io.nnport.frontend.onnx.proto.TypeProto symbolicSecond() {
        io.nnport.frontend.onnx.proto.TensorShapeProto shape = io.nnport.frontend.onnx.proto.TensorShapeProto.newBuilder()
                .addDim(io.nnport.frontend.onnx.proto.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(io.nnport.frontend.onnx.proto.TensorShapeProto.Dimension.newBuilder().setDimParam("seq")).build();
        return io.nnport.frontend.onnx.proto.TypeProto.newBuilder().setTensorType(io.nnport.frontend.onnx.proto.TypeProto.Tensor
                .newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
    }
}
