package io.nnport.ir.eval;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.Padding;

/**
 * Scalar reference 2-D pooling over NHWC windows (dilation 1, SAME or VALID padding): max over the
 * window's in-range elements (padding never wins), or their mean, whose divisor is the number of
 * in-range elements, not KH*KW.
 */
public final class Pooling {
    private Pooling() {}

    /** The output shape {@code [N, OH, OW, C]} of pooling x {@code [N,H,W,C]} (unknown dimensions stay unknown). */
    public static Shape outputShape(Shape x, int kernelH, int kernelW, int strideH, int strideW, Padding.Mode mode) {
        if (mode == Padding.Mode.EXPLICIT) {
            throw new IllegalArgumentException("pooling takes SAME or VALID padding");
        }
        if (x.hasRank() && x.rank() != 4) {
            throw new IllegalArgumentException("input must have rank 4, has shape " + x);
        }
        Shape known = x.hasRank() ? x : Shape.unknownDims(4);
        Window h = Window.of(known.dim(1), kernelH, strideH, 1, mode, 0, 0);
        Window w = Window.of(known.dim(2), kernelW, strideW, 1, mode, 0, 0);
        return Shape.of(known.dim(0), h.out(), w.out(), known.dim(3));
    }

    /** Max ({@code max}) or average pooling of a float32 x {@code [N,H,W,C]}. */
    public static Tensor pool2d(boolean max, Tensor x, int kernelH, int kernelW, int strideH, int strideW, Padding.Mode mode) {
        if (x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("supports float32 only, not " + x.dtype());
        }
        Shape outShape = outputShape(x.shape(), kernelH, kernelW, strideH, strideW, mode);
        int padTop = Window.of(x.shape().dim(1), kernelH, strideH, 1, mode, 0, 0).padBefore();
        int padLeft = Window.of(x.shape().dim(2), kernelW, strideW, 1, mode, 0, 0).padBefore();
        int inH = x.shape().dim(1);
        int inW = x.shape().dim(2);
        int channels = x.shape().dim(3);
        Tensor.Builder y = Tensor.builder(DType.FLOAT32, outShape);
        int out = 0;
        for (int n = 0; n < outShape.dim(0); n++) {
            for (int i = 0; i < outShape.dim(1); i++) {
                for (int j = 0; j < outShape.dim(2); j++) {
                    for (int c = 0; c < channels; c++) {
                        double best = Double.NEGATIVE_INFINITY;
                        double sum = 0;
                        int count = 0;
                        for (int a = 0; a < kernelH; a++) {
                            int row = i * strideH + a - padTop;
                            for (int b = 0; b < kernelW; b++) {
                                int col = j * strideW + b - padLeft;
                                if (row < 0 || row >= inH || col < 0 || col >= inW) {
                                    continue;
                                }
                                double v = x.getDouble(((n * inH + row) * inW + col) * channels + c);
                                best = Math.max(best, v);
                                sum += v;
                                count++;
                            }
                        }
                        y.setDouble(out++, max ? best : sum / count);
                    }
                }
            }
        }
        return y.build();
    }
}
