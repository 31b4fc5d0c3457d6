package io.nnport.ir.eval;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.Padding;

/**
 * Scalar reference 2-D convolutions, NHWC, summed in double.
 *
 * <ul>
 * <li>{@link #conv2d}: x {@code [N,H,W,C]}, filter HWIO {@code [KH,KW,C/G,O]} (G groups when the
 *     filter's input depth divides C), {@code y[n,i,j,o] = sum_{a,b,c} x[n, i*sh + a*dh - pt,
 *     j*sw + b*dw - pl, g*C/G + c] * f[a,b,c,o]} with {@code g = o / (O/G)}; out of range reads
 *     are zero padding.</li>
 * <li>{@link #depthwise}: filter {@code [KH,KW,C,M]}, output channel {@code c*M + m} reads only
 *     input channel c.</li>
 * <li>{@link #transposed}: the gradient of conv2d with respect to its input: dy {@code [N,OH,OW,O]},
 *     filter {@code [KH,KW,C,O]}, {@code y[n, i*sh + a*dh - pt, j*sw + b*dw - pl, c] +=
 *     dy[n,i,j,o] * f[a,b,c,o]}, y of the forward input's shape.</li>
 * </ul>
 */
public final class Convolutions {
    private Convolutions() {}

    /** Attributes and geometry of one convolution; input dimensions may be {@link Shape#UNKNOWN}. */
    public record Geometry(int batch, int inH, int inW, int inC, int kH, int kW, int outH, int outW, int outC,
            int strideH, int strideW, int dilationH, int dilationW, int padTop, int padLeft, int groups) {

        /**
         * The geometry for input {@code x} ({@code [N,H,W,C]}, the forward input of a transposed
         * conv) and a fully known 4-D {@code filter}.
         */
        public static Geometry of(Shape x, Shape filter, boolean depthwise, int strideH, int strideW, int dilationH,
                int dilationW, Padding padding) {
            if (x.hasRank() && x.rank() != 4) {
                throw new IllegalArgumentException("input must have rank 4, has shape " + x);
            }
            if (!filter.hasRank() || filter.rank() != 4 || !filter.isFullyKnown()) {
                throw new IllegalArgumentException("filter must have a known 4-D shape, has " + filter);
            }
            if (!x.hasRank()) {
                x = Shape.unknownDims(4);
            }
            int kH = filter.dim(0);
            int kW = filter.dim(1);
            Window h = Window.of(x.dim(1), kH, strideH, dilationH, padding.mode(), padding.top(), padding.bottom());
            Window w = Window.of(x.dim(2), kW, strideW, dilationW, padding.mode(), padding.left(), padding.right());
            int inC = x.dim(3);
            int groups = 1;
            int outC;
            if (depthwise) {
                if (inC != Shape.UNKNOWN && filter.dim(2) != inC) {
                    throw new IllegalArgumentException("filter " + filter + " expects " + filter.dim(2) + " input channels, input " + x + " has " + inC);
                }
                outC = filter.dim(2) * filter.dim(3);
            } else {
                int filterC = filter.dim(2);
                if (inC != Shape.UNKNOWN) {
                    if (filterC == 0 || inC % filterC != 0 || filter.dim(3) % (inC / filterC) != 0) {
                        throw new IllegalArgumentException("filter " + filter + " does not match the " + inC + " input channels of " + x);
                    }
                    groups = inC / filterC;
                }
                outC = filter.dim(3);
            }
            return new Geometry(x.dim(0), x.dim(1), x.dim(2), inC, kH, kW, h.out(), w.out(), outC, strideH, strideW,
                    dilationH, dilationW, h.padBefore(), w.padBefore(), groups);
        }

        /** {@code [N, OH, OW, O]}. */
        public Shape outputShape() {
            return Shape.of(batch, outH, outW, outC);
        }

        /** {@code [N, H, W, C]}. */
        public Shape inputShape() {
            return Shape.of(batch, inH, inW, inC);
        }
    }

    /**
     * Conv2D (grouped or not): per output value, a double sum over taps (a, b), each tap's term the
     * {@link Products#dot dot product} over the group's input channels. The filter is first copied
     * into [o][a][b][c] order so that dot product walks both operands contiguously.
     */
    public static Tensor conv2d(Geometry g, Tensor input, Tensor filter) {
        requireFloat(input, filter);
        float[] x = input.floats();
        float[] f = filter.floats();
        int groupIn = g.inC / g.groups;
        int groupOut = g.outC / g.groups;
        int taps = g.kH * g.kW;
        float[] byOutput = new float[g.outC * taps * groupIn];
        for (int t = 0; t < taps; t++) {
            for (int c = 0; c < groupIn; c++) {
                for (int o = 0; o < g.outC; o++) {
                    byOutput[(o * taps + t) * groupIn + c] = f[(t * groupIn + c) * g.outC + o];
                }
            }
        }
        Tensor.Builder y = Tensor.builder(DType.FLOAT32, g.outputShape());
        int out = 0;
        for (int n = 0; n < g.batch; n++) {
            for (int i = 0; i < g.outH; i++) {
                for (int j = 0; j < g.outW; j++) {
                    for (int o = 0; o < g.outC; o++) {
                        int first = (o / groupOut) * groupIn;
                        double sum = 0;
                        for (int a = 0; a < g.kH; a++) {
                            int row = i * g.strideH + a * g.dilationH - g.padTop;
                            if (row < 0 || row >= g.inH) {
                                continue;
                            }
                            for (int b = 0; b < g.kW; b++) {
                                int col = j * g.strideW + b * g.dilationW - g.padLeft;
                                if (col < 0 || col >= g.inW) {
                                    continue;
                                }
                                int xAt = ((n * g.inH + row) * g.inW + col) * g.inC + first;
                                int fAt = (o * taps + a * g.kW + b) * groupIn;
                                sum += Products.dot(x, xAt, byOutput, fAt, groupIn);
                            }
                        }
                        y.setDouble(out++, sum);
                    }
                }
            }
        }
        return y.build();
    }

    /**
     * Depthwise: output channel {@code c*M + m} convolves input channel c with {@code f[:,:,c,m]}.
     * That is the grouped convolution with one group per input channel: the filter
     * {@code [KH,KW,C,M]} read as HWIO {@code [KH,KW,1,C*M]} puts output channel {@code c*M + m} in
     * group c, and the sum over taps is term for term the same.
     */
    public static Tensor depthwise(Geometry g, Tensor x, Tensor f) {
        Geometry grouped = new Geometry(g.batch, g.inH, g.inW, g.inC, g.kH, g.kW, g.outH, g.outW, g.outC, g.strideH,
                g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft, g.inC);
        return conv2d(grouped, x, f.reshape(Shape.of(g.kH, g.kW, 1, g.outC)));
    }

    /**
     * The transposed convolution of {@code dy} (the forward output, {@code g.outputShape()}) with
     * filter f {@code [KH,KW,C,O]}: a tensor of the forward input's shape. Grouped filters are rejected.
     */
    public static Tensor transposed(Geometry g, Tensor f, Tensor dy) {
        requireFloat(dy, f);
        if (g.groups != 1) {
            throw new IllegalArgumentException("grouped transposed convolutions are not supported");
        }
        if (!dy.shape().equals(g.outputShape())) {
            throw new IllegalArgumentException("input " + dy.shape() + " is not the forward output " + g.outputShape()
                    + " of " + g.inputShape());
        }
        Shape xShape = g.inputShape();
        double[] sums = new double[Tensor.checkedSize(xShape)];
        for (int n = 0; n < g.batch; n++) {
            for (int i = 0; i < g.outH; i++) {
                for (int j = 0; j < g.outW; j++) {
                    for (int a = 0; a < g.kH; a++) {
                        int row = i * g.strideH + a * g.dilationH - g.padTop;
                        if (row < 0 || row >= g.inH) {
                            continue;
                        }
                        for (int b = 0; b < g.kW; b++) {
                            int col = j * g.strideW + b * g.dilationW - g.padLeft;
                            if (col < 0 || col >= g.inW) {
                                continue;
                            }
                            int dyBase = ((n * g.outH + i) * g.outW + j) * g.outC;
                            int xBase = ((n * g.inH + row) * g.inW + col) * g.inC;
                            for (int c = 0; c < g.inC; c++) {
                                int fBase = ((a * g.kW + b) * g.inC + c) * g.outC;
                                for (int o = 0; o < g.outC; o++) {
                                    sums[xBase + c] += dy.getDouble(dyBase + o) * f.getDouble(fBase + o);
                                }
                            }
                        }
                    }
                }
            }
        }
        Tensor.Builder x = Tensor.builder(DType.FLOAT32, xShape);
        for (int i = 0; i < sums.length; i++) {
            x.setDouble(i, sums[i]);
        }
        return x.build();
    }

    private static void requireFloat(Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException("supports float32 only, not " + t.dtype());
            }
        }
    }
}
