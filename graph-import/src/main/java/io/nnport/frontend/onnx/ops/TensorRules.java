package io.nnport.frontend.onnx.ops;

import io.nnport.frontend.onnx.OnnxNode;
import io.nnport.frontend.onnx.TensorDecoder;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Axes;
import io.nnport.ir.eval.Rearrangements;
import io.nnport.ir.layers.Activation;
import io.nnport.ir.layers.ArgMaxLayer;
import io.nnport.ir.layers.CastLayer;
import io.nnport.ir.layers.ConcatLayer;
import io.nnport.ir.layers.GatherLayer;
import io.nnport.ir.layers.PadLayer;
import io.nnport.ir.layers.ReduceLayer;
import io.nnport.ir.layers.ReshapeLayer;
import io.nnport.ir.layers.ResizeLayer;
import io.nnport.ir.layers.SliceLayer;
import io.nnport.ir.layers.SoftmaxLayer;
import io.nnport.ir.layers.SplitLayer;
import io.nnport.ir.layers.TileLayer;
import io.nnport.ir.layers.TransposeLayer;
import io.nnport.ir.layers.UnaryLayer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shapes, rearrangements, reductions, constants and passthroughs. Rules that know their axes remap
 * them onto a channels-last operand; rules that observe ONNX's element order (Reshape, Flatten,
 * Squeeze, Unsqueeze, Gather) ask for it.
 */
final class TensorRules {
    private TensorRules() {}

    private static boolean channelsLast(Operand x) {
        return x instanceof Operand.Runtime r && r.channelsLast();
    }

    /** An operand in ONNX's element order (a transpose, or an aliasing reshape when the bytes already are; see {@link Lowerer}). */
    private static Operand inOnnxOrder(Lowerer l, Operand x) {
        return x instanceof Operand.Runtime r && r.channelsLast() ? l.inOnnxOrder(r) : x;
    }

    /** The physical axis of a (possibly negative) ONNX axis of x. */
    private static int axis(Operand x, long axis) {
        int a = Axes.normalize(axis, x.rank());
        return channelsLast(x) ? Layout.physicalAxis(a, x.rank()) : a;
    }

    // ---- reductions and softmax

    /**
     * Softmax, LogSoftmax over one axis (opset 13 on, default -1), or before opset 13 over the
     * flattened axes from {@code axis} (default 1) on. The core's softmax is over the last axis: on
     * a channels-last operand that is ONNX's axis 1; another single axis is swapped with the last
     * around it.
     */
    static OnnxOpTable.Rule softmax(boolean log) {
        return (node, l) -> {
            Operand x = l.in(node, 0);
            int rank = x.rank();
            int a = Axes.normalize(node.intAttr("axis", node.opset() < 13 ? 1 : -1), rank);
            if (node.opset() < 13 && a != rank - 1) {
                Operand native_ = inOnnxOrder(l, x);
                int[] dims = native_.logicalShape().dims();
                int inner = 1;
                for (int i = a; i < rank; i++) {
                    inner *= dims[i];
                }
                int[] flat = Arrays.copyOf(dims, a + 1);
                flat[a] = inner;
                Operand flattened = l.emitStep(node, "flat", new ReshapeLayer(Shape.of(flat)), List.of(native_), false);
                Operand y = l.emitStep(node, "softmax", new SoftmaxLayer(log), List.of(flattened), false);
                l.emit(node, new ReshapeLayer(native_.logicalShape()), List.of(y), false);
                return;
            }
            boolean last = channelsLast(x);
            int p = axis(x, a);
            if (p == rank - 1) {
                l.emit(node, new SoftmaxLayer(log), List.of(x), last);
                return;
            }
            List<Integer> swap = new ArrayList<>();
            for (int i = 0; i < rank; i++) {
                swap.add(i == p ? rank - 1 : i == rank - 1 ? p : i);
            }
            Operand moved = l.emitStep(node, "to_last", new TransposeLayer(swap), List.of(x), last);
            Operand y = l.emitStep(node, "softmax", new SoftmaxLayer(log), List.of(moved), last);
            l.emit(node, new TransposeLayer(swap), List.of(y), last);
        };
    }

    /** ReduceMean, ReduceSum, ... : axes an attribute (an input from opset 18, ReduceSum from 13), keepdims default 1. */
    static OnnxOpTable.Rule reduce(ReduceLayer.Kind kind) {
        return (node, l) -> {
            Operand x = l.in(node, 0);
            Operand input = keepsDims(node) ? x : inOnnxOrder(l, x);
            ReduceLayer layer = reduceLayer(node, l, kind, input);
            if (layer == null) {
                l.bind(node, 0, x);
                return;
            }
            l.emit(node, layer, List.of(input), channelsLast(input));
        };
    }

    /**
     * ReduceL2, {@code sqrt(sum(x^2))}: Unary square, Reduce sum, Unary sqrt; axes an attribute
     * before opset 18, an input from 18.
     */
    static void reduceL2(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        Operand input = keepsDims(node) ? x : inOnnxOrder(l, x);
        ReduceLayer layer = reduceLayer(node, l, ReduceLayer.Kind.SUM, input);
        Operand squared = l.emitStep(node, "square", new UnaryLayer(Activation.SQUARE, 0f), List.of(input), channelsLast(input));
        Operand sum = layer == null ? squared : l.emitStep(node, "sum", layer, List.of(squared), channelsLast(squared));
        l.emit(node, new UnaryLayer(Activation.SQRT, 0f), List.of(sum), channelsLast(sum));
    }

    /**
     * The reduction a Reduce node asks for on {@code x}'s physical axes; null when it reduces nothing
     * (empty axes with noop_with_empty_axes).
     */
    private static ReduceLayer reduceLayer(OnnxNode node, Lowerer l, ReduceLayer.Kind kind, Operand x) {
        boolean axesInput = node.opset() >= 18 || node.op().equals("ReduceSum") && node.opset() >= 13;
        long[] axes = axesInput ? (node.hasInput(1) ? l.constant(node, 1, "axes").longs() : null) : node.intsAttr("axes", null);
        if (axes == null || axes.length == 0) {
            if (node.intAttr("noop_with_empty_axes", 0) != 0) {
                return null;
            }
            axes = new long[x.rank()];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        List<Integer> physical = new ArrayList<>();
        for (long a : axes) {
            physical.add(axis(x, a));
        }
        physical.sort(null);
        return new ReduceLayer(kind, physical, keepsDims(node));
    }

    /** keepdims, default 1: a reduction that removes axes reads its input in ONNX's order. */
    private static boolean keepsDims(OnnxNode node) {
        return node.intAttr("keepdims", 1) != 0;
    }

    /**
     * ArgMax: axis (default 0), keepdims (default 1), int64 indices of the first maximum; an input
     * in ONNX's order, the kept axis restored by a Reshape. select_last_index (opset 12 on) 1 is
     * refused by name: the core's ArgMax takes the first maximum.
     */
    static void argMax(OnnxNode node, Lowerer l) {
        if (node.intAttr("select_last_index", 0) != 0) {
            throw node.error("select_last_index=1 is not supported (the first maximum is taken)");
        }
        Operand x = inOnnxOrder(l, l.in(node, 0));
        int a = Axes.normalize(node.intAttr("axis", 0), x.rank());
        if (node.intAttr("keepdims", 1) == 0) {
            l.emit(node, new ArgMaxLayer(a, DType.INT64), List.of(x), false);
            return;
        }
        Operand indices = l.emitStep(node, "argmax", new ArgMaxLayer(a, DType.INT64), List.of(x), false);
        int[] kept = x.logicalShape().dims();
        kept[a] = 1;
        l.emit(node, new ReshapeLayer(Shape.of(kept)), List.of(indices), false);
    }

    // ---- shapes

    /**
     * Flatten (axis default 1): {@code [d0 * ... * d(axis-1), rest]}. A channels-last operand read only
     * by Gemm or MatMul with constant weights is flattened as it is, and they permute their weight rows.
     */
    static void flatten(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        int rank = x.rank();
        int a = Axes.normalize(node.intAttr("axis", 1), rank + 1);
        int[] dims = x.logicalShape().dims();
        long outer = 1;
        long inner = 1;
        for (int i = 0; i < rank; i++) {
            if (i < a) {
                outer *= dims[i];
            } else {
                inner *= dims[i];
            }
        }
        boolean batched = x instanceof Operand.Runtime r && r.batched();
        if (batched && a != 1) {
            throw node.error("Flatten at axis " + a + " would merge the dynamic batch; fix the batch with --input NAME=d0,d1,...");
        }
        Shape target = batched ? Shape.of(-1, (int) inner) : Shape.of((int) outer, (int) inner);
        if (a != 1 || !flattenForProducts(node, l, x, target)) {
            l.emit(node, new ReshapeLayer(target), List.of(inOnnxOrder(l, x)), false);
        }
    }

    /**
     * Flattens a channels-last operand to {@code [N, features]} as it is, when only Gemm/MatMul
     * with constant weights read the result (they permute their weight rows to match); false when
     * that does not apply and the caller must flatten in ONNX's order.
     */
    private static boolean flattenForProducts(OnnxNode node, Lowerer l, Operand x, Shape target) {
        if (!channelsLast(x) || target.rank() != 2 || !readOnlyByProducts(node, l)) {
            return false;
        }
        Operand.Runtime flat = (Operand.Runtime) l.emit(node, new ReshapeLayer(target), List.of(x), true, false).get(0);
        l.bind(node, 0, new Operand.Runtime(flat.value(), flat.type(), false, featureOrder(x.logicalShape())));
        return true;
    }

    private static boolean readOnlyByProducts(OnnxNode node, Lowerer l) {
        String flat = node.outputs().get(0);
        List<OnnxNode> readers = l.consumers(flat);
        if (readers.isEmpty() || l.isGraphOutput(flat)) {
            return false;
        }
        for (OnnxNode reader : readers) {
            boolean product = reader.op().equals("Gemm") && reader.intAttr("transA", 0) == 0 || reader.op().equals("MatMul");
            if (!product || !reader.inputs().get(0).equals(flat) || reader.inputs().size() < 2 || reader.inputs().get(1).equals(flat)
                    || !(l.lookup(reader.inputs().get(1)) instanceof Operand.Const weights) || weights.value().rank() != 2) {
                return false;
            }
        }
        return true;
    }

    /** For a channels-first {@code [N, C, spatial...]}: which ONNX feature each channels-last feature is. */
    private static int[] featureOrder(Shape logical) {
        int[] dims = Arrays.copyOfRange(logical.dims(), 1, logical.rank());
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        long[] iota = new long[n];
        for (int i = 0; i < n; i++) {
            iota[i] = i;
        }
        long[] perm = new long[dims.length];
        for (int i = 0; i < dims.length - 1; i++) {
            perm[i] = i + 1;
        }
        Tensor permuted = Rearrangements.transpose(Tensor.ofLongs(Shape.of(dims), iota), perm);
        return permuted.ints();
    }

    /**
     * Reshape: shape a constant input (opset 5 on); 0 copies the input's dimension (unless
     * allowzero, opset 14), -1 is inferred. The dynamic batch stays dimension 0: the target names
     * it by a 0, a -1 or the batch size taken from a Shape. A flatten to {@code [N, features]} read
     * only by products keeps a channels-last operand as it is (see Flatten).
     */
    static void reshape(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        Operand shapeOperand = l.in(node, 1);
        Tensor target = l.constant(node, 1, "shape");
        boolean allowZero = node.intAttr("allowzero", 0) != 0;
        boolean batched = x instanceof Operand.Runtime r && r.batched();
        int[] in = x.logicalShape().dims();
        long[] t = target.longs();
        int[] out = new int[t.length];
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < t.length; i++) {
            boolean batch = shapeOperand instanceof Operand.Const c && c.isBatch(i);
            if (batch || batched && i == 0 && t[i] == 0 && !allowZero) {
                if (!batched || i != 0) {
                    throw node.error("the batch size must stay dimension 0");
                }
                out[i] = -1;
                continue;
            }
            long d = t[i] == 0 && !allowZero ? in[i] : t[i];
            if (d == -1) {
                if (unknown >= 0) {
                    throw node.error("shape " + Arrays.toString(t) + " has two -1");
                }
                unknown = i;
                continue;
            }
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw node.error("shape " + Arrays.toString(t) + " has dimension " + d);
            }
            out[i] = (int) d;
            known *= d;
        }
        long total = 1;
        for (int i = batched ? 1 : 0; i < in.length; i++) {
            total *= in[i];
        }
        boolean batchKept = batched && out.length > 0 && out[0] == -1 && unknown != 0;
        if (unknown >= 0) {
            if (batched && !batchKept && unknown == 0) {
                out[0] = -1;
                if (known != total) {
                    throw node.error("shape " + Arrays.toString(t) + " does not keep the batch as dimension 0 of input "
                            + x.logicalShape());
                }
            } else {
                if (known == 0 || total % known != 0) {
                    throw node.error("cannot reshape " + x.logicalShape() + " to " + Arrays.toString(t));
                }
                out[unknown] = (int) (total / known);
            }
        }
        if (batched && out[0] != -1) {
            throw node.error("shape " + Arrays.toString(t) + " does not keep the dynamic batch as dimension 0");
        }
        boolean keepsSamples = out.length == 2 && in.length > 0 && out[0] == in[0];
        if (!keepsSamples || !flattenForProducts(node, l, x, Shape.of(out))) {
            l.emit(node, new ReshapeLayer(Shape.of(out)), List.of(inOnnxOrder(l, x)), false);
        }
    }

    /** The axes of Squeeze/Unsqueeze: an attribute before opset 13, an optional input from 13 on. */
    private static long[] axesOf(OnnxNode node, Lowerer l) {
        if (node.opset() < 13) {
            return node.intsAttr("axes", null);
        }
        return node.hasInput(1) ? l.constant(node, 1, "axes").longs() : null;
    }

    /** Squeeze: the listed axes of size 1 removed (all of them when none is listed). */
    static void squeeze(OnnxNode node, Lowerer l) {
        Operand x = inOnnxOrder(l, l.in(node, 0));
        int[] dims = x.logicalShape().dims();
        long[] axes = axesOf(node, l);
        boolean[] drop = new boolean[dims.length];
        if (axes == null) {
            for (int i = 0; i < dims.length; i++) {
                drop[i] = dims[i] == 1;
            }
        } else {
            for (long a : axes) {
                int axis = Axes.normalize(a, dims.length);
                if (dims[axis] != 1) {
                    throw node.error("cannot squeeze axis " + axis + " of shape " + x.logicalShape());
                }
                drop[axis] = true;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            if (!drop[i]) {
                out.add(dims[i]);
            }
        }
        l.emit(node, new ReshapeLayer(Shape.of(out.stream().mapToInt(Integer::intValue).toArray())), List.of(x), false);
    }

    /** Unsqueeze: axes of size 1 inserted, positions in the output. */
    static void unsqueeze(OnnxNode node, Lowerer l) {
        Operand x = inOnnxOrder(l, l.in(node, 0));
        int[] dims = x.logicalShape().dims();
        long[] axes = axesOf(node, l);
        if (axes == null) {
            throw node.error("Unsqueeze needs axes");
        }
        int rank = dims.length + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            inserted[Axes.normalize(a, rank)] = true;
        }
        int[] out = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            out[i] = inserted[i] ? 1 : dims[j++];
        }
        l.emit(node, new ReshapeLayer(Shape.of(out)), List.of(x), false);
    }

    /** Transpose (perm default: reversed). On a channels-last operand the perm is composed with the layout's; none is emitted when they cancel. */
    static void transpose(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        int rank = x.rank();
        long[] perm = node.intsAttr("perm", null);
        if (perm == null) {
            perm = new long[rank];
            for (int i = 0; i < rank; i++) {
                perm[i] = rank - 1 - i;
            }
        }
        List<Integer> physical = new ArrayList<>();
        boolean identity = true;
        for (int i = 0; i < rank; i++) {
            int p = channelsLast(x) ? Layout.physicalAxis((int) perm[i], rank) : (int) perm[i];
            physical.add(p);
            identity &= p == i;
        }
        if (identity && x instanceof Operand.Runtime r) {
            l.bind(node, 0, new Operand.Runtime(r.value(), r.type(), false));
            return;
        }
        Operand y = l.emit(node, new TransposeLayer(physical), List.of(x), channelsLast(x), false).get(0);
        l.noteTranspose(y, x, physical);
    }

    /** Concat along axis (negative from opset 11); constants join as Constant layers. */
    static void concat(OnnxNode node, Lowerer l) {
        List<Operand> inputs = new ArrayList<>();
        for (int i = 0; i < node.inputs().size(); i++) {
            if (node.hasInput(i)) {
                inputs.add(l.in(node, i));
            }
        }
        boolean last = Lowerer.anyChannelsLast(inputs) && inputs.get(0).rank() >= 3;
        int rank = inputs.get(0).rank();
        int a = Axes.normalize(node.intAttr("axis", 0), rank);
        l.emit(node, new ConcatLayer(last ? Layout.physicalAxis(a, rank) : a, false), inputs, last);
    }

    /**
     * Split along axis (default 0): sizes from the {@code split} attribute (before opset 13), the
     * optional second input (13 on), or equal parts (one per output; {@code num_outputs} from 18).
     */
    static void split(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        int a = Axes.normalize(node.intAttr("axis", 0), x.rank());
        long[] sizes = node.opset() < 13 ? node.intsAttr("split", null) : node.hasInput(1) ? l.constant(node, 1, "split").longs() : null;
        int length = x.logicalShape().dim(a);
        int parts = node.outputs().size();
        List<Integer> list = new ArrayList<>();
        if (sizes == null) {
            int each = (length + parts - 1) / parts;
            for (int i = 0; i < parts; i++) {
                list.add(Math.min(each, length - each * i));
            }
        } else {
            for (long s : sizes) {
                list.add(Math.toIntExact(s));
            }
        }
        l.emit(node, new SplitLayer(axis(x, a), list, false), List.of(x), channelsLast(x));
    }

    /**
     * Slice: starts, ends, axes and steps are attributes before opset 10 (no steps) and constant
     * inputs from 10 on; negative indices count from the end and are clamped as ONNX defines.
     */
    static void slice(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (node.opset() < 10) {
            starts = node.intsAttr("starts", new long[0]);
            ends = node.intsAttr("ends", new long[0]);
            axes = node.intsAttr("axes", null);
        } else {
            starts = l.constant(node, 1, "starts").longs();
            ends = l.constant(node, 2, "ends").longs();
            axes = node.hasInput(3) ? l.constant(node, 3, "axes").longs() : null;
            steps = node.hasInput(4) ? l.constant(node, 4, "steps").longs() : null;
        }
        int rank = x.rank();
        int[] dims = x.logicalShape().dims();
        int[] begins = new int[rank];
        int[] strides = new int[rank];
        int[] sizes = dims.clone();
        Arrays.fill(strides, 1);
        for (int i = 0; i < starts.length; i++) {
            int a = Axes.normalize(axes == null ? i : axes[i], rank);
            long step = steps == null ? 1 : steps[i];
            if (step == 0) {
                throw node.error("slice step 0");
            }
            long dim = dims[a];
            if (dim == Shape.UNKNOWN) {
                if (starts[i] != 0 || ends[i] < Integer.MAX_VALUE || step != 1) {
                    throw node.error("slicing the dynamic batch dimension is not supported");
                }
                continue;
            }
            long start = starts[i] < 0 ? starts[i] + dim : starts[i];
            long end = ends[i] < 0 ? ends[i] + dim : ends[i];
            if (step > 0) {
                start = Math.max(0, Math.min(dim, start));
                end = Math.max(0, Math.min(dim, end));
            } else {
                start = Math.max(0, Math.min(dim - 1, start));
                end = Math.max(-1, Math.min(dim - 1, end));
            }
            long count = step > 0 ? (end - start + step - 1) / step : (start - end - step - 1) / -step;
            begins[a] = (int) start;
            strides[a] = (int) step;
            sizes[a] = (int) Math.max(0, count);
        }
        boolean last = channelsLast(x);
        int[] order = last ? Arrays.stream(Layout.toChannelsLast(rank)).mapToInt(p -> (int) p).toArray() : null;
        List<Integer> b = new ArrayList<>();
        List<Integer> s = new ArrayList<>();
        List<Integer> z = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            int src = last ? order[i] : i;
            b.add(begins[src]);
            s.add(strides[src]);
            z.add(sizes[src]);
        }
        l.emit(node, new SliceLayer(b, s, z, Shape.of(z.stream().mapToInt(Integer::intValue).toArray())), List.of(x), last);
    }

    /**
     * Pad: pads (and value) attributes before opset 11; pads, constant_value and (18 on) axes
     * inputs after. Mode constant is the core's pad; reflect and edge become slices (mirrored or
     * repeated border rows) joined around the input, axis by axis. wrap is refused.
     */
    static void pad(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        String mode = node.stringAttr("mode", "constant");
        if (!mode.equals("constant") && !mode.equals("reflect") && !mode.equals("edge")) {
            throw node.error("Pad mode '" + mode + "' is not supported (constant, reflect and edge are)");
        }
        int rank = x.rank();
        long[] pads;
        double value;
        long[] axes = null;
        if (node.opset() < 11) {
            pads = node.intsAttr("pads", node.intsAttr("paddings", new long[2 * rank]));
            value = node.floatAttr("value", 0f);
        } else {
            pads = l.constant(node, 1, "pads").longs();
            value = node.hasInput(2) ? l.constant(node, 2, "constant_value").getDouble(0) : 0;
            axes = node.hasInput(3) ? l.constant(node, 3, "axes").longs() : null;
        }
        int n = axes == null ? rank : axes.length;
        if (pads.length != 2 * n) {
            throw node.error("pads has " + pads.length + " values for " + n + " axes");
        }
        int[] before = new int[rank];
        int[] after = new int[rank];
        for (int i = 0; i < n; i++) {
            int a = axes == null ? i : Axes.normalize(axes[i], rank);
            if (pads[i] < 0 || pads[i + n] < 0) {
                throw node.error("negative pads (cropping) are not supported");
            }
            before[axis(x, a)] = Math.toIntExact(pads[i]);
            after[axis(x, a)] = Math.toIntExact(pads[i + n]);
        }
        if (mode.equals("constant")) {
            l.emit(node, new PadLayer(Lowerer.list(before), Lowerer.list(after), value), List.of(x), channelsLast(x));
            return;
        }
        Operand y = x;
        for (int axis = 0; axis < rank; axis++) {
            if (before[axis] + after[axis] > 0) {
                y = borders(node, l, y, axis, before[axis], after[axis], mode.equals("reflect"));
            }
        }
        l.finish(node, y);
    }

    /**
     * Reflect or edge padding along one (physical) axis: the mirrored rows {@code x[b..1]} and
     * {@code x[n-2..n-1-e]} (reflect) or the first and last row repeated (edge), joined around x.
     */
    private static Operand borders(OnnxNode node, Lowerer l, Operand x, int axis, int before, int after, boolean reflect) {
        boolean last = channelsLast(x);
        Shape physical = x instanceof Operand.Runtime r ? r.type().shape() : x.logicalShape();
        int n = physical.dim(axis);
        if (n == Shape.UNKNOWN) {
            throw node.error("padding the dynamic batch dimension is not supported");
        }
        if (reflect && (before > n - 1 || after > n - 1)) {
            throw node.error("reflect padding of " + Math.max(before, after) + " on an axis of length " + n + " (at most " + (n - 1) + ")");
        }
        List<Operand> parts = new ArrayList<>();
        if (before > 0) {
            parts.add(reflect ? slice(node, l, x, physical, axis, before, -1, before, "before")
                    : repeated(node, l, slice(node, l, x, physical, axis, 0, 1, 1, "first"), axis, before, "before"));
        }
        parts.add(x);
        if (after > 0) {
            parts.add(reflect ? slice(node, l, x, physical, axis, n - 2, -1, after, "after")
                    : repeated(node, l, slice(node, l, x, physical, axis, n - 1, 1, 1, "last"), axis, after, "after"));
        }
        return l.emitStep(node, "axis" + axis, new ConcatLayer(axis, false), parts, last);
    }

    /** {@code size} elements of x along {@code axis} from {@code begin} by {@code stride}; the rest whole. */
    private static Operand slice(OnnxNode node, Lowerer l, Operand x, Shape physical, int axis, int begin, int stride, int size,
            String role) {
        int rank = physical.rank();
        int[] dims = physical.dims();
        int[] begins = new int[rank];
        int[] strides = new int[rank];
        Arrays.fill(strides, 1);
        begins[axis] = begin;
        strides[axis] = stride;
        dims[axis] = size;
        return l.emitStep(node, role + axis, new SliceLayer(Lowerer.list(begins), Lowerer.list(strides), Lowerer.list(dims),
                Shape.of(dims)), List.of(x), channelsLast(x));
    }

    private static Operand repeated(OnnxNode node, Lowerer l, Operand row, int axis, int times, String role) {
        int[] multiples = new int[row.rank()];
        Arrays.fill(multiples, 1);
        multiples[axis] = times;
        return l.emitStep(node, role + "_tiled" + axis, new TileLayer(Lowerer.list(multiples)), List.of(row), channelsLast(row));
    }

    /** Tile: repeats a constant input. */
    static void tile(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        long[] repeats = l.constant(node, 1, "repeats").longs();
        int[] multiples = new int[repeats.length];
        for (int i = 0; i < repeats.length; i++) {
            multiples[axis(x, i)] = Math.toIntExact(repeats[i]);
        }
        l.emit(node, new TileLayer(Lowerer.list(multiples)), List.of(x), channelsLast(x));
    }

    /** Expand: broadcast to a constant shape; a tile of the size-1 axes (after leading 1s are added). */
    static void expand(OnnxNode node, Lowerer l) {
        Operand x = inOnnxOrder(l, l.in(node, 0));
        long[] shape = l.constant(node, 1, "shape").longs();
        int rank = Math.max(shape.length, x.rank());
        int[] in = new int[rank];
        Arrays.fill(in, 1);
        int[] own = x.logicalShape().dims();
        System.arraycopy(own, 0, in, rank - own.length, own.length);
        int[] multiples = new int[rank];
        for (int i = 0; i < rank; i++) {
            long want = i - (rank - shape.length) >= 0 ? shape[i - (rank - shape.length)] : 1;
            multiples[i] = in[i] == 1 && want > 1 ? (int) want : 1;
            if (in[i] != 1 && want != 1 && want != in[i]) {
                throw node.error("cannot expand " + x.logicalShape() + " to " + Arrays.toString(shape));
            }
        }
        Operand y = x;
        if (rank != own.length) {
            y = l.emitStep(node, "aligned", new ReshapeLayer(Shape.of(in)), List.of(x), false);
        }
        l.emit(node, new TileLayer(Lowerer.list(multiples)), List.of(y), false);
    }

    /** Gather along axis (default 0); negative constant indices count from the end. */
    static void gather(OnnxNode node, Lowerer l) {
        Operand data = inOnnxOrder(l, l.in(node, 0));
        Operand indices = l.in(node, 1);
        int a = Axes.normalize(node.intAttr("axis", 0), data.rank());
        if (indices instanceof Operand.Const c) {
            int dim = data.logicalShape().dim(a);
            long[] values = c.value().longs();
            for (int i = 0; i < values.length; i++) {
                if (values[i] < 0 && dim > 0) {
                    values[i] += dim;
                }
            }
            indices = new Operand.Const(Tensor.ofLongs(c.value().shape(), values), c.batchMask());
        }
        if (data instanceof Operand.Const table && indices instanceof Operand.Runtime) {
            l.emit(node, new GatherLayer(a, table.value()), List.of(indices), false);
            return;
        }
        l.emit(node, new GatherLayer(a, null), List.of(data, indices), false);
    }

    /** Cast to the {@code to} type (computed as the core's dtype: doubles as float32, small integers as int32). */
    static void cast(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        DType to;
        try {
            to = TensorDecoder.dtypeOf((int) node.intAttr("to", 0), "the cast's target");
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        if (to == x.dtype()) {
            l.bind(node, 0, x);
            return;
        }
        l.emit(node, new CastLayer(to), List.of(x), channelsLast(x));
    }

    /**
     * Resize (opset 10: X, scales; 11 on: X, roi, scales, sizes) and Upsample (scales an attribute
     * in opset 7-8, an input in 9): H and W only. Maps onto the core's resize: nearest with
     * asymmetric coordinates and floor rounding (PyTorch's nearest), linear with half_pixel /
     * pytorch_half_pixel, align_corners or asymmetric coordinates. Other modes are refused by name.
     */
    static void resize(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        if (x.rank() != 4) {
            throw node.error("only 4-D (NCHW) resizing is supported, input " + x.logicalShape());
        }
        boolean upsample = node.op().equals("Upsample");
        String mode = node.stringAttr("mode", "nearest");
        String coordinates = upsample || node.opset() < 11 ? "asymmetric" : node.stringAttr("coordinate_transformation_mode", "half_pixel");
        String rounding = upsample || node.opset() < 11 ? "floor" : node.stringAttr("nearest_mode", "round_prefer_floor");
        if (node.has("axes") || node.intAttr("antialias", 0) != 0) {
            throw node.error("Resize with axes or antialias is not supported");
        }
        int[] in = x.logicalShape().dims();
        int[] out = in.clone();
        Tensor scales = null;
        if (upsample && node.opset() < 9) {
            float[] s = node.floatsAttr("scales");
            scales = Tensor.ofFloats(Shape.of(s.length), s);
        } else {
            int scalesInput = upsample || node.opset() < 11 ? 1 : 2;
            if (node.hasInput(3) && !upsample && node.opset() >= 11) {
                long[] sizes = l.constant(node, 3, "sizes").longs();
                for (int i = 0; i < 4; i++) {
                    out[i] = Math.toIntExact(sizes[i]);
                }
            } else {
                scales = l.constant(node, scalesInput, "scales");
            }
        }
        if (scales != null) {
            if (scales.size() != 4) {
                throw node.error("scales has " + scales.size() + " values for a rank-4 input");
            }
            for (int i = 0; i < 4; i++) {
                double scaled = in[i] == Shape.UNKNOWN ? Shape.UNKNOWN : Math.floor(in[i] * scales.getDouble(i));
                if (in[i] != Shape.UNKNOWN && scaled != in[i] * scales.getDouble(i) && mode.equals("nearest")) {
                    throw node.error("nearest resizing by a scale that does not give whole sizes is not supported");
                }
                out[i] = (int) scaled;
            }
        }
        if (in[0] == Shape.UNKNOWN) {
            out[0] = Shape.UNKNOWN;
        }
        if (out[0] != in[0] || out[1] != in[1]) {
            throw node.error("resizing the batch or channel axis is not supported");
        }
        boolean linear = mode.equals("linear") || mode.equals("bilinear");
        ResizeLayer layer;
        if (!linear && mode.equals("nearest") && coordinates.equals("asymmetric") && rounding.equals("floor")) {
            layer = new ResizeLayer(false, out[2], out[3], false, false);
        } else if (linear && (coordinates.equals("half_pixel") || coordinates.equals("pytorch_half_pixel") && out[2] > 1 && out[3] > 1)) {
            layer = new ResizeLayer(true, out[2], out[3], false, true);
        } else if (linear && coordinates.equals("align_corners")) {
            layer = new ResizeLayer(true, out[2], out[3], true, false);
        } else if (linear && coordinates.equals("asymmetric")) {
            layer = new ResizeLayer(true, out[2], out[3], false, false);
        } else {
            throw node.error("Resize mode '" + mode + "' with coordinate_transformation_mode '" + coordinates + "'"
                    + (linear ? "" : " and nearest_mode '" + rounding + "'") + " is not supported");
        }
        l.emit(node, layer, List.of(x), true);
    }

    // ---- constants and passthroughs

    /** Shape (start and end from opset 15): a constant; the dynamic batch is marked in its batch mask. */
    static void shape(OnnxNode node, Lowerer l) {
        Operand x = l.in(node, 0);
        int[] dims = x.logicalShape().dims();
        int rank = dims.length;
        int start = (int) clampAxis(node.intAttr("start", 0), rank);
        int end = (int) clampAxis(node.intAttr("end", rank), rank);
        int n = Math.max(0, end - start);
        long[] values = new long[n];
        long[] mask = new long[n];
        boolean batched = false;
        for (int i = 0; i < n; i++) {
            int d = dims[start + i];
            values[i] = d == Shape.UNKNOWN ? 1 : d;
            mask[i] = d == Shape.UNKNOWN ? 1 : 0;
            batched |= d == Shape.UNKNOWN;
        }
        l.bind(node, 0, new Operand.Const(Tensor.ofLongs(Shape.of(n), values), batched ? Tensor.ofLongs(Shape.of(n), mask) : null));
    }

    private static long clampAxis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return Math.max(0, Math.min(rank, a));
    }

    /** Constant: value (a tensor), value_float(s), value_int(s), value_string(s); sparse_value is refused. */
    static void constant(OnnxNode node, Lowerer l) {
        Tensor value;
        if (node.has("value")) {
            value = l.decode(node, node.tensorAttr("value"));
        } else if (node.has("value_float")) {
            value = Tensor.scalar(node.floatAttr("value_float", 0f));
        } else if (node.has("value_floats")) {
            float[] values = node.floatsAttr("value_floats");
            value = Tensor.ofFloats(Shape.of(values.length), values);
        } else if (node.has("value_int")) {
            value = Tensor.ofLongs(Shape.scalar(), node.intAttr("value_int", 0));
        } else if (node.has("value_ints")) {
            long[] values = node.intsAttr("value_ints", new long[0]);
            value = Tensor.ofLongs(Shape.of(values.length), values);
        } else if (node.has("value_string")) {
            value = Tensor.ofStrings(Shape.scalar(), node.stringAttr("value_string", "").getBytes(StandardCharsets.UTF_8));
        } else if (node.has("value_strings")) {
            byte[][] strings = node.attribute("value_strings").getStringsList().stream().map(s -> s.toByteArray()).toArray(byte[][]::new);
            value = Tensor.ofStrings(Shape.of(strings.length), strings);
        } else {
            throw node.error("Constant without a supported value attribute (sparse_value is not supported)");
        }
        l.bind(node, 0, new Operand.Const(value));
    }

    /** ConstantOfShape: a constant shape filled with value (a one-element tensor, default float 0). */
    static void constantOfShape(OnnxNode node, Lowerer l) {
        Tensor shape = l.constant(node, 0, "shape input");
        Tensor fill = node.has("value") ? l.decode(node, node.tensorAttr("value")) : Tensor.scalar(0f);
        Shape out;
        try {
            out = Shape.ofLongs(shape.longs());
            Tensor.checkedSize(out);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        Tensor.Builder value = Tensor.builder(fill.dtype(), out);
        for (int i = 0; i < value.size(); i++) {
            value.copy(i, fill, 0);
        }
        l.bind(node, 0, new Operand.Const(value.build()));
    }

    /** Identity, Dropout (inference): the output is the input; a used Dropout mask is refused. */
    static void identity(OnnxNode node, Lowerer l) {
        if (node.outputs().size() > 1 && !node.outputs().get(1).isEmpty() && !l.consumers(node.outputs().get(1)).isEmpty()) {
            throw node.error("the Dropout mask output is not supported");
        }
        l.bind(node, 0, l.in(node, 0));
    }
}
