package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Convolutions;
import java.util.List;
import java.util.Map;

/**
 * <b>Conv</b>: 1-D or 2-D convolution with a fused epilogue, NHWC.
 *
 * <p>2-D: x {@code [N,H,W,C]}, filter HWIO {@code [KH,KW,C/G,O]} (G groups when the filter's
 * input depth divides C), {@code y[n,i,j,o] = epilogue(sum_{a,b,c} x[n, i*sh + a*dh - pt,
 * j*sw + b*dw - pl, c] * f[a,b,c,o])}, zero padding. 1-D (Keras Conv1D): x {@code [N,W,C]},
 * filter WIO {@code [K,C/G,O]}, the same with H = 1 (strideH = dilationH = 1).
 *
 * <p>Defaults: stride and dilation 1, no epilogue ({@link Epilogue#NONE}). Shape rule: the window
 * rule of {@link io.nnport.ir.eval.Window} ({@code SAME}: {@code ceil(in/stride)}, {@code VALID}:
 * {@code ceil((in - (k-1)d) / stride)}, {@code EXPLICIT}: the padded size), O output channels.
 * Evaluation: {@link Convolutions#conv2d} (double sums), then the epilogue. Rejected: a filter of
 * rank other than 3 or 4, input channels that the filter does not divide, a window that does not
 * fit, non-float32 input.
 */
public record ConvLayer(Tensor filter, int strideH, int strideW, int dilationH, int dilationW, Padding padding,
        Epilogue epilogue) implements Layer, EpilogueHost {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public ConvLayer {
        if (filter.rank() != 3 && filter.rank() != 4) {
            throw new IllegalArgumentException("conv filter must be [K,C,O] or [KH,KW,C,O], is " + filter.shape());
        }
        if (filter.rank() == 3 && (strideH != 1 || dilationH != 1 || padding.top() + padding.bottom() != 0)) {
            throw new IllegalArgumentException("a 1-D conv has no height stride, dilation or padding");
        }
    }

    /** 1 for Conv1D, 2 for Conv2D. */
    public int spatialRank() {
        return filter.rank() - 2;
    }

    /** The filter as HWIO (a 1-D filter viewed with KH = 1). */
    public Tensor filter2d() {
        return spatialRank() == 2 ? filter : filter.reshape(LayerRules.insertOne(filter.shape(), 0));
    }

    public int outChannels() {
        return filter.shape().dim(-1);
    }

    private Convolutions.Geometry geometry(Shape x) {
        return Convolutions.Geometry.of(x, filter2d().shape(), false, strideH, strideW, dilationH, dilationW, padding);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "Conv");
        TensorType x = inputs.get(0);
        if (x.rank() != spatialRank() + 2) {
            throw new IllegalArgumentException("Conv" + spatialRank() + "D input must have rank " + (spatialRank() + 2) + ", is " + x.shape());
        }
        TensorType x2 = spatialRank() == 2 ? x : new TensorType(x.dtype(), LayerRules.insertOne(x.shape(), 1));
        LayerRules.checkChannels(epilogue, outChannels(), "Conv");
        LayerRules.requireFloat(x, "Conv");
        Shape y = geometry(x2.shape()).outputShape();
        return LayerRules.one(DType.FLOAT32, spatialRank() == 2 ? y : LayerRules.remove(y, 1));
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Tensor x2 = spatialRank() == 2 ? x : x.reshape(LayerRules.insertOne(x.shape(), 1));
        Tensor y = epilogue.applyTo(Convolutions.conv2d(geometry(x2.shape()), x2, filter2d()));
        return List.of(spatialRank() == 2 ? y : y.reshape(LayerRules.remove(y.shape(), 1)));
    }

    @Override
    public String describe() {
        int[] k = filter.shape().dims();
        String window = spatialRank() == 2 ? k[0] + "x" + k[1] + " s=" + strideH + "x" + strideW
                + (dilationH * dilationW != 1 ? " d=" + dilationH + "x" + dilationW : "")
                : "k=" + k[0] + " s=" + strideW + (dilationW != 1 ? " d=" + dilationW : "");
        return "Conv" + spatialRank() + "D " + window + " " + padding + " ->" + outChannels() + LayerRules.suffix(epilogue);
    }

    @Override
    public Traits traits() {
        return LayerRules.epilogueTraits(epilogue);
    }

    @Override
    public Map<String, Tensor> constants() {
        return LayerRules.withEpilogue(LayerRules.named("filter", filter), epilogue);
    }

    @Override
    public Layer withEpilogue(Epilogue e) {
        return new ConvLayer(filter, strideH, strideW, dilationH, dilationW, padding, e);
    }
}
