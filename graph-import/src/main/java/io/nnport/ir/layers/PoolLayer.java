package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Pooling;
import java.util.List;

/**
 * <b>Pool</b>: 1-D or 2-D max / average pooling, NHWC. 2-D: x {@code [N,H,W,C]},
 * {@code y[n,i,j,c]} = max (or mean) over the window {@code kernelH x kernelW} at
 * {@code (i*strideH - pt, j*strideW - pl)} of the in-range elements (padding never wins a max and
 * is not counted in a mean). 1-D: x
 * {@code [N,W,C]}, the same with H = 1.
 *
 * <p>Padding SAME or VALID, dilation 1. Shape rule: the window rule of
 * {@link io.nnport.ir.eval.Window}. Evaluation: {@link Pooling#pool2d}. Rejected: EXPLICIT padding,
 * non-float32 input, a VALID window that does not fit.
 */
public record PoolLayer(Kind kind, int spatialRank, int kernelH, int kernelW, int strideH, int strideW, Padding padding)
        implements Layer {
    /** Max or average. */
    public enum Kind { MAX, AVG }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public PoolLayer {
        if (padding.mode() == Padding.Mode.EXPLICIT) {
            throw new IllegalArgumentException("pooling takes SAME or VALID padding");
        }
        if (spatialRank != 1 && spatialRank != 2) {
            throw new IllegalArgumentException("pooling is 1-D or 2-D");
        }
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Pool");
        TensorType x = inputs.get(0);
        if (x.rank() != spatialRank + 2) {
            throw new IllegalArgumentException("Pool" + spatialRank + "D input must have rank " + (spatialRank + 2) + ", is " + x.shape());
        }
        TensorType x2 = spatialRank == 2 ? x : new TensorType(x.dtype(), LayerRules.insertOne(x.shape(), 1));
        LayerRules.requireFloat(x, "Pool");
        Shape y = Pooling.outputShape(x2.shape(), kernelH, kernelW, strideH, strideW, padding.mode());
        return LayerRules.one(DType.FLOAT32, spatialRank == 2 ? y : LayerRules.remove(y, 1));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Tensor x2 = spatialRank == 2 ? x : x.reshape(LayerRules.insertOne(x.shape(), 1));
        Tensor y = Pooling.pool2d(kind == Kind.MAX, x2, kernelH, kernelW, strideH, strideW, padding.mode());
        return List.of(spatialRank == 2 ? y : y.reshape(LayerRules.remove(y.shape(), 1)));
    }

    @Override
    public String describe() {
        String name = (kind == Kind.MAX ? "MaxPool" : "AvgPool") + spatialRank + "D ";
        return name + (spatialRank == 2 ? kernelH + "x" + kernelW + "/" + strideH + "x" + strideW : kernelW + "/" + strideW)
                + " " + padding;
    }

    @Override
    public Traits traits() {
        return new Traits(false, Traits.InPlace.NONE, false, true, kind == Kind.MAX);
    }
}
