package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;
import java.util.Arrays;

/**
 * The layout of a concatenation of N tensors along one axis, made once at model load so that
 * {@link Concat} allocates nothing: viewed as [outer, axis, inner], output row o is input 0's row o,
 * then input 1's row o, and so on; each such run is one {@link System#arraycopy}.
 *
 * <p>Shapes: TensorFlow's, all of one rank, equal except along the axis; either all have
 * {@link Dims#BATCH} at axis 0 or none has (then a call concatenates {@code batch} tensors back to
 * back, as the other copy kernels do). The batch axis cannot be the concat axis.
 */
public final class ConcatPlan {

    private final int[][] shapes;
    private final int[] outShape;
    private final int axis;
    final int outer;
    final int rowLength;
    /** Offset of part p's run within an output row, and its length (= part p's row length). */
    final int[] runStarts;
    final int[] runLengths;

    private ConcatPlan(int[][] shapes, int axis) {
        if (shapes.length == 0) {
            throw new IllegalArgumentException("concat needs at least one input");
        }
        int rank = shapes[0].length;
        int a = axis < 0 ? axis + rank : axis;
        boolean batched = Dims.isBatched(shapes[0]);
        if (a < 0 || a >= rank || (a == 0 && batched)) {
            throw new IllegalArgumentException("cannot concatenate " + describe(shapes) + " along axis " + axis);
        }
        this.shapes = new int[shapes.length][];
        int total = 0;
        for (int p = 0; p < shapes.length; p++) {
            int[] s = shapes[p];
            Dims.sampleSize(s, "concat input " + p);
            boolean fits = s.length == rank && Dims.isBatched(s) == batched;
            for (int i = 0; fits && i < rank; i++) {
                fits = i == a || s[i] == shapes[0][i];
            }
            if (!fits) {
                throw new IllegalArgumentException("concat inputs " + describe(shapes) + " differ outside axis " + axis);
            }
            this.shapes[p] = Dims.copy(s);
            total += s[a];
        }
        this.axis = a;
        this.outShape = Dims.copy(shapes[0]);
        outShape[a] = total;
        int o = 1;
        for (int i = 0; i < a; i++) {
            o *= outShape[i] == Dims.BATCH ? 1 : outShape[i];
        }
        int inner = 1;
        for (int i = a + 1; i < rank; i++) {
            inner *= outShape[i];
        }
        this.outer = o;
        this.rowLength = total * inner;
        this.runStarts = new int[shapes.length];
        this.runLengths = new int[shapes.length];
        int at = 0;
        for (int p = 0; p < shapes.length; p++) {
            runStarts[p] = at * inner;
            runLengths[p] = shapes[p][a] * inner;
            at += shapes[p][a];
        }
        Dims.sampleSize(outShape, "concat output");
    }

    /**
     * Concatenation of tensors of {@code shapes} along {@code axis} (negative counts from the end).
     *
     * @throws IllegalArgumentException if the shapes differ outside the axis, disagree about BATCH,
     *         or the axis is outside the shape or is the batch axis
     */
    public static ConcatPlan of(int[][] shapes, int axis) {
        return new ConcatPlan(shapes, axis);
    }

    /** Number of inputs. */
    public int parts() {
        return shapes.length;
    }

    /** The output shape. */
    public int[] outShape() {
        return Dims.copy(outShape);
    }

    /** Floats input {@code p} holds for {@code batch}. */
    public long inLength(int p, int batch) {
        return (long) batch * outer * runLengths[p];
    }

    /** Floats the output holds for {@code batch}. */
    public long outLength(int batch) {
        return (long) batch * outer * rowLength;
    }

    @Override
    public String toString() {
        return "ConcatPlan[" + describe(shapes) + " axis " + axis + " -> " + Dims.toString(outShape) + "]";
    }

    private static String describe(int[][] shapes) {
        return Arrays.stream(shapes).map(Dims::toString).reduce((x, y) -> x + " " + y).orElse("");
    }
}
