package io.nnport.kernels.depthwise;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.Window;

/**
 * One depthwise convolution layer, made once at model load: geometry, weights and epilogue.
 *
 * <pre>
 *   input   [batch, h.in(), w.in(), channels]                     NHWC
 *   filter  [h.size(), w.size(), channels, multiplier]            as TensorFlow stores it
 *   output  [batch, h.out(), w.out(), channels * multiplier]      output channel oc = c * multiplier + m
 * </pre>
 *
 * Because oc = c * multiplier + m, the filter is already [kh, kw, outChannels] row-major: the weights
 * of one tap for a block of output channels are contiguous, which is what the vector kernel loads.
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
    /** oc / multiplier for each output channel, the vector kernel's gather map; null for multiplier 1. */
    final int[] inputChannel;

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
            this.inputChannel = null;
        } else {
            this.inputChannel = new int[outChannels];
            for (int oc = 0; oc < outChannels; oc++) {
                inputChannel[oc] = oc / multiplier;
            }
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
