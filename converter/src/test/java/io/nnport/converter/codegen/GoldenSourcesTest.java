package io.nnport.converter.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.converter.ConversionOptions;
import io.nnport.converter.Converter;
import io.nnport.converter.testing.TestGraphs;
import io.nnport.graph.ir.DType;
import io.nnport.graph.ir.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: for one-layer graphs, one per layer kind and flavour, the generated model class
 * must equal the committed {@code src/test/resources/golden/<case>.java.txt}, so any change to the
 * code generator shows up as a reviewed diff. After an intended change, regenerate with
 * {@code ./mvnw -B -pl converter -am verify -Dtest=GoldenSourcesTest -Dnnport.updateGolden=true}.
 */
class GoldenSourcesTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    /** Each case adds one layer after an input {@code x}. */
    private static final Map<String, Consumer<TestGraphs>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("dense_relu", t -> t.dense("dense", t.input("x", 24), 24, 10, "Relu"));
        CASES.put("conv1d_keras_valid", t -> t.conv1d("conv1d", t.input("x", 30, 8), 8, 16, 5, 1, "VALID", "Relu"));
        CASES.put("conv2d_same_stride2", t -> t.conv2d("conv2d", t.input("x", 9, 9, 4), 4, 8, 3, 2, "SAME"));
        CASES.put("unary_tanh", t -> t.op("tanh", "Tanh", t.input("x", 7)));
        CASES.put("binary_add_runtime", t -> t.op("add", "AddV2", t.input("a", 3, 5), t.input("b", 3, 5)));
        CASES.put("binary_mul_constant", t -> t.op("mul", "Mul", t.input("x", 4, 6), t.constant("scale", 6)));
        CASES.put("batchnorm_relu", t -> t.op("relu", "Relu", t.batchNorm("bn", t.input("x", 5, 5, 3), 3)));
        CASES.put("maxpool2d_same", t -> t.builder().node("pool", "MaxPool").input(t.input("x", 7, 7, 2))
                .attr("T", DType.FLOAT32).attr("ksize", new long[] {1, 3, 3, 1}).attr("strides", new long[] {1, 2, 2, 1})
                .attr("padding", "SAME").done());
        CASES.put("maxpool1d_keras", t -> t.maxPool1d("pool", t.input("x", 12, 4), 3));
        CASES.put("global_avg_pool", t -> {
            String axes = t.builder().constant("axes", Tensor.vectorInts(1, 2));
            t.builder().node("mean", "Mean").input(t.input("x", 4, 4, 6), axes).attr("T", DType.FLOAT32)
                    .attr("Tidx", DType.INT32).attr("keep_dims", false).done();
        });
        CASES.put("reshape_then_relu", t -> t.op("relu", "Relu", t.flatten("flatten", t.input("x", 2, 3), 6)));
        CASES.put("argmax_int64", t -> {
            String axis = t.builder().constant("axis", Tensor.scalarInt(-1));
            t.builder().node("argmax", "ArgMax").input(t.input("x", 6), axis).attr("T", DType.FLOAT32)
                    .attr("Tidx", DType.INT32).attr("output_type", DType.INT64).done();
        });
        CASES.put("cast_to_int", t -> t.builder().node("cast", "Cast").input(t.input("x", 5))
                .attr("SrcT", DType.FLOAT32).attr("DstT", DType.INT32).done());
    }

    static Stream<Arguments> cases() {
        return CASES.keySet().stream().map(Arguments::of);
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatedSourceMatchesGoldenFile(String name) throws IOException {
        TestGraphs graph = new TestGraphs(name.hashCode());
        CASES.get(name).accept(graph);
        Path pb = dir.resolve(name + ".pb");
        Files.write(pb, graph.builder().bytes());
        String source = Converter.generate(ConversionOptions.of(pb, dir)).mainSources().get(0).toString();
        Path golden = GOLDEN.resolve(name + ".java.txt");
        if (Boolean.getBoolean("nnport.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, source);
        }
        assertTrue(Files.exists(golden), "no golden file " + golden + "; create it with -Dnnport.updateGolden=true");
        assertEquals(Files.readString(golden), source, "generated source of " + name + " differs from " + golden
                + "; if the change is intended, regenerate with "
                + "./mvnw -B -pl converter -am verify -Dtest=GoldenSourcesTest -Dnnport.updateGolden=true");
    }
}
