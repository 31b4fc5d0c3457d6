package io.nnport.jmh;

/**
 * The layers of the converted charCNN in the order {@code CharcnnModel.predict} runs them, named
 * after their TensorFlow nodes, with the shapes of one sample (the flatten between max_pooling1d_2
 * and dense is an alias, no call). FLOPs count 2 per multiply-add, as the converter does; pooling
 * and softmax count none here (the converter's 741.1 M adds a comparison per pooling tap and 3 per
 * softmax output, 0.37 M in all).
 */
public enum CharcnnLayer {
    /** Conv1D k=7, [1014, 70] -> [1008, 256], bias, ReLU. */
    CONV1D(Kind.CONV, 1014, 70, 7, 256),
    /** MaxPool1D 3/3 VALID, [1008, 256] -> [336, 256]. */
    MAX_POOLING1D(Kind.POOL, 1008, 256, 3, 256),
    /** Conv1D k=7, [336, 256] -> [330, 256], bias, ReLU. */
    CONV1D_1(Kind.CONV, 336, 256, 7, 256),
    /** MaxPool1D 3/3 VALID, [330, 256] -> [110, 256]. */
    MAX_POOLING1D_1(Kind.POOL, 330, 256, 3, 256),
    /** Conv1D k=3, [110, 256] -> [108, 256], bias, ReLU. */
    CONV1D_2(Kind.CONV, 110, 256, 3, 256),
    /** Conv1D k=3, [108, 256] -> [106, 256], bias, ReLU. */
    CONV1D_3(Kind.CONV, 108, 256, 3, 256),
    /** Conv1D k=3, [106, 256] -> [104, 256], bias, ReLU. */
    CONV1D_4(Kind.CONV, 106, 256, 3, 256),
    /** Conv1D k=3, [104, 256] -> [102, 256], bias, ReLU. */
    CONV1D_5(Kind.CONV, 104, 256, 3, 256),
    /** MaxPool1D 3/3 VALID, [102, 256] -> [34, 256]. */
    MAX_POOLING1D_2(Kind.POOL, 102, 256, 3, 256),
    /** Dense 8704 -> 1024, bias, ReLU (the flattened [34, 256]). */
    DENSE(Kind.DENSE, 1, 8704, 1, 1024),
    /** Dense 1024 -> 1024, bias, ReLU. */
    DENSE_1(Kind.DENSE, 1, 1024, 1, 1024),
    /** Dense 1024 -> 4, bias. */
    DENSE_2(Kind.DENSE, 1, 1024, 1, 4),
    /** Softmax over 4 classes, in place. */
    SOFTMAX(Kind.SOFTMAX, 1, 4, 1, 4);

    /** Which kernel the generated code calls for the layer. */
    public enum Kind { CONV, POOL, DENSE, SOFTMAX }

    public final Kind kind;
    /** Input positions (1 for dense and softmax). */
    public final int width;
    /** Input channels (dense: input features). */
    public final int channels;
    /** Window (conv taps or pool size; the pool's stride equals it). */
    public final int window;
    /** Output channels (dense: output features). */
    public final int outChannels;

    CharcnnLayer(Kind kind, int width, int channels, int window, int outChannels) {
        this.kind = kind;
        this.width = width;
        this.channels = channels;
        this.window = window;
        this.outChannels = outChannels;
    }

    /** Output positions: VALID conv keeps width - window + 1, the pool width / window. */
    public int outWidth() {
        return switch (kind) {
            case CONV -> width - window + 1;
            case POOL -> width / window;
            case DENSE, SOFTMAX -> 1;
        };
    }

    /** The layer's name in the TensorFlow graph ({@code conv1d_1}). */
    public String tfName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The GEMM a conv or dense layer is, per sample: M rows (positions), K, N. */
    public int gemmK() {
        return window * channels;
    }

    /** Multiply-add FLOPs of one sample. */
    public long flopsPerSample() {
        return switch (kind) {
            case CONV, DENSE -> 2L * outWidth() * gemmK() * outChannels;
            case POOL, SOFTMAX -> 0L;
        };
    }

    /** Floats in one sample's input and output. */
    public int inputFloats() {
        return width * channels;
    }

    public int outputFloats() {
        return outWidth() * outChannels;
    }

    /** [1014,70] -> [1008,256] */
    public String shapeText() {
        return kind == Kind.DENSE || kind == Kind.SOFTMAX ? "[" + channels + "] -> [" + outChannels + "]"
                : "[" + width + "," + channels + "] -> [" + outWidth() + "," + outChannels + "]";
    }
}
