package io.nnport.kernels;

/**
 * The geometry of a sliding window along one spatial axis (a convolution kernel or a pooling
 * window), with TensorFlow's output-size and padding rules.
 *
 * <pre>
 *   effective = (size - 1) * dilation + 1
 *   VALID:    padBefore = padAfter = 0
 *   SAME:     out       = ceil(in / stride)
 *             padTotal  = max((out - 1) * stride + effective - in, 0)
 *             padBefore = padTotal / 2        (the odd element goes after, as in TensorFlow)
 *   EXPLICIT: padBefore, padAfter as given ({@link #explicit})
 *   every mode: out = (in + padBefore + padAfter - effective) / stride + 1
 *   input index of output o, tap t:  o * stride - padBefore + t * dilation
 * </pre>
 *
 * For SAME and VALID the amounts are derived from the other components (the five-argument
 * constructor computes them; the canonical constructor rejects any other values), so
 * {@link #padBefore()}, {@link #padAfter()} and {@link #out()} mean the same thing in every mode.
 *
 * @param in        input length along this axis
 * @param size      window (kernel) length
 * @param stride    step between windows, at least 1
 * @param dilation  step between taps, at least 1 (pooling uses 1)
 * @param padding   VALID, SAME or EXPLICIT
 * @param padBefore padding inserted before the first input element
 * @param padAfter  padding after the last input element
 */
public record Window(int in, int size, int stride, int dilation, Padding padding, int padBefore, int padAfter) {

    public Window {
        if (in < 1 || size < 1 || stride < 1 || dilation < 1) {
            throw new IllegalArgumentException("window needs in, size, stride, dilation >= 1: in=" + in
                    + " size=" + size + " stride=" + stride + " dilation=" + dilation);
        }
        if (padding == null) {
            throw new IllegalArgumentException("window needs a padding mode");
        }
        if (padding == Padding.VALID && (long) (size - 1) * dilation + 1 > in) {
            throw new IllegalArgumentException("VALID window of effective size " + ((size - 1) * dilation + 1)
                    + " does not fit input length " + in);
        }
        if (padding == Padding.EXPLICIT) {
            if (padBefore < 0 || padAfter < 0) {
                throw new IllegalArgumentException("explicit padding must be >= 0: before=" + padBefore
                        + " after=" + padAfter);
            }
            if ((long) in + padBefore + padAfter < (long) (size - 1) * dilation + 1) {
                throw new IllegalArgumentException("window of effective size " + ((size - 1) * dilation + 1)
                        + " does not fit input length " + in + " padded by " + padBefore + " + " + padAfter);
            }
        } else if (padBefore != derivedBefore(in, size, stride, dilation, padding)
                || padAfter != derivedAfter(in, size, stride, dilation, padding)) {
            throw new IllegalArgumentException(padding + " window derives its padding (" + derivedBefore(in, size,
                    stride, dilation, padding) + ", " + derivedAfter(in, size, stride, dilation, padding)
                    + "); got (" + padBefore + ", " + padAfter + ")");
        }
    }

    /**
     * A SAME or VALID window, its padding derived by TensorFlow's rule; EXPLICIT here means zero
     * padding on both sides (use {@link #explicit} for other amounts).
     */
    public Window(int in, int size, int stride, int dilation, Padding padding) {
        this(in, size, stride, dilation, padding, derivedBefore(in, size, stride, dilation, padding),
                derivedAfter(in, size, stride, dilation, padding));
    }

    /** A pooling window: no dilation. */
    public static Window pool(int in, int size, int stride, Padding padding) {
        return new Window(in, size, stride, 1, padding);
    }

    /**
     * A window with {@code padBefore} and {@code padAfter} elements of padding (TensorFlow's EXPLICIT
     * padding, or a Pad folded into the layer).
     *
     * @throws IllegalArgumentException if an amount is negative or the padded input is shorter than
     *         the window
     */
    public static Window explicit(int in, int size, int stride, int dilation, int padBefore, int padAfter) {
        return new Window(in, size, stride, dilation, Padding.EXPLICIT, padBefore, padAfter);
    }

    /** (size - 1) * dilation + 1: the span of input one window covers. */
    public int effectiveSize() {
        return (size - 1) * dilation + 1;
    }

    /** Output length along this axis. */
    public int out() {
        return (in + padBefore + padAfter - effectiveSize()) / stride + 1;
    }

    /** Input index read by output {@code o}'s tap {@code t}; may be outside [0, in) in padding. */
    public int inputIndex(int o, int t) {
        return o * stride - padBefore + t * dilation;
    }

    /*
     * The SAME/VALID rule. Called before the constructor's checks, so it answers 0 for arguments the
     * checks will reject rather than divide by a zero stride.
     */
    private static int derivedTotal(int in, int size, int stride, int dilation, Padding padding) {
        if (padding != Padding.SAME || in < 1 || size < 1 || stride < 1 || dilation < 1) {
            return 0;
        }
        int out = (in + stride - 1) / stride;
        return Math.max((out - 1) * stride + (size - 1) * dilation + 1 - in, 0);
    }

    private static int derivedBefore(int in, int size, int stride, int dilation, Padding padding) {
        return derivedTotal(in, size, stride, dilation, padding) / 2;
    }

    private static int derivedAfter(int in, int size, int stride, int dilation, Padding padding) {
        int total = derivedTotal(in, size, stride, dilation, padding);
        return total - total / 2;
    }
}
