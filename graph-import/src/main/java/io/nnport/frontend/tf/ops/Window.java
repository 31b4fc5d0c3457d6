package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.ir.Shape;

/**
 * TensorFlow's sliding-window geometry along one spatial axis, shared by convolutions and pooling.
 *
 * <p>With effective kernel {@code k' = (k - 1) * dilation + 1}: VALID gives
 * {@code out = ceil((in - k' + 1) / stride)} and no padding; SAME gives {@code out = ceil(in / stride)}
 * with {@code total = max((out - 1) * stride + k' - in, 0)} padding, {@code total / 2} before (the
 * smaller half) and the rest after; EXPLICIT takes {@code explicit_paddings}.
 *
 * @param out output size, {@link Shape#UNKNOWN} if the input size is unknown
 * @param padBefore padding before the first element (0 when unknown)
 */
record Window(int out, int padBefore) {

    static Window of(Node node, int in, int kernel, int stride, int dilation, String padding, long[] explicit,
            int axis) {
        if (kernel <= 0 || stride <= 0 || dilation <= 0) {
            throw node.error("kernel, stride and dilation must be positive: " + kernel + ", " + stride + ", " + dilation);
        }
        int effective = (kernel - 1) * dilation + 1;
        if (in == Shape.UNKNOWN) {
            return new Window(Shape.UNKNOWN, 0);
        }
        switch (padding) {
            case "VALID" -> {
                if (in < effective) {
                    throw node.error("VALID window of " + effective + " does not fit in input size " + in);
                }
                return new Window((in - effective) / stride + 1, 0);
            }
            case "SAME" -> {
                int out = (in + stride - 1) / stride;
                int total = Math.max((out - 1) * stride + effective - in, 0);
                return new Window(out, total / 2);
            }
            case "EXPLICIT" -> {
                if (explicit == null || explicit.length <= 2 * axis + 1) {
                    throw node.error("EXPLICIT padding without explicit_paddings for axis " + axis);
                }
                int before = (int) explicit[2 * axis];
                int padded = in + before + (int) explicit[2 * axis + 1];
                if (padded < effective) {
                    throw node.error("window of " + effective + " does not fit in padded input size " + padded);
                }
                return new Window((padded - effective) / stride + 1, before);
            }
            default -> throw node.error("unsupported padding '" + padding + "'");
        }
    }
}
