package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Image resizing, NHWC float32: inputs (images {@code [N,H,W,C]}, size int32 {@code [2]} =
 * (newH, newW)), output {@code [N,newH,newW,C]}.
 *
 * <ul>
 * <li><b>BILINEAR</b> (ResizeBilinear): source coordinate {@code in = (o + 0.5) * scale - 0.5} with
 *     {@code half_pixel_centers}, else {@code o * scale}; {@code scale = (in-1)/(out-1)} with
 *     {@code align_corners} (and out &gt; 1), else {@code in/out}; the value interpolates the
 *     neighbours {@code floor(in)} (clamped at 0) and {@code ceil(in)} (clamped at in-1), top and
 *     bottom rows first, then between them. Computed in float32 like TensorFlow's kernel.</li>
 * <li><b>NEAREST</b> (ResizeNearestNeighbor): the element at {@code floor(c)} ({@code round(c)}
 *     with align_corners), {@code c = (o + 0.5) * scale} with half_pixel_centers else
 *     {@code o * scale}, clamped to {@code [0, in-1]}.</li>
 * </ul>
 *
 * <p>Rejected: both align_corners and half_pixel_centers (TensorFlow rejects it too), a size that is
 * not two positive constants at shape inference time.
 */
public record Resize(boolean bilinear) implements OpSemantics {

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 2);
        Rules.requireFloat(node, inputs.get(0).dtype());
        if (node.boolAttr("align_corners", false) && node.boolAttr("half_pixel_centers", false)) {
            throw node.error("align_corners and half_pixel_centers cannot both be true");
        }
        Shape x = inputs.get(0).shape();
        Rules.requireRank(node, x, 4, "images");
        long[] size = Rules.constLongs(inputs, 1);
        int batch = x.hasRank() ? x.dim(0) : Shape.UNKNOWN;
        int channels = x.hasRank() ? x.dim(3) : Shape.UNKNOWN;
        if (size == null) {
            return Rules.one(DType.FLOAT32, Shape.of(batch, Shape.UNKNOWN, Shape.UNKNOWN, channels));
        }
        if (size.length != 2 || size[0] <= 0 || size[1] <= 0) {
            throw node.error("size must be two positive values, is " + Arrays.toString(size));
        }
        return Rules.one(DType.FLOAT32, Shape.of(batch, (int) size[0], (int) size[1], channels));
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Shape outShape = Rules.outputShape(this, node, inputs);
        Tensor x = inputs.get(0);
        boolean alignCorners = node.boolAttr("align_corners", false);
        boolean halfPixel = node.boolAttr("half_pixel_centers", false);
        int batch = x.shape().dim(0);
        int inH = x.shape().dim(1);
        int inW = x.shape().dim(2);
        int channels = x.shape().dim(3);
        int outH = outShape.dim(1);
        int outW = outShape.dim(2);
        float scaleH = scale(inH, outH, alignCorners);
        float scaleW = scale(inW, outW, alignCorners);
        Tensor.Builder y = Rules.builder(node, DType.FLOAT32, outShape);
        int o = 0;
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < outH; i++) {
                float inY = halfPixel ? (i + 0.5f) * scaleH - 0.5f : i * scaleH;
                for (int j = 0; j < outW; j++) {
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
        return Rules.one(y.build());
    }

    private static float scale(int in, int out, boolean alignCorners) {
        return alignCorners && out > 1 ? (in - 1) / (float) (out - 1) : in / (float) out;
    }

    /** TensorFlow's nearest-neighbour source index: no -0.5 shift, rounding only with align_corners. */
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

    @Override
    public String toString() {
        return bilinear ? "resize bilinear" : "resize nearest";
    }
}
