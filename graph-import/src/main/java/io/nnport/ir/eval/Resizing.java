package io.nnport.ir.eval;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;

/**
 * Scalar reference image resizing, NHWC float32, to {@code [N, height, width, C]}.
 *
 * <ul>
 * <li>Bilinear: source coordinate {@code in = (o + 0.5) * scale - 0.5} with
 *     {@code halfPixelCenters}, else {@code o * scale}; {@code scale = (in-1)/(out-1)} with
 *     {@code alignCorners} (and out &gt; 1), else {@code in/out}; the value interpolates the
 *     neighbours {@code floor(in)} (clamped at 0) and {@code ceil(in)} (clamped at in-1), top and
 *     bottom rows first, then between them. Computed in float32 as TensorFlow's kernel does.</li>
 * <li>Nearest: the element at {@code floor(c)} ({@code round(c)} with alignCorners),
 *     {@code c = (o + 0.5) * scale} with halfPixelCenters else {@code o * scale}, clamped to
 *     {@code [0, in-1]}.</li>
 * </ul>
 *
 * <p>Rejected: both alignCorners and halfPixelCenters, a size that is not positive, non-float32 input.
 */
public final class Resizing {
    private Resizing() {}

    /** {@code [N, height, width, C]} of x {@code [N,H,W,C]}. */
    public static Shape outputShape(Shape x, int height, int width, boolean alignCorners, boolean halfPixelCenters) {
        if (alignCorners && halfPixelCenters) {
            throw new IllegalArgumentException("align_corners and half_pixel_centers cannot both be true");
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("size must be two positive values, is [" + height + ", " + width + "]");
        }
        if (x.hasRank() && x.rank() != 4) {
            throw new IllegalArgumentException("images must have rank 4, has shape " + x);
        }
        return Shape.of(x.hasRank() ? x.dim(0) : Shape.UNKNOWN, height, width, x.hasRank() ? x.dim(3) : Shape.UNKNOWN);
    }

    public static Tensor resize(Tensor x, boolean bilinear, int height, int width, boolean alignCorners, boolean halfPixel) {
        if (x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("supports float32 only, not " + x.dtype());
        }
        Shape outShape = outputShape(x.shape(), height, width, alignCorners, halfPixel);
        int batch = x.shape().dim(0);
        int inH = x.shape().dim(1);
        int inW = x.shape().dim(2);
        int channels = x.shape().dim(3);
        float scaleH = scale(inH, height, alignCorners);
        float scaleW = scale(inW, width, alignCorners);
        Tensor.Builder y = Tensor.builder(DType.FLOAT32, outShape);
        int o = 0;
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < height; i++) {
                float inY = halfPixel ? (i + 0.5f) * scaleH - 0.5f : i * scaleH;
                for (int j = 0; j < width; j++) {
                    float inX = halfPixel ? (j + 0.5f) * scaleW - 0.5f : j * scaleW;
                    for (int c = 0; c < channels; c++) {
                        if (bilinear) {
                            y.setDouble(o++, bilinear(x, n, inY, inX, c, inH, inW, channels));
                        } else {
                            int row = nearest(i, scaleH, inH, halfPixel, alignCorners);
                            int col = nearest(j, scaleW, inW, halfPixel, alignCorners);
                            y.setDouble(o++, x.getFloat(((n * inH + row) * inW + col) * channels + c));
                        }
                    }
                }
            }
        }
        return y.build();
    }

    private static float scale(int in, int out, boolean alignCorners) {
        return alignCorners && out > 1 ? (in - 1) / (float) (out - 1) : in / (float) out;
    }

    /** The nearest-neighbour source index: no -0.5 shift, rounding only with align_corners. */
    private static int nearest(int out, float scale, int size, boolean halfPixel, boolean alignCorners) {
        float in = halfPixel ? (out + 0.5f) * scale : out * scale;
        int index = (int) (alignCorners ? Math.round(in) : Math.floor(in));
        return Math.max(0, Math.min(index, size - 1));
    }

    private static float bilinear(Tensor x, int n, float inY, float inX, int c, int inH, int inW, int channels) {
        int top = (int) Math.max(Math.floor(inY), 0);
        int bottom = (int) Math.min(Math.ceil(inY), inH - 1);
        float yLerp = inY - (float) Math.floor(inY);
        int left = (int) Math.max(Math.floor(inX), 0);
        int right = (int) Math.min(Math.ceil(inX), inW - 1);
        float xLerp = inX - (float) Math.floor(inX);
        float topLeft = x.getFloat(((n * inH + top) * inW + left) * channels + c);
        float topRight = x.getFloat(((n * inH + top) * inW + right) * channels + c);
        float bottomLeft = x.getFloat(((n * inH + bottom) * inW + left) * channels + c);
        float bottomRight = x.getFloat(((n * inH + bottom) * inW + right) * channels + c);
        float topValue = topLeft + (topRight - topLeft) * xLerp;
        float bottomValue = bottomLeft + (bottomRight - bottomLeft) * xLerp;
        return topValue + (bottomValue - topValue) * yLerp;
    }
}
