package io.nnport.kernels;

/**
 * The geometry of a sliding window along one spatial axis (a convolution kernel or a pooling
 * window), with TensorFlow's output-size and padding rules.
 *
 * <pre>
 *   effective = (size - 1) * dilation + 1
 *   VALID: out = ceil((in - effective + 1) / stride), padBefore = 0
 *   SAME:  out = ceil(in / stride)
 *          padTotal  = max((out - 1) * stride + effective - in, 0)
 *          padBefore = padTotal / 2        (the odd element goes after, as in TensorFlow)
 *   input index of output o, tap t:  o * stride - padBefore + t * dilation
 * </pre>
 *
 * @param in        input length along this axis
 * @param size      window (kernel) length
 * @param stride    step between windows, at least 1
 * @param dilation  step between taps, at least 1 (pooling uses 1)
 * @param padding   VALID or SAME
 */
public record Window(int in, int size, int stride, int dilation, Padding padding) {

    public Window {
        if (in < 1 || size < 1 || stride < 1 || dilation < 1) {
            throw new IllegalArgumentException("window needs in, size, stride, dilation >= 1: in=" + in
                    + " size=" + size + " stride=" + stride + " dilation=" + dilation);
        }
        if (padding == Padding.VALID && (long) (size - 1) * dilation + 1 > in) {
            throw new IllegalArgumentException("VALID window of effective size " + ((size - 1) * dilation + 1)
                    + " does not fit input length " + in);
        }
    }

    /** A pooling window: no dilation. */
    public static Window pool(int in, int size, int stride, Padding padding) {
        return new Window(in, size, stride, 1, padding);
    }

    /** (size - 1) * dilation + 1: the span of input one window covers. */
    public int effectiveSize() {
        return (size - 1) * dilation + 1;
    }

    /** Output length along this axis. */
    public int out() {
        return switch (padding) {
            case VALID -> (in - effectiveSize()) / stride + 1;
            case SAME -> (in + stride - 1) / stride;
        };
    }

    /** Padding inserted before the first input element. */
    public int padBefore() {
        return padding == Padding.VALID ? 0 : Math.max((out() - 1) * stride + effectiveSize() - in, 0) / 2;
    }

    /** Padding after the last input element (equal to or one more than {@link #padBefore()}). */
    public int padAfter() {
        return padding == Padding.VALID ? 0 : Math.max((out() - 1) * stride + effectiveSize() - in, 0) - padBefore();
    }

    /** Input index read by output {@code o}'s tap {@code t}; may be outside [0, in) in padding. */
    public int inputIndex(int o, int t) {
        return o * stride - padBefore() + t * dilation;
    }
}
