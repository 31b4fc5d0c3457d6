package io.nnport.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.Npy;
import io.nnport.runtime.NpyArray;
import io.nnport.runtime.Parity;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ONNX samples against ONNX Runtime, a second oracle beside PyTorch's committed outputs: the
 * committed model class and ONNX Runtime (CPU, one thread) run on the same reference input, at
 * batch 1 and 7, agree within nnport's parity contract.
 */
class SampleOnnxRuntimeTest {

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : Samples.onnxNames()) {
            for (int batch : new int[] {1, 7}) {
                cases.add(Arguments.of(name, batch));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("cases")
    void javaApiMatchesOnnxRuntime(String name, int batch) throws IOException, OrtException {
        NpyArray input = Npy.read(Samples.reference(name, true, batch));
        float[] x = input.asFloats();
        ConvertedModel model = Samples.load(name);
        float[] ours = new float[model.outputs().get(0).elements(batch)];
        model.run(new Object[] {x}, batch, new Object[] {ours});

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(Samples.ROOT.resolve("models").resolve(Samples.modelFile(name)).toString(),
                            options);
                    OnnxTensor feed = OnnxTensor.createTensor(env, FloatBuffer.wrap(x),
                            Arrays.stream(input.shape()).asLongStream().toArray());
                    OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), feed))) {
                OnnxTensor output = (OnnxTensor) result.get(0);
                long[] shape = output.getInfo().getShape();
                assertArrayEquals(Arrays.stream(model.outputs().get(0).shape(batch)).asLongStream().toArray(), shape,
                        name + " output shape");
                FloatBuffer buffer = output.getFloatBuffer();
                float[] expected = new float[buffer.remaining()];
                buffer.get(expected);
                String mismatch = Parity.mismatch(expected, ours, (int) shape[shape.length - 1]);
                assertNull(mismatch, name + " batch " + batch + " against ONNX Runtime: " + mismatch);
            }
        }
    }
}
