package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Convolutions;
import java.util.List;
import java.util.Map;

/**
 * <b>TransposedConv2D</b> (Keras Conv2DTranspose): the gradient of a Conv2D with respect to its
 * input. dy {@code [N,h,w,O]}, filter {@code [KH,KW,C,O]} (TensorFlow's layout for
 * Conv2DBackpropInput: C is this layer's output depth), output {@code [N,outH,outW,C]}:
 * {@code y[n, i*sh + a*dh - pt, j*sw + b*dw - pl, c] += dy[n,i,j,o] * f[a,b,c,o]}, then the
 * epilogue; the padding is that of the forward conv from {@code [outH,outW]} to {@code [h,w]}.
 *
 * <p>Shape rule: {@code [N, outHeight, outWidth, C]}, N the input's (possibly dynamic) batch.
 * Evaluation: {@link Convolutions#transposed} (double sums), then the epilogue. Rejected: an input that is not the
 * forward output of {@code [outH,outW]}, grouped filters, non-float32 input.
 */
public record TransposedConv2DLayer(Tensor filter, int outHeight, int outWidth, int strideH, int strideW, int dilationH,
        int dilationW, Padding padding, Epilogue epilogue) implements Layer, EpilogueHost {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public int outChannels() {
        return filter.shape().dim(2);
    }

    /** The geometry of the forward convolution from {@code [batch, outHeight, outWidth, C]}. */
    private Convolutions.Geometry geometry(int batch) {
        return Convolutions.Geometry.of(Shape.of(batch, outHeight, outWidth, outChannels()), filter.shape(), false, strideH,
                strideW, dilationH, dilationW, padding);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "TransposedConv2D");
        LayerRules.checkChannels(epilogue, outChannels(), "TransposedConv2D");
        TensorType dy = inputs.get(0);
        LayerRules.requireFloat(dy, "TransposedConv2D");
        if (dy.rank() != 4) {
            throw new IllegalArgumentException("TransposedConv2D input must have rank 4, is " + dy.shape());
        }
        Convolutions.Geometry g = geometry(dy.dim(0));
        if (g.groups() != 1) {
            throw new IllegalArgumentException("grouped transposed convolutions are not supported");
        }
        if (!dy.shape().isCompatibleWith(g.outputShape())) {
            throw new IllegalArgumentException("input " + dy.shape() + " is not the forward output " + g.outputShape()
                    + " of " + g.inputShape());
        }
        return LayerRules.one(DType.FLOAT32, g.inputShape());
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        Tensor dy = inputs.get(0);
        return List.of(epilogue.applyTo(Convolutions.transposed(geometry(dy.shape().dim(0)), filter, dy)));
    }

    @Override
    public String describe() {
        int[] k = filter.shape().dims();
        return "TransposedConv2D " + k[0] + "x" + k[1] + " s=" + strideH + "x" + strideW + " " + padding
                + " ->" + outHeight + "x" + outWidth + "x" + outChannels() + LayerRules.suffix(epilogue);
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
        return new TransposedConv2DLayer(filter, outHeight, outWidth, strideH, strideW, dilationH, dilationW, padding, e);
    }
}
