package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Resizing;
import java.util.List;

/**
 * <b>Resize</b>: NHWC images resized to {@code height x width}, bilinear or nearest neighbour,
 * with the {@code alignCorners} / {@code halfPixelCenters} coordinate rules of {@link Resizing}.
 * Rejected: both flags set, a size that is not positive, input that is not float32 {@code [N,H,W,C]}.
 */
public record ResizeLayer(boolean bilinear, int height, int width, boolean alignCorners, boolean halfPixelCenters)
        implements Layer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Resize");
        TensorType x = inputs.get(0);
        LayerRules.requireFloat(x, "Resize");
        return LayerRules.one(DType.FLOAT32, Resizing.outputShape(x.shape(), height, width, alignCorners, halfPixelCenters));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        return List.of(Resizing.resize(inputs.get(0), bilinear, height, width, alignCorners, halfPixelCenters));
    }

    @Override
    public String describe() {
        return (bilinear ? "ResizeBilinear " : "ResizeNearest ") + height + "x" + width
                + (alignCorners ? " align_corners" : "") + (halfPixelCenters ? " half_pixel_centers" : "");
    }

    @Override
    public Traits traits() {
        return new Traits(false, Traits.InPlace.NONE, false, true, !bilinear);
    }
}
