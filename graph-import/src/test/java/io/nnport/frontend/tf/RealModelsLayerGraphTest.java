package io.nnport.frontend.tf;

import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.LayerInterpreter;
import io.nnport.ir.layers.Activation;
import io.nnport.ir.layers.ConvLayer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.Value;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.RandomTensors;
import io.nnport.testing.RealModels;
import io.nnport.testing.TensorAsserts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model of shared/models/real through the whole import (passes, lowering, fusion) to a
 * {@link LayerGraph}: the layer graph, evaluated by the {@link LayerInterpreter}, must give
 * TensorFlow's output on the same seeded input, or the import must fail with the precise
 * unsupported-op message. Options and feeds follow PROVENANCE.md (is_train=false, dropout=0).
 */
class RealModelsLayerGraphTest {
    private static final long SEED = 11L;
    /** An odd batch for models whose batch is dynamic. */
    private static final int BATCH = 3;

    /** Imports, interprets the layer graph and compares every output with TensorFlow's. */
    private static LayerGraph assertMatchesTensorFlow(String model, ImportOptions options, Map<String, Tensor> tfFeeds,
            Map<String, Tensor> layerInputs) {
        LayerGraph layers = TensorFlowFrontEnd.importModel(RealModels.file(model), options).layers();
        Map<String, Tensor> actual = new LayerInterpreter(layers).run(layerInputs);
        List<String> fetches = layers.outputs().stream().map(LayerGraph.Output::name).toList();
        byte[] binary = GraphDefReader.parse(RealModels.bytes(model), model).toByteArray();
        Map<String, Tensor> expected = TfOracle.run(binary, tfFeeds, fetches);
        for (String fetch : fetches) {
            TensorAsserts.assertMatches(Tolerance.APPROX, expected.get(fetch), actual.get(fetch), model + " output " + fetch);
        }
        return layers;
    }

    private static LayerGraph assertMatchesTensorFlow(String model, Map<String, Tensor> feeds) {
        return assertMatchesTensorFlow(model, ImportOptions.defaults(), feeds, feeds);
    }

    private static List<String> kinds(LayerGraph graph) {
        return graph.layers().stream().map(n -> n.layer().kindName()).toList();
    }

    @Test
    void kerasFlowersCnnFusesConvBiasReluAndFoldsTheTf1Flatten() {
        LayerGraph layers = assertMatchesTensorFlow("keras_tf1_flowers_k2tf.pb",
                Map.of("firstConv2D_input", new RandomTensors(SEED).uniform(0, 1, BATCH, 80, 80, 3)));
        assertEquals(List.of("Conv", "Pool", "Pad", "Conv", "Pool", "Pad", "Conv", "Pool", "Reshape", "Dense", "Dense", "Softmax",
                "Slice"), kinds(layers));
        Value output = layers.value(layers.outputs().get(0).value());
        assertEquals(io.nnport.ir.Shape.of(5), output.shape(), "strided_slice(softmax)[0] has no batch");
        assertTrue(layers.layers().get(8).sourceNodes().contains("flat/Reshape"));
    }

    @Test
    void kerasShapesCnn() {
        LayerGraph layers = assertMatchesTensorFlow("keras_tf1_shapes_cnn.pb",
                Map.of("conv2d_1_input", new RandomTensors(SEED).uniform(0, 1, BATCH, 32, 32, 1)));
        assertTrue(kinds(layers).contains("Reshape"), kinds(layers).toString());
    }

    @Test
    void tf1MnistMlpWithStaticBatch100() {
        LayerGraph layers = assertMatchesTensorFlow("tf1_mnist_mlp_b100.pb",
                Map.of("Placeholder", new RandomTensors(SEED).uniform(0, 1, 100, 784)));
        assertEquals(List.of("Dense", "Dense", "Dense"), kinds(layers));
        assertEquals(io.nnport.ir.Shape.of(100, 784), layers.inputs().get(0).shape());
    }

    @Test
    void tf1CaptchaDigitsResolvesTheIsTrainCondsAndFoldsBatchNormIntoTheConvs() {
        Tensor image = new RandomTensors(SEED).uniform(0, 1, BATCH, 40, 120, 1);
        ImportOptions options = ImportOptions.defaults().withConstant("is_train", "false").withConstant("dropout", "0");
        Map<String, Tensor> tfFeeds = Map.of("input_holder", image, "is_train", Tensor.scalarBool(false), "dropout", Tensor.scalar(0f));
        LayerGraph layers = assertMatchesTensorFlow("tf1_captcha_digits_cond.pb", options, tfFeeds, Map.of("input_holder", image));
        assertEquals(1, layers.inputs().size());
        LayerNode firstConv = layers.layers().get(0);
        ConvLayer conv = (ConvLayer) firstConv.layer();
        assertTrue(conv.epilogue().scale() != null && conv.epilogue().activation() == Activation.RELU, conv.describe());
        assertTrue(firstConv.sourceNodes().contains("forward_net/conv1/bn1/cond/FusedBatchNorm_1"), firstConv.sourceNodes().toString());
        assertEquals(DType.INT64, layers.value("digits_prediction").dtype());
    }

    @Test
    void tf1CharRnnLstmWithStaticBatch10() {
        Tensor ids = new RandomTensors(SEED).ints(DType.INT32, 0, 57, 10, 10);
        LayerGraph layers = assertMatchesTensorFlow("tf1_char_rnn_lstm.pb", Map.of("input_data", ids));
        assertTrue(kinds(layers).contains("Gather"), kinds(layers).toString());
    }

    @Test
    void tf2Cifar10Cnn() {
        LayerGraph layers = assertMatchesTensorFlow("tf2_cifar10_cnn.pb", Map.of("x", new RandomTensors(SEED).uniform(0, 1, BATCH, 32, 32, 3)));
        assertEquals(List.of("Conv", "Pool", "Conv", "Pool", "Conv", "Reshape", "Dense", "Dense"), kinds(layers));
        assertEquals("Identity", layers.outputs().get(0).name());
    }

    @Test
    void tf2MnistMlp() {
        LayerGraph layers = assertMatchesTensorFlow("tf2_mnist_mlp.pb", Map.of("x", new RandomTensors(SEED).uniform(0, 1, BATCH, 28, 28)));
        assertEquals(List.of("Reshape", "Dense", "Dense", "Softmax"), kinds(layers));
    }

    @Test
    void tf2MnistSoftmaxSavedAsTextFormat() {
        LayerGraph layers = assertMatchesTensorFlow("tf2_mnist_softmax_textformat.pb",
                Map.of("x", new RandomTensors(SEED).uniform(0, 1, BATCH, 784)));
        assertEquals(List.of("Dense", "Softmax"), kinds(layers));
    }

    @Test
    void tf2PhishingEnsembleWithNoOpControlInput() {
        assertMatchesTensorFlow("tf2_phishing_mlp_ensemble.pb", Map.of("inputs", new RandomTensors(SEED).uniform(0, 1, BATCH, 41)));
    }

    @Test
    void speechModelsFailOnTheirAudioFrontEndAndNameWhereToCut() {
        for (String model : List.of("tf1_speech_commands_conv.pb", "tf1_speech_lstm_unrolled.pb")) {
            ModelException error = assertUnsupported(model, ImportOptions.defaults(), "unsupported ops: AudioSpectrogram"
                    + " (1 node: AudioSpectrogram), DecodeWav (1 node: decoded_sample_data), Mfcc (1 node: Mfcc)");
            assertTrue(error.getMessage().endsWith("they only prepare the input: convert from their result, cutting the graph"
                    + " with --input Mfcc=d0,d1,..."), error.getMessage());
        }
    }

    /** Cut after the audio front end, the keyword-spotting CNN runs from the MFCC features, any batch. */
    @Test
    void speechCommandsConvFromItsMfccFeatures() {
        Map<String, Tensor> feeds = Map.of("Mfcc", new RandomTensors(SEED).uniform(-20, 20, BATCH, 98, 40));
        LayerGraph layers = assertMatchesTensorFlow("tf1_speech_commands_conv.pb",
                ImportOptions.defaults().withInputSpec("Mfcc=-1,98,40"), feeds, feeds);
        assertEquals(List.of("Reshape", "Reshape", "Conv", "Pool", "Conv", "Reshape", "Dense", "Softmax"), kinds(layers));
    }

    /** The 23k-node statically unrolled recurrent model, cut the same way, with its batch of 1. */
    @Test
    void speechLstmUnrolledFromItsMfccFeatures() {
        Map<String, Tensor> feeds = Map.of("Mfcc", new RandomTensors(SEED).uniform(-20, 20, 1, 98, 40));
        assertMatchesTensorFlow("tf1_speech_lstm_unrolled.pb", ImportOptions.defaults().withInputSpec("Mfcc=1,98,40"),
                feeds, feeds);
    }

    @Test
    void crnnFailsListingEveryLoopAndCtcOp() {
        ModelException error = assertUnsupported("tf1_captcha_crnn_gru_ctc.pb",
                ImportOptions.defaults().withInputSpec("input=-1,150,43,3"), "unsupported ops: CTCGreedyDecoder (1 node: CTCGreedyDecoder)");
        for (String op : List.of("Enter", "Exit", "LoopCond", "NextIteration", "TensorArrayV3", "SparseToDense")) {
            assertTrue(error.getMessage().contains(", " + op + " ("), () -> op + " missing from: " + error.getMessage());
        }
    }

    private static ModelException assertUnsupported(String model, ImportOptions options, String messageStart) {
        ModelException error = assertThrows(ModelException.class, () -> TensorFlowFrontEnd.importModel(RealModels.file(model), options));
        String expected = RealModels.file(model) + ": " + messageStart;
        assertTrue(error.getMessage().startsWith(expected), () -> "expected '" + expected + "...' but got: " + error.getMessage());
        return error;
    }

    /** A model whose only unknown dimension is not the batch must ask for --input. */
    @Test
    void crnnWithoutAFixedWidthAsksForInputShape() {
        ModelException error = assertThrows(ModelException.class,
                () -> TensorFlowFrontEnd.importModel(RealModels.file("tf1_captcha_crnn_gru_ctc.pb"), ImportOptions.defaults()));
        assertTrue(error.getMessage().contains("unsupported ops") || error.getMessage().contains("--input"), error.getMessage());
    }

    /** The pass log names each pass, its node-count change and its time. */
    @Test
    void pipelineLogsEachPass() {
        Map<String, String> lines = new LinkedHashMap<>();
        TensorFlowFrontEnd.importModel(RealModels.file("tf2_cifar10_cnn.pb"),
                ImportOptions.defaults().withLog(line -> lines.put(line.split("\\s+")[0], line)));
        assertEquals(List.of("prune", "bind-placeholders", "infer-shapes", "fold-constants", "sanitize", "lower", "fuse-conv1d",
                "fuse-prelu", "fuse-gelu", "fuse-epilogues"), List.copyOf(lines.keySet()));
        assertTrue(lines.get("fuse-epilogues").matches("fuse-epilogues\\s+\\d+ ->\\s+8\\s+\\d+ ms"), lines.get("fuse-epilogues"));
    }
}
