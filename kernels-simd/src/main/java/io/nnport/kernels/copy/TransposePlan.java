package io.nnport.kernels.copy;

import io.nnport.kernels.Dims;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The loops of a transpose (any permutation), made once at model load so that {@link Transpose}
 * allocates nothing: {@code out[i0, .., ik] = in[j0, .., jk]} with {@code j[perm[a]] = i[a]}, so
 * output axis a is input axis {@code perm[a]} (TensorFlow's Transpose).
 *
 * <p>Shape: TensorFlow's; with {@link Dims#BATCH} at axis 0 the permutation must keep the batch first
 * ({@code perm[0] == 0}); a shape without BATCH is one batch entry, {@code batch} of them back to back.
 *
 * <p>Per batch entry, size-1 axes are dropped and input axes that stay neighbours in the output are
 * merged. What is left picks the loop:
 * <pre>
 *   COPY     nothing moves (one run per entry)
 *   MATRIX   [R, C] -&gt; [C, R], in square tiles (NHWC -&gt; NCHW is [HW, C] -&gt; [C, HW])
 *   MATRICES [A, R, C] -&gt; [A, C, R]: A tiled matrix transposes
 *   GENERAL  nested loops over the output, the innermost a strided gather (an arraycopy when the
 *            last axis stays last)
 * </pre>
 */
public final class TransposePlan {

    enum Kind { COPY, MATRIX, MATRICES, GENERAL }

    private final int[] shape;
    private final int[] perm;
    private final int[] outShape;
    final int sampleSize;
    final Kind kind;
    /** Merged output loops, outermost first, and the input stride each walks. */
    final int[] counts;
    final int[] inStrides;
    final int[] outStrides;

    private TransposePlan(int[] shape, int[] perm) {
        this.shape = Dims.copy(shape);
        this.perm = perm.clone();
        this.sampleSize = Dims.sampleSize(shape, "transpose input");
        int rank = shape.length;
        boolean[] seen = new boolean[rank];
        boolean valid = perm.length == rank;
        for (int i = 0; valid && i < rank; i++) {
            valid = perm[i] >= 0 && perm[i] < rank && !seen[perm[i]];
            if (valid) {
                seen[perm[i]] = true;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException(Arrays.toString(perm) + " is not a permutation of the axes of "
                    + Dims.toString(shape));
        }
        boolean batched = Dims.isBatched(shape);
        if (batched && perm[0] != 0) {
            throw new IllegalArgumentException("transpose " + Arrays.toString(perm) + " of " + Dims.toString(shape)
                    + " moves the batch axis; only permutations keeping it first are supported");
        }
        outShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[perm[i]];
        }

        // The sample's axes (batch dropped), then size-1 axes dropped, renumbered in input order.
        int first = batched ? 1 : 0;
        int[] newIndex = new int[rank];
        List<Integer> dims = new ArrayList<>();
        for (int j = first; j < rank; j++) {
            newIndex[j] = shape[j] == 1 ? -1 : dims.size();
            if (shape[j] != 1) {
                dims.add(shape[j]);
            }
        }
        List<Integer> order = new ArrayList<>(); // output order of the kept input axes
        for (int i = first; i < rank; i++) {
            if (newIndex[perm[i]] >= 0) {
                order.add(newIndex[perm[i]]);
            }
        }
        // Merge input axes j, j+1 that follow each other in the output too: one axis of the product.
        List<int[]> groups = new ArrayList<>(); // {first input axis, size}, in output order
        for (int k = 0; k < order.size(); k++) {
            int j = order.get(k);
            int[] last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && order.get(k - 1) == j - 1) {
                last[1] *= dims.get(j);
            } else {
                groups.add(new int[] {j, dims.get(j)});
            }
        }
        // Input stride of each group: the product of the input dims after its last axis.
        int n = groups.size();
        counts = new int[n];
        inStrides = new int[n];
        outStrides = new int[n];
        List<int[]> byInput = new ArrayList<>(groups);
        byInput.sort((x, y) -> Integer.compare(x[0], y[0]));
        int[] strideOf = new int[dims.size()];
        int stride = 1;
        for (int g = byInput.size() - 1; g >= 0; g--) {
            strideOf[byInput.get(g)[0]] = stride;
            stride *= byInput.get(g)[1];
        }
        int outStride = 1;
        for (int g = n - 1; g >= 0; g--) {
            counts[g] = groups.get(g)[1];
            inStrides[g] = strideOf[groups.get(g)[0]];
            outStrides[g] = outStride;
            outStride *= counts[g];
        }
        if (n <= 1) {
            kind = Kind.COPY;
        } else if (n == 2) {
            kind = Kind.MATRIX;
        } else if (n == 3 && inStrides[0] == counts[1] * counts[2]) {
            kind = Kind.MATRICES;
        } else {
            kind = Kind.GENERAL;
        }
    }

    /**
     * The plan for transposing {@code shape} by {@code perm}.
     *
     * @throws IllegalArgumentException if perm is not a permutation of the axes, or moves BATCH
     */
    public static TransposePlan of(int[] shape, int[] perm) {
        return new TransposePlan(shape, perm);
    }

    /** The output shape: {@code shape[perm[a]]} for each axis a. */
    public int[] outShape() {
        return Dims.copy(outShape);
    }

    /** Floats of the input, and of the output, for {@code batch}. */
    public long length(int batch) {
        return (long) batch * sampleSize;
    }

    @Override
    public String toString() {
        return "TransposePlan[" + Dims.toString(shape) + " by " + Arrays.toString(perm) + ": " + kind + " "
                + Arrays.toString(counts) + "]";
    }
}
