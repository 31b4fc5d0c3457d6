package io.nnport.converter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.onnx.testing.ModelBuilder;
import io.nnport.frontend.onnx.testing.OnnxTestModels;
import io.nnport.frontend.onnx.testing.OrtOracle;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.TransposeLayer;
import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.NpyArray;
import io.nnport.runtime.Parity;
import io.nnport.runtime.TensorSpec;
import io.nnport.testing.RandomTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX models built in the test, as PyTorch exports CNNs (NCHW, a symbolic batch, Conv +
 * BatchNormalization + activations, padded max pooling, depthwise convolution, a residual Add,
 * global pooling, Flatten + Gemm) -> converter -> model jar -> predict, against ONNX Runtime on the
 * same inputs. The model is fed NCHW, as ONNX says, and the layer graph has one transpose, at the
 * input.
 */
class OnnxEndToEndTest {
    @TempDir
    Path dir;

    /** A MobileNet-like block stack: the ops torchvision's classifiers export (HardSwish needs opset 14). */
    private static ModelBuilder smallCnn() {
        RandomTensors r = new RandomTensors(20261203L);
        ModelBuilder m = new ModelBuilder(14).input("image", r.floats(1, 3, 12, 12), "batch");
        m.initializer("w1", r.floats(8, 3, 3, 3)).initializer("b1", r.floats(8));
        m.node("Conv", List.of("image", "w1", "b1"), List.of("c1"), Map.of("pads", new long[] {1, 1, 1, 1}, "strides", new long[] {1, 1}));
        m.initializer("gamma", r.uniform(0.5, 1.5, 8)).initializer("beta", r.floats(8)).initializer("mean", r.floats(8))
                .initializer("var", r.uniform(0.5, 2, 8));
        m.node("BatchNormalization", List.of("c1", "gamma", "beta", "mean", "var"), List.of("bn1"), Map.of());
        m.node("Relu", List.of("bn1"), List.of("r1"), Map.of());
        m.node("MaxPool", List.of("r1"), List.of("p1"), Map.of("kernel_shape", new long[] {3, 3}, "strides", new long[] {2, 2},
                "pads", new long[] {1, 1, 1, 1}));
        m.initializer("dw", r.floats(8, 1, 3, 3));
        m.node("Conv", List.of("p1", "dw"), List.of("d1"), Map.of("group", 8L, "pads", new long[] {1, 1, 1, 1}));
        m.initializer("lo", Tensor.scalar(0f)).initializer("hi", Tensor.scalar(6f));
        m.node("Clip", List.of("d1", "lo", "hi"), List.of("d1r"), Map.of());
        m.node("Add", List.of("d1r", "p1"), List.of("res"), Map.of());
        m.initializer("w2", r.floats(6, 8, 1, 1));
        m.node("Conv", List.of("res", "w2"), List.of("c2"), Map.of());
        m.node("HardSwish", List.of("c2"), List.of("h2"), Map.of());
        m.node("Flatten", List.of("h2"), List.of("flat"), Map.of());
        m.initializer("fc", r.floats(6 * 6 * 6, 5)).initializer("fcb", r.floats(5));
        m.node("Gemm", List.of("flat", "fc", "fcb"), List.of("logits"), Map.of());
        m.node("Softmax", List.of("logits"), List.of("probs"), Map.of("axis", 1L));
        m.node("GlobalAveragePool", List.of("h2"), List.of("gap"), Map.of());
        m.output("probs").output("gap");
        return m;
    }

    @Test
    void aSmallOnnxCnnMatchesOnnxRuntime() throws Exception {
        ModelBuilder m = smallCnn();
        Path file = Files.write(dir.resolve("small_cnn.onnx"), m.bytes());
        LayerGraph graph = FrontEnds.read(file, ImportOptions.defaults()).graph();
        assertEquals(1, graph.layers().stream().filter(l -> l.layer() instanceof TransposeLayer).count(), graph.toString());

        ConversionResult result = Converter.convert(ConversionOptions.of(file, dir.resolve("out")));
        ConvertedModel model = io.nnport.converter.testing.Conversions.load(result, "SmallCnnModel", 1);
        assertEquals(List.of("image"), model.inputs().stream().map(TensorSpec::name).toList());
        assertEquals(List.of("probs", "gap"), model.outputs().stream().map(TensorSpec::name).toList());
        RandomTensors r = new RandomTensors(7);
        for (int batch : new int[] {1, 3}) {
            Tensor x = r.floats(batch, 3, 12, 12);
            Map<String, Tensor> expected = OrtOracle.run(m.bytes(), Map.of("image", x), List.of("probs", "gap"));
            float[] probs = new float[batch * 5];
            float[] gap = new float[batch * 6];
            model.run(new Object[] {x.floats()}, batch, new Object[] {probs, gap});
            assertNull(Parity.mismatch(expected.get("probs").floats(), probs, 5), "probs batch " + batch);
            assertNull(Parity.mismatch(expected.get("gap").floats(), gap, 6), "gap batch " + batch);
            assertEquals(Shape.of(batch, 6, 1, 1), expected.get("gap").shape());
        }
    }

    /**
     * A transformer feed-forward block as PyTorch exports it: MatMul + Add, GELU written out as
     * x / sqrt 2, Erf, + 1, * x, * 0.5 (fused into one GELU activation), then
     * LayerNormalization over the last axis; [N, 5, 8] in, against ONNX Runtime.
     */
    @Test
    void aFeedForwardBlockWithGeluAndLayerNormMatchesOnnxRuntime() throws Exception {
        RandomTensors r = new RandomTensors(17);
        ModelBuilder m = new ModelBuilder(17).input("x", r.floats(1, 5, 8), "batch");
        m.initializer("w", r.floats(8, 6)).initializer("b", r.floats(6));
        m.node("MatMul", List.of("x", "w"), List.of("xw"), Map.of()).node("Add", List.of("xw", "b"), List.of("h"), Map.of());
        m.initializer("sqrt2", Tensor.scalar((float) Math.sqrt(2))).initializer("one", Tensor.scalar(1f))
                .initializer("half", Tensor.scalar(0.5f));
        m.node("Div", List.of("h", "sqrt2"), List.of("scaled"), Map.of()).node("Erf", List.of("scaled"), List.of("erf"), Map.of());
        m.node("Add", List.of("erf", "one"), List.of("plus1"), Map.of()).node("Mul", List.of("h", "plus1"), List.of("prod"), Map.of());
        m.node("Mul", List.of("prod", "half"), List.of("gelu"), Map.of());
        m.initializer("gamma", r.uniform(0.5, 1.5, 6)).initializer("beta", r.floats(6));
        m.node("LayerNormalization", List.of("gelu", "gamma", "beta"), List.of("y"), Map.of("axis", -1L)).output("y");
        Path file = Files.write(dir.resolve("feed_forward.onnx"), m.bytes());
        LayerGraph graph = FrontEnds.read(file, ImportOptions.defaults()).graph();
        List<String> layers = graph.layers().stream().map(l -> l.layer().describe()).toList();
        assertEquals(1, layers.stream().filter(d -> d.equals("Activation gelu_erf")).count(), graph.toString());
        assertEquals("LayerNorm", graph.layers().get(graph.layers().size() - 1).layer().kindName(), graph.toString());

        ConversionResult result = Converter.convert(ConversionOptions.of(file, dir.resolve("out")));
        ConvertedModel model = io.nnport.converter.testing.Conversions.load(result, "FeedForwardModel", 1);
        for (int batch : new int[] {1, 3}) {
            Tensor x = r.floats(batch, 5, 8);
            Map<String, Tensor> expected = OrtOracle.run(m.bytes(), Map.of("x", x), List.of("y"));
            float[] y = new float[batch * 5 * 6];
            model.run(new Object[] {x.floats()}, batch, new Object[] {y});
            assertNull(Parity.mismatch(expected.get("y").floats(), y, 6), "y batch " + batch);
        }
    }

    /**
     * A charCNN whose token ids are int64, as PyTorch exports embeddings: the jar takes them as the
     * model declares them (long[]), converts them once into its int arena, and matches ONNX Runtime
     * at batch 1 and 5; an id outside the int range is the caller's IllegalArgumentException, naming
     * the input and the element.
     */
    @Test
    void int64TokenIdsAreFedAsLongs() throws Exception {
        ModelBuilder m = OnnxTestModels.charCnn();
        Path file = Files.write(dir.resolve("char_cnn.onnx"), m.bytes());
        ConversionResult result = Converter.convert(ConversionOptions.of(file, dir.resolve("out")));
        ConvertedModel model = io.nnport.converter.testing.Conversions.load(result, "CharCnnModel", 1);
        assertEquals(NpyArray.DType.INT64, model.inputs().get(0).dtype());
        RandomTensors r = new RandomTensors(13);
        for (int batch : new int[] {1, 5}) {
            Tensor ids = r.ints(DType.INT64, 0, 5, batch, 12);
            Map<String, Tensor> expected = OrtOracle.run(m.bytes(), Map.of("ids", ids), List.of("logits"));
            float[] logits = new float[batch * 3];
            model.run(new Object[] {ids.longs()}, batch, new Object[] {logits});
            assertNull(Parity.mismatch(expected.get("logits").floats(), logits, 3), "logits batch " + batch);
        }
        long[] outOfRange = new long[12];
        outOfRange[3] = 1L << 40;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.run(new Object[] {outOfRange}, 1, new Object[] {new float[3]}));
        assertTrue(e.getMessage().startsWith("ids[3] = 1099511627776"), e.getMessage());
    }

    /**
     * A Conv1d classifier fed NCW floats: Conv1d, MaxPool1d, view(N, -1), MatMul; no transpose in its
     * layer graph but the one at the input.
     */
    @Test
    void anOnnxConv1dClassifierMatchesOnnxRuntime() throws Exception {
        ModelBuilder m = OnnxTestModels.conv1dClassifier();
        Path file = Files.write(dir.resolve("conv1d_classifier.onnx"), m.bytes());
        ConversionResult result = Converter.convert(ConversionOptions.of(file, dir.resolve("out")));
        ConvertedModel model = io.nnport.converter.testing.Conversions.load(result, "Conv1dClassifierModel", 1);
        RandomTensors r = new RandomTensors(9);
        for (int batch : new int[] {1, 4}) {
            Tensor x = r.floats(batch, 6, 12);
            Map<String, Tensor> expected = OrtOracle.run(m.bytes(), Map.of("ncw", x), List.of("logits"));
            float[] logits = new float[batch * 3];
            model.run(new Object[] {x.floats()}, batch, new Object[] {logits});
            assertNull(Parity.mismatch(expected.get("logits").floats(), logits, 3), "logits batch " + batch);
        }
    }

    /**
     * The rest of the CNN ops in one model: reflect Pad, InstanceNormalization, LeakyRelu,
     * ConvTranspose, a two-branch Concat on channels, AveragePool counting pads, nearest Resize
     * (PyTorch's Upsample), Slice with a negative step, Mish.
     */
    private static ModelBuilder decoderLikeCnn() {
        RandomTensors r = new RandomTensors(11);
        ModelBuilder m = new ModelBuilder(18).input("x", r.floats(1, 2, 8, 8), "batch");
        m.initializer("pads", Tensor.ofLongs(Shape.of(8), 0, 0, 1, 1, 0, 0, 1, 1));
        m.node("Pad", List.of("x", "pads"), List.of("padded"), Map.of("mode", "reflect"));
        m.initializer("w1", r.floats(4, 2, 3, 3)).node("Conv", List.of("padded", "w1"), List.of("c1"), Map.of());
        m.initializer("in_scale", r.uniform(0.5, 1.5, 4)).initializer("in_bias", r.floats(4));
        m.node("InstanceNormalization", List.of("c1", "in_scale", "in_bias"), List.of("n1"), Map.of());
        m.node("LeakyRelu", List.of("n1"), List.of("a1"), Map.of("alpha", 0.1f));
        m.initializer("wt", r.floats(4, 3, 2, 2)).node("ConvTranspose", List.of("a1", "wt"), List.of("up1"),
                Map.of("strides", new long[] {2, 2}));
        m.initializer("scales", Tensor.ofFloats(Shape.of(4), 1, 1, 2, 2));
        m.node("Resize", List.of("a1", "", "scales"), List.of("up2"), Map.of("mode", "nearest",
                "coordinate_transformation_mode", "asymmetric", "nearest_mode", "floor"));
        m.node("Concat", List.of("up1", "up2"), List.of("cat"), Map.of("axis", 1L));
        m.node("AveragePool", List.of("cat"), List.of("pool"), Map.of("kernel_shape", new long[] {3, 3},
                "pads", new long[] {1, 1, 1, 1}, "count_include_pad", 1L));
        m.initializer("starts", Tensor.ofLongs(Shape.of(1), -1)).initializer("ends", Tensor.ofLongs(Shape.of(1), Long.MIN_VALUE))
                .initializer("axes", Tensor.ofLongs(Shape.of(1), 3)).initializer("steps", Tensor.ofLongs(Shape.of(1), -2));
        m.node("Slice", List.of("pool", "starts", "ends", "axes", "steps"), List.of("sliced"), Map.of());
        m.node("Mish", List.of("sliced"), List.of("y"), Map.of()).output("y");
        return m;
    }

    @Test
    void anOnnxDecoderLikeCnnMatchesOnnxRuntime() throws Exception {
        ModelBuilder m = decoderLikeCnn();
        Path file = Files.write(dir.resolve("decoder_like.onnx"), m.bytes());
        ConversionResult result = Converter.convert(ConversionOptions.of(file, dir.resolve("out")));
        ConvertedModel model = io.nnport.converter.testing.Conversions.load(result, "DecoderLikeModel", 1);
        RandomTensors r = new RandomTensors(12);
        for (int batch : new int[] {1, 2}) {
            Tensor x = r.floats(batch, 2, 8, 8);
            Map<String, Tensor> expected = OrtOracle.run(m.bytes(), Map.of("x", x), List.of("y"));
            assertEquals(Shape.of(batch, 7, 16, 8), expected.get("y").shape());
            float[] y = new float[batch * 7 * 16 * 8];
            model.run(new Object[] {x.floats()}, batch, new Object[] {y});
            assertNull(Parity.mismatch(expected.get("y").floats(), y, 8), "batch " + batch);
        }
    }
}
