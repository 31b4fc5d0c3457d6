package io.nnport.converter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.converter.codegen.JavaNames;
import io.nnport.converter.testing.Conversions;
import io.nnport.frontend.tf.GraphDefReader;
import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.Parity;
import io.nnport.runtime.TensorSpec;
import io.nnport.testing.RandomTensors;
import io.nnport.testing.RealModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real-world model of shared/models/real through the converter to a jar, run through the
 * jar's Java API against TensorFlow itself on the same seeded input (feeds as PROVENANCE.md says),
 * or rejected at conversion with the precise unsupported-op message.
 */
class RealModelsConversionTest {

    private static final long SEED = 23L;
    private static final int BATCH = 3;

    @TempDir
    Path dir;

    /** model file, converter constants, input generator, TensorFlow-only extra feeds, converter input shapes. */
    record Case(String file, Map<String, String> constants, Map<String, Tensor> inputs, Map<String, Tensor> tfOnly,
                Map<String, int[]> inputShapes) {
        Case(String file, Map<String, String> constants, Map<String, Tensor> inputs, Map<String, Tensor> tfOnly) {
            this(file, constants, inputs, tfOnly, Map.of());
        }
    }

    static Stream<Arguments> convertible() {
        RandomTensors r = new RandomTensors(SEED);
        List<Case> cases = List.of(
                new Case("keras_tf1_flowers_k2tf.pb", Map.of(), Map.of("firstConv2D_input", r.uniform(0, 1, BATCH, 80, 80, 3)), Map.of()),
                new Case("keras_tf1_shapes_cnn.pb", Map.of(), Map.of("conv2d_1_input", r.uniform(0, 1, BATCH, 32, 32, 1)), Map.of()),
                new Case("tf1_mnist_mlp_b100.pb", Map.of(), Map.of("Placeholder", r.uniform(0, 1, 100, 784)), Map.of()),
                new Case("tf1_captcha_digits_cond.pb", Map.of("is_train", "false", "dropout", "0"),
                        Map.of("input_holder", r.uniform(0, 1, BATCH, 40, 120, 1)),
                        Map.of("is_train", Tensor.scalarBool(false), "dropout", Tensor.scalar(0f))),
                new Case("tf1_char_rnn_lstm.pb", Map.of(), Map.of("input_data", r.ints(DType.INT32, 0, 57, 10, 10)), Map.of()),
                new Case("tf2_cifar10_cnn.pb", Map.of(), Map.of("x", r.uniform(0, 1, BATCH, 32, 32, 3)), Map.of()),
                new Case("tf2_mnist_mlp.pb", Map.of(), Map.of("x", r.uniform(0, 1, BATCH, 28, 28)), Map.of()),
                new Case("tf2_mnist_softmax_textformat.pb", Map.of(), Map.of("x", r.uniform(0, 1, BATCH, 784)), Map.of()),
                new Case("tf2_phishing_mlp_ensemble.pb", Map.of(), Map.of("inputs", r.uniform(0, 1, BATCH, 41)), Map.of()),
                // Cut after the in-graph audio decoding: the network runs from the MFCC features.
                new Case("tf1_speech_commands_conv.pb", Map.of(), Map.of("Mfcc", r.uniform(-20, 20, BATCH, 98, 40)), Map.of(),
                        Map.of("Mfcc", new int[] {-1, 98, 40})),
                // The same cut; 12,765 layers once unrolled, more than one class holds: the layout splits them.
                new Case("tf1_speech_lstm_unrolled.pb", Map.of(), Map.of("Mfcc", r.uniform(-20, 20, 1, 98, 40)), Map.of(),
                        Map.of("Mfcc", new int[] {1, 98, 40})));
        return cases.stream().map(c -> Arguments.of(c.file(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convertible")
    void convertedJarMatchesTensorFlow(String file, Case c) throws Exception {
        String name = file.substring(0, file.length() - 3);
        ConversionOptions options = new ConversionOptions(RealModels.file(file), dir, name, Converter.DEFAULT_PACKAGE,
                c.inputShapes(), c.constants(), List.of(), 1, false, false, null, null);
        ConversionResult result = Converter.convert(options);
        ConvertedModel model = Conversions.load(result, JavaNames.typeName(name) + "Model", 1);

        List<TensorSpec> inputs = model.inputs();
        Object[] in = new Object[inputs.size()];
        int batch = 1;
        for (int i = 0; i < in.length; i++) {
            Tensor t = c.inputs().get(inputs.get(i).name());
            in[i] = t.dtype() == DType.FLOAT32 ? t.floats() : t.ints();
            if (inputs.get(i).batched()) {
                batch = t.shape().dim(0);
            }
        }
        List<TensorSpec> outputs = model.outputs();
        Object[] out = new Object[outputs.size()];
        for (int o = 0; o < out.length; o++) {
            out[o] = outputs.get(o).newArray(batch);
        }
        model.run(in, batch, out);

        Map<String, Tensor> feeds = new LinkedHashMap<>(c.inputs());
        feeds.putAll(c.tfOnly());
        List<String> fetches = new ArrayList<>();
        for (TensorSpec s : outputs) {
            fetches.add(s.name());
        }
        byte[] binary = GraphDefReader.parse(RealModels.bytes(file), file).toByteArray();
        Map<String, Tensor> expected = TfOracle.run(binary, feeds, fetches);
        for (int o = 0; o < out.length; o++) {
            Tensor e = expected.get(fetches.get(o));
            assertEquals(Shape.of(outputs.get(o).shape(batch)), e.shape(), file + " output shape");
            String mismatch;
            if (out[o] instanceof float[] f) {
                int[] shape = e.shape().dims();
                mismatch = Parity.mismatch(e.floats(), f, shape.length == 0 ? 1 : shape[shape.length - 1]);
            } else {
                long[] expectedLongs = e.dtype() == DType.INT64 ? e.longs() : toLongs(e.ints());
                mismatch = Parity.mismatch(expectedLongs, out[o] instanceof long[] l ? l : toLongs((int[]) out[o]));
            }
            assertNull(mismatch, file + " output " + fetches.get(o) + ": " + mismatch);
        }
    }

    private static long[] toLongs(int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        return l;
    }

    @Test
    void modelsOutsideTheSupportedOpsFailWithTheUnsupportedOpList() {
        Map<String, List<String>> expected = Map.of(
                "tf1_speech_commands_conv.pb", List.of("DecodeWav", "AudioSpectrogram", "Mfcc"),
                "tf1_speech_lstm_unrolled.pb", List.of("DecodeWav", "AudioSpectrogram", "Mfcc"),
                "tf1_captcha_crnn_gru_ctc.pb", List.of("CTCGreedyDecoder", "TensorArrayV3", "LoopCond"));
        expected.forEach((file, ops) -> {
            ModelException e = assertThrows(ModelException.class,
                    () -> Converter.convert(ConversionOptions.of(RealModels.file(file), dir)));
            for (String op : ops) {
                assertTrue(e.getMessage().contains(op), file + ": " + e.getMessage());
            }
            assertTrue(e.getMessage().startsWith(RealModels.file(file).toString()) || e.getMessage().contains(file),
                    e.getMessage());
        });
        assertTrue(dir.toFile().list().length == 0, "nothing written for rejected models");
    }
}
