package io.nnport.kernels.depthwise;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.Window;
import java.util.Arrays;

/**
 * One depthwise convolution layer, made once at model load: geometry, weights and epilogue.
 *
 * <pre>
 *   input   [batch, h.in(), w.in(), channels]                     NHWC
 *   filter  [h.size(), w.size(), channels, multiplier]            as TensorFlow stores it
 *   output  [batch, h.out(), w.out(), channels * multiplier]      output channel oc = c * multiplier + m
 * </pre>
 *
 * Because oc = c * multiplier + m, the filter is already [kh, kw, outChannels] row-major. The vector
 * kernel loads a tap's weights for a block of input channels, contiguous for multiplier 1; for a
 * larger multiplier the spec keeps a copy laid out [kh, kw, multiplier, channels] and the permutation
 * that puts each pixel's outputs back in TensorFlow's order.
 * Strides, dilations and padding (VALID, SAME with the extra element at the end, explicit) are the
 * windows'. The epilogue's per-channel arrays are indexed by output channel.
 *
 * <p>Immutable; the filter is copied.
 */
public final class DepthwiseSpec {

    private final Window h;
    private final Window w;
    private final int channels;
    private final int multiplier;
    private final float[] filter;
    private final Epilogue epilogue;
    /**
     * The filter as [kh, kw, multiplier, channels]: the vector kernel runs over input channels, one
     * pass per multiplier index, so its weights must be contiguous in the input channel. For
     * multiplier 1 that is {@link #filter}'s layout, and this is the same array.
     */
    final float[] filterByMultiplier;
    /**
     * For a multiplier above 1, the in-place permutation from the vector kernel's [multiplier,
     * channels] order of one pixel's outputs to [channels, multiplier], as cycles: each cycle's
     * length, then its positions, each taking the value of the next and the last the first's. Null
     * for multiplier 1.
     */
    final int[] interleaveCycles;

    private DepthwiseSpec(Window h, Window w, int channels, int multiplier, float[] filter, Epilogue epilogue) {
        if (channels < 1 || multiplier < 1) {
            throw new IllegalArgumentException("depthwise conv needs channels and multiplier >= 1, not " + channels
                    + ", " + multiplier);
        }
        int outChannels = Math.multiplyExact(channels, multiplier);
        long taps = (long) h.size() * w.size();
        if (filter.length != taps * outChannels) {
            throw new IllegalArgumentException("depthwise filter [" + h.size() + ", " + w.size() + ", " + channels + ", "
                    + multiplier + "] needs " + taps * outChannels + " floats, not " + filter.length);
        }
        if ((epilogue.scale() != null && epilogue.scale().length < outChannels)
                || (epilogue.shift() != null && epilogue.shift().length < outChannels)) {
            throw new IllegalArgumentException("depthwise epilogue needs scale and shift for " + outChannels
                    + " output channels");
        }
        this.h = h;
        this.w = w;
        this.channels = channels;
        this.multiplier = multiplier;
        this.filter = filter.clone();
        this.epilogue = epilogue;
        if (multiplier == 1) {
            this.filterByMultiplier = this.filter;
            this.interleaveCycles = null;
        } else {
            this.filterByMultiplier = new float[filter.length];
            for (int tap = 0; tap < filter.length; tap += outChannels) {
                for (int c = 0; c < channels; c++) {
                    for (int m = 0; m < multiplier; m++) {
                        filterByMultiplier[tap + m * channels + c] = filter[tap + c * multiplier + m];
                    }
                }
            }
            this.interleaveCycles = interleaveCycles(channels, multiplier);
        }
    }

    /**
     * The cycles of the permutation that takes [multiplier, channels] to [channels, multiplier]:
     * position c * multiplier + m takes the value at m * channels + c. Fixed points are left out.
     */
    private static int[] interleaveCycles(int channels, int multiplier) {
        int n = channels * multiplier;
        int[] from = new int[n];
        for (int c = 0; c < channels; c++) {
            for (int m = 0; m < multiplier; m++) {
                from[c * multiplier + m] = m * channels + c;
            }
        }
        boolean[] done = new boolean[n];
        int[] cycles = new int[2 * n];
        int length = 0;
        for (int start = 0; start < n; start++) {
            if (done[start] || from[start] == start) {
                continue;
            }
            int head = length++;
            int p = start;
            do {
                done[p] = true;
                cycles[length++] = p;
                p = from[p];
            } while (p != start);
            cycles[head] = length - head - 1;
        }
        return Arrays.copyOf(cycles, length);
    }

    /**
     * Reorders one pixel's outputs, at {@code off} in {@code a}, from [multiplier, channels] to
     * [channels, multiplier] in place, following {@link #interleaveCycles}.
     */
    void interleave(float[] a, int off) {
        int[] cycles = interleaveCycles;
        for (int head = 0; head < cycles.length; ) {
            int start = head + 1;
            int last = head + cycles[head];
            float first = a[off + cycles[start]];
            for (int p = start; p < last; p++) {
                a[off + cycles[p]] = a[off + cycles[p + 1]];
            }
            a[off + cycles[last]] = first;
            head = last + 1;
        }
    }

    /**
     * A depthwise convolution layer.
     *
     * @param h          the window along H (kernel height, stride, dilation, padding)
     * @param w          the window along W
     * @param channels   input channels
     * @param multiplier output channels per input channel, at least 1
     * @param filter     [h.size(), w.size(), channels, multiplier] weights, copied
     * @param epilogue   bias / folded BatchNorm / clamp / activation, per output channel
     * @throws IllegalArgumentException if the filter or the epilogue arrays do not fit the shapes
     */
    public static DepthwiseSpec of(Window h, Window w, int channels, int multiplier, float[] filter,
                                   Epilogue epilogue) {
        return new DepthwiseSpec(h, w, channels, multiplier, filter, epilogue);
    }

    /** The window along H. */
    public Window h() {
        return h;
    }

    /** The window along W. */
    public Window w() {
        return w;
    }

    /** Input channels. */
    public int channels() {
        return channels;
    }

    /** Output channels per input channel. */
    public int multiplier() {
        return multiplier;
    }

    /** The weights, [kh, kw, outChannels] row-major; read-only by convention (kernels never write it). */
    float[] filter() {
        return filter;
    }

    /** The epilogue. */
    public Epilogue epilogue() {
        return epilogue;
    }

    /** channels x multiplier. */
    public int outChannels() {
        return channels * multiplier;
    }

    /** Floats of the input for {@code batch}. */
    public long inLength(int batch) {
        return (long) batch * h.in() * w.in() * channels;
    }

    /** Floats of the output for {@code batch}. */
    public long outLength(int batch) {
        return (long) batch * h.out() * w.out() * outChannels();
    }

    /** The first tap of {@code window} that reads inside the input for output {@code o}. */
    static int firstTap(Window window, int o) {
        int start = o * window.stride() - window.padBefore();
        return start >= 0 ? 0 : (-start + window.dilation() - 1) / window.dilation();
    }

    /** One past the last tap of {@code window} that reads inside the input for output {@code o}. */
    static int endTap(Window window, int o) {
        int start = o * window.stride() - window.padBefore();
        int room = window.in() - start;
        return room <= 0 ? 0 : Math.min(window.size(), (room + window.dilation() - 1) / window.dilation());
    }
}
