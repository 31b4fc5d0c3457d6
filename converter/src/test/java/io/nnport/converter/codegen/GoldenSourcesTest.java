package io.nnport.converter.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.converter.ConversionOptions;
import io.nnport.converter.Converter;
import io.nnport.converter.testing.TestGraphs;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
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
        CASES.put("conv2d_grouped", t -> t.conv2d("conv2d", t.input("x", 6, 6, 6), 6 / 3, 9, 3, 1, "VALID"));
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
        CASES.put("softmax", t -> t.op("softmax", "Softmax", t.input("x", 9)));
        CASES.put("depthwise_same", t -> t.builder().node("depthwise", "DepthwiseConv2dNative")
                .input(t.input("x", 6, 6, 4), t.constant("depthwise/kernel", 3, 3, 4, 2)).attr("T", DType.FLOAT32)
                .attr("strides", new long[] {1, 1, 1, 1}).attr("padding", "SAME").done());
        CASES.put("transposed_conv", t -> {
            String x = t.builder().input("x", t.random(Shape.of(1, 4, 4, 6), 1f), Shape.of(1, 4, 4, 6));
            String sizes = t.builder().constant("deconv/input_sizes", Tensor.vectorInts(1, 8, 8, 3));
            t.builder().node("deconv", "Conv2DBackpropInput").input(sizes, t.constant("deconv/kernel", 3, 3, 3, 6), x)
                    .attr("T", DType.FLOAT32).attr("strides", new long[] {1, 2, 2, 1}).attr("padding", "SAME").done();
        });
        CASES.put("batch_matmul", t -> t.builder().node("matmul", "BatchMatMulV2").input(t.input("a", 3, 4), t.input("b", 4, 5))
                .attr("T", DType.FLOAT32).attr("adj_x", false).attr("adj_y", false).done());
        CASES.put("add_n", t -> t.builder().node("sum", "AddN").input(t.input("a", 7), t.input("b", 7), t.input("c", 7))
                .attr("T", DType.FLOAT32).attr("N", 3L).done());
        CASES.put("concat_with_constant", t -> {
            String axis = t.builder().constant("concat/axis", Tensor.scalarInt(-1));
            String x = t.builder().input("x", t.random(Shape.of(1, 4, 3), 1f), Shape.of(1, 4, 3));
            t.builder().node("concat", "ConcatV2").input(x, t.constant("concat/padding", 1, 4, 2), axis)
                    .attr("T", DType.FLOAT32).attr("N", 2L).attr("Tidx", DType.INT32).done();
        });
        CASES.put("split_two_outputs", t -> {
            String axis = t.builder().constant("split/split_dim", Tensor.scalarInt(-1));
            t.builder().node("split", "Split").input(axis, t.input("x", 3, 8)).attr("T", DType.FLOAT32)
                    .attr("num_split", 2L).done();
        });
        CASES.put("strided_slice", t -> {
            String begin = t.builder().constant("slice/begin", Tensor.vectorInts(0, 1, 0));
            String end = t.builder().constant("slice/end", Tensor.vectorInts(0, 7, 4));
            String strides = t.builder().constant("slice/strides", Tensor.vectorInts(1, 2, 1));
            t.builder().node("slice", "StridedSlice").input(t.input("x", 8, 4), begin, end, strides).attr("T", DType.FLOAT32)
                    .attr("Index", DType.INT32).attr("begin_mask", 1L).attr("end_mask", 1L).done();
        });
        CASES.put("pad", t -> {
            Tensor paddings = Tensor.ofInts(Shape.of(3, 2), 0, 0, 1, 2, 0, 0);
            t.builder().node("pad", "Pad").input(t.input("x", 5, 3), t.builder().constant("pad/paddings", paddings))
                    .attr("T", DType.FLOAT32).attr("Tpaddings", DType.INT32).done();
        });
        CASES.put("transpose", t -> t.builder().node("transpose", "Transpose")
                .input(t.input("x", 4, 6), t.builder().constant("transpose/perm", Tensor.vectorInts(0, 2, 1)))
                .attr("T", DType.FLOAT32).attr("Tperm", DType.INT32).done());
        CASES.put("tile", t -> t.builder().node("tile", "Tile")
                .input(t.input("x", 2, 3), t.builder().constant("tile/multiples", Tensor.vectorInts(1, 2, 3)))
                .attr("T", DType.FLOAT32).attr("Tmultiples", DType.INT32).done());
        CASES.put("embedding_gather", t -> {
            String ids = t.builder().input("ids", Tensor.ofInts(Shape.of(1, 5), 0, 1, 2, 3, 4), Shape.of(-1, 5));
            t.builder().node("embedding", "GatherV2").input(t.constant("embedding/table", 10, 4), ids,
                    t.builder().constant("embedding/axis", Tensor.scalarInt(0))).attr("Tparams", DType.FLOAT32)
                    .attr("Tindices", DType.INT32).attr("Taxis", DType.INT32).attr("batch_dims", 0L).done();
        });
        CASES.put("reduce_sum_keepdims", t -> t.builder().node("sum", "Sum")
                .input(t.input("x", 4, 6), t.builder().constant("sum/axes", Tensor.vectorInts(-1)))
                .attr("T", DType.FLOAT32).attr("Tidx", DType.INT32).attr("keep_dims", true).done());
        CASES.put("resize_bilinear", t -> t.builder().node("resize", "ResizeBilinear")
                .input(t.input("x", 4, 4, 3), t.builder().constant("resize/size", Tensor.vectorInts(7, 9)))
                .attr("T", DType.FLOAT32).attr("align_corners", false).attr("half_pixel_centers", true).done());
        CASES.put("resize_nearest", t -> t.resizeNearest("resize", t.input("x", 13, 13, 4), 26, 26, false, true));
        CASES.put("prelu_tfjs", t -> {
            String x = t.input("x", 6);
            String positive = t.op("prelu/Relu", "Relu", x);
            String negated = t.op("prelu/Neg", "Neg", x);
            String negative = t.op("prelu/Relu_1", "Relu", negated);
            String scaled = t.op("prelu/mul", "Mul", t.constant("prelu/neg_alpha", 6), negative);
            t.op("prelu/add", "AddV2", positive, scaled);
        });
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
