package io.nnport.ir.eval;

import io.nnport.ir.Shape;
import io.nnport.ir.layers.Padding;

/**
 * The sliding-window geometry along one spatial axis, shared by convolutions and pooling.
 *
 * <p>With effective kernel {@code k' = (k - 1) * dilation + 1}: VALID gives
 * {@code out = ceil((in - k' + 1) / stride)} and no padding; SAME gives {@code out = ceil(in / stride)}
 * with {@code total = max((out - 1) * stride + k' - in, 0)} padding, {@code total / 2} before (the
 * smaller half) and the rest after; EXPLICIT pads {@code before} and {@code after}.
 *
 * @param out       output size, {@link Shape#UNKNOWN} if the input size is unknown
 * @param padBefore padding before the first element (0 when unknown)
 */
public record Window(int out, int padBefore) {

    /** The window over an input of size {@code in} ({@link Shape#UNKNOWN} allowed). */
    public static Window of(int in, int kernel, int stride, int dilation, Padding.Mode mode, int before, int after) {
        if (kernel <= 0 || stride <= 0 || dilation <= 0) {
            throw new IllegalArgumentException("kernel, stride and dilation must be positive: " + kernel + ", " + stride + ", " + dilation);
        }
        int effective = (kernel - 1) * dilation + 1;
        if (in == Shape.UNKNOWN) {
            return new Window(Shape.UNKNOWN, 0);
        }
        return switch (mode) {
            case VALID -> {
                if (in < effective) {
                    throw new IllegalArgumentException("VALID window of " + effective + " does not fit in input size " + in);
                }
                yield new Window((in - effective) / stride + 1, 0);
            }
            case SAME -> {
                int out = (in + stride - 1) / stride;
                int total = Math.max((out - 1) * stride + effective - in, 0);
                yield new Window(out, total / 2);
            }
            case EXPLICIT -> {
                int padded = in + before + after;
                if (padded < effective) {
                    throw new IllegalArgumentException("window of " + effective + " does not fit in padded input size " + padded);
                }
                yield new Window((padded - effective) / stride + 1, before);
            }
        };
    }
}
