package io.nnport.frontend.onnx.ops;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Rearrangements;

/**
 * ONNX's convolutional layout, channels first ({@code [N, C, spatial...]}), against the core's,
 * channels last ({@code [N, spatial..., C]}, TensorFlow's NHWC and NWC). The importer decides
 * each value's layout once (see {@link Lowerer}); these are the axis maps it uses.
 */
public final class Layout {
    private Layout() {}

    /** The perm taking a channels-first tensor of this rank to channels last: {@code [0, 2, ..., r-1, 1]}. */
    public static long[] toChannelsLast(int rank) {
        long[] perm = new long[rank];
        for (int i = 1; i < rank - 1; i++) {
            perm[i] = i + 1;
        }
        perm[rank - 1] = 1;
        return perm;
    }

    /** The perm taking a channels-last tensor back to channels first: {@code [0, r-1, 1, ..., r-2]}. */
    public static long[] fromChannelsLast(int rank) {
        long[] perm = new long[rank];
        perm[1] = rank - 1;
        for (int i = 2; i < rank; i++) {
            perm[i] = i - 1;
        }
        return perm;
    }

    /** Where ONNX axis {@code axis} (non-negative) of a rank-{@code rank} tensor lives in channels-last order. */
    public static int physicalAxis(int axis, int rank) {
        return axis == 0 ? 0 : axis == 1 ? rank - 1 : axis - 1;
    }

    public static Shape fromChannelsLast(Shape physical) {
        return Rearrangements.transposeShape(physical, fromChannelsLast(physical.rank()));
    }

    /** A channels-first constant of this rank, as channels last. */
    public static Tensor toChannelsLast(Tensor logical) {
        return Rearrangements.transpose(logical, toChannelsLast(logical.rank()));
    }
}
