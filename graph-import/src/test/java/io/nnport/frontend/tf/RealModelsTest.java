package io.nnport.frontend.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.tf.interp.Interpreter;
import io.nnport.frontend.tf.ops.OpTable;
import io.nnport.frontend.tf.testing.ShapeRules;
import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.RandomTensors;
import io.nnport.testing.RealModels;
import io.nnport.testing.TensorAsserts;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every model of shared/models/real either imports and interprets to TensorFlow's output on the
 * same seeded input, or fails with the precise unsupported-op message. Feeds follow PROVENANCE.md.
 */
class RealModelsTest {
    private static final long SEED = 7L;
    /** An odd batch for models whose batch is dynamic. */
    private static final int BATCH = 3;

    /**
     * The parity bound generated models are held to (the runtime's Parity): max |ours - tf| <= 1e-4 *
     * max(1, max |tf|) per output tensor; {@link Tolerance#APPROX} is at least as strict element by
     * element for outputs of magnitude about 1, so it is what we assert.
     */
    private static void assertMatchesTensorFlow(String model, Map<String, Tensor> feeds, String output) {
        byte[] bytes = binary(model);
        Tensor expected = TfOracle.run(bytes, feeds, List.of(output)).get(output);
        Graph graph = GraphDefReader.read(RealModels.file(model));
        Tensor actual = new Interpreter(graph).interpret(output, feeds);
        TensorAsserts.assertMatches(Tolerance.APPROX, expected, actual, model + " output " + output);
        assertShapeRulesFit(graph, feeds, output, expected.shape());
    }

    /**
     * The shape rules run over the whole model from its declared placeholder shapes (the batch
     * unknown where the model says so; fed scalars such as is_train have no value) and give an
     * output shape compatible with TensorFlow's, and equal to it when the model's batch is static.
     */
    private static void assertShapeRulesFit(Graph graph, Map<String, Tensor> feeds, String output, Shape real) {
        Map<String, TensorInfo> placeholders = new java.util.HashMap<>();
        boolean staticShapes = true;
        for (String name : feeds.keySet()) {
            Node placeholder = graph.node(name);
            Shape declared = placeholder.shapeAttr("shape");
            staticShapes &= declared.isFullyKnown();
            placeholders.put(name, TensorInfo.of(placeholder.typeAttr("dtype"), declared));
        }
        Shape inferred = ShapeRules.infer(graph, placeholders, List.of(output)).get(output).get(0).shape();
        assertTrue(inferred.isCompatibleWith(real), () -> output + ": inferred " + inferred + ", TensorFlow " + real);
        if (staticShapes) {
            assertEquals(real, inferred, output);
        }
    }

    /** The model as binary GraphDef bytes (the text-format model is re-encoded, which TensorFlow needs). */
    private static byte[] binary(String model) {
        return GraphDefReader.parse(RealModels.bytes(model), model).toByteArray();
    }

    @Test
    void kerasFlowersCnn() {
        Map<String, Tensor> feeds = Map.of("firstConv2D_input", new RandomTensors(SEED).uniform(0.0, 1.0, BATCH, 80, 80, 3));
        assertMatchesTensorFlow("keras_tf1_flowers_k2tf.pb", feeds, "k2tfout_0");
        assertMatchesTensorFlow("keras_tf1_flowers_k2tf.pb", feeds, "finalfc/Softmax");
    }

    @Test
    void kerasShapesCnn() {
        assertMatchesTensorFlow("keras_tf1_shapes_cnn.pb",
                Map.of("conv2d_1_input", new RandomTensors(SEED).uniform(0.0, 1.0, BATCH, 32, 32, 1)), "output_node0");
    }

    @Test
    void tf1MnistMlpWithStaticBatch100() {
        assertMatchesTensorFlow("tf1_mnist_mlp_b100.pb",
                Map.of("Placeholder", new RandomTensors(SEED).uniform(0.0, 1.0, 100, 784)), "softmax_linear/add");
    }

    @Test
    void tf1CaptchaDigitsWithCondOnIsTrain() {
        Map<String, Tensor> feeds = Map.of(
                "input_holder", new RandomTensors(SEED).uniform(0.0, 1.0, BATCH, 40, 120, 1),
                "is_train", Tensor.scalarBool(false),
                "dropout", Tensor.scalar(0f));
        assertMatchesTensorFlow("tf1_captcha_digits_cond.pb", feeds, "digits_prediction");
    }

    @Test
    void tf1CharRnnLstmWithStaticBatch10() {
        Tensor ids = new RandomTensors(SEED).ints(DType.INT32, 0, 57, 10, 10);
        assertMatchesTensorFlow("tf1_char_rnn_lstm.pb", Map.of("input_data", ids), "probs");
    }

    @Test
    void tf2Cifar10Cnn() {
        assertMatchesTensorFlow("tf2_cifar10_cnn.pb", Map.of("x", new RandomTensors(SEED).uniform(0.0, 1.0, BATCH, 32, 32, 3)), "Identity");
    }

    @Test
    void tf2MnistMlp() {
        assertMatchesTensorFlow("tf2_mnist_mlp.pb", Map.of("x", new RandomTensors(SEED).uniform(0.0, 1.0, BATCH, 28, 28)), "Identity");
    }

    @Test
    void tf2MnistSoftmaxSavedAsTextFormat() {
        assertMatchesTensorFlow("tf2_mnist_softmax_textformat.pb",
                Map.of("x", new RandomTensors(SEED).uniform(0.0, 1.0, BATCH, 784)), "Identity");
    }

    @Test
    void tf2PhishingEnsembleWithNoOpControlInput() {
        assertMatchesTensorFlow("tf2_phishing_mlp_ensemble.pb",
                Map.of("inputs", new RandomTensors(SEED).uniform(0.0, 1.0, BATCH, 41)), "Identity");
    }

    @Test
    void speechConvFailsOnItsAudioFrontEndAndMatchesTensorFlowAfterIt() {
        assertUnsupported("tf1_speech_commands_conv.pb", "labels_softmax", Map.of("wav_data", wav()),
                "unsupported ops: AudioSpectrogram (1 node: AudioSpectrogram), DecodeWav (1 node: decoded_sample_data),"
                        + " Mfcc (1 node: Mfcc)");
        assertMatchesTensorFlowAfterMfcc("tf1_speech_commands_conv.pb");
    }

    @Test
    void speechUnrolledLstmFailsOnItsAudioFrontEndAndMatchesTensorFlowAfterIt() {
        assertUnsupported("tf1_speech_lstm_unrolled.pb", "labels_softmax", Map.of("wav_data", wav()),
                "unsupported ops: AudioSpectrogram (1 node: AudioSpectrogram), DecodeWav (1 node: decoded_sample_data),"
                        + " Mfcc (1 node: Mfcc)");
        assertMatchesTensorFlowAfterMfcc("tf1_speech_lstm_unrolled.pb");
    }

    @Test
    void crnnWithWhileLoopTensorArraysAndCtcFailsListingEveryUnsupportedOp() {
        ModelException error = assertUnsupported("tf1_captcha_crnn_gru_ctc.pb", "dense_decoded",
                Map.of("input", new RandomTensors(SEED).uniform(0.0, 1.0, 1, 150, 43, 3)), "unsupported ops: CTCGreedyDecoder (1 node:");
        for (String op : List.of("Enter", "Exit", "LoopCond", "NextIteration", "SparseToDense", "TensorArrayGatherV3",
                "TensorArrayReadV3", "TensorArrayScatterV3", "TensorArraySizeV3", "TensorArrayV3", "TensorArrayWriteV3")) {
            assertTrue(error.getMessage().contains(", " + op + " ("), () -> op + " missing from: " + error.getMessage());
        }
        assertTrue(error.getMessage().contains("NextIteration (3 nodes: GRU/gru/while/NextIteration, "), error.getMessage());
    }

    /**
     * The speech models run DecodeWav/AudioSpectrogram/Mfcc, which nnport does not support. TensorFlow
     * computes the MFCCs of a seeded WAV; nnport, fed those, must give TensorFlow's softmax.
     */
    private static void assertMatchesTensorFlowAfterMfcc(String model) {
        Map<String, Tensor> tf = TfOracle.run(RealModels.bytes(model), Map.of("wav_data", wav()), List.of("Mfcc", "labels_softmax"));
        Graph graph = GraphDefReader.read(RealModels.file(model));
        Tensor actual = new Interpreter(graph).interpret("labels_softmax", Map.of("Mfcc", tf.get("Mfcc")));
        TensorAsserts.assertMatches(Tolerance.APPROX, tf.get("labels_softmax"), actual, model + " after Mfcc");
    }

    private static ModelException assertUnsupported(String model, String output, Map<String, Tensor> feeds, String messageStart) {
        Graph graph = GraphDefReader.read(RealModels.file(model));
        ModelException error = assertThrows(ModelException.class, () -> new Interpreter(graph).interpret(output, feeds));
        String expectedPrefix = RealModels.file(model) + ": " + messageStart;
        assertTrue(error.getMessage().startsWith(expectedPrefix), () -> "expected '" + expectedPrefix + "...' but got: " + error.getMessage());
        return error;
    }

    /** One second of seeded 16 kHz mono 16-bit PCM WAV: two tones and noise. */
    static Tensor wav() {
        int samples = 16000;
        Random random = new Random(SEED);
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            double t = i / 16000.0;
            double v = 0.3 * Math.sin(2 * Math.PI * 440 * t) + 0.2 * Math.sin(2 * Math.PI * 1250 * t) + 0.05 * random.nextGaussian();
            pcm.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(16000).putInt(32000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples * 2);
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        wav.writeBytes(header.array());
        wav.writeBytes(pcm.array());
        return Tensor.ofStrings(Shape.scalar(), wav.toByteArray());
    }

    /**
     * The ops each real model uses, written to target/real-model-ops.md so a new model's needs are
     * seen at a glance; asserts that the only unsupported ones are the stated stretch parts.
     */
    @Test
    void opsUsedByEachModelAreSupportedExceptStretchParts() throws Exception {
        Map<String, Set<String>> expectedUnsupported = Map.of(
                "tf1_speech_commands_conv.pb", Set.of("AudioSpectrogram", "DecodeWav", "Mfcc"),
                "tf1_speech_lstm_unrolled.pb", Set.of("AudioSpectrogram", "DecodeWav", "Mfcc"),
                "tf1_captcha_crnn_gru_ctc.pb", Set.of("CTCGreedyDecoder", "Enter", "Exit", "LoopCond", "NextIteration",
                        "SparseToDense", "TensorArrayGatherV3", "TensorArrayReadV3", "TensorArrayScatterV3",
                        "TensorArraySizeV3", "TensorArrayV3", "TensorArrayWriteV3"));
        StringBuilder report = new StringBuilder("| model | nodes | ops (count) | unsupported |\n|---|---|---|---|\n");
        Map<String, Set<String>> actualUnsupported = new LinkedHashMap<>();
        for (Path file : RealModels.all()) {
            Graph graph = GraphDefReader.read(file);
            Map<String, Integer> ops = new java.util.TreeMap<>();
            Set<String> unsupported = new TreeSet<>();
            for (Node node : graph.nodes()) {
                ops.merge(node.op(), 1, Integer::sum);
                if (OpTable.lookup(node.op()).isEmpty()) {
                    unsupported.add(node.op());
                }
            }
            String name = file.getFileName().toString();
            if (!unsupported.isEmpty()) {
                actualUnsupported.put(name, unsupported);
            }
            report.append("| ").append(name).append(" | ").append(graph.size()).append(" | ").append(ops)
                    .append(" | ").append(unsupported.isEmpty() ? "" : unsupported).append(" |\n");
        }
        java.nio.file.Files.createDirectories(Path.of("target"));
        java.nio.file.Files.writeString(Path.of("target/real-model-ops.md"), report);
        assertEquals(expectedUnsupported, actualUnsupported, report.toString());
    }
}
