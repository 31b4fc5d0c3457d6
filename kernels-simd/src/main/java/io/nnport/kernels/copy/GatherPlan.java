package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;

/**
 * The layout of a gather (TF Gather / GatherV2 with batch_dims 0, Keras Embedding), made once at
 * model load: params viewed as [outer, axisLength, inner], ids as a flat list of {@code count};
 * {@code out[o, k, :] = params[o, ids[k], :]}, the output shape {@code params[:axis] + ids +
 * params[axis+1:]}.
 *
 * <p>Shapes: TensorFlow's. Either the ids carry {@link Dims#BATCH} (an embedding lookup: a constant
 * table, gathered along axis 0) or the params do (selecting along a later axis of a tensor with
 * constant ids), not both; an input without BATCH is shared by every batch entry.
 */
public final class GatherPlan {

    private final int[] paramsShape;
    private final int[] idsShape;
    private final int[] outShape;
    private final int axis;
    final int outer;
    final int axisLength;
    final int inner;
    final int count;
    /** Floats (ints) between batch entries of params (ids); 0 for the one without BATCH. */
    final int paramsBatchStride;
    final int idsBatchStride;
    final int outSize;

    private GatherPlan(int[] paramsShape, int[] idsShape, int axis) {
        int rank = paramsShape.length;
        int a = axis < 0 ? axis + rank : axis;
        int paramsSize = Dims.sampleSize(paramsShape, "gather params");
        int idsSize = Dims.sampleSize(idsShape, "gather ids");
        boolean paramsBatched = Dims.isBatched(paramsShape);
        boolean idsBatched = Dims.isBatched(idsShape);
        String what = "gather of " + Dims.toString(paramsShape) + " by ids " + Dims.toString(idsShape) + " along axis "
                + axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(what + ": the axis is outside the params");
        }
        if (paramsBatched && (a == 0 || idsBatched)) {
            throw new IllegalArgumentException(what + ": batched params need constant ids and an axis after the batch");
        }
        if (idsBatched && a != 0) {
            throw new IllegalArgumentException(what + ": batched ids need axis 0, so the batch stays the output's first axis");
        }
        this.paramsShape = Dims.copy(paramsShape);
        this.idsShape = Dims.copy(idsShape);
        this.axis = a;
        this.outShape = new int[rank - 1 + idsShape.length];
        System.arraycopy(paramsShape, 0, outShape, 0, a);
        System.arraycopy(idsShape, 0, outShape, a, idsShape.length);
        System.arraycopy(paramsShape, a + 1, outShape, a + idsShape.length, rank - a - 1);
        int o = 1;
        for (int i = 0; i < a; i++) {
            o *= paramsShape[i] == Dims.BATCH ? 1 : paramsShape[i];
        }
        int in = 1;
        for (int i = a + 1; i < rank; i++) {
            in *= paramsShape[i];
        }
        this.outer = o;
        this.axisLength = paramsShape[a];
        this.inner = in;
        this.count = idsSize;
        this.paramsBatchStride = paramsBatched ? paramsSize : 0;
        this.idsBatchStride = idsBatched ? idsSize : 0;
        this.outSize = Dims.sampleSize(outShape, "gather output");
    }

    /**
     * The plan for gathering {@code params} along {@code axis} (negative counts from the end) at
     * {@code ids}.
     *
     * @throws IllegalArgumentException for an axis outside the params, or a batch placement the rule
     *         above does not allow
     */
    public static GatherPlan of(int[] paramsShape, int[] idsShape, int axis) {
        return new GatherPlan(paramsShape, idsShape, axis);
    }

    /** The output shape: {@code params[:axis] + ids + params[axis+1:]}. */
    public int[] outShape() {
        return Dims.copy(outShape);
    }

    /** Floats of params for {@code batch}. */
    public long paramsLength(int batch) {
        return paramsBatchStride == 0 ? (long) outer * axisLength * inner : (long) batch * paramsBatchStride;
    }

    /** Ints of ids for {@code batch}. */
    public long idsLength(int batch) {
        return idsBatchStride == 0 ? count : (long) batch * idsBatchStride;
    }

    /** Floats of the output for {@code batch}. */
    public long outLength(int batch) {
        return (long) batch * outSize;
    }

    @Override
    public String toString() {
        return "GatherPlan[" + Dims.toString(paramsShape) + " at " + Dims.toString(idsShape) + " axis " + axis + " -> "
                + Dims.toString(outShape) + "]";
    }
}
