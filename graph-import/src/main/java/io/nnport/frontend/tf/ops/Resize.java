package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Resizing;
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
        boolean alignCorners = node.boolAttr("align_corners", false);
        boolean halfPixel = node.boolAttr("half_pixel_centers", false);
        Shape x = inputs.get(0).shape();
        long[] size = Rules.constLongs(inputs, 1);
        if (size == null) {
            Rules.requireRank(node, x, 4, "images");
            return Rules.one(DType.FLOAT32, Shape.of(x.hasRank() ? x.dim(0) : Shape.UNKNOWN, Shape.UNKNOWN, Shape.UNKNOWN,
                    x.hasRank() ? x.dim(3) : Shape.UNKNOWN));
        }
        if (size.length != 2) {
            throw node.error("size must be two positive values, is " + Arrays.toString(size));
        }
        return Rules.one(DType.FLOAT32, Rules.at(node, () -> Resizing.outputShape(x, Math.toIntExact(size[0]),
                Math.toIntExact(size[1]), alignCorners, halfPixel)));
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Rules.arity(node, inputs, 2);
        long[] size = inputs.get(1).longs();
        return Rules.one(Rules.at(node, () -> Resizing.resize(inputs.get(0), bilinear, Math.toIntExact(size[0]),
                Math.toIntExact(size[1]), node.boolAttr("align_corners", false), node.boolAttr("half_pixel_centers", false))));
    }

    @Override
    public String toString() {
        return bilinear ? "resize bilinear" : "resize nearest";
    }
}
