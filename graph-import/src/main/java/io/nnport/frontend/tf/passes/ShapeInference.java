package io.nnport.frontend.tf.passes;

import io.nnport.frontend.tf.Facts;
import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.Ref;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.frontend.tf.ops.OpSemantics;
import io.nnport.frontend.tf.ops.OpTable;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shape inference with values: walks the graph in topological order running each op's shape rule
 * ({@link OpSemantics#infer}); where every input's value is known and the op is deterministic, it
 * also evaluates the op (the reference semantics), so shapes that depend on computed shape
 * arguments (Keras' {@code Reshape(x, Pack(...))}) become known. A pure analysis: the graph is not
 * changed; {@link FoldConstants} materializes the values.
 *
 * <p><b>The batch symbol.</b> {@code Shape} of a tensor whose only unknown dimension is dimension 0
 * has the partial value {@code [B, d1, ...]}. Ops that only move integers (StridedSlice, Slice,
 * Pack, ConcatV2, Gather, Identity, Reshape, ExpandDims, Squeeze, Cast) carry B through; a Reshape
 * whose shape argument mentions B once gets B's place as its dynamic batch; so do Conv2DBackpropInput's
 * input_sizes. Arithmetic on B gives an unknown. This is what folds TF1 and Keras flatten patterns
 * ({@code Reshape(x, Pack([StridedSlice(Shape(x))[0], -1]))}) into a plain reshape.
 */
public final class ShapeInference {
    /** The dynamic batch size in a partial value. */
    public static final long BATCH = Long.MIN_VALUE;

    /**
     * Values computed during inference are at most this many elements. Inference evaluates ops
     * whose inputs are all known; beyond this size (a large constant grown by Fill or Tile) the
     * value is left to run time, as the folding budget would refuse it anyway.
     */
    static final long MAX_EVALUATED_ELEMENTS = FoldConstants.MAX_FOLDED_ELEMENTS;

    /** Stands for B while integer-moving ops run on a partial value; far from any real dimension. */
    private static final long SENTINEL = 0x4E4E_504F_5254_0001L;

    /** Ops that only move integers, so a partial value can run through them. */
    private static final Set<String> MOVES_INTEGERS = Set.of("StridedSlice", "Slice", "Pack", "ConcatV2", "GatherV2",
            "Gather", "Identity", "Reshape", "ExpandDims", "Squeeze", "Snapshot", "StopGradient");

    /** Ops never evaluated at import: inputs and control flow (resolved by Sanitize instead). */
    private static final Set<String> NEVER_EVALUATED = Set.of("Placeholder", "PlaceholderWithDefault", "Switch", "Merge",
            "NoOp");

    private ShapeInference() {}

    public static Facts infer(Graph graph) {
        Map<Ref, TensorInfo> info = new HashMap<>();
        Map<Ref, long[]> partial = new HashMap<>();
        Map<String, ModelException> errors = new HashMap<>();
        for (Node node : graph.nodes()) {
            Optional<OpSemantics> semantics = OpTable.lookup(node.op());
            if (semantics.isEmpty()) {
                continue;
            }
            List<TensorInfo> inputs = new ArrayList<>();
            List<long[]> partialInputs = new ArrayList<>();
            boolean known = true;
            for (Ref input : node.inputs()) {
                TensorInfo in = info.get(input);
                // A Merge of a loop back edge sees its input later: unknown, not an error.
                known &= in != null;
                inputs.add(in);
                partialInputs.add(partial.get(input));
            }
            if (!known) {
                continue;
            }
            try {
                List<TensorInfo> outputs = inferNode(node, semantics.get(), inputs, partialInputs, partial);
                for (int i = 0; i < outputs.size(); i++) {
                    info.put(new Ref(node.name(), i), outputs.get(i));
                }
            } catch (ModelException e) {
                errors.put(node.name(), e.inSource(graph.source()));
            } catch (RuntimeException e) {
                errors.put(node.name(), ModelException.atNode(graph.source(), node.name(), node.op(), String.valueOf(e.getMessage())));
            }
        }
        return new Facts(info, partial, errors);
    }

    private static List<TensorInfo> inferNode(Node node, OpSemantics op, List<TensorInfo> inputs, List<long[]> partialInputs,
            Map<Ref, long[]> partial) {
        boolean anyPartial = partialInputs.stream().anyMatch(p -> p != null);
        if (anyPartial && node.op().equals("Reshape") && partialInputs.get(1) != null) {
            return List.of(reshapeWithBatch(node, inputs.get(0), partialInputs.get(1)));
        }
        if (anyPartial && node.op().equals("Conv2DBackpropInput") && partialInputs.get(0) != null) {
            return List.of(transposedConvWithBatch(node, op, inputs, partialInputs.get(0)));
        }
        List<TensorInfo> outputs = op.infer(node, inputs);
        if (node.op().equals("Shape") && outputs.get(0).value() == null) {
            Shape x = inputs.get(0).shape();
            if (x.hasRank() && x.rank() > 0 && x.dim(0) == Shape.UNKNOWN && Shape.of(x.withDim(0, 1).dims()).isFullyKnown()) {
                long[] dims = new long[x.rank()];
                dims[0] = BATCH;
                for (int d = 1; d < dims.length; d++) {
                    dims[d] = x.dim(d);
                }
                partial.put(Ref.of(node.name()), dims);
            }
            return outputs;
        }
        if (NEVER_EVALUATED.contains(node.op()) || !op.isDeterministic()) {
            return outputs;
        }
        if (allValued(inputs) && smallEnough(outputs)) {
            List<Tensor> values = op.evaluate(node, inputs.stream().map(TensorInfo::value).toList());
            List<TensorInfo> valued = new ArrayList<>();
            for (Tensor value : values) {
                valued.add(TensorInfo.of(value));
            }
            return valued;
        }
        if (anyPartial && MOVES_INTEGERS.contains(node.op()) && everyInputKnownOrPartial(inputs, partialInputs)) {
            return moveSymbolically(node, op, inputs, partialInputs, outputs, partial);
        }
        if (anyPartial && node.op().equals("Cast") && outputs.get(0).dtype().isInteger()) {
            partial.put(Ref.of(node.name()), partialInputs.get(0));
        }
        return outputs;
    }

    private static boolean allValued(List<TensorInfo> inputs) {
        for (TensorInfo input : inputs) {
            if (!input.hasValue()) {
                return false;
            }
        }
        return true;
    }

    private static boolean smallEnough(List<TensorInfo> outputs) {
        for (TensorInfo output : outputs) {
            if (!output.shape().isFullyKnown() || output.shape().numElements() > MAX_EVALUATED_ELEMENTS) {
                return false;
            }
        }
        return true;
    }

    private static boolean everyInputKnownOrPartial(List<TensorInfo> inputs, List<long[]> partialInputs) {
        for (int i = 0; i < inputs.size(); i++) {
            if (!inputs.get(i).hasValue() && partialInputs.get(i) == null) {
                return false;
            }
        }
        return true;
    }

    /** Runs an integer-moving op on int64 stand-ins where B is {@link #SENTINEL}, then maps it back. */
    private static List<TensorInfo> moveSymbolically(Node node, OpSemantics op, List<TensorInfo> inputs,
            List<long[]> partialInputs, List<TensorInfo> inferred, Map<Ref, long[]> partial) {
        List<Tensor> standIns = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            long[] p = partialInputs.get(i);
            Tensor value = inputs.get(i).value();
            if (p == null && !value.dtype().isInteger()) {
                return inferred;
            }
            long[] longs = p != null ? p.clone() : value.longs();
            for (int k = 0; k < longs.length; k++) {
                if (longs[k] == BATCH) {
                    longs[k] = SENTINEL;
                }
            }
            standIns.add(Tensor.ofLongs(p != null ? inputs.get(i).shape() : value.shape(), longs));
        }
        List<Tensor> results = op.evaluate(node, standIns);
        List<TensorInfo> outputs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            long[] longs = results.get(i).longs();
            boolean mentionsBatch = false;
            for (int k = 0; k < longs.length; k++) {
                if (longs[k] == SENTINEL) {
                    longs[k] = BATCH;
                    mentionsBatch = true;
                }
            }
            DType dtype = inferred.get(i).dtype();
            if (mentionsBatch) {
                partial.put(new Ref(node.name(), i), longs);
                outputs.add(TensorInfo.of(dtype, results.get(i).shape()));
            } else {
                Tensor.Builder exact = Tensor.builder(dtype, results.get(i).shape());
                for (int k = 0; k < longs.length; k++) {
                    exact.setLong(k, longs[k]);
                }
                outputs.add(TensorInfo.of(exact.build()));
            }
        }
        return outputs;
    }

    /** Reshape to a shape argument that mentions B once: B's place is the dynamic batch. */
    private static TensorInfo reshapeWithBatch(Node node, TensorInfo x, long[] target) {
        int batchAt = -1;
        int wildcard = -1;
        long known = 1;
        int[] dims = new int[target.length];
        for (int i = 0; i < target.length; i++) {
            if (target[i] == BATCH) {
                if (batchAt >= 0) {
                    throw node.error("shape argument mentions the batch size twice");
                }
                batchAt = i;
                dims[i] = Shape.UNKNOWN;
            } else if (target[i] == -1) {
                wildcard = i;
            } else {
                known *= target[i];
                dims[i] = Math.toIntExact(target[i]);
            }
        }
        if (wildcard >= 0) {
            Shape in = x.shape();
            if (!in.hasRank() || in.rank() == 0 || !in.withDim(0, 1).isFullyKnown()) {
                dims[wildcard] = Shape.UNKNOWN;
            } else {
                long perSample = in.withDim(0, 1).numElements();
                if (known == 0 || perSample % known != 0) {
                    throw node.error("cannot reshape " + in + " to " + java.util.Arrays.toString(target).replace(String.valueOf(BATCH), "B"));
                }
                dims[wildcard] = Math.toIntExact(perSample / known);
            }
        }
        return TensorInfo.of(x.dtype(), Shape.of(dims));
    }

    /** Conv2DBackpropInput with input_sizes {@code [B, h, w, c]}: the batch flows from dy. */
    private static TensorInfo transposedConvWithBatch(Node node, OpSemantics op, List<TensorInfo> inputs, long[] sizes) {
        if (sizes.length != 4 || sizes[0] != BATCH) {
            return op.infer(node, inputs).get(0);
        }
        Tensor concrete = Tensor.vectorInts(1, (int) sizes[1], (int) sizes[2], (int) sizes[3]);
        TensorInfo dy = inputs.get(2);
        TensorInfo dyOne = dy.shape().hasRank() && dy.shape().rank() == 4 ? TensorInfo.of(dy.dtype(), dy.shape().withDim(0, 1)) : dy;
        Shape out = op.infer(node, List.of(TensorInfo.of(concrete), inputs.get(1), dyOne)).get(0).shape();
        return TensorInfo.of(DType.FLOAT32, out.withDim(0, Shape.UNKNOWN));
    }
}
