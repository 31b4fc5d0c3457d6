package io.nnport.jmh;

import io.nnport.runtime.ConvertedModel;
import java.io.IOException;
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
 * One prediction of a sample model, nnport's generated class against TensorFlow Java running the
 * .pb it was converted from, on the same seeded input with the same intra-op thread count. Each
 * side is checked once in its setup against the other by nnport's parity contract before any timing.
 *
 * <p>Both sides take a float[] and fill a float[]: nnport through {@link ConvertedModel#run} (its
 * workspace allocated by the setup's call), TensorFlow by copying the input into a new tensor,
 * {@code Session.run} and copying the output back — what a Java program predicting with either does.
 * The scalar floor is {@link #nnport} in a fork with {@code -Dnnport.kernels.scalar=true}.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ModelBenchmark {

    /** What is predicted: the model, the batch and the intra-op threads, and the seeded input. */
    @State(Scope.Benchmark)
    public static class Workload {
        @Param({"charcnn", "imagecnn", "mlp"})
        public String model;

        @Param({"1", "32"})
        public int batch;

        @Param({"1", "2"})
        public int threads;

        SampleModel sample;
        float[] input;

        @Setup
        public void readInput() {
            sample = SampleModel.named(model);
            input = sample.seededInput(batch);
        }

        /** A TensorFlow session on the model's .pb, fed and fetched by the converted model's tensor names. */
        TfSession openTensorFlow(ConvertedModel specs) throws IOException {
            if (!specs.inputs().get(0).name().equals(sample.inputName())
                    || !specs.outputs().get(0).name().equals(sample.outputName())) {
                throw new IllegalStateException(model + ": the converted model's tensors " + specs.inputs() + " -> "
                        + specs.outputs() + " are not " + sample.inputName() + " -> " + sample.outputName());
            }
            return new TfSession(sample.graphDef(), sample.inputName(), sample.outputName(), threads);
        }

        long[] inputShape(ConvertedModel specs) {
            return TfSession.longs(specs.inputs().get(0).shape(batch));
        }

        float[] runTensorFlow(ConvertedModel specs) throws IOException {
            try (TfSession tf = openTensorFlow(specs)) {
                return tf.predict(input, inputShape(specs));
            }
        }

        int rowLength(ConvertedModel specs) {
            return specs.outputs().get(0).perSample();
        }
    }

    /** The converted model, loaded with the workload's threads, its output checked against TensorFlow. */
    @State(Scope.Thread)
    public static class Nnport {
        ConvertedModel model;
        Object[] inputs;
        Object[] outputs;

        @Setup
        public void load(Workload w) throws IOException {
            model = w.sample.load(w.threads);
            inputs = new Object[] {w.input};
            float[] out = new float[model.outputs().get(0).elements(w.batch)];
            outputs = new Object[] {out};
            model.run(inputs, w.batch, outputs);
            SampleModel.checkParity("nnport " + w.model + " batch " + w.batch, w.runTensorFlow(model), out,
                    w.rowLength(model));
        }
    }

    /** A TensorFlow Java session on the same .pb, its output checked against the converted model's. */
    @State(Scope.Thread)
    public static class TensorFlow {
        TfSession session;
        long[] shape;
        float[] out;

        @Setup
        public void open(Workload w) throws IOException {
            ConvertedModel converted = w.sample.load(1);
            float[] nnportOut = new float[converted.outputs().get(0).elements(w.batch)];
            converted.run(new Object[] {w.input}, w.batch, new Object[] {nnportOut});
            session = w.openTensorFlow(converted);
            shape = w.inputShape(converted);
            out = new float[nnportOut.length];
            session.predict(w.input, shape, out);
            SampleModel.checkParity("nnport " + w.model + " batch " + w.batch, out, nnportOut, w.rowLength(converted));
        }

        @TearDown
        public void close() {
            session.close();
        }
    }

    @Benchmark
    public Object[] nnport(Workload w, Nnport n) {
        n.model.run(n.inputs, w.batch, n.outputs);
        return n.outputs;
    }

    @Benchmark
    public float[] tensorflow(Workload w, TensorFlow tf) {
        tf.session.predict(w.input, tf.shape, tf.out);
        return tf.out;
    }
}
