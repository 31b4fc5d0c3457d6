package io.nnport.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/**
 * A frozen TensorFlow GraphDef in a TensorFlow Java 1.1.0 session, used the way a Java program
 * predicts with it: {@link #predict} copies a float[] into a new input tensor, runs the session and
 * copies the fetched output into a float[] — the same contract as a converted model's
 * {@code predict(input, batch, out)}. The session has {@code intra_op_parallelism_threads} set to the
 * thread count compared against and {@code inter_op_parallelism_threads = 1} (the sample models are
 * chains: no two ops could run side by side). Everything else is TensorFlow's default.
 */
final class TfSession implements AutoCloseable {

    private final Graph graph;
    private final Session session;
    private final String input;
    private final String output;

    /** Imports {@code graphDef}; {@code input} and {@code output} name the tensors fed and fetched. */
    TfSession(Path graphDef, String input, String output, int threads) throws IOException {
        this.input = input;
        this.output = output;
        graph = new Graph();
        try {
            graph.importGraphDef(GraphDef.parseFrom(Files.readAllBytes(graphDef)));
            ConfigProto config = ConfigProto.newBuilder()
                    .setIntraOpParallelismThreads(threads)
                    .setInterOpParallelismThreads(1)
                    .build();
            session = new Session(graph, config);
        } catch (RuntimeException | IOException e) {
            graph.close();
            throw e;
        }
    }

    /** Runs the input of shape {@code shape} and writes the whole output into {@code out}. */
    void predict(float[] in, long[] shape, float[] out) {
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(in, true, false));
             Result result = session.runner().feed(input, x).fetch(output).run()) {
            TFloat32 y = (TFloat32) result.get(0);
            if (y.size() != out.length) {
                throw new IllegalArgumentException(output + " has " + y.size() + " values, the array " + out.length);
            }
            y.copyTo(DataBuffers.of(out, false, false));
        }
    }

    /** Runs the input of shape {@code shape} and returns the output in a new array. */
    float[] predict(float[] in, long[] shape) {
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(in, true, false));
             Result result = session.runner().feed(input, x).fetch(output).run()) {
            TFloat32 y = (TFloat32) result.get(0);
            float[] out = new float[Math.toIntExact(y.size())];
            y.copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    /** The session, for callers that need more than {@link #predict} (tracing). */
    Session session() {
        return session;
    }

    /** {@code shape} as TensorFlow takes it. */
    static long[] longs(int[] shape) {
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        return dims;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
