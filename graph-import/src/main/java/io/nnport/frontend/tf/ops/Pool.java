package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * 2-D pooling over NHWC windows.
 *
 * <ul>
 * <li><b>MAX</b> (MaxPool): {@code y[n,i,j,c] = max} over the window's in-range elements (padding
 *     never wins).</li>
 * <li><b>AVG</b> (AvgPool): the mean of the window's in-range elements: with SAME padding the
 *     divisor is the number of in-range elements, not KH*KW, as TensorFlow does.</li>
 * </ul>
 *
 * <p>Attributes: {@code ksize} and {@code strides} (4 ints, [1,kh,kw,1], required), {@code padding}
 * SAME / VALID, {@code data_format} NHWC. Output {@code [N, OH, OW, C]} by {@link Window}
 * (dilation 1). Rejected: NCHW, pooling across batch or channels, non-float32 input.
 */
public record Pool(Kind kind) implements OpSemantics {

    public enum Kind { MAX, AVG }

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 1);
        Rules.requireFloat(node, inputs.get(0).dtype());
        Shape x = inputs.get(0).shape();
        Rules.requireRank(node, x, 4, "input");
        if (!x.hasRank()) {
            x = Shape.unknownDims(4);
        }
        Window[] windows = windows(node, x);
        return Rules.one(DType.FLOAT32, Shape.of(x.dim(0), windows[0].out(), windows[1].out(), x.dim(3)));
    }

    private static Window[] windows(Node node, Shape x) {
        if (!node.stringAttr("data_format", "NHWC").equals("NHWC")) {
            throw node.error("data_format " + node.stringAttr("data_format") + " is not supported (NHWC only)");
        }
        long[] ksize = node.intsAttr("ksize");
        long[] strides = node.intsAttr("strides");
        if (ksize.length != 4 || strides.length != 4 || ksize[0] != 1 || ksize[3] != 1 || strides[0] != 1 || strides[3] != 1) {
            throw node.error("ksize and strides must be [1,h,w,1], are " + Arrays.toString(ksize) + " and " + Arrays.toString(strides));
        }
        String padding = node.stringAttr("padding");
        return new Window[] {
            Window.of(node, x.dim(1), (int) ksize[1], (int) strides[1], 1, padding, null, 1),
            Window.of(node, x.dim(2), (int) ksize[2], (int) strides[2], 1, padding, null, 2)
        };
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Shape outShape = Rules.outputShape(this, node, inputs);
        Tensor x = inputs.get(0);
        Window[] windows = windows(node, x.shape());
        long[] ksize = node.intsAttr("ksize");
        long[] strides = node.intsAttr("strides");
        int inH = x.shape().dim(1);
        int inW = x.shape().dim(2);
        int channels = x.shape().dim(3);
        Tensor.Builder y = Tensor.builder(DType.FLOAT32, outShape);
        int out = 0;
        for (int n = 0; n < outShape.dim(0); n++) {
            for (int i = 0; i < outShape.dim(1); i++) {
                for (int j = 0; j < outShape.dim(2); j++) {
                    for (int c = 0; c < channels; c++) {
                        double max = Double.NEGATIVE_INFINITY;
                        double sum = 0;
                        int count = 0;
                        for (int a = 0; a < ksize[1]; a++) {
                            int row = i * (int) strides[1] + a - windows[0].padBefore();
                            for (int b = 0; b < ksize[2]; b++) {
                                int col = j * (int) strides[2] + b - windows[1].padBefore();
                                if (row < 0 || row >= inH || col < 0 || col >= inW) {
                                    continue;
                                }
                                double v = x.getDouble(((n * inH + row) * inW + col) * channels + c);
                                max = Math.max(max, v);
                                sum += v;
                                count++;
                            }
                        }
                        y.setDouble(out++, kind == Kind.MAX ? max : sum / count);
                    }
                }
            }
        }
        return Rules.one(y.build());
    }

    @Override
    public String toString() {
        return "pool " + kind;
    }
}
