package io.nnport.frontend.savedmodel.testing;

import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.Tensor;
import io.nnport.testing.RandomTensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * SavedModels made by TensorFlow (TensorFlow Java's exporter) for tests; {@link SavedModelOracle}
 * gives TensorFlow's answer for them.
 *
 * <p>The dense model is TF1-style: ref variables ({@code VariableV2}) initialized from constants,
 * restored by the exporter's Saver. The function model computes in functions the graph calls
 * ({@code PartitionedCall}, one nested in the other) on a variable passed as an argument
 * (TensorFlow Java's Saver saves ref variables only; resource variables come from the real TF2 models).
 */
public final class SampleSavedModels {

    public static final int FEATURES = 4;
    public static final int UNITS = 3;

    private SampleSavedModels() {}

    /** {@code dense_1 = relu(input_1 @ kernel + bias)} with two more signatures: {@code logits} and {@code scaled}. */
    public static void writeDense(Path dir, long seed) {
        RandomTensors random = new RandomTensors(seed);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, FEATURES)));
            Operand<TFloat32> kernel = tf.withSubScope("dense").withName("kernel").variable(constant(tf, random.floats(FEATURES, UNITS)));
            Operand<TFloat32> bias = tf.withSubScope("dense").withName("bias").variable(constant(tf, random.floats(UNITS)));
            Operand<TFloat32> logits = tf.withSubScope("dense").withName("BiasAdd").nn.biasAdd(tf.linalg.matMul(x, kernel), bias);
            Operand<TFloat32> relu = tf.withSubScope("dense").withName("Relu").nn.relu(logits);
            Operand<TFloat32> scaled = tf.withName("scaled").math.mul(logits, tf.constant(0.5f));
            session.initialize();
            export(dir, session,
                    Signature.builder().key(Signature.DEFAULT_KEY).input("input_1", x).output("dense_1", relu).build(),
                    Signature.builder().key("logits").input("input_1", x).output("logits", logits).build(),
                    Signature.builder().key("scaled").input("features", x).output("half", scaled).output("relu", relu).build());
        }
    }

    /** {@code out = tanh(relu(input @ kernel) + 1)}: the graph calls {@code outer}, which calls {@code inner}. */
    public static void writeFunctions(Path dir, long seed) {
        RandomTensors random = new RandomTensors(seed);
        try (ConcreteFunction inner = ConcreteFunction.create(tf -> {
                    Placeholder<TFloat32> h = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, UNITS)));
                    return Signature.builder().input("h", h).output("y", tf.math.add(tf.nn.relu(h), tf.constant(1f))).build();
                });
                ConcreteFunction outer = ConcreteFunction.create(tf -> {
                    Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, FEATURES)));
                    Placeholder<TFloat32> w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(FEATURES, UNITS)));
                    Operand<?> hidden = inner.call(tf, tf.linalg.matMul(x, w));
                    return Signature.builder().input("x", x).input("w", w).output("y", tf.math.tanh(cast(hidden))).build();
                });
                Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> input = tf.withName("input").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, FEATURES)));
            Operand<TFloat32> kernel = tf.withName("kernel").variable(constant(tf, random.floats(FEATURES, UNITS)));
            Operand<?> y = outer.call(tf, Map.of("x", input, "w", kernel)).get("y");
            session.initialize();
            export(dir, session, Signature.builder().key(Signature.DEFAULT_KEY).input("input", input)
                    .output("output", tf.withName("output").identity(cast(y))).build());
        }
    }

    /**
     * {@code second_half = 2 * x[:, 2:]} and {@code normalized = tanh(batchnorm(x))}: the graph calls
     * one function with two outputs, whose body reads output 1 of a {@code Split} (a list output,
     * {@code split:output:1}) and output {@code y} of a {@code FusedBatchNormV3}.
     */
    public static void writeMultiOutput(Path dir, long seed) {
        RandomTensors random = new RandomTensors(seed);
        try (ConcreteFunction function = ConcreteFunction.create(tf -> {
                    Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, FEATURES)));
                    var halves = tf.split(tf.constant(1), x, 2L);
                    Operand<TFloat32> image = tf.reshape(x, tf.constant(new int[] {-1, 1, 1, FEATURES}));
                    var normalized = tf.nn.fusedBatchNorm(image, constant(tf, random.uniform(0.5, 1.5, FEATURES)),
                            constant(tf, random.floats(FEATURES)), constant(tf, random.floats(FEATURES)),
                            constant(tf, random.uniform(0.5, 1.5, FEATURES)),
                            org.tensorflow.op.nn.FusedBatchNorm.isTraining(false));
                    return Signature.builder().input("x", x)
                            .output("a", tf.math.mul(halves.output().get(1), tf.constant(2f)))
                            .output("b", tf.reshape(normalized.y(), tf.constant(new int[] {-1, FEATURES}))).build();
                });
                Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> input = tf.withName("input").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, FEATURES)));
            Map<String, Operand<?>> outputs = function.call(tf, Map.of("x", input));
            export(dir, session, Signature.builder().key(Signature.DEFAULT_KEY).input("x", input)
                    .output("second_half", outputs.get("a"))
                    .output("normalized", tf.math.tanh(cast(outputs.get("b")))).build());
        }
    }

    private static void export(Path dir, Session session, Signature... signatures) {
        try {
            var exporter = SavedModelBundle.exporter(dir.toString()).withSession(session);
            for (Signature signature : signatures) {
                exporter = exporter.withSignature(signature);
            }
            exporter.export();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> cast(Operand<?> operand) {
        return (Operand<TFloat32>) operand;
    }

    private static Operand<TFloat32> constant(Ops tf, Tensor value) {
        long[] dims = java.util.Arrays.stream(value.shape().dims()).asLongStream().toArray();
        return tf.constant(NdArrays.wrap(Shape.of(dims), DataBuffers.of(value.floats(), true, false)));
    }
}
