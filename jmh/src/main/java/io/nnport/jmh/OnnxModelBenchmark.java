package io.nnport.jmh;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.Parity;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One prediction of a PyTorch sample, nnport's generated class against ONNX Runtime Java running the
 * .onnx it was converted from, on the same seeded input with the same intra-op thread count (ONNX
 * Runtime's inter-op pool is off: sequential execution). ONNX Runtime's output is checked once in the
 * setup against nnport's by nnport's parity contract, before any timing.
 *
 * <p>Both sides take a float[] and fill a float[]: nnport through {@link ConvertedModel#run}, ONNX
 * Runtime by wrapping the input in a new tensor, {@code OrtSession.run} and copying the output out —
 * what a Java program predicting with either does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OnnxModelBenchmark {

    /** What is predicted: the model, the batch and the intra-op threads, and the seeded input. */
    @State(Scope.Benchmark)
    public static class Workload {
        @Param({"torch_charcnn", "torch_mobilenetv2"})
        public String model;

        @Param({"1", "32"})
        public int batch;

        @Param({"1", "2"})
        public int threads;

        OnnxSample sample;
        float[] input;

        @Setup
        public void readInput() {
            sample = OnnxSample.named(model);
            input = sample.seededInput(batch);
        }

        /** nnport's output for the input, computed with one thread. */
        float[] nnportOutput() {
            ConvertedModel converted = sample.load(1);
            float[] out = new float[converted.outputs().get(0).elements(batch)];
            converted.run(new Object[] {input}, batch, new Object[] {out});
            return out;
        }
    }

    /** The converted model, loaded with the workload's threads. */
    @State(Scope.Thread)
    public static class Nnport {
        ConvertedModel model;
        Object[] inputs;
        Object[] outputs;

        @Setup
        public void load(Workload w) {
            model = w.sample.load(w.threads);
            inputs = new Object[] {w.input};
            outputs = new Object[] {new float[model.outputs().get(0).elements(w.batch)]};
        }
    }

    /** An ONNX Runtime session on the sample's .onnx, its output checked against the converted model's. */
    @State(Scope.Thread)
    public static class OnnxRuntime {
        OrtEnvironment env;
        OrtSession.SessionOptions options;
        OrtSession session;
        String inputName;
        long[] shape;
        float[] out;

        @Setup
        public void open(Workload w) throws OrtException {
            env = OrtEnvironment.getEnvironment();
            options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(w.threads);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            session = env.createSession(w.sample.onnxFile().toString(), options);
            inputName = session.getInputNames().iterator().next();
            ConvertedModel specs = w.sample.load(1);
            shape = Arrays.stream(specs.inputs().get(0).shape(w.batch)).asLongStream().toArray();
            float[] expected = w.nnportOutput();
            out = new float[expected.length];
            predict(w.input);
            String mismatch = Parity.mismatch(out, expected, specs.outputs().get(0).perSample());
            if (mismatch != null) {
                throw new IllegalStateException("nnport " + w.model + " batch " + w.batch + " does not match ONNX Runtime: "
                        + mismatch);
            }
        }

        float[] predict(float[] input) throws OrtException {
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                    OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
                ((OnnxTensor) result.get(0)).getFloatBuffer().get(out);
            }
            return out;
        }

        @TearDown
        public void close() throws OrtException {
            session.close();
            options.close();
        }
    }

    @Benchmark
    public Object[] nnport(Workload w, Nnport n) {
        n.model.run(n.inputs, w.batch, n.outputs);
        return n.outputs;
    }

    @Benchmark
    public float[] onnxruntime(Workload w, OnnxRuntime ort) throws OrtException {
        return ort.predict(w.input);
    }
}
