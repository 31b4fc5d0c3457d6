package io.nnport.frontend.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.TextFormat;
import io.nnport.frontend.tf.interp.Interpreter;
import io.nnport.frontend.tf.proto.AttrValue;
import io.nnport.frontend.tf.proto.DataType;
import io.nnport.frontend.tf.proto.TensorProto;
import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.RealModels;
import io.nnport.testing.TensorAsserts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphDefReaderTest {

    @Test
    void textFormatUnderAPbNameFallsBackToTextParsing() {
        Graph graph = GraphDefReader.read(RealModels.file("tf2_mnist_softmax_textformat.pb"));
        assertEquals(9, graph.size());
        assertEquals("Placeholder", graph.node("x").op());
        assertEquals(Shape.of(-1, 784), graph.node("x").shapeAttr("shape"));
    }

    @Test
    void textAndBinaryEncodingsOfOneGraphReadTheSame() {
        byte[] binary = RealModels.bytes("tf2_cifar10_cnn.pb");
        Graph fromBinary = GraphDefReader.read(binary, "binary");
        byte[] text = GraphDefReader.parse(binary, "binary").toString().getBytes(StandardCharsets.UTF_8);
        Graph fromText = GraphDefReader.read(text, "text");
        assertEquals(fromBinary.size(), fromText.size());
        for (int i = 0; i < fromBinary.size(); i++) {
            assertEquals(fromBinary.nodes().get(i).name(), fromText.nodes().get(i).name());
            assertEquals(fromBinary.nodes().get(i).inputs(), fromText.nodes().get(i).inputs());
        }
        int constants = 0;
        for (io.nnport.frontend.tf.Node node : fromBinary.nodes()) {
            if (node.op().equals("Const")) {
                assertTrue(node.tensorAttr("value").contentEquals(fromText.node(node.name()).tensorAttr("value")), node.name());
                constants++;
            }
        }
        assertEquals(11, constants);
    }

    @Test
    void garbageIsNotAGraphDefAndSaysWhyBothParsesFailed(@TempDir Path dir) throws Exception {
        byte[] garbage = new byte[4096];
        new Random(3).nextBytes(garbage);
        Path file = dir.resolve("garbage.pb");
        Files.write(file, garbage);
        ModelException error = assertThrows(ModelException.class, () -> GraphDefReader.read(file));
        assertTrue(error.getMessage().startsWith(file + ": not a TensorFlow GraphDef: binary protobuf parse failed"), error.getMessage());
        assertTrue(error.getMessage().contains("not text either"), error.getMessage());
    }

    /** Found while fuzzing: a text GraphDef with a field nnport does not model printed protobuf's three-line warning. */
    @Test
    void textWithAFieldNnportDoesNotModelIsReadWithoutLogging() {
        byte[] text = "node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } }\ndebug_info { files: 'a.py' }"
                .getBytes(StandardCharsets.UTF_8);
        List<LogRecord> logged = new ArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger textFormat = Logger.getLogger(TextFormat.class.getName());
        textFormat.addHandler(recorder);
        try {
            assertEquals(1, GraphDefReader.read(text, "debug.pbtxt").size());
        } finally {
            textFormat.removeHandler(recorder);
        }
        assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void textThatIsNotAGraphDefReportsBothParses() {
        byte[] text = "hello: world\nthis is not { a graph".getBytes(StandardCharsets.UTF_8);
        ModelException error = assertThrows(ModelException.class, () -> GraphDefReader.read(text, "notes.pb"));
        assertTrue(error.getMessage().startsWith("notes.pb: not a TensorFlow GraphDef: binary protobuf parse failed ("), error.getMessage());
        assertTrue(error.getMessage().contains("; text format parse failed ("), error.getMessage());
    }

    @Test
    void emptyFileIsNotAGraphDef() {
        ModelException error = assertThrows(ModelException.class, () -> GraphDefReader.read(new byte[0], "empty.pb"));
        assertEquals("empty.pb: not a TensorFlow GraphDef: the file is empty", error.getMessage());
    }

    @Test
    void truncatedModelFailsCleanly() {
        byte[] model = RealModels.bytes("tf2_cifar10_cnn.pb");
        for (int length : new int[] {model.length / 3, model.length - 1}) {
            byte[] truncated = Arrays.copyOf(model, length);
            ModelException error = assertThrows(ModelException.class, () -> GraphDefReader.read(truncated, "cut.pb"));
            assertTrue(error.getMessage().startsWith("cut.pb: not a TensorFlow GraphDef: binary protobuf parse failed"),
                    error.getMessage());
        }
    }

    @Test
    void missingFileIsReportedAsUnreadable(@TempDir Path dir) {
        Path file = dir.resolve("absent.pb");
        ModelException error = assertThrows(ModelException.class, () -> GraphDefReader.read(file));
        assertTrue(error.getMessage().startsWith(file + ": cannot read the file"), error.getMessage());
    }

    private static byte[] constGraph(TensorProto value) {
        GraphDefBuilder g = new GraphDefBuilder();
        g.node("c", "Const").attr("dtype", AttrValue.newBuilder().setType(value.getDtype()).build())
                .attr("value", AttrValue.newBuilder().setTensor(value).build()).done();
        return g.bytes();
    }

    private static TensorProto.Builder tensor(DataType type, long... dims) {
        return TensorProto.newBuilder().setDtype(type).setTensorShape(TensorCodec.shapeProto(Shape.ofLongs(dims)));
    }

    @Test
    void tensorContentShorterThanItsShapeIsASizeLie() {
        byte[] graph = constGraph(tensor(DataType.DT_FLOAT, 1000, 1000).setTensorContent(ByteString.copyFrom(new byte[16])).build());
        ModelException error = assertThrows(ModelException.class, () -> GraphDefReader.read(graph, "lie.pb"));
        assertEquals("lie.pb: node 'c' (Const): attribute 'value': tensor DT_FLOAT[1000,1000] needs 4000000 bytes but its"
                + " tensor_content holds 16", error.getMessage());
    }

    @Test
    void absurdShapeIsRejectedBeforeAllocating() {
        byte[] graph = constGraph(tensor(DataType.DT_FLOAT, 1L << 20, 1L << 20).addFloatVal(1f).build());
        ModelException error = assertThrows(ModelException.class, () -> GraphDefReader.read(graph, "huge.pb"));
        assertTrue(error.getMessage().startsWith("huge.pb: node 'c' (Const): attribute 'value': shape [1048576,1048576] has more than"
                + " 268435456 elements"), error.getMessage());
    }

    @Test
    void moreTypedValuesThanElementsIsASizeLie() {
        byte[] graph = constGraph(tensor(DataType.DT_INT32, 2).addIntVal(1).addIntVal(2).addIntVal(3).build());
        ModelException error = assertThrows(ModelException.class, () -> GraphDefReader.read(graph, "lie.pb"));
        assertEquals("lie.pb: node 'c' (Const): attribute 'value': tensor DT_INT32[2] has 2 elements but lists 3 values",
                error.getMessage());
    }

    @Test
    void unsupportedConstantDtypeFailsOnlyWhenUsed() {
        byte[] graph = constGraph(tensor(DataType.DT_DOUBLE, 2).addDoubleVal(1).build());
        Graph read = GraphDefReader.read(graph, "f64.pb");
        ModelException error = assertThrows(ModelException.class, () -> new Interpreter(read).interpret("c", Map.of()));
        assertEquals("f64.pb: node 'c' (Const): attribute 'value': tensor of type DT_DOUBLE, which nnport does not support",
                error.getMessage());
    }

    /**
     * Typed value fields as TensorFlow reads them: a single value fills the shape, fewer values
     * repeat the last, float16 bits widen to float32. TensorFlow evaluates the same constants.
     */
    @Test
    void typedValueFieldsDecodeAsTensorFlowDoes() {
        Random random = new Random(11);
        GraphDefBuilder g = new GraphDefBuilder();
        TensorProto.Builder half = tensor(DataType.DT_HALF, 3, 5);
        for (int i = 0; i < 15; i++) {
            int bits = random.nextInt(1 << 16);
            // Avoid NaN payloads, which TensorFlow and Java may canonicalize differently.
            half.addHalfVal(((bits >> 10) & 0x1f) == 0x1f ? bits & 0x83ff : bits);
        }
        g.node("half", "Const").attr("dtype", AttrValue.newBuilder().setType(DataType.DT_HALF).build())
                .attr("value", AttrValue.newBuilder().setTensor(half).build()).done();
        g.node("half_as_float", "Cast").input("half").attr("SrcT", AttrValue.newBuilder().setType(DataType.DT_HALF).build())
                .attr("DstT", DType.FLOAT32).done();
        constant(g, "one_float", tensor(DataType.DT_FLOAT, 2, 3).addFloatVal(2.5f));
        constant(g, "ints_repeat_last", tensor(DataType.DT_INT32, 5).addIntVal(7).addIntVal(-3));
        constant(g, "longs", tensor(DataType.DT_INT64, 2, 2).addInt64Val(1L << 40).addInt64Val(-5));
        constant(g, "bools", tensor(DataType.DT_BOOL, 3).addBoolVal(true));
        constant(g, "zeros", tensor(DataType.DT_FLOAT, 4));
        constant(g, "packed", tensor(DataType.DT_INT32, 2).setTensorContent(ByteString.copyFrom(new byte[] {1, 0, 0, 0, -2, -1, -1, -1})));
        List<String> fetches = List.of("half_as_float", "one_float", "ints_repeat_last", "longs", "bools", "zeros", "packed");
        Map<String, Tensor> expected = TfOracle.run(g.build(), Map.of(), fetches);
        Graph ours = GraphDefReader.read(g.bytes(), "typed values");
        assertEquals(DType.FLOAT32, ours.node("half").tensorAttr("value").dtype());
        Map<String, Tensor> actual = new Interpreter(ours).run(Map.of(), fetches);
        for (String fetch : fetches) {
            TensorAsserts.assertMatches(Tolerance.EXACT, expected.get(fetch), actual.get(fetch), fetch);
        }
    }

    private static void constant(GraphDefBuilder g, String name, TensorProto.Builder value) {
        g.node(name, "Const").attr("dtype", AttrValue.newBuilder().setType(value.getDtype()).build())
                .attr("value", AttrValue.newBuilder().setTensor(value).build()).done();
    }
}
