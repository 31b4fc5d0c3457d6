package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.List;

/**
 * 2-D convolutions, NHWC only.
 *
 * <ul>
 * <li><b>CONV2D</b> (Conv2D): x {@code [N,H,W,C]}, filter {@code [KH,KW,C/G,O]} (G groups when the
 *     filter's input depth divides C), {@code y[n,i,j,o] = sum_{a,b,c} x[n, i*sh + a*dh - pt,
 *     j*sw + b*dw - pl, g*C/G + c] * f[a,b,c,o]} with {@code g = o / (O/G)}; out of range reads
 *     are zero padding.</li>
 * <li><b>DEPTHWISE</b> (DepthwiseConv2dNative): filter {@code [KH,KW,C,M]}, output channel
 *     {@code c*M + m} reads only input channel c.</li>
 * <li><b>TRANSPOSE</b> (Conv2DBackpropInput, i.e. Conv2DTranspose): inputs (input_sizes, filter
 *     {@code [KH,KW,C,O]}, dy {@code [N,OH,OW,O]}); the gradient of CONV2D with respect to its input:
 *     {@code y[n, i*sh + a*dh - pt, j*sw + b*dw - pl, c] += dy[n,i,j,o] * f[a,b,c,o]}; output shape
 *     is input_sizes (when constant) and the padding is that of the forward conv of that size.</li>
 * </ul>
 *
 * <p>Attributes: {@code strides} (4 ints, NHWC: [1,sh,sw,1], required), {@code dilations}
 * (default [1,1,1,1]), {@code padding} SAME / VALID / EXPLICIT (+{@code explicit_paddings}, 8 ints),
 * {@code data_format} NHWC (default). Geometry: {@link Window}. Sums are double.
 *
 * <p>Rejected, with the reason: data_format NCHW (TensorFlow's CPU kernels reject it as well),
 * strides or dilations on the batch or channel axis, filter and input channels that do not match,
 * non-float32 input.
 */
public record Conv(Kind kind) implements OpSemantics {

    public enum Kind { CONV2D, DEPTHWISE, TRANSPOSE }

    /** Attributes and geometry of one convolution, for the layer IR and the evaluator. */
    public record Geometry(int batch, int inH, int inW, int inC, int kH, int kW, int outH, int outW, int outC,
            int strideH, int strideW, int dilationH, int dilationW, int padTop, int padLeft, int groups,
            int multiplier) {}

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, kind == Kind.TRANSPOSE ? 3 : 2);
        for (TensorInfo input : inputs.subList(kind == Kind.TRANSPOSE ? 1 : 0, inputs.size())) {
            Rules.requireFloat(node, input.dtype());
        }
        if (kind == Kind.TRANSPOSE) {
            Shape filter = inputs.get(1).shape();
            long[] sizes = Rules.constLongs(inputs, 0);
            Shape dy = inputs.get(2).shape();
            if (sizes == null) {
                int channels = filter.hasRank() && filter.rank() == 4 ? filter.dim(2) : Shape.UNKNOWN;
                return Rules.one(DType.FLOAT32, Shape.of(dy.hasRank() ? dy.dim(0) : Shape.UNKNOWN,
                        Shape.UNKNOWN, Shape.UNKNOWN, channels));
            }
            if (sizes.length != 4) {
                throw node.error("input_sizes must hold 4 values, holds " + sizes.length);
            }
            Shape x = Shape.ofLongs(sizes);
            Geometry g = geometry(node, x, filter);
            if (dy.hasRank() && !dy.isCompatibleWith(Shape.of(g.batch, g.outH, g.outW, g.outC))) {
                throw node.error("out_backprop " + dy + " does not match the forward output "
                        + Shape.of(g.batch, g.outH, g.outW, g.outC) + " of input " + x);
            }
            return Rules.one(DType.FLOAT32, x);
        }
        Geometry g = geometry(node, inputs.get(0).shape(), inputs.get(1).shape());
        return Rules.one(DType.FLOAT32, Shape.of(g.batch, g.outH, g.outW, g.outC));
    }

    /**
     * The geometry of this convolution for an input (the forward input for TRANSPOSE) and filter.
     * Unknown input dimensions give unknown output dimensions.
     */
    public Geometry geometry(Node node, Shape x, Shape filter) {
        if (!node.stringAttr("data_format", "NHWC").equals("NHWC")) {
            throw node.error("data_format " + node.stringAttr("data_format") + " is not supported (NHWC only)");
        }
        Rules.requireRank(node, x, 4, "input");
        if (!filter.hasRank() || filter.rank() != 4 || !filter.isFullyKnown()) {
            throw node.error("filter must have a known 4-D shape, has " + filter);
        }
        if (!x.hasRank()) {
            x = Shape.unknownDims(4);
        }
        long[] strides = node.intsAttr("strides");
        long[] dilations = node.intsAttr("dilations", 1, 1, 1, 1);
        if (strides.length != 4 || dilations.length != 4 || strides[0] != 1 || strides[3] != 1
                || dilations[0] != 1 || dilations[3] != 1) {
            throw node.error("strides and dilations must be [1,h,w,1], are "
                    + java.util.Arrays.toString(strides) + " and " + java.util.Arrays.toString(dilations));
        }
        String padding = node.stringAttr("padding");
        long[] explicit = node.intsAttr("explicit_paddings", new long[0]);
        int kH = filter.dim(0);
        int kW = filter.dim(1);
        Window h = Window.of(node, x.dim(1), kH, (int) strides[1], (int) dilations[1], padding, explicit, 1);
        Window w = Window.of(node, x.dim(2), kW, (int) strides[2], (int) dilations[2], padding, explicit, 2);
        int inC = x.dim(3);
        int groups = 1;
        int multiplier = 1;
        int outC;
        if (kind == Kind.DEPTHWISE) {
            if (inC != Shape.UNKNOWN && filter.dim(2) != inC) {
                throw node.error("filter " + filter + " expects " + filter.dim(2) + " input channels, input " + x + " has " + inC);
            }
            multiplier = filter.dim(3);
            outC = filter.dim(2) * multiplier;
        } else {
            int filterC = filter.dim(2);
            if (inC != Shape.UNKNOWN) {
                if (filterC == 0 || inC % filterC != 0 || filter.dim(3) % (inC / filterC) != 0) {
                    throw node.error("filter " + filter + " does not match the " + inC + " input channels of " + x);
                }
                groups = inC / filterC;
            }
            outC = filter.dim(3);
        }
        return new Geometry(x.dim(0), x.dim(1), x.dim(2), inC, kH, kW, h.out(), w.out(), outC,
                (int) strides[1], (int) strides[2], (int) dilations[1], (int) dilations[2], h.padBefore(), w.padBefore(),
                groups, multiplier);
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Shape outShape = Rules.outputShape(this, node, inputs);
        if (kind == Kind.TRANSPOSE) {
            return Rules.one(transpose(node, outShape, inputs.get(1), inputs.get(2)));
        }
        Tensor x = inputs.get(0);
        Tensor f = inputs.get(1);
        Geometry g = geometry(node, x.shape(), f.shape());
        Tensor.Builder y = Rules.builder(node, DType.FLOAT32, outShape);
        if (kind == Kind.DEPTHWISE) {
            depthwise(g, x, f, y);
        } else {
            convolve(g, x.floats(), f.floats(), y);
        }
        return Rules.one(y.build());
    }

    private static void depthwise(Geometry g, Tensor x, Tensor f, Tensor.Builder y) {
        int out = 0;
        for (int n = 0; n < g.batch; n++) {
            for (int i = 0; i < g.outH; i++) {
                for (int j = 0; j < g.outW; j++) {
                    for (int o = 0; o < g.outC; o++) {
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
                                int c = o / g.multiplier;
                                sum += x.getDouble(((n * g.inH + row) * g.inW + col) * g.inC + c)
                                        * f.getDouble(((a * g.kW + b) * g.inC + c) * g.multiplier + o % g.multiplier);
                            }
                        }
                        y.setDouble(out++, sum);
                    }
                }
            }
        }
    }

    /**
     * Conv2D (grouped or not): per output value, a double sum over taps (a, b) and then the group's
     * input channels c in order. The filter is first copied into [o][a][b][c] order so the inner
     * loop walks both operands contiguously; the sum is the same, term for term.
     */
    private static void convolve(Geometry g, float[] x, float[] f, Tensor.Builder y) {
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
                                for (int c = 0; c < groupIn; c++) {
                                    sum += (double) x[xAt + c] * byOutput[fAt + c];
                                }
                            }
                        }
                        y.setDouble(out++, sum);
                    }
                }
            }
        }
    }

    private Tensor transpose(Node node, Shape xShape, Tensor f, Tensor dy) {
        Geometry g = geometry(node, xShape, f.shape());
        if (g.groups != 1) {
            throw node.error("grouped Conv2DBackpropInput is not supported");
        }
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

    @Override
    public String toString() {
        return "conv " + kind;
    }
}
