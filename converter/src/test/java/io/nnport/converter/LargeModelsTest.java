package io.nnport.converter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import io.nnport.converter.testing.Conversions;
import io.nnport.converter.testing.TestGraphs;
import io.nnport.frontend.FrontEnd;
import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.Parity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models too large for one {@code predict} method or one class: the layout splits them into
 * methods and classes before javac runs, and the jar still matches TensorFlow; a layer no method
 * can hold is refused with one line.
 */
class LargeModelsTest {

    private static final int WIDTH = 8;
    private static final int BATCH = 3;

    @TempDir
    Path dir;

    /** x[B,8] through {@code units} x (tanh, times a constant vector, plus x): every unit reads the model input. */
    private static TestGraphs chain(long seed, int units) {
        TestGraphs t = new TestGraphs(seed);
        String x = t.input("x", WIDTH);
        String h = x;
        for (int u = 0; u < units; u++) {
            String tanh = t.op("unit" + u + "/Tanh", "Tanh", h);
            String scaled = t.op("unit" + u + "/Mul", "Mul", tanh, t.constant("unit" + u + "/scale", WIDTH));
            h = t.op("unit" + u + "/add", "AddV2", scaled, x);
        }
        return t;
    }

    private Converter.Generated convertAndCompare(TestGraphs graph, String name, String output) throws Exception {
        ConversionResult result = Conversions.convert(dir, name, graph.builder().bytes());
        ConvertedModel model = Conversions.load(result, io.nnport.converter.codegen.JavaNames.typeName(name) + "Model", 1);
        float[] x = new float[BATCH * WIDTH];
        Random r = new Random(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        float[] actual = new float[BATCH * WIDTH];
        model.run(new Object[] {x}, BATCH, new Object[] {actual});
        Map<String, Tensor> expected = TfOracle.run(graph.builder().bytes(),
                Map.of("x", Tensor.ofFloats(Shape.of(BATCH, WIDTH), x)), List.of(output));
        assertNull(Parity.mismatch(expected.get(output).floats(), actual, WIDTH), name);
        assertTrue(model.describe().startsWith("layers: "), model.describe());
        return Converter.generate(ConversionOptions.of(dir.resolve(name + ".pb"), dir.resolve("again")));
    }

    @Test
    void aModelTooLargeForOneMethodRunsItsLayersInSeveralMethods() throws Exception {
        Converter.Generated g = convertAndCompare(chain(3, 150), "medium", "unit149/add");
        String model = g.mainSources().get(0).toString();
        assertEquals(2, g.mainSources().size(), "the model class and its Main only");
        assertTrue(model.contains("layers0(ws, batch, x);") && model.contains("private void layers1("), model);
        assertTrue(model.contains("private static final String LAYERS = \"layers: "), "layer table inline");
    }

    @Test
    void aModelTooLargeForOneClassSpreadsItsLayersOverClasses() throws Exception {
        Converter.Generated g = convertAndCompare(chain(4, 1500), "large", "unit1499/add");
        List<String> classes = g.mainSources().stream().map(JavaFile::typeSpec).map(t -> t.name()).toList();
        assertTrue(classes.containsAll(List.of("LargeModel", "LargeModelPart0", "LargeModelPart1", "LargeMain")),
                classes.toString());
        String model = g.mainSources().get(0).toString();
        assertTrue(model.contains("part1.layers"), model);
        assertTrue(g.model().resources().containsKey("io/nnport/models/LargeModel.layers.txt"),
                g.model().resources().keySet().toString());
    }

    @Test
    void aGraphOverTheNodeLimitIsRefusedAsSoonAsItIsRead() throws Exception {
        TestGraphs t = new TestGraphs(7);
        String h = t.input("x", WIDTH);
        for (int i = 0; i < FrontEnd.MAX_NODES; i++) {
            h = t.op("layer" + i, i % 2 == 0 ? "Relu" : "Tanh", h);
        }
        Path pb = dir.resolve("huge.pb");
        Files.write(pb, t.builder().bytes());
        ModelException e = assertThrows(ModelException.class,
                () -> Converter.convert(ConversionOptions.of(pb, dir.resolve("out"))));
        assertEquals(pb + ": " + FrontEnd.tooManyNodes(FrontEnd.MAX_NODES + 1), e.getMessage());
    }

    @Test
    void aLayerNoMethodCanHoldIsRefusedBeforeJavac() throws Exception {
        TestGraphs t = new TestGraphs(6);
        String x = t.input("x", 1);
        int parts = 20_000;
        String[] inputs = new String[parts + 1];
        java.util.Arrays.fill(inputs, 0, parts, x);
        inputs[parts] = t.builder().constant("concat/axis", Tensor.scalarInt(1));
        t.builder().node("concat", "ConcatV2").input(inputs).attr("T", DType.FLOAT32).attr("N", parts)
                .attr("Tidx", DType.INT32).done();
        Path pb = dir.resolve("wide.pb");
        Files.write(pb, t.builder().bytes());
        BadInputException e = assertThrows(BadInputException.class,
                () -> Converter.convert(ConversionOptions.of(pb, dir.resolve("out"))));
        assertTrue(e.getMessage().startsWith(pb.getFileName() + ": layer concat is too large for a Java class"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(!Files.exists(dir.resolve("out")) || dir.resolve("out").toFile().list().length == 0, "nothing written");
    }
}
