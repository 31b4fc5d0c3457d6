package io.nnport.ir.layers;

import io.nnport.ir.TensorType;
import static io.nnport.ir.layers.Reference.Operand.input;

import io.nnport.frontend.tf.Attr;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.Reference.Operand;
import io.nnport.ir.layers.Reference.TfOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer kind per record: what the converter emits one kernel call for. Consumers handle every
 * kind through a {@link Visitor} (Java 17's stand-in for a pattern {@code switch} with no
 * {@code default}), so javac lists every place a new kind must be handled; the reference
 * evaluation is on the records themselves ({@link #evaluate}).
 *
 * <p>Each record opens with its spec sheet: formula, TF ops it covers, layout, shape rule and what
 * is rejected. Common contract:
 * <ul>
 * <li>Runtime operands are the {@link LayerNode#inputs()} in order; weights and other constants are
 *     typed fields (TensorFlow layouts: HWIO filters, {@code [in,out]} dense weights, per-channel
 *     vectors). Tensors are immutable and never edited in place.</li>
 * <li>{@link #outputTypes} is the shape rule: dimension 0 may be -1 (the dynamic batch) and flows
 *     through. It throws {@link IllegalArgumentException} or {@link io.nnport.ir.ModelException}
 *     for operands it rejects; {@link LayerGraph} names the layer in the message.</li>
 * <li>{@link #evaluate} is the scalar reference on concrete tensors; most kinds state the TF op they
 *     are equivalent to and reuse that op family's {@code infer} and {@code evaluate}, so a layer
 *     and its TF op cannot disagree.</li>
 * <li>{@link #traits} are what the buffer planner and tolerances ask (STYLE 5).</li>
 * </ul>
 */
public sealed interface Layer {

    /**
     * One method per layer kind. Java 17 has no pattern {@code switch} over a sealed type, so this
     * is how the converter handles every kind with the compiler's help: adding a kind adds a method
     * here, and every visitor stops compiling until it handles it.
     */
    interface Visitor<R> {
        R visit(Conv layer);

        R visit(DepthwiseConv2D layer);

        R visit(TransposedConv2D layer);

        R visit(Dense layer);

        R visit(BatchMatMul layer);

        R visit(BatchNorm layer);

        R visit(Unary layer);

        R visit(Binary layer);

        R visit(AddN layer);

        R visit(Pool layer);

        R visit(GlobalPool layer);

        R visit(Softmax layer);

        R visit(Reshape layer);

        R visit(Concat layer);

        R visit(Split layer);

        R visit(Slice layer);

        R visit(Pad layer);

        R visit(Transpose layer);

        R visit(Tile layer);

        R visit(Gather layer);

        R visit(Reduce layer);

        R visit(ArgMax layer);

        R visit(Cast layer);

        R visit(Resize layer);

        R visit(PReLU layer);

        R visit(Constant layer);
    }

    /** Calls the visitor's method for this kind. */
    <R> R accept(Visitor<R> visitor);

    /** The shape rule: output types from input types (dimension 0 may be -1, the batch). */
    List<TensorType> outputTypes(List<TensorType> inputs);

    /** The reference evaluation on concrete inputs (any batch size). */
    List<Tensor> evaluate(List<Tensor> inputs);

    /** Key attributes for generated-code comments, e.g. {@code Conv1D k=7 s=1 VALID +bias +relu}. */
    String describe();

    Traits traits();

    /** Constant tensors the layer carries (weights, folded epilogue vectors), by role ({@code filter}, {@code scale}, ...), for the report and parameter counts. */
    default Map<String, Tensor> constants() {
        return Map.of();
    }

    /** The kind's name: the record's simple name ({@code Conv}, {@code Dense}, ...). */
    default String kindName() {
        return getClass().getSimpleName();
    }

    private static void arity(List<?> inputs, int count, String kind) {
        if (inputs.size() != count) {
            throw new IllegalArgumentException(kind + " takes " + count + " runtime input(s), has " + inputs.size());
        }
    }

    private static List<TensorType> one(TensorType type) {
        return List.of(type);
    }

    private static Map<String, Tensor> named(Object... rolesAndTensors) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (int i = 0; i < rolesAndTensors.length; i += 2) {
            if (rolesAndTensors[i + 1] != null) {
                map.put((String) rolesAndTensors[i], (Tensor) rolesAndTensors[i + 1]);
            }
        }
        return map;
    }

    private static Map<String, Tensor> withEpilogue(Map<String, Tensor> map, Epilogue epilogue) {
        Map<String, Tensor> all = new LinkedHashMap<>(map);
        if (epilogue.scale() != null) {
            all.put("scale", epilogue.scale());
        }
        if (epilogue.shift() != null) {
            all.put("shift", epilogue.shift());
        }
        return all;
    }

    private static void checkChannels(Epilogue epilogue, int channels, String kind) {
        if (epilogue.channels() >= 0 && epilogue.channels() != channels) {
            throw new IllegalArgumentException(kind + " epilogue has " + epilogue.channels() + " channels for " + channels + " outputs");
        }
    }

    private static Traits epilogueTraits(Epilogue epilogue) {
        return new Traits(false, Traits.InPlace.NONE, false, epilogue.preservesZero(), false);
    }

    private static String suffix(Epilogue epilogue) {
        String text = epilogue.describe();
        return text.isEmpty() ? "" : " " + text;
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * <b>Conv</b>: 1-D or 2-D convolution with a fused epilogue, NHWC.
     *
     * <p>2-D: x {@code [N,H,W,C]}, filter HWIO {@code [KH,KW,C/G,O]} (G groups when the filter's
     * input depth divides C), {@code y[n,i,j,o] = epilogue(sum_{a,b,c} x[n, i*sh + a*dh - pt,
     * j*sw + b*dw - pl, c] * f[a,b,c,o])}, zero padding. 1-D (Keras Conv1D): x {@code [N,W,C]},
     * filter WIO {@code [K,C/G,O]}, the same with H = 1 (strideH = dilationH = 1).
     *
     * <p>TF ops: Conv2D; Keras' Conv1D lowering ExpandDims, Conv2D, Squeeze; plus any BiasAdd /
     * Add of a constant, FusedBatchNorm and activation fused after it. Shape rule: TF's window rule
     * ({@code SAME}: {@code ceil(in/stride)}, {@code VALID}: {@code ceil((in - (k-1)d) / stride)}).
     * Rejected: a filter of rank other than 3 or 4, input channels that the filter does not divide,
     * a window that does not fit (VALID), non-float32 input.
     */
    record Conv(Tensor filter, int strideH, int strideW, int dilationH, int dilationW, Padding padding,
            Epilogue epilogue) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }


        public Conv {
            if (filter.rank() != 3 && filter.rank() != 4) {
                throw new IllegalArgumentException("conv filter must be [K,C,O] or [KH,KW,C,O], is " + filter.shape());
            }
            if (filter.rank() == 3 && (strideH != 1 || dilationH != 1 || padding.top() + padding.bottom() != 0)) {
                throw new IllegalArgumentException("a 1-D conv has no height stride, dilation or padding");
            }
        }

        /** 1 for Conv1D, 2 for Conv2D. */
        public int spatialRank() {
            return filter.rank() - 2;
        }

        /** The filter as HWIO (a 1-D filter viewed with KH = 1). */
        public Tensor filter2d() {
            return spatialRank() == 2 ? filter : filter.reshape(Reference.insertOne(filter.shape(), 0));
        }

        public int outChannels() {
            return filter.shape().dim(-1);
        }

        private TfOp tf() {
            return TfOp.of(Reference.CONV2D, "Conv2D", Reference.attrs(
                    "strides", Reference.ints(1, strideH, strideW, 1),
                    "dilations", Reference.ints(1, dilationH, dilationW, 1),
                    "padding", Reference.str(padding.tfName()),
                    "explicit_paddings", Reference.ints(padding.explicitPaddings())),
                    input(0), Operand.of(filter2d()));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Conv");
            TensorType x = inputs.get(0);
            if (x.rank() != spatialRank() + 2) {
                throw new IllegalArgumentException("Conv" + spatialRank() + "D input must have rank " + (spatialRank() + 2) + ", is " + x.shape());
            }
            TensorType x2 = spatialRank() == 2 ? x : new TensorType(x.dtype(), Reference.insertOne(x.shape(), 1));
            checkChannels(epilogue, outChannels(), "Conv");
            TensorType y = tf().infer(List.of(x2)).get(0);
            return one(spatialRank() == 2 ? y : new TensorType(y.dtype(), Reference.remove(y.shape(), 1)));
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            Tensor x = inputs.get(0);
            Tensor x2 = spatialRank() == 2 ? x : x.reshape(Reference.insertOne(x.shape(), 1));
            Tensor y = epilogue.applyTo(tf().evaluate(List.of(x2)).get(0));
            return List.of(spatialRank() == 2 ? y : y.reshape(Reference.remove(y.shape(), 1)));
        }

        @Override
        public String describe() {
            int[] k = filter.shape().dims();
            String window = spatialRank() == 2 ? k[0] + "x" + k[1] + " s=" + strideH + "x" + strideW
                    + (dilationH * dilationW != 1 ? " d=" + dilationH + "x" + dilationW : "")
                    : "k=" + k[0] + " s=" + strideW + (dilationW != 1 ? " d=" + dilationW : "");
            return "Conv" + spatialRank() + "D " + window + " " + padding + " ->" + outChannels() + suffix(epilogue);
        }

        @Override
        public Traits traits() {
            return epilogueTraits(epilogue);
        }

        @Override
        public Map<String, Tensor> constants() {
            return withEpilogue(named("filter", filter), epilogue);
        }
    }


    /**
     * <b>DepthwiseConv2D</b>: x {@code [N,H,W,C]}, filter {@code [KH,KW,C,M]}; output channel
     * {@code c*M + m} convolves input channel c with {@code f[:,:,c,m]}, then the epilogue.
     *
     * <p>TF ops: DepthwiseConv2dNative (+ bias, BatchNorm, activation fused after it). Shape rule:
     * {@code [N, OH, OW, C*M]} by TF's window rule. Rejected: filter channels other than C,
     * non-float32 input.
     */
    record DepthwiseConv2D(Tensor filter, int strideH, int strideW, int dilationH, int dilationW, Padding padding,
            Epilogue epilogue) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }


        public int outChannels() {
            return filter.shape().dim(2) * filter.shape().dim(3);
        }

        private TfOp tf() {
            return TfOp.of(Reference.DEPTHWISE, "DepthwiseConv2dNative", Reference.attrs(
                    "strides", Reference.ints(1, strideH, strideW, 1),
                    "dilations", Reference.ints(1, dilationH, dilationW, 1),
                    "padding", Reference.str(padding.tfName()),
                    "explicit_paddings", Reference.ints(padding.explicitPaddings())),
                    input(0), Operand.of(filter));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "DepthwiseConv2D");
            checkChannels(epilogue, outChannels(), "DepthwiseConv2D");
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return List.of(epilogue.applyTo(tf().evaluate(inputs).get(0)));
        }

        @Override
        public String describe() {
            int[] k = filter.shape().dims();
            return "DepthwiseConv2D " + k[0] + "x" + k[1] + " s=" + strideH + "x" + strideW
                    + (dilationH * dilationW != 1 ? " d=" + dilationH + "x" + dilationW : "")
                    + (k[3] != 1 ? " m=" + k[3] : "") + " " + padding + suffix(epilogue);
        }

        @Override
        public Traits traits() {
            return epilogueTraits(epilogue);
        }

        @Override
        public Map<String, Tensor> constants() {
            return withEpilogue(named("filter", filter), epilogue);
        }
    }

    /**
     * <b>TransposedConv2D</b> (Keras Conv2DTranspose): the gradient of a Conv2D with respect to its
     * input. dy {@code [N,h,w,O]}, filter {@code [KH,KW,C,O]} (TensorFlow's layout for
     * Conv2DBackpropInput: C is this layer's output depth), output {@code [N,outH,outW,C]}:
     * {@code y[n, i*sh + a*dh - pt, j*sw + b*dw - pl, c] += dy[n,i,j,o] * f[a,b,c,o]}, then the
     * epilogue; the padding is that of the forward conv from {@code [outH,outW]} to {@code [h,w]}.
     *
     * <p>TF ops: Conv2DBackpropInput with constant filter and input_sizes (its batch entry may be
     * the dynamic batch, as Keras computes it from {@code Shape}). Rejected: an input that is not the
     * forward output of {@code [outH,outW]}, grouped filters, non-float32 input.
     */
    record TransposedConv2D(Tensor filter, int outHeight, int outWidth, int strideH, int strideW, int dilationH,
            int dilationW, Padding padding, Epilogue epilogue) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }


        public int outChannels() {
            return filter.shape().dim(2);
        }

        private TfOp tf(int batch) {
            return TfOp.of(Reference.CONV_TRANSPOSE, "Conv2DBackpropInput", Reference.attrs(
                    "strides", Reference.ints(1, strideH, strideW, 1),
                    "dilations", Reference.ints(1, dilationH, dilationW, 1),
                    "padding", Reference.str(padding.tfName()),
                    "explicit_paddings", Reference.ints(padding.explicitPaddings())),
                    Operand.of(Reference.vector(batch, outHeight, outWidth, outChannels())), Operand.of(filter), input(0));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "TransposedConv2D");
            checkChannels(epilogue, outChannels(), "TransposedConv2D");
            int batch = inputs.get(0).rank() > 0 ? inputs.get(0).dim(0) : 1;
            // The op rule needs a concrete size vector: infer with batch 1, then put the batch back.
            TensorType y = tf(batch == Shape.UNKNOWN ? 1 : batch).infer(inputs.stream()
                    .map(t -> t.rank() > 0 && t.dim(0) == Shape.UNKNOWN ? new TensorType(t.dtype(), t.shape().withDim(0, 1)) : t)
                    .toList()).get(0);
            return one(new TensorType(y.dtype(), y.shape().withDim(0, batch)));
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return List.of(epilogue.applyTo(tf(inputs.get(0).shape().dim(0)).evaluate(inputs).get(0)));
        }

        @Override
        public String describe() {
            int[] k = filter.shape().dims();
            return "TransposedConv2D " + k[0] + "x" + k[1] + " s=" + strideH + "x" + strideW + " " + padding
                    + " ->" + outHeight + "x" + outWidth + "x" + outChannels() + suffix(epilogue);
        }

        @Override
        public Traits traits() {
            return epilogueTraits(epilogue);
        }

        @Override
        public Map<String, Tensor> constants() {
            return withEpilogue(named("filter", filter), epilogue);
        }
    }

    /**
     * <b>Dense</b>: x {@code [N,K]}, weights {@code [K,M]}, {@code y[n,m] = epilogue(sum_k x[n,k] w[k,m])}.
     *
     * <p>TF ops: MatMul with a constant second operand (transpose_b folded into a new {@code [K,M]}
     * tensor), with BiasAdd / Add of a constant, a following Mul/Add pair or BatchNorm, and an
     * activation fused after it. Rejected: rank other than 2, inner sizes that differ, transpose_a.
     */
    record Dense(Tensor weights, Epilogue epilogue) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }


        public int units() {
            return weights.shape().dim(1);
        }

        private TfOp tf() {
            return TfOp.of(Reference.MATMUL, "MatMul", Map.of(), input(0), Operand.of(weights));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Dense");
            checkChannels(epilogue, units(), "Dense");
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return List.of(epilogue.applyTo(tf().evaluate(inputs).get(0)));
        }

        @Override
        public String describe() {
            return "Dense " + weights.shape().dim(0) + "->" + units() + suffix(epilogue);
        }

        @Override
        public Traits traits() {
            return epilogueTraits(epilogue);
        }

        @Override
        public Map<String, Tensor> constants() {
            return withEpilogue(named("weights", weights), epilogue);
        }
    }

    /**
     * <b>BatchMatMul</b>: two runtime operands of rank &gt;= 2, {@code c[..., m, n] = sum_k
     * a[..., m, k] b[..., k, n]} with optional transposes of either (adj_x, adj_y) and NumPy
     * broadcasting of the leading dimensions.
     *
     * <p>TF ops: BatchMatMul, BatchMatMulV2, BatchMatMulV3, and MatMul of two runtime operands.
     * Rejected: inner sizes that differ, non-float32 operands.
     */
    record BatchMatMul(boolean adjX, boolean adjY) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        private TfOp tf() {
            return TfOp.of(Reference.BATCH_MATMUL, "BatchMatMulV2", Reference.attrs(
                    "adj_x", new Attr.Bool(adjX), "adj_y", new Attr.Bool(adjY)), input(0), input(1));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 2, "BatchMatMul");
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf().evaluate(inputs);
        }

        @Override
        public String describe() {
            return "BatchMatMul" + (adjX ? " adj_x" : "") + (adjY ? " adj_y" : "");
        }

        @Override
        public Traits traits() {
            return Traits.computing();
        }
    }

    /**
     * <b>BatchNorm</b>: a per-channel affine map on the last axis followed by an optional clamp and
     * activation: {@code y[..., c] = act(x[..., c] * scale[c] + shift[c])} (the {@link Epilogue}
     * formula).
     *
     * <p>TF ops: FusedBatchNorm, FusedBatchNormV2, FusedBatchNormV3 with {@code is_training=false},
     * NHWC and constant parameters ({@code scale = gamma / sqrt(variance + epsilon)}, {@code shift =
     * beta - mean * scale}), when they do not directly follow a conv or dense layer; a following
     * activation is fused (BN+ReLU). Rejected: channels that differ from the parameters' length,
     * non-float32 input.
     */
    record BatchNorm(Epilogue epilogue) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "BatchNorm");
            TensorType x = inputs.get(0);
            if (x.dtype() != DType.FLOAT32 || x.rank() < 1) {
                throw new IllegalArgumentException("BatchNorm needs a float32 input of rank >= 1, has " + x);
            }
            checkChannels(epilogue, x.dim(-1), "BatchNorm");
            return one(x);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return List.of(epilogue.applyTo(inputs.get(0)));
        }

        @Override
        public String describe() {
            return "BatchNorm" + suffix(epilogue);
        }

        @Override
        public Traits traits() {
            return new Traits(true, Traits.InPlace.FIRST, false, epilogue.preservesZero(), false);
        }

        @Override
        public Map<String, Tensor> constants() {
            return withEpilogue(Map.of(), epilogue);
        }
    }

    /**
     * <b>Unary</b> (the activation layer): {@code y[i] = fn(x[i], alpha)}, shape and dtype of x.
     *
     * <p>TF ops: Relu, Relu6, LeakyRelu (alpha), Elu, Selu, Sigmoid, Tanh, Softplus, Softsign, Exp,
     * Log, Neg, Abs, Sqrt, Rsqrt, Square, Floor, Ceil (when not fused into the layer before). Float32;
     * RELU, RELU6, NEG, ABS and SQUARE also accept int32/int64 as TensorFlow does. Rejected: other
     * dtypes.
     */
    record Unary(Activation fn, float alpha) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Unary");
            TensorType x = inputs.get(0);
            if (fn.reference() != null) {
                return tf().infer(inputs);
            }
            if (x.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException(fn + " needs float32, has " + x.dtype());
            }
            return one(x);
        }

        private TfOp tf() {
            return TfOp.of(Reference.unary(fn.reference()), fn.name(), Reference.attrs("alpha", new Attr.Float(alpha)), input(0));
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            if (fn.reference() != null) {
                return tf().evaluate(inputs);
            }
            float[] x = inputs.get(0).floats();
            for (int i = 0; i < x.length; i++) {
                x[i] = fn.apply(x[i], alpha);
            }
            return List.of(Tensor.ofFloats(inputs.get(0).shape(), x));
        }

        @Override
        public String describe() {
            return "Activation " + fn.label() + (fn == Activation.LEAKY_RELU ? "(" + alpha + ")" : "");
        }

        @Override
        public Traits traits() {
            return new Traits(true, Traits.InPlace.FIRST, false, fn.preservesZero(), fn.isExact());
        }
    }

    /** The elementwise binary operations of {@link Binary}. */
    enum BinaryOp {
        ADD(io.nnport.frontend.tf.ops.Binary.Fn.ADD, true, false),
        SUB(io.nnport.frontend.tf.ops.Binary.Fn.SUB, false, false),
        MUL(io.nnport.frontend.tf.ops.Binary.Fn.MUL, true, false),
        DIV(io.nnport.frontend.tf.ops.Binary.Fn.REAL_DIV, false, false),
        MAXIMUM(io.nnport.frontend.tf.ops.Binary.Fn.MAXIMUM, true, true),
        MINIMUM(io.nnport.frontend.tf.ops.Binary.Fn.MINIMUM, true, true),
        SQUARED_DIFFERENCE(io.nnport.frontend.tf.ops.Binary.Fn.SQUARED_DIFFERENCE, true, false);

        private final io.nnport.frontend.tf.ops.Binary.Fn reference;
        private final boolean commutative;
        private final boolean exact;

        BinaryOp(io.nnport.frontend.tf.ops.Binary.Fn reference, boolean commutative, boolean exact) {
            this.reference = reference;
            this.commutative = commutative;
            this.exact = exact;
        }

        public io.nnport.frontend.tf.ops.Binary.Fn reference() {
            return reference;
        }

        /** f(a, b) == f(b, a): the operands may be swapped (a constant moved second). */
        public boolean commutative() {
            return commutative;
        }

        /** The result is one of the operands (max, min): no rounding. */
        public boolean exact() {
            return exact;
        }
    }

    /**
     * <b>Binary</b>: {@code z = op(a, b)} elementwise with NumPy broadcasting (shapes right-aligned,
     * a 1 stretches). Both operands are runtime inputs, or one is the constant {@code constant}
     * ({@code constantFirst}: it is {@code a}); a runtime operand's batch dimension stays dimension 0.
     *
     * <p>TF ops: Add, AddV2, BiasAdd (NHWC: a {@code [C]} constant broadcasts on the last axis), Sub,
     * Mul, RealDiv, Maximum, Minimum, SquaredDifference, when not fused into the layer before.
     * Numeric dtypes (int32 wraps). Rejected: shapes that do not broadcast, mixed dtypes, DIV of
     * integers.
     */
    record Binary(BinaryOp op, Tensor constant, boolean constantFirst) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }


        public static Binary of(BinaryOp op) {
            return new Binary(op, null, false);
        }

        private TfOp tf() {
            Operand[] operands = constant == null ? new Operand[] {input(0), input(1)}
                    : constantFirst ? new Operand[] {Operand.of(constant), input(0)}
                    : new Operand[] {input(0), Operand.of(constant)};
            return TfOp.of(Reference.binary(op.reference()), op.name(), Map.of(), operands);
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, constant == null ? 2 : 1, "Binary");
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf().evaluate(inputs);
        }

        @Override
        public String describe() {
            String operand = constant == null ? "" : " const" + constant.shape() + (constantFirst ? " first" : "");
            return "Binary " + op.name().toLowerCase(java.util.Locale.ROOT) + operand;
        }

        @Override
        public Traits traits() {
            boolean zero = switch (op) {
                case MUL -> true;
                case ADD, SUB, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE -> constant != null && isAllZero(constant);
                case DIV -> false;
            };
            return new Traits(true, constant == null ? Traits.InPlace.ANY_SAME_SHAPE : Traits.InPlace.FIRST, false,
                    zero, op.exact());
        }

        private static boolean isAllZero(Tensor t) {
            for (int i = 0; i < t.size(); i++) {
                if (t.getDouble(i) != 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Map<String, Tensor> constants() {
            return named("constant", constant);
        }
    }

    /**
     * <b>AddN</b>: the elementwise sum of N &gt;= 1 runtime inputs of one shape (no broadcasting),
     * summed in input order. TF ops: AddN. Rejected: differing shapes or dtypes.
     */
    record AddN() implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("AddN needs at least one input");
            }
            return tf(inputs.size()).infer(inputs);
        }

        private static TfOp tf(int n) {
            Operand[] operands = new Operand[n];
            for (int i = 0; i < n; i++) {
                operands[i] = input(i);
            }
            return TfOp.of(Reference.ADD_N, "AddN", Map.of(), operands);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf(inputs.size()).evaluate(inputs);
        }

        @Override
        public String describe() {
            return "AddN";
        }

        @Override
        public Traits traits() {
            return new Traits(true, Traits.InPlace.ANY_SAME_SHAPE, false, true, false);
        }
    }

    /** Max or average. */
    enum PoolKind { MAX, AVG }

    /**
     * <b>Pool</b>: 1-D or 2-D max / average pooling, NHWC. 2-D: x {@code [N,H,W,C]},
     * {@code y[n,i,j,c]} = max (or mean) over the window {@code kernelH x kernelW} at
     * {@code (i*strideH - pt, j*strideW - pl)} of the in-range elements (padding never wins a max and
     * is not counted in a mean, as in TensorFlow). 1-D (Keras MaxPooling1D/AveragePooling1D): x
     * {@code [N,W,C]}, the same with H = 1.
     *
     * <p>TF ops: MaxPool, AvgPool; Keras' 1-D lowering ExpandDims, MaxPool/AvgPool, Squeeze. Padding
     * SAME or VALID. Rejected: EXPLICIT padding, non-float32 input, a VALID window that does not fit.
     */
    record Pool(PoolKind kind, int spatialRank, int kernelH, int kernelW, int strideH, int strideW, Padding padding)
            implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }


        public Pool {
            if (padding.mode() == Padding.Mode.EXPLICIT) {
                throw new IllegalArgumentException("pooling takes SAME or VALID padding");
            }
            if (spatialRank != 1 && spatialRank != 2) {
                throw new IllegalArgumentException("pooling is 1-D or 2-D");
            }
        }

        private TfOp tf() {
            return TfOp.of(kind == PoolKind.MAX ? Reference.MAX_POOL : Reference.AVG_POOL, kind == PoolKind.MAX ? "MaxPool" : "AvgPool",
                    Reference.attrs("ksize", Reference.ints(1, kernelH, kernelW, 1),
                            "strides", Reference.ints(1, strideH, strideW, 1), "padding", Reference.str(padding.tfName())),
                    input(0));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Pool");
            TensorType x = inputs.get(0);
            if (x.rank() != spatialRank + 2) {
                throw new IllegalArgumentException("Pool" + spatialRank + "D input must have rank " + (spatialRank + 2) + ", is " + x.shape());
            }
            TensorType x2 = spatialRank == 2 ? x : new TensorType(x.dtype(), Reference.insertOne(x.shape(), 1));
            TensorType y = tf().infer(List.of(x2)).get(0);
            return one(spatialRank == 2 ? y : new TensorType(y.dtype(), Reference.remove(y.shape(), 1)));
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            Tensor x = inputs.get(0);
            Tensor y = tf().evaluate(List.of(spatialRank == 2 ? x : x.reshape(Reference.insertOne(x.shape(), 1)))).get(0);
            return List.of(spatialRank == 2 ? y : y.reshape(Reference.remove(y.shape(), 1)));
        }

        @Override
        public String describe() {
            String name = (kind == PoolKind.MAX ? "MaxPool" : "AvgPool") + spatialRank + "D ";
            return name + (spatialRank == 2 ? kernelH + "x" + kernelW + "/" + strideH + "x" + strideW : kernelW + "/" + strideW)
                    + " " + padding;
        }

        @Override
        public Traits traits() {
            return new Traits(false, Traits.InPlace.NONE, false, true, kind == PoolKind.MAX);
        }
    }

    /**
     * <b>GlobalPool</b>: mean or max over H and W of x {@code [N,H,W,C]}: {@code [N,C]}, or
     * {@code [N,1,1,C]} with {@code keepDims}.
     *
     * <p>TF ops: Mean and Max with constant axes {1,2} (any order) of a rank-4 input (Keras
     * GlobalAveragePooling2D / GlobalMaxPooling2D). Sums in double. Rejected: non-float32 input.
     */
    record GlobalPool(PoolKind kind, boolean keepDims) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        private TfOp tf() {
            return TfOp.of(Reference.reduce(kind == PoolKind.MAX ? io.nnport.frontend.tf.ops.Reduce.Kind.MAX : io.nnport.frontend.tf.ops.Reduce.Kind.MEAN),
                    kind == PoolKind.MAX ? "Max" : "Mean", Reference.attrs("keep_dims", new Attr.Bool(keepDims)),
                    input(0), Operand.of(Reference.vector(1, 2)));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "GlobalPool");
            if (inputs.get(0).rank() != 4 || inputs.get(0).dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException("GlobalPool needs a float32 [N,H,W,C] input, has " + inputs.get(0));
            }
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf().evaluate(inputs);
        }

        @Override
        public String describe() {
            return "Global" + (kind == PoolKind.MAX ? "Max" : "Avg") + "Pool2D" + (keepDims ? " keep_dims" : "");
        }

        @Override
        public Traits traits() {
            return new Traits(false, Traits.InPlace.NONE, false, true, kind == PoolKind.MAX);
        }
    }

    /**
     * <b>Softmax</b> over the last axis: {@code y = exp(x - max) / sum exp(x - max)}, or with
     * {@code log} {@code y = x - max - log(sum exp(x - max))}. TF ops: Softmax, LogSoftmax. Rank
     * &gt;= 1, float32. Row-wise, so it may overwrite its input.
     */
    record Softmax(boolean log) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        private TfOp tf() {
            return TfOp.of(log ? Reference.LOG_SOFTMAX : Reference.SOFTMAX, log ? "LogSoftmax" : "Softmax", Map.of(), input(0));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Softmax");
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf().evaluate(inputs);
        }

        @Override
        public String describe() {
            return log ? "LogSoftmax" : "Softmax";
        }

        @Override
        public Traits traits() {
            return new Traits(false, Traits.InPlace.FIRST, false, false, false);
        }
    }

    /**
     * <b>Reshape</b>: the same elements in the same order under {@code shape}, whose dimension 0 is
     * -1 exactly when the value carries the dynamic batch (then the rest is per-sample). No copy: the
     * output is the input's storage ({@link Traits#alias()}).
     *
     * <p>TF ops: Reshape (with a constant or folded shape, including TF1 and Keras Flatten
     * patterns), Squeeze, ExpandDims. Rejected: a per-sample element count that differs, a batched
     * input reshaped to a fixed shape or the reverse (the batch must stay dimension 0).
     */
    record Reshape(Shape shape) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        public Reshape {
            int[] dims = shape.dims();
            for (int d = 1; d < dims.length; d++) {
                if (dims[d] < 0) {
                    throw new IllegalArgumentException("reshape target " + shape + " has an unknown dimension other than the batch");
                }
            }
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Reshape");
            TensorType x = inputs.get(0);
            boolean xBatched = x.rank() > 0 && x.dim(0) == Shape.UNKNOWN;
            boolean yBatched = shape.rank() > 0 && shape.dim(0) == Shape.UNKNOWN;
            if (xBatched != yBatched) {
                throw new IllegalArgumentException("reshape of " + x.shape() + " to " + shape + " would move the batch out of dimension 0");
            }
            if (perSample(x.shape()) != perSample(shape)) {
                throw new IllegalArgumentException("cannot reshape " + x.shape() + " to " + shape);
            }
            return one(new TensorType(x.dtype(), shape));
        }

        private static long perSample(Shape s) {
            long n = 1;
            for (int d : s.dims()) {
                n *= d == Shape.UNKNOWN ? 1 : d;
            }
            return n;
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            Tensor x = inputs.get(0);
            Shape target = shape.rank() > 0 && shape.dim(0) == Shape.UNKNOWN
                    ? shape.withDim(0, (int) (x.size() / perSample(shape))) : shape;
            return List.of(x.reshape(target));
        }

        @Override
        public String describe() {
            return "Reshape " + shape;
        }

        @Override
        public Traits traits() {
            return new Traits(false, Traits.InPlace.NONE, true, true, true);
        }
    }

    /**
     * <b>Concat</b>: runtime inputs joined along {@code axis} (non-negative, an axis of the output);
     * shapes equal off the axis. With {@code stack} each input first gets a new axis of size 1 there
     * (Pack: N inputs of shape S give {@code S[:axis] + [N] + S[axis:]}).
     *
     * <p>TF ops: ConcatV2 (constant axis), Pack. Rejected: joining along the dynamic batch axis 0,
     * shapes that differ off the axis.
     */
    record Concat(int axis, boolean stack) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        private static TfOp tf(int n, int axis) {
            Operand[] operands = new Operand[n + 1];
            for (int i = 0; i < n; i++) {
                operands[i] = input(i);
            }
            operands[n] = Operand.of(Reference.scalar(axis));
            return TfOp.of(Reference.CONCAT, "ConcatV2", Map.of(), operands);
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("Concat needs inputs");
            }
            if (axis == 0 && inputs.get(0).rank() > 0 && inputs.get(0).dim(0) == Shape.UNKNOWN) {
                throw new IllegalArgumentException("joining along the dynamic batch axis 0 is not supported");
            }
            List<TensorType> parts = stack
                    ? inputs.stream().map(t -> new TensorType(t.dtype(), Reference.insertOne(t.shape(), axis))).toList()
                    : inputs;
            return tf(inputs.size(), axis).infer(parts);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            List<Tensor> parts = stack ? inputs.stream().map(t -> t.reshape(Reference.insertOne(t.shape(), axis))).toList() : inputs;
            return tf(inputs.size(), axis).evaluate(parts);
        }

        @Override
        public String describe() {
            return (stack ? "Stack" : "Concat") + " axis=" + axis;
        }

        @Override
        public Traits traits() {
            return Traits.copying(true);
        }
    }

    /**
     * <b>Split</b>: x cut along {@code axis} into parts of {@code sizes} (which add up to the axis
     * length), one output each; with {@code squeeze} each part also loses the axis (Unpack).
     *
     * <p>TF ops: Split, SplitV (constant axis and sizes), Unpack. Rejected: the batch axis 0 of a
     * batched input, sizes that do not add up.
     */
    record Split(int axis, List<Integer> sizes, boolean squeeze) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        public Split {
            sizes = List.copyOf(sizes);
        }

        private TfOp tf() {
            int[] parts = sizes.stream().mapToInt(Integer::intValue).toArray();
            return TfOp.of(Reference.SPLIT_V, "SplitV", Reference.attrs("num_split", new Attr.Int(parts.length)),
                    input(0), Operand.of(Reference.vector(parts)), Operand.of(Reference.scalar(axis)));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Split");
            TensorType x = inputs.get(0);
            if (axis == 0 && x.rank() > 0 && x.dim(0) == Shape.UNKNOWN) {
                throw new IllegalArgumentException("Split along the batch axis 0 is not supported");
            }
            if (x.rank() <= axis || x.dim(axis) != sizes.stream().mapToInt(Integer::intValue).sum()) {
                throw new IllegalArgumentException("sizes " + sizes + " do not split axis " + axis + " of " + x.shape());
            }
            List<TensorType> out = new ArrayList<>();
            for (TensorType part : tf().infer(inputs)) {
                out.add(squeeze ? new TensorType(part.dtype(), Reference.remove(part.shape(), axis)) : part);
            }
            return out;
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            List<Tensor> out = new ArrayList<>();
            for (Tensor part : tf().evaluate(inputs)) {
                out.add(squeeze ? part.reshape(Reference.remove(part.shape(), axis)) : part);
            }
            return out;
        }

        @Override
        public String describe() {
            return (squeeze ? "Unpack" : "Split") + " axis=" + axis + " sizes=" + sizes;
        }

        @Override
        public Traits traits() {
            return Traits.copying(true);
        }
    }

    /**
     * <b>Slice</b>: a strided box of x, then a reshape. For each input dimension d the box takes
     * {@code sizes[d]} elements starting at {@code begins[d]} with step {@code strides[d]} (negative
     * steps walk backwards); {@code sizes[0] == -1} means the whole dynamic batch (then begin 0,
     * stride 1). The box, in row-major order, is then viewed as {@code shape} (which drops shrunk
     * axes and adds new ones; dimension 0 is -1 when the batch is kept).
     *
     * <p>TF ops: StridedSlice (all masks, canonicalized at import by {@link #strided}) and Slice
     * with constant arguments on a runtime tensor. Taking batch element k ({@code x[k]}) gives a
     * value without the batch. Rejected: a partial range of the dynamic batch (e.g. {@code x[1:]}),
     * indices out of range.
     */
    record Slice(List<Integer> begins, List<Integer> strides, List<Integer> sizes, Shape shape) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        public Slice {
            begins = List.copyOf(begins);
            strides = List.copyOf(strides);
            sizes = List.copyOf(sizes);
            if (begins.size() != strides.size() || begins.size() != sizes.size()) {
                throw new IllegalArgumentException("begins, strides and sizes differ in length");
            }
            for (int d = 0; d < sizes.size(); d++) {
                if (sizes.get(d) < 0 && (d != 0 || begins.get(0) != 0 || strides.get(0) != 1)) {
                    throw new IllegalArgumentException("only the whole batch (dimension 0) may have an unknown size");
                }
            }
        }

        /**
         * Canonicalizes TensorFlow's StridedSlice ({@code x[b0:e0:s0, ...]} with begin/end/ellipsis/
         * new-axis/shrink masks, as {@code ValidateStridedSliceOp} does) for an input of shape
         * {@code x} whose dimension 0 may be the dynamic batch.
         */
        public static Slice strided(Shape x, long[] begin, long[] end, long[] stride, long beginMask, long endMask,
                long ellipsisMask, long newAxisMask, long shrinkMask) {
            int n = begin.length;
            if (end.length != n || stride.length != n) {
                throw new IllegalArgumentException("begin, end and strides differ in length");
            }
            if (Long.bitCount(ellipsisMask) > 1) {
                throw new IllegalArgumentException("more than one ellipsis");
            }
            if (ellipsisMask == 0) {
                ellipsisMask = 1L << n;
                n++;
            }
            int rank = x.rank();
            int newAxesAfterEllipsis = 0;
            boolean afterEllipsis = false;
            for (int i = 0; i < n; i++) {
                if (afterEllipsis && bit(newAxisMask, i) && !bit(ellipsisMask, i)) {
                    newAxesAfterEllipsis++;
                }
                afterEllipsis |= bit(ellipsisMask, i);
            }
            List<Integer> begins = new ArrayList<>();
            List<Integer> strides = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            List<Integer> out = new ArrayList<>();
            int full = 0;
            for (int i = 0; i < n; i++) {
                if (bit(ellipsisMask, i)) {
                    int next = Math.min(rank - (n - i) + 1 + newAxesAfterEllipsis, rank);
                    for (; full < next; full++) {
                        begins.add(0);
                        strides.add(1);
                        sizes.add(x.dim(full));
                        out.add(x.dim(full));
                    }
                } else if (bit(newAxisMask, i)) {
                    out.add(1);
                } else {
                    if (full == rank) {
                        throw new IllegalArgumentException("slice index " + i + " is beyond the rank of " + x);
                    }
                    int dim = x.dim(full);
                    long s = stride[i];
                    if (s == 0) {
                        throw new IllegalArgumentException("stride 0");
                    }
                    boolean masksWhole = bit(beginMask, i) && bit(endMask, i) && s == 1;
                    if (dim == Shape.UNKNOWN) {
                        boolean wholeBatch = masksWhole || (!bit(shrinkMask, i) && s == 1 && (bit(beginMask, i) || begin[i] == 0)
                                && (bit(endMask, i) || end[i] >= Integer.MAX_VALUE));
                        if (bit(shrinkMask, i) && begin[i] >= 0) {
                            begins.add((int) begin[i]);
                            strides.add(1);
                            sizes.add(1);
                        } else if (wholeBatch) {
                            begins.add(0);
                            strides.add(1);
                            sizes.add(Shape.UNKNOWN);
                            out.add(Shape.UNKNOWN);
                        } else {
                            throw new IllegalArgumentException("slice [" + begin[i] + ":" + end[i] + ":" + s
                                    + "] of the dynamic batch dimension: only the whole batch or one element counted from the front can be taken");
                        }
                        full++;
                        continue;
                    }
                    if (bit(shrinkMask, i)) {
                        long index = begin[i] < 0 ? begin[i] + dim : begin[i];
                        if (index < 0 || index >= dim) {
                            throw new IllegalArgumentException("index " + begin[i] + " is out of range for a dimension of " + dim);
                        }
                        begins.add((int) index);
                        strides.add(1);
                        sizes.add(1);
                    } else {
                        long low = s > 0 ? 0 : -1;
                        long high = s > 0 ? dim : dim - 1;
                        long b = bit(beginMask, i) ? (s > 0 ? low : high) : clamp(begin[i] < 0 ? begin[i] + dim : begin[i], low, high);
                        long e = bit(endMask, i) ? (s > 0 ? high : low) : clamp(end[i] < 0 ? end[i] + dim : end[i], low, high);
                        long size = (s > 0 && b >= e) || (s < 0 && b <= e) ? 0 : ((e - b) / s + ((e - b) % s != 0 ? 1 : 0));
                        begins.add((int) b);
                        strides.add((int) s);
                        sizes.add((int) size);
                        out.add((int) size);
                    }
                    full++;
                }
            }
            return new Slice(begins, strides, sizes, Shape.of(out.stream().mapToInt(Integer::intValue).toArray()));
        }

        private static boolean bit(long mask, int i) {
            return i < 64 && (mask >>> i & 1) != 0;
        }

        private static long clamp(long value, long low, long high) {
            return Math.max(low, Math.min(high, value));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Slice");
            TensorType x = inputs.get(0);
            if (x.rank() != begins.size()) {
                throw new IllegalArgumentException("slice of rank " + begins.size() + " for input " + x.shape());
            }
            long box = 1;
            for (int d = 0; d < x.rank(); d++) {
                int dim = x.dim(d);
                int size = sizes.get(d);
                if (size == Shape.UNKNOWN) {
                    if (dim != Shape.UNKNOWN) {
                        throw new IllegalArgumentException("slice takes the whole batch of an input without one: " + x.shape());
                    }
                    continue;
                }
                box *= size;
                if (dim != Shape.UNKNOWN && size > 0) {
                    long last = begins.get(d) + (long) (size - 1) * strides.get(d);
                    if (begins.get(d) < 0 || begins.get(d) >= dim || last < 0 || last >= dim) {
                        throw new IllegalArgumentException("slice of dimension " + d + " is outside " + x.shape());
                    }
                }
            }
            long target = 1;
            for (int d : shape.dims()) {
                target *= d == Shape.UNKNOWN ? 1 : d;
            }
            if (target != box) {
                throw new IllegalArgumentException("slice box of " + box + " elements per sample cannot be viewed as " + shape);
            }
            return one(new TensorType(x.dtype(), shape));
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            Tensor x = inputs.get(0);
            int rank = x.rank();
            int[] xStrides = x.shape().strides();
            int[] box = new int[rank];
            int total = 1;
            for (int d = 0; d < rank; d++) {
                box[d] = sizes.get(d) == Shape.UNKNOWN ? x.shape().dim(0) : sizes.get(d);
                total *= box[d];
            }
            int[] index = new int[total];
            int[] coords = new int[rank];
            for (int o = 0; o < total; o++) {
                int source = 0;
                for (int d = 0; d < rank; d++) {
                    int position = begins.get(d) + coords[d] * strides.get(d);
                    if (position < 0 || position >= x.shape().dim(d)) {
                        throw new IllegalArgumentException("slice reads index " + position + " of dimension " + d + " of " + x.shape());
                    }
                    source += position * xStrides[d];
                }
                index[o] = source;
                for (int d = rank - 1; d >= 0; d--) {
                    if (++coords[d] < box[d]) {
                        break;
                    }
                    coords[d] = 0;
                }
            }
            Shape out = shape.rank() > 0 && shape.dim(0) == Shape.UNKNOWN ? shape.withDim(0, x.shape().dim(0)) : shape;
            return List.of(x.select(out, index));
        }

        @Override
        public String describe() {
            StringBuilder text = new StringBuilder("Slice [");
            for (int d = 0; d < begins.size(); d++) {
                text.append(d == 0 ? "" : ",");
                if (sizes.get(d) == Shape.UNKNOWN) {
                    text.append(':');
                } else {
                    text.append(begins.get(d)).append('+').append(sizes.get(d));
                    if (strides.get(d) != 1) {
                        text.append('/').append(strides.get(d));
                    }
                }
            }
            return text.append("] -> ").append(shape).toString();
        }

        @Override
        public Traits traits() {
            return Traits.copying(true);
        }
    }

    /**
     * <b>Pad</b>: x with {@code before[d]} and {@code after[d]} elements of {@code value} added
     * around each dimension d. TF ops: Pad (value 0), PadV2 (constant value), with constant
     * paddings (Keras ZeroPadding). Rejected: negative paddings, padding the batch dimension.
     */
    record Pad(List<Integer> before, List<Integer> after, double value) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        public Pad {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        private TfOp tf(DType dtype) {
            int rank = before.size();
            int[] paddings = new int[2 * rank];
            for (int d = 0; d < rank; d++) {
                paddings[2 * d] = before.get(d);
                paddings[2 * d + 1] = after.get(d);
            }
            Tensor constant = Tensor.builder(dtype, Shape.scalar()).setDouble(0, value).build();
            return TfOp.of(Reference.PAD, "PadV2", Map.of(), input(0),
                    Operand.of(Tensor.ofInts(Shape.of(rank, 2), paddings)), Operand.of(constant));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Pad");
            TensorType x = inputs.get(0);
            if (x.rank() > 0 && x.dim(0) == Shape.UNKNOWN && before.get(0) + after.get(0) != 0) {
                throw new IllegalArgumentException("padding the batch dimension is not supported");
            }
            return tf(x.dtype()).infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf(inputs.get(0).dtype()).evaluate(inputs);
        }

        @Override
        public String describe() {
            return "Pad before=" + before + " after=" + after + (value != 0 ? " value=" + value : "");
        }

        @Override
        public Traits traits() {
            return Traits.copying(value == 0);
        }
    }

    /**
     * <b>Transpose</b>: {@code y.shape[i] = x.shape[perm[i]]}, elements permuted accordingly. TF ops:
     * Transpose with a constant perm. Rejected: a perm that moves the dynamic batch out of dimension 0.
     */
    record Transpose(List<Integer> perm) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        public Transpose {
            perm = List.copyOf(perm);
        }

        private TfOp tf() {
            return TfOp.of(Reference.TRANSPOSE, "Transpose", Map.of(), input(0),
                    Operand.of(Reference.vector(perm.stream().mapToInt(Integer::intValue).toArray())));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Transpose");
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf().evaluate(inputs);
        }

        @Override
        public String describe() {
            return "Transpose " + perm;
        }

        @Override
        public Traits traits() {
            return Traits.copying(true);
        }
    }

    /**
     * <b>Tile</b>: x repeated {@code multiples[d]} times along each dimension d. TF ops: Tile with
     * constant multiples. Rejected: tiling the dynamic batch dimension.
     */
    record Tile(List<Integer> multiples) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        public Tile {
            multiples = List.copyOf(multiples);
        }

        private TfOp tf() {
            return TfOp.of(Reference.TILE, "Tile", Map.of(), input(0),
                    Operand.of(Reference.vector(multiples.stream().mapToInt(Integer::intValue).toArray())));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Tile");
            TensorType x = inputs.get(0);
            if (x.rank() > 0 && x.dim(0) == Shape.UNKNOWN && multiples.get(0) != 1) {
                throw new IllegalArgumentException("tiling the batch dimension is not supported");
            }
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf().evaluate(inputs);
        }

        @Override
        public String describe() {
            return "Tile " + multiples;
        }

        @Override
        public Traits traits() {
            return Traits.copying(true);
        }
    }

    /**
     * <b>Gather</b>: {@code y = params[..., indices, ...]} along {@code axis}: {@code y.shape =
     * params.shape[:axis] + indices.shape + params.shape[axis+1:]}. With a constant {@code table}
     * (an embedding lookup) the one runtime input is the int32/int64 indices; otherwise the runtime
     * inputs are (params, indices).
     *
     * <p>TF ops: GatherV2 (constant axis, batch_dims 0), Gather. Rejected: an index outside the
     * axis (at evaluation, as TensorFlow's CPU kernel does), non-integer indices.
     */
    record Gather(int axis, Tensor table) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        private TfOp tf() {
            return table == null
                    ? TfOp.of(Reference.GATHER, "GatherV2", Map.of(), input(0), input(1), Operand.of(Reference.scalar(axis)))
                    : TfOp.of(Reference.GATHER, "GatherV2", Map.of(), Operand.of(table), input(0), Operand.of(Reference.scalar(axis)));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, table == null ? 2 : 1, "Gather");
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf().evaluate(inputs);
        }

        @Override
        public String describe() {
            return table != null ? "Embedding " + table.shape() + " axis=" + axis : "Gather axis=" + axis;
        }

        @Override
        public Traits traits() {
            return Traits.copying(false);
        }

        @Override
        public Map<String, Tensor> constants() {
            return named("table", table);
        }
    }

    /** The reductions of {@link Reduce}. */
    enum ReduceKind { SUM, MEAN, PROD, MAX, MIN }

    /**
     * <b>Reduce</b>: sum, mean, product, max or min over {@code axes} (non-negative, sorted), which
     * are removed, or kept as 1 with {@code keepDims}. Sums and products in double.
     *
     * <p>TF ops: Sum, Mean, Prod, Max, Min with constant axes (Mean/Max over H,W of a rank-4 input
     * become {@link GlobalPool}). Rejected: reducing the dynamic batch axis 0.
     */
    record Reduce(ReduceKind kind, List<Integer> axes, boolean keepDims) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        public Reduce {
            axes = List.copyOf(axes);
        }

        private TfOp tf() {
            return TfOp.of(Reference.reduce(io.nnport.frontend.tf.ops.Reduce.Kind.valueOf(kind.name())), kind.name(),
                    Reference.attrs("keep_dims", new Attr.Bool(keepDims)), input(0),
                    Operand.of(Reference.vector(axes.stream().mapToInt(Integer::intValue).toArray())));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Reduce");
            TensorType x = inputs.get(0);
            if (axes.contains(0) && x.rank() > 0 && x.dim(0) == Shape.UNKNOWN) {
                throw new IllegalArgumentException("reducing over the dynamic batch dimension is not supported");
            }
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf().evaluate(inputs);
        }

        @Override
        public String describe() {
            return "Reduce " + kind.name().toLowerCase(java.util.Locale.ROOT) + " axes=" + axes + (keepDims ? " keep_dims" : "");
        }

        @Override
        public Traits traits() {
            boolean exact = kind == ReduceKind.MAX || kind == ReduceKind.MIN;
            return new Traits(false, Traits.InPlace.NONE, false, kind != ReduceKind.PROD, exact);
        }
    }

    /**
     * <b>ArgMax</b>: the index of the first maximum along {@code axis}, which is removed; output
     * int32 or int64 ({@code outputType}). TF ops: ArgMax with a constant axis. Rejected: the
     * dynamic batch axis 0.
     */
    record ArgMax(int axis, DType outputType) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        private TfOp tf() {
            return TfOp.of(Reference.ARG_MAX, "ArgMax", Reference.attrs("output_type", Reference.type(outputType)),
                    input(0), Operand.of(Reference.scalar(axis)));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "ArgMax");
            if (axis == 0 && inputs.get(0).rank() > 0 && inputs.get(0).dim(0) == Shape.UNKNOWN) {
                throw new IllegalArgumentException("ArgMax over the dynamic batch dimension is not supported");
            }
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf().evaluate(inputs);
        }

        @Override
        public String describe() {
            return "ArgMax axis=" + axis + " " + outputType;
        }

        @Override
        public Traits traits() {
            return new Traits(false, Traits.InPlace.NONE, false, false, true);
        }
    }

    /**
     * <b>Cast</b>: each element converted to {@code to} (float to integer truncates toward zero,
     * to bool is {@code x != 0}). TF ops: Cast. Rejected: strings.
     */
    record Cast(DType to) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        private TfOp tf() {
            return TfOp.of(Reference.CAST, "Cast", Reference.attrs("DstT", Reference.type(to)), input(0));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Cast");
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf().evaluate(inputs);
        }

        @Override
        public String describe() {
            return "Cast to " + to;
        }

        @Override
        public Traits traits() {
            return new Traits(true, Traits.InPlace.NONE, false, true, true);
        }
    }

    /**
     * <b>Resize</b>: NHWC images resized to {@code height x width}, bilinear or nearest neighbour,
     * with TensorFlow's {@code align_corners} / {@code half_pixel_centers} coordinate rules. TF ops:
     * ResizeBilinear, ResizeNearestNeighbor with a constant size. Rejected: both flags set,
     * non-float32 input.
     */
    record Resize(boolean bilinear, int height, int width, boolean alignCorners, boolean halfPixelCenters)
            implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        private TfOp tf() {
            return TfOp.of(bilinear ? Reference.RESIZE_BILINEAR : Reference.RESIZE_NEAREST,
                    bilinear ? "ResizeBilinear" : "ResizeNearestNeighbor",
                    Reference.attrs("align_corners", new Attr.Bool(alignCorners), "half_pixel_centers", new Attr.Bool(halfPixelCenters)),
                    input(0), Operand.of(Reference.vector(height, width)));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "Resize");
            return tf().infer(inputs);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return tf().evaluate(inputs);
        }

        @Override
        public String describe() {
            return (bilinear ? "ResizeBilinear " : "ResizeNearest ") + height + "x" + width
                    + (alignCorners ? " align_corners" : "") + (halfPixelCenters ? " half_pixel_centers" : "");
        }

        @Override
        public Traits traits() {
            return new Traits(false, Traits.InPlace.NONE, false, true, !bilinear);
        }
    }

    /**
     * <b>PReLU</b>: {@code y = x > 0 ? x : alpha * x}, alpha a constant broadcast against x's
     * per-sample shape (NumPy rules; Keras' default alpha has the input's shape without the batch).
     *
     * <p>TF ops: the pattern Keras and tfjs export, {@code Relu(x) + Mul(-alpha, Relu(Neg(x)))}
     * (operands in either order), fused by the PReLU pass. Rejected: an alpha that does not broadcast.
     */
    record PReLU(Tensor alpha) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        private TfOp mul() {
            return TfOp.of(Reference.binary(io.nnport.frontend.tf.ops.Binary.Fn.MUL), "Mul", Map.of(), input(0), Operand.of(alpha));
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 1, "PReLU");
            TensorType y = mul().infer(inputs).get(0);
            if (!y.shape().equals(inputs.get(0).shape())) {
                throw new IllegalArgumentException("alpha " + alpha.shape() + " would broadcast input " + inputs.get(0).shape() + " to " + y.shape());
            }
            return one(y);
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            Tensor x = inputs.get(0);
            float[] scaled = mul().evaluate(inputs).get(0).floats();
            float[] y = x.floats();
            for (int i = 0; i < y.length; i++) {
                if (!(y[i] > 0)) {
                    y[i] = y[i] == 0 ? y[i] : scaled[i];
                }
            }
            return List.of(Tensor.ofFloats(x.shape(), y));
        }

        @Override
        public String describe() {
            return "PReLU alpha" + alpha.shape();
        }

        @Override
        public Traits traits() {
            return new Traits(true, Traits.InPlace.FIRST, false, true, false);
        }

        @Override
        public Map<String, Tensor> constants() {
            return named("alpha", alpha);
        }
    }

    /**
     * <b>Constant</b>: a constant tensor used as a runtime operand (e.g. a zero LSTM state concatenated
     * with an input); no inputs. TF ops: Const read by a layer that takes no constant operand there.
     */
    record Constant(Tensor value) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        @Override
        public List<TensorType> outputTypes(List<TensorType> inputs) {
            arity(inputs, 0, "Constant");
            return one(new TensorType(value.dtype(), value.shape()));
        }

        @Override
        public List<Tensor> evaluate(List<Tensor> inputs) {
            return List.of(value);
        }

        @Override
        public String describe() {
            return "Constant " + value.dtype() + value.shape();
        }

        @Override
        public Traits traits() {
            return new Traits(false, Traits.InPlace.NONE, false, false, true);
        }

        @Override
        public Map<String, Tensor> constants() {
            return named("value", value);
        }
    }
}
