package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Facts;
import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.Ref;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.Activation;
import io.nnport.ir.layers.AddNLayer;
import io.nnport.ir.layers.ArgMaxLayer;
import io.nnport.ir.layers.BatchMatMulLayer;
import io.nnport.ir.layers.BatchNormLayer;
import io.nnport.ir.layers.BinaryLayer;
import io.nnport.ir.layers.CastLayer;
import io.nnport.ir.layers.ConcatLayer;
import io.nnport.ir.layers.ConvLayer;
import io.nnport.ir.layers.DenseLayer;
import io.nnport.ir.layers.DepthwiseConv2DLayer;
import io.nnport.ir.layers.Epilogue;
import io.nnport.ir.layers.GatherLayer;
import io.nnport.ir.layers.GlobalPoolLayer;
import io.nnport.ir.layers.Layer;
import io.nnport.ir.layers.PadLayer;
import io.nnport.ir.layers.PoolLayer;
import io.nnport.ir.layers.ReduceLayer;
import io.nnport.ir.layers.ReshapeLayer;
import io.nnport.ir.layers.ResizeLayer;
import io.nnport.ir.layers.SoftmaxLayer;
import io.nnport.ir.layers.SplitLayer;
import io.nnport.ir.layers.TileLayer;
import io.nnport.ir.layers.TransposeLayer;
import io.nnport.ir.layers.TransposedConv2DLayer;
import io.nnport.ir.layers.UnaryLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * How a TensorFlow op becomes a layer of the core set: the {@link Rule}s that the {@link OpTable}'s
 * lines name, each mapping a sanitized node (and what shape inference knows of its inputs) onto one
 * {@link Layer}. Fusion happens later, in the core's layer passes, so no rule knows about kernels.
 */
public final class Lowering {

    /** Lowers one node, given what shape inference knows. */
    @FunctionalInterface
    public interface Rule {
        Lowered lower(Node node, Context c);
    }

    /** A node's layer and the tensors it reads at run time (constants it takes as fields are not listed). */
    public record Lowered(Layer layer, List<Ref> inputs) {
        static Lowered of(Layer layer, Ref... inputs) {
            return new Lowered(layer, List.of(inputs));
        }
    }

    /** What a rule may ask about the node being lowered. */
    public record Context(Node node, Facts facts) {
        TensorInfo in(int i) {
            TensorInfo info = facts.info(node.input(i));
            if (info == null) {
                throw node.error("input " + i + " (" + node.input(i) + ") has no known type");
            }
            return info;
        }

        Shape inShape(int i) {
            return in(i).shape();
        }

        boolean isConstant(int i) {
            return facts.value(node.input(i)) != null;
        }

        /** The constant value of input i; an error naming what must be constant otherwise. */
        Tensor constant(int i, String what) {
            Tensor value = facts.value(node.input(i));
            if (value == null) {
                throw node.error(what + " (input " + i + ") must be a constant; it is computed at run time");
            }
            return value;
        }

        Ref ref(int i) {
            return node.input(i);
        }

        Shape outShape() {
            TensorInfo info = facts.info(Ref.of(node.name()));
            if (info == null) {
                throw node.error("has no known output type");
            }
            return info.shape();
        }

        int rank(int i) {
            Shape s = inShape(i);
            if (!s.hasRank()) {
                throw node.error("input " + i + " has an unknown rank; fix the input shapes with --input NAME=d0,d1,...");
            }
            return s.rank();
        }
    }

    private Lowering() {}

    static Lowered leakyRelu(Node n, Context c) {
        return Lowered.of(new UnaryLayer(Activation.LEAKY_RELU, n.floatAttr("alpha", 0.2f)), c.ref(0));
    }

    static Rule softmax(boolean log) {
        return (n, c) -> Lowered.of(new SoftmaxLayer(log), c.ref(0));
    }

    static Lowered addN(Node n, Context c) {
        return new Lowered(new AddNLayer(), n.inputs());
    }

    static Lowered transpose(Node n, Context c) {
        return Lowered.of(new TransposeLayer(ints(c.constant(1, "perm"))), c.ref(0));
    }

    static Lowered tile(Node n, Context c) {
        return Lowered.of(new TileLayer(ints(c.constant(1, "multiples"))), c.ref(0));
    }

    static Lowered cast(Node n, Context c) {
        return Lowered.of(new CastLayer(n.typeAttr("DstT")), c.ref(0));
    }

    static Rule activation(Activation fn) {
        return (n, c) -> Lowered.of(new UnaryLayer(fn, 0f), c.ref(0));
    }

    static Rule binary(BinaryLayer.Op op) {
        return (n, c) -> {
            boolean firstConstant = c.isConstant(0);
            boolean secondConstant = c.isConstant(1);
            if (secondConstant) {
                return Lowered.of(new BinaryLayer(op, c.constant(1, "operand"), false), c.ref(0));
            }
            if (firstConstant) {
                return Lowered.of(new BinaryLayer(op, c.constant(0, "operand"), true), c.ref(1));
            }
            return Lowered.of(BinaryLayer.of(op), c.ref(0), c.ref(1));
        };
    }

    private static void requireNhwc(Node node) {
        if (!node.stringAttr("data_format", "NHWC").equals("NHWC")) {
            throw node.error("data_format " + node.stringAttr("data_format") + " is not supported (NHWC only)");
        }
    }

    private static int[] spatial(Node node, String attr) {
        long[] values = node.intsAttr(attr, 1, 1, 1, 1);
        if (values.length != 4 || values[0] != 1 || values[3] != 1) {
            throw node.error(attr + " must be [1,h,w,1], is " + Arrays.toString(values));
        }
        return new int[] {(int) values[1], (int) values[2]};
    }

    static Lowered conv2d(Node n, Context c) {
        requireNhwc(n);
        int[] s = spatial(n, "strides");
        int[] d = spatial(n, "dilations");
        return Lowered.of(new ConvLayer(c.constant(1, "filter"), s[0], s[1], d[0], d[1], Conv.padding(n), Epilogue.NONE), c.ref(0));
    }

    static Lowered depthwise(Node n, Context c) {
        requireNhwc(n);
        int[] s = spatial(n, "strides");
        int[] d = spatial(n, "dilations");
        return Lowered.of(new DepthwiseConv2DLayer(c.constant(1, "filter"), s[0], s[1], d[0], d[1], Conv.padding(n), Epilogue.NONE),
                c.ref(0));
    }

    static Lowered transposedConv(Node n, Context c) {
        requireNhwc(n);
        int[] s = spatial(n, "strides");
        int[] d = spatial(n, "dilations");
        long[] sizes = c.isConstant(0) ? c.constant(0, "input_sizes").longs() : c.facts().partial().get(c.ref(0));
        if (sizes == null || sizes.length != 4) {
            throw n.error("input_sizes must be a constant [N,H,W,C] (N may be the dynamic batch)");
        }
        return Lowered.of(new TransposedConv2DLayer(c.constant(1, "filter"), (int) sizes[1], (int) sizes[2], s[0], s[1], d[0],
                d[1], Conv.padding(n), Epilogue.NONE), c.ref(2));
    }

    static Lowered matMul(Node n, Context c) {
        boolean ta = n.boolAttr("transpose_a", false);
        boolean tb = n.boolAttr("transpose_b", false);
        if (!ta && c.isConstant(1) && !c.isConstant(0)) {
            Tensor b = c.constant(1, "weights");
            return Lowered.of(new DenseLayer(tb ? transpose2d(b) : b, Epilogue.NONE), c.ref(0));
        }
        return Lowered.of(new BatchMatMulLayer(ta, tb), c.ref(0), c.ref(1));
    }

    /** A new [K,M] tensor from an [M,K] one (MatMul's transpose_b folded into the weights). */
    static Tensor transpose2d(Tensor m) {
        int rows = m.shape().dim(0);
        int cols = m.shape().dim(1);
        int[] index = new int[rows * cols];
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < rows; j++) {
                index[i * rows + j] = j * cols + i;
            }
        }
        return m.select(Shape.of(cols, rows), index);
    }

    static Lowered batchMatMul(Node n, Context c) {
        return Lowered.of(new BatchMatMulLayer(n.boolAttr("adj_x", false), n.boolAttr("adj_y", false)), c.ref(0), c.ref(1));
    }

    static Lowered biasAdd(Node n, Context c) {
        requireNhwc(n);
        if (!c.isConstant(1)) {
            return Lowered.of(BinaryLayer.of(BinaryLayer.Op.ADD), c.ref(0), c.ref(1));
        }
        return Lowered.of(new BinaryLayer(BinaryLayer.Op.ADD, c.constant(1, "bias"), false), c.ref(0));
    }

    static Lowered batchNorm(Node n, Context c) {
        requireNhwc(n);
        if (n.boolAttr("is_training", true)) {
            throw n.error("training-mode batch norm (is_training=true) is on the inference path; bind the training flag"
                    + " (e.g. --constant is_train=false)");
        }
        Tensor gamma = c.constant(1, "scale");
        Tensor beta = c.constant(2, "offset");
        Tensor mean = c.constant(3, "mean");
        Tensor variance = c.constant(4, "variance");
        double epsilon = n.floatAttr("epsilon", 1e-4f);
        int channels = gamma.size();
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        for (int i = 0; i < channels; i++) {
            double s = gamma.getDouble(i) / Math.sqrt(variance.getDouble(i) + epsilon);
            scale[i] = (float) s;
            shift[i] = (float) (beta.getDouble(i) - mean.getDouble(i) * s);
        }
        Epilogue epilogue = Epilogue.NONE.thenScaleShift(Tensor.ofFloats(Shape.of(channels), scale),
                Tensor.ofFloats(Shape.of(channels), shift));
        return Lowered.of(new BatchNormLayer(epilogue), c.ref(0));
    }

    static Rule pool(PoolLayer.Kind kind) {
        return (n, c) -> {
            requireNhwc(n);
            long[] k = n.intsAttr("ksize");
            long[] s = n.intsAttr("strides");
            if (k.length != 4 || s.length != 4 || k[0] != 1 || k[3] != 1 || s[0] != 1 || s[3] != 1) {
                throw n.error("ksize and strides must be [1,h,w,1]");
            }
            return Lowered.of(new PoolLayer(kind, 2, (int) k[1], (int) k[2], (int) s[1], (int) s[2], Conv.padding(n)), c.ref(0));
        };
    }

    private static List<Integer> axes(Context c, int input, int rank) {
        TreeSet<Integer> axes = new TreeSet<>();
        for (long axis : c.constant(input, "axes").longs()) {
            if (axis < -rank || axis >= rank) {
                throw c.node().error("axis " + axis + " is out of range for rank " + rank);
            }
            axes.add((int) (axis < 0 ? axis + rank : axis));
        }
        return new ArrayList<>(axes);
    }

    static Rule reduce(ReduceLayer.Kind kind) {
        return (n, c) -> {
            int rank = c.rank(0);
            List<Integer> axes = axes(c, 1, rank);
            boolean keepDims = n.boolAttr("keep_dims", false);
            if (rank == 4 && axes.equals(List.of(1, 2)) && (kind == ReduceLayer.Kind.MEAN || kind == ReduceLayer.Kind.MAX)
                    && c.in(0).dtype() == DType.FLOAT32) {
                return Lowered.of(new GlobalPoolLayer(kind == ReduceLayer.Kind.MAX ? PoolLayer.Kind.MAX : PoolLayer.Kind.AVG, keepDims), c.ref(0));
            }
            return Lowered.of(new ReduceLayer(kind, axes, keepDims), c.ref(0));
        };
    }

    static Lowered argMax(Node n, Context c) {
        int axis = axes(c, 1, c.rank(0)).get(0);
        return Lowered.of(new ArgMaxLayer(axis, n.typeAttr("output_type", DType.INT64)), c.ref(0));
    }

    static Lowered reshape(Node n, Context c) {
        Shape out = c.outShape();
        if (!out.hasRank()) {
            throw n.error("output rank is unknown; fix the input shapes with --input NAME=d0,d1,...");
        }
        try {
            return Lowered.of(new ReshapeLayer(out), c.ref(0));
        } catch (IllegalArgumentException e) {
            throw n.error("output shape " + out + " has an unknown dimension other than the batch; fix the input shapes with --input NAME=d0,d1,...");
        }
    }

    private static int normalizedAxis(Node n, long axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw n.error("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    static Lowered concat(Node n, Context c) {
        int last = n.inputs().size() - 1;
        int axis = normalizedAxis(n, c.constant(last, "axis").getLong(0), c.outShape().rank());
        return new Lowered(new ConcatLayer(axis, false), n.inputs().subList(0, last));
    }

    static Lowered pack(Node n, Context c) {
        int axis = normalizedAxis(n, n.intAttr("axis", 0), c.outShape().rank());
        return new Lowered(new ConcatLayer(axis, true), n.inputs());
    }

    static Lowered unpack(Node n, Context c) {
        int axis = normalizedAxis(n, n.intAttr("axis", 0), c.rank(0));
        int num = (int) n.intAttr("num");
        return Lowered.of(new SplitLayer(axis, Collections.nCopies(num, 1), true), c.ref(0));
    }

    static Lowered split(Node n, Context c) {
        int axis = normalizedAxis(n, c.constant(0, "axis").getLong(0), c.rank(1));
        int num = (int) n.intAttr("num_split");
        int size = c.inShape(1).dim(axis);
        if (size < 0 || size % num != 0) {
            throw n.error("dimension " + axis + " of " + c.inShape(1) + " does not split into " + num + " equal known parts");
        }
        return Lowered.of(new SplitLayer(axis, Collections.nCopies(num, size / num), false), c.ref(1));
    }

    static Lowered splitV(Node n, Context c) {
        int axis = normalizedAxis(n, c.constant(2, "axis").getLong(0), c.rank(0));
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; c.facts().info(new Ref(n.name(), i)) != null; i++) {
            sizes.add(c.facts().info(new Ref(n.name(), i)).shape().dim(axis));
        }
        return Lowered.of(new SplitLayer(axis, sizes, false), c.ref(0));
    }

    static Lowered stridedSlice(Node n, Context c) {
        return Lowered.of(new Slicing(true).toLayer(n, c.inShape(0), c.constant(1, "begin").longs(), c.constant(2, "end").longs(),
                c.constant(3, "strides").longs()), c.ref(0));
    }

    static Lowered slice(Node n, Context c) {
        return Lowered.of(new Slicing(false).toLayer(n, c.inShape(0), c.constant(1, "begin").longs(), c.constant(2, "size").longs(),
                null), c.ref(0));
    }

    static Lowered pad(Node n, Context c) {
        long[] paddings = c.constant(1, "paddings").longs();
        List<Integer> before = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        for (int d = 0; d < paddings.length / 2; d++) {
            before.add((int) paddings[2 * d]);
            after.add((int) paddings[2 * d + 1]);
        }
        double value = n.inputs().size() > 2 ? c.constant(2, "constant_values").getDouble(0) : 0;
        return Lowered.of(new PadLayer(before, after, value), c.ref(0));
    }

    static Lowered gather(Node n, Context c) {
        int axis = n.op().equals("GatherV2") ? normalizedAxis(n, c.constant(2, "axis").getLong(0), c.rank(0)) : 0;
        if (n.intAttr("batch_dims", 0) != 0) {
            throw n.error("batch_dims other than 0 is not supported");
        }
        if (c.isConstant(0)) {
            return Lowered.of(new GatherLayer(axis, c.constant(0, "params")), c.ref(1));
        }
        return Lowered.of(new GatherLayer(axis, null), c.ref(0), c.ref(1));
    }

    static Rule resize(boolean bilinear) {
        return (n, c) -> {
            int[] size = c.constant(1, "size").ints();
            return Lowered.of(new ResizeLayer(bilinear, size[0], size[1], n.boolAttr("align_corners", false),
                    n.boolAttr("half_pixel_centers", false)), c.ref(0));
        };
    }

    private static List<Integer> ints(Tensor t) {
        List<Integer> values = new ArrayList<>();
        for (long v : t.longs()) {
            values.add(Math.toIntExact(v));
        }
        return values;
    }
}
