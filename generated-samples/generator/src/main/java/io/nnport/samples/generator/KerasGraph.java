package io.nnport.samples.generator;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Scope;
import org.tensorflow.op.core.Constant;
import org.tensorflow.op.core.ExpandDims;
import org.tensorflow.op.core.Identity;
import org.tensorflow.op.core.Merge;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Reshape;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.core.SwitchCond;
import org.tensorflow.op.dtypes.Cast;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.GreaterEqual;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.math.Mul;
import org.tensorflow.op.math.Sigmoid;
import org.tensorflow.op.math.Softplus;
import org.tensorflow.op.math.Tanh;
import org.tensorflow.op.nn.AvgPool;
import org.tensorflow.op.nn.BiasAdd;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.nn.DepthwiseConv2dNative;
import org.tensorflow.op.nn.Elu;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.op.nn.Relu;
import org.tensorflow.op.nn.Relu6;
import org.tensorflow.op.nn.Selu;
import org.tensorflow.op.nn.Softmax;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras layers lowered into a TensorFlow graph node for node as tf.keras 2 lowers them, then
 * frozen: every op gets the name Keras gives it ({@code sequential/conv1d/Conv1D/ExpandDims},
 * {@code sequential/dense/MatMul}, ...), and every weight is what
 * {@code convert_variables_to_constants_v2} leaves of a variable read: a {@code Const}
 * {@code <read>/resource} and an {@code Identity} {@code <read>} in place of the ReadVariableOp.
 * Dropout is the exception: a TensorFlow 2 freeze of a concrete function drops it, so it is kept
 * in the form graph-mode Keras (a tf.compat.v1 session) exports, see {@link #dropout}.
 *
 * <p>Lowerings mirrored (from Keras 2.x and {@code tf.nn} sources):
 * <ul>
 * <li>Conv1D: {@code Conv1D/ExpandDims} (input, axis -3), {@code Conv1D/ExpandDims_1} (kernel,
 *     axis 0), {@code Conv1D} (Conv2D on [N,1,W,C]), {@code Conv1D/Squeeze} (axis -3), then
 *     {@code BiasAdd} and the activation.
 * <li>MaxPooling1D: {@code ExpandDims} (axis 2), {@code MaxPool} (ksize [1,p,1,1]), {@code Squeeze} (axis 2).
 * <li>Flatten with a known shape: {@code Reshape} by the constant {@code Const} [-1, features].
 * <li>Dropout under the learning phase (graph-mode Keras): a v1 {@code cond} on
 *     {@code keras_learning_phase}, a PlaceholderWithDefault(false); see {@link #dropout}.
 * <li>BatchNormalization at inference: {@code FusedBatchNormV3}, epsilon 0.001.
 * <li>ReLU(max_value=6): {@code Relu6}; LeakyReLU: {@code LeakyRelu}; Add: {@code add} (AddV2);
 *     GlobalAveragePooling2D: {@code Mean} over [1, 2].
 * </ul>
 *
 * <p>Weights are drawn from one seeded {@link Random} in the order the layers are added, with
 * Keras' initializer formulas; biases and BatchNorm statistics are small non-zero values (Keras
 * starts biases at zero, which would leave the bias paths of a converter untested).
 */
final class KerasGraph implements AutoCloseable {
    /** Biases are drawn from U(-BIAS_LIMIT, BIAS_LIMIT): visible in every output, never dominant. */
    private static final double BIAS_LIMIT = 0.05;
    /** Keras' BatchNormalization default. */
    private static final float BATCH_NORM_EPSILON = 0.001f;
    private static final List<Long> NO_DILATION = List.of(1L, 1L, 1L, 1L);

    /**
     * Kernel initializers, U(-limit, limit) with the limit from the fans, which count the inputs one
     * output actually reads: taps x input channels (for a depthwise kernel, taps x 1).
     */
    enum Init {
        /** Keras' {@code he_uniform}: limit sqrt(6 / fanIn); keeps ReLU activations at a steady scale through deep stacks. */
        HE_UNIFORM,
        /** Keras' {@code glorot_uniform} (its default): limit sqrt(6 / (fanIn + fanOut)). */
        GLOROT_UNIFORM,
        /**
         * He-uniform over the taps alone, for a layer reading one-hot rows: each tap sees a single 1
         * whatever the alphabet size, so the kernel acts as an embedding of unit scale. Counting the
         * whole alphabet would shrink every later activation by about sqrt(alphabet).
         */
        HE_UNIFORM_ONE_HOT;

        double limit(long taps, long inputs, long outputs) {
            return switch (this) {
                case HE_UNIFORM -> Math.sqrt(6.0 / (taps * inputs));
                case GLOROT_UNIFORM -> Math.sqrt(6.0 / (taps * (inputs + outputs)));
                case HE_UNIFORM_ONE_HOT -> Math.sqrt(6.0 / taps);
            };
        }
    }

    /** Keras activations; each lowers to one op, named after its type inside the layer. */
    enum Activation {
        LINEAR(null, null),
        RELU("Relu", Relu::create),
        RELU6("Relu6", Relu6::create),
        TANH("Tanh", Tanh::create),
        SIGMOID("Sigmoid", Sigmoid::create),
        ELU("Elu", Elu::create),
        SELU("Selu", Selu::create),
        SOFTPLUS("Softplus", Softplus::create),
        SOFTMAX("Softmax", Softmax::create);

        private final String opName;
        private final BiFunction<Scope, Operand<TFloat32>, Operand<TFloat32>> op;

        Activation(String opName, BiFunction<Scope, Operand<TFloat32>, Operand<TFloat32>> op) {
            this.opName = opName;
            this.op = op;
        }
    }

    enum Padding {
        SAME, VALID
    }

    private final Graph graph = new Graph();
    private final Random weights;
    private long parameterCount;
    private Operand<TBool> learningPhase;

    KerasGraph(long weightSeed) {
        this.weights = new Random(weightSeed);
    }

    Graph graph() {
        return graph;
    }

    /** Elements in all weight constants (Keras' "total params", BatchNorm statistics included). */
    long parameterCount() {
        return parameterCount;
    }

    /** A Keras {@code Input}: a float Placeholder with a dynamic batch dimension. */
    Operand<TFloat32> input(String name, long... dims) {
        long[] shape = new long[dims.length + 1];
        shape[0] = -1;
        System.arraycopy(dims, 0, shape, 1, dims.length);
        return Placeholder.create(at(name), TFloat32.class, Placeholder.shape(Shape.of(shape)));
    }

    /** Conv1D, stride 1, VALID, with bias, on [N, W, C]. */
    Operand<TFloat32> conv1d(String layer, Operand<TFloat32> x, int kernelSize, int filters, Init init, Activation activation) {
        long channels = x.shape().get(2);
        String conv = layer + "/Conv1D";
        ExpandDims<TFloat32> rows = ExpandDims.create(at(conv + "/ExpandDims"), x,
                Constant.scalarOf(at(conv + "/ExpandDims/dim"), -3));
        Operand<TFloat32> kernel = kernelVariable(conv + "/ExpandDims_1/ReadVariableOp", init, kernelSize, channels, filters,
                kernelSize, channels, filters);
        ExpandDims<TFloat32> filter = ExpandDims.create(at(conv + "/ExpandDims_1"), kernel,
                Constant.scalarOf(at(conv + "/ExpandDims_1/dim"), 0));
        Conv2d<TFloat32> convolved = Conv2d.create(at(conv), rows, filter, strides(1), Padding.VALID.name(),
                Conv2d.dataFormat("NHWC"), Conv2d.dilations(NO_DILATION));
        Squeeze<TFloat32> squeezed = Squeeze.create(at(conv + "/Squeeze"), convolved, Squeeze.axis(-3L));
        return biasAndActivation(layer, squeezed, filters, activation);
    }

    /** MaxPooling1D, stride = pool size, VALID, on [N, W, C]. */
    Operand<TFloat32> maxPooling1d(String layer, Operand<TFloat32> x, int poolSize) {
        ExpandDims<TFloat32> expanded = ExpandDims.create(at(layer + "/ExpandDims"), x,
                Constant.scalarOf(at(layer + "/ExpandDims/dim"), 2));
        long[] window = {1, poolSize, 1, 1};
        Operand<TFloat32> pooled = maxPool(layer + "/MaxPool", expanded, window, window, Padding.VALID);
        return Squeeze.create(at(layer + "/Squeeze"), pooled, Squeeze.axis(2L));
    }

    /** Flatten of a statically shaped input: Reshape to [-1, product of the non-batch dimensions]. */
    Operand<TFloat32> flatten(String layer, Operand<TFloat32> x) {
        Shape shape = x.shape();
        long features = 1;
        for (int i = 1; i < shape.numDimensions(); i++) {
            features *= shape.get(i);
        }
        Constant<TInt32> flatShape = Constant.vectorOf(at(layer + "/Const"), new int[] {-1, Math.toIntExact(features)});
        return Reshape.create(at(layer + "/Reshape"), x, flatShape);
    }

    /** Dense on [N, K]. */
    Operand<TFloat32> dense(String layer, Operand<TFloat32> x, int units, Init init, Activation activation) {
        long inputs = x.shape().get(1);
        Operand<TFloat32> kernel = kernelVariable(layer + "/MatMul/ReadVariableOp", init, 1, inputs, units, inputs, units);
        MatMul<TFloat32> product = MatMul.create(at(layer + "/MatMul"), x, kernel);
        return biasAndActivation(layer, product, units, activation);
    }

    /**
     * Dropout left in the graph as graph-mode Keras leaves it: {@code smart_cond(learning_phase,
     * dropped, identity)} on the tensor {@code keras_learning_phase} builds a v1 cond:
     * <pre>
     *   cond/Switch (phase, phase) -&gt; cond/switch_t ; cond/pred_id = Identity(phase)
     *   true  branch, tf.nn.dropout:  dropout/Mul = x * Const(1 / (1 - rate));
     *         dropout/Shape -&gt; dropout/random_uniform/RandomUniform &gt;= GreaterEqual/y(rate)
     *         -&gt; dropout/Cast -&gt; dropout/Mul_1 = Mul * Cast    (x enters through dropout/Mul/Switch:1)
     *   false branch, tf.identity:    cond/Identity              (x enters through cond/Identity/Switch:0)
     *   cond/Merge (Identity, Mul_1)
     * </pre>
     * Constants inside the true branch carry a control input from {@code switch_t}, and each input
     * Switch is colocated with {@code x}, as TensorFlow's cond builds them. {@code switch_f} has no
     * consumer and is pruned by freezing, so it is absent here too. The learning phase defaults to
     * false, so running the graph as-is takes the identity branch.
     */
    Operand<TFloat32> dropout(String layer, Operand<TFloat32> x, double rate) {
        Operand<TBool> phase = learningPhase();
        String cond = layer + "/cond";
        SwitchCond<TBool> phaseSwitch = SwitchCond.create(at(cond + "/Switch"), phase, phase);
        Identity<TBool> switchTrue = Identity.create(at(cond + "/switch_t"), phaseSwitch.outputTrue());
        Identity<TBool> predicate = Identity.create(at(cond + "/pred_id"), phase);

        String dropout = cond + "/dropout";
        List<Operation> inTrueBranch = List.of(switchTrue.op());
        Constant<TFloat32> scale = Constant.scalarOf(
                at(dropout + "/Const").withControlDependencyOps(inTrueBranch), (float) (1.0 / (1.0 - rate)));
        SwitchCond<TFloat32> xIntoTrue = SwitchCond.create(at(dropout + "/Mul/Switch").colocatedWith(x.op()), x, predicate);
        Mul<TFloat32> scaled = Mul.create(at(dropout + "/Mul"), xIntoTrue.outputTrue(), scale);
        org.tensorflow.op.core.Shape<TInt32> noiseShape =
                org.tensorflow.op.core.Shape.create(at(dropout + "/Shape"), xIntoTrue.outputTrue());
        RandomUniform<TFloat32> uniform = RandomUniform.create(at(dropout + "/random_uniform/RandomUniform"), noiseShape,
                TFloat32.class, RandomUniform.seed(0L), RandomUniform.seed2(0L));
        Constant<TFloat32> threshold = Constant.scalarOf(
                at(dropout + "/GreaterEqual/y").withControlDependencyOps(inTrueBranch), (float) rate);
        GreaterEqual keep = GreaterEqual.create(at(dropout + "/GreaterEqual"), uniform, threshold);
        Cast<TFloat32> keepMask = Cast.create(at(dropout + "/Cast"), keep, TFloat32.class, Cast.Truncate(false));
        Mul<TFloat32> dropped = Mul.create(at(dropout + "/Mul_1"), scaled, keepMask);

        SwitchCond<TFloat32> xIntoFalse = SwitchCond.create(at(cond + "/Identity/Switch").colocatedWith(x.op()), x, predicate);
        Identity<TFloat32> kept = Identity.create(at(cond + "/Identity"), xIntoFalse.outputFalse());
        return Merge.create(at(cond + "/Merge"), List.<Operand<TFloat32>>of(kept, dropped)).output();
    }

    /** Conv2D on NHWC, optionally with bias. */
    Operand<TFloat32> conv2d(String layer, Operand<TFloat32> x, int kernelSize, int filters, int stride, Padding padding,
            boolean useBias, Init init, Activation activation) {
        long channels = x.shape().get(3);
        long taps = (long) kernelSize * kernelSize;
        String conv = layer + "/Conv2D";
        Operand<TFloat32> kernel = kernelVariable(conv + "/ReadVariableOp", init, taps, channels, filters,
                kernelSize, kernelSize, channels, filters);
        Conv2d<TFloat32> convolved = Conv2d.create(at(conv), x, kernel, strides(stride), padding.name(),
                Conv2d.dataFormat("NHWC"), Conv2d.dilations(NO_DILATION));
        return useBias ? biasAndActivation(layer, convolved, filters, activation) : activation(layer, convolved, activation);
    }

    /** DepthwiseConv2D on NHWC with bias (Keras' {@code depthwise} scope over DepthwiseConv2dNative). */
    Operand<TFloat32> depthwiseConv2d(String layer, Operand<TFloat32> x, int kernelSize, int multiplier, int stride,
            Padding padding, Init init, Activation activation) {
        long channels = x.shape().get(3);
        long taps = (long) kernelSize * kernelSize;
        String depthwise = layer + "/depthwise";
        Operand<TFloat32> kernel = kernelVariable(depthwise + "/ReadVariableOp", init, taps, 1, multiplier,
                kernelSize, kernelSize, channels, multiplier);
        DepthwiseConv2dNative<TFloat32> convolved = DepthwiseConv2dNative.create(at(depthwise), x, kernel, strides(stride),
                padding.name(), DepthwiseConv2dNative.dataFormat("NHWC"), DepthwiseConv2dNative.dilations(NO_DILATION));
        return biasAndActivation(layer, convolved, channels * multiplier, activation);
    }

    /**
     * BatchNormalization at inference on NHWC: FusedBatchNormV3 with seeded gamma, beta, moving
     * mean and moving variance, read as Keras reads them (gamma and beta in the layer scope, the
     * moving statistics inside the op's scope).
     */
    Operand<TFloat32> batchNormalization(String layer, Operand<TFloat32> x) {
        int channels = Math.toIntExact(x.shape().get(3));
        Operand<TFloat32> gamma = frozenVariable(layer + "/ReadVariableOp", uniform(channels, 0.8, 1.2), channels);
        Operand<TFloat32> beta = frozenVariable(layer + "/ReadVariableOp_1", uniform(channels, -0.1, 0.1), channels);
        String fused = layer + "/FusedBatchNormV3";
        Operand<TFloat32> movingMean = frozenVariable(fused + "/ReadVariableOp", uniform(channels, -0.1, 0.1), channels);
        Operand<TFloat32> movingVariance = frozenVariable(fused + "/ReadVariableOp_1", uniform(channels, 0.5, 1.5), channels);
        return FusedBatchNorm.create(at(fused), x, gamma, beta, movingMean, movingVariance,
                FusedBatchNorm.epsilon(BATCH_NORM_EPSILON), FusedBatchNorm.exponentialAvgFactor(1f),
                FusedBatchNorm.dataFormat("NHWC"), FusedBatchNorm.isTraining(false)).y();
    }

    /** Keras {@code ReLU(max_value=6)}: Keras emits the Relu6 op for exactly this case. */
    Operand<TFloat32> relu6(String layer, Operand<TFloat32> x) {
        return activation(layer, x, Activation.RELU6);
    }

    Operand<TFloat32> leakyRelu(String layer, Operand<TFloat32> x, float alpha) {
        return LeakyRelu.create(at(layer + "/LeakyRelu"), x, LeakyRelu.alpha(alpha));
    }

    /**
     * Keras' Add layer: {@code a + b} in TensorFlow 2 is AddV2, which TensorFlow Java's {@code math.add}
     * (op Add) does not build, hence the op builder.
     */
    Operand<TFloat32> add(String layer, Operand<TFloat32> a, Operand<TFloat32> b) {
        return at(layer + "/add").opBuilder("AddV2", "add").addInput(a.asOutput()).addInput(b.asOutput()).build().output(0);
    }

    Operand<TFloat32> averagePooling2d(String layer, Operand<TFloat32> x, int poolSize, int stride, Padding padding) {
        return AvgPool.create(at(layer + "/AvgPool"), x, List.of(1L, (long) poolSize, (long) poolSize, 1L), strides(stride),
                padding.name(), AvgPool.dataFormat("NHWC"));
    }

    Operand<TFloat32> maxPooling2d(String layer, Operand<TFloat32> x, int poolSize, int stride, Padding padding) {
        return maxPool(layer + "/MaxPool", x, new long[] {1, poolSize, poolSize, 1}, new long[] {1, stride, stride, 1}, padding);
    }

    Operand<TFloat32> globalAveragePooling2d(String layer, Operand<TFloat32> x) {
        return Mean.create(at(layer + "/Mean"), x, Constant.vectorOf(at(layer + "/Mean/reduction_indices"), new int[] {1, 2}),
                Mean.keepDims(false));
    }

    /**
     * The GraphDef as reproducible bytes. TensorFlow's C++ serializer writes each node's attribute
     * map in the map's iteration order, which protobuf does not promise to be stable, so the
     * GraphDef is re-serialized by protobuf-java with deterministic serialization (map entries
     * sorted by key). Nodes stay in creation order, which the model code fixes.
     */
    byte[] toGraphDefBytes() {
        GraphDef graphDef = graph.toGraphDef();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(graphDef.getSerializedSize());
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.useDeterministicSerialization();
        try {
            graphDef.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        graph.close();
    }

    // --- pieces ------------------------------------------------------------------------------------

    private ExactName at(String name) {
        return ExactName.of(graph, name);
    }

    /** {@code keras_learning_phase}: PlaceholderWithDefault(false), created with the first dropout as Keras does. */
    private Operand<TBool> learningPhase() {
        if (learningPhase == null) {
            Constant<TBool> inference = Constant.scalarOf(at("keras_learning_phase/input"), false);
            learningPhase = PlaceholderWithDefault.create(at("keras_learning_phase"), inference, Shape.scalar());
        }
        return learningPhase;
    }

    /** A frozen variable read: Const {@code <read>/resource} and Identity {@code <read>}. */
    private Operand<TFloat32> frozenVariable(String read, float[] values, long... shape) {
        parameterCount += values.length;
        Constant<TFloat32> value = Constant.tensorOf(at(read + "/resource"), Shape.of(shape), DataBuffers.of(values, true, false));
        return Identity.create(at(read), value);
    }

    private Operand<TFloat32> biasAndActivation(String layer, Operand<TFloat32> x, long units, Activation activation) {
        int count = Math.toIntExact(units);
        Operand<TFloat32> bias = frozenVariable(layer + "/BiasAdd/ReadVariableOp", uniform(count, -BIAS_LIMIT, BIAS_LIMIT), count);
        BiasAdd<TFloat32> biased = BiasAdd.create(at(layer + "/BiasAdd"), x, bias, BiasAdd.dataFormat("NHWC"));
        return activation(layer, biased, activation);
    }

    private Operand<TFloat32> activation(String layer, Operand<TFloat32> x, Activation activation) {
        return activation == Activation.LINEAR ? x : activation.op.apply(at(layer + "/" + activation.opName), x);
    }

    /**
     * MaxPool with ksize and strides as attributes, as Keras emits it; TensorFlow Java's
     * {@code nn.maxPool} builds MaxPoolV2 (window as input tensors) instead.
     */
    private Operand<TFloat32> maxPool(String name, Operand<TFloat32> x, long[] window, long[] strides, Padding padding) {
        return at(name).opBuilder("MaxPool", "MaxPool").addInput(x.asOutput()).setAttr("ksize", window)
                .setAttr("strides", strides).setAttr("padding", padding.name()).setAttr("data_format", "NHWC")
                .build().output(0);
    }

    private static List<Long> strides(int stride) {
        return List.of(1L, (long) stride, (long) stride, 1L);
    }

    private Operand<TFloat32> kernelVariable(String read, Init init, long taps, long inputs, long outputs, long... shape) {
        double limit = init.limit(taps, inputs, outputs);
        return frozenVariable(read, uniform(Math.toIntExact(Shape.of(shape).size()), -limit, limit), shape);
    }

    private float[] uniform(int count, double low, double high) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (low + (high - low) * weights.nextDouble());
        }
        return values;
    }
}
