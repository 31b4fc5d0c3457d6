package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of TensorFlow's Tile for one shape: output axis i is the input axis repeated
 * {@code multiples[i]} times, {@code out[.., k*dim + j, ..] = in[.., j, ..]}. Made once at model load
 * so that {@link Tile#copy} allocates nothing.
 *
 * <p>An axis that is not repeated merges into the axis outside it: the block it forms is contiguous
 * in the input and is repeated whole in the output ({@code [2, 3]} tiled {@code [4, 1]} is the 6
 * floats written four times). Leading axes of one element that are not repeated disappear. The BATCH axis cannot be
 * repeated (its multiple must be 1): the output batch is the input's.
 */
public final class TilePlan {

    private final int[] inShape;
    private final int[] outShape;
    private final int inSize;
    private final int outSize;
    /** Merged axes, outermost first: their length in the input and their multiple. */
    final int[] dims;
    final int[] multiples;
    /** Input step of one index along each merged axis. */
    final int[] inSteps;
    /** Output floats of one index along each merged axis: the product of dim*multiple inside it. */
    final int[] outBlocks;

    private TilePlan(int[] shape, int[] multiples) {
        this.inShape = Dims.copy(shape);
        this.inSize = Dims.sampleSize(shape, "tile input");
        int rank = shape.length;
        if (rank == 0 || multiples.length != rank) {
            throw new IllegalArgumentException("tile of " + Dims.toString(shape) + " needs one multiple per axis, not "
                    + multiples.length);
        }
        boolean batched = Dims.isBatched(shape);
        int[] out = new int[rank];
        List<int[]> axes = new ArrayList<>(); // {dim, multiple}, outermost first
        for (int i = 0; i < rank; i++) {
            if (multiples[i] < 1 || (i == 0 && batched && multiples[0] != 1)) {
                throw new IllegalArgumentException("tile of " + Dims.toString(shape) + ": multiple " + multiples[i]
                        + " of axis " + i + (i == 0 && batched ? " (the batch axis cannot be repeated)" : " (must be >= 1)"));
            }
            if (i == 0 && batched) {
                out[0] = Dims.BATCH;
                continue;
            }
            long o = (long) shape[i] * multiples[i];
            if (o > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tile of " + Dims.toString(shape) + " is too large along axis " + i);
            }
            out[i] = (int) o;
            int[] last = axes.isEmpty() ? null : axes.get(axes.size() - 1);
            if (multiples[i] == 1 && last != null) {
                last[0] *= shape[i];
            } else if (shape[i] > 1 || multiples[i] > 1) {
                axes.add(new int[] {shape[i], multiples[i]});
            }
        }
        if (axes.isEmpty()) {
            axes.add(new int[] {1, 1});
        }
        this.outShape = out;
        this.outSize = Dims.sampleSize(out, "tile output");
        int n = axes.size();
        this.dims = new int[n];
        this.multiples = new int[n];
        this.inSteps = new int[n];
        this.outBlocks = new int[n];
        int inStep = 1;
        int outBlock = 1;
        for (int k = n - 1; k >= 0; k--) {
            dims[k] = axes.get(k)[0];
            this.multiples[k] = axes.get(k)[1];
            inSteps[k] = inStep;
            outBlocks[k] = outBlock;
            inStep *= dims[k];
            outBlock *= dims[k] * this.multiples[k];
        }
    }

    /**
     * The plan for repeating each axis of {@code shape} {@code multiples[i]} times.
     *
     * @throws IllegalArgumentException if a multiple is below 1, the batch axis has a multiple other
     *         than 1, or the output would not fit an int per batch entry
     */
    public static TilePlan of(int[] shape, int[] multiples) {
        return new TilePlan(shape, multiples);
    }

    /** The input shape. */
    public int[] inShape() {
        return Dims.copy(inShape);
    }

    /** The output shape, BATCH at axis 0 when the input has it. */
    public int[] outShape() {
        return Dims.copy(outShape);
    }

    /** Floats the input holds for {@code batch}. */
    public long inLength(int batch) {
        return (long) batch * inSize;
    }

    /** Floats the output holds for {@code batch}. */
    public long outLength(int batch) {
        return (long) batch * outSize;
    }

    int inSize() {
        return inSize;
    }

    int outSize() {
        return outSize;
    }

    @Override
    public String toString() {
        return "TilePlan[" + Dims.toString(inShape) + " -> " + Dims.toString(outShape) + ", " + dims.length + " axes]";
    }
}
