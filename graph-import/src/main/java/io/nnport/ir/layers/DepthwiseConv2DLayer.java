package io.nnport.ir.layers;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.eval.Convolutions;
import java.util.List;
import java.util.Map;

/**
 * <b>DepthwiseConv2D</b>: x {@code [N,H,W,C]}, filter {@code [KH,KW,C,M]}; output channel
 * {@code c*M + m} convolves input channel c with {@code f[:,:,c,m]}, then the epilogue.
 *
 * <p>Shape rule: {@code [N, OH, OW, C*M]} by the window rule of {@link io.nnport.ir.eval.Window}.
 * Evaluation: {@link Convolutions#depthwise} (double sums), then the epilogue. Rejected: filter
 * channels other than C, a window that does not fit, non-float32 input.
 */
public record DepthwiseConv2DLayer(Tensor filter, int strideH, int strideW, int dilationH, int dilationW, Padding padding,
        Epilogue epilogue) implements Layer, EpilogueHost {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public int outChannels() {
        return filter.shape().dim(2) * filter.shape().dim(3);
    }

    private Convolutions.Geometry geometry(Shape x) {
        return Convolutions.Geometry.of(x, filter.shape(), true, strideH, strideW, dilationH, dilationW, padding);
    }

    @Override
    public List<TensorType> outputTypes(List<TensorType> inputs) {
        LayerRules.arity(inputs, 1, "DepthwiseConv2D");
        LayerRules.checkChannels(epilogue, outChannels(), "DepthwiseConv2D");
        LayerRules.requireFloat(inputs.get(0), "DepthwiseConv2D");
        return LayerRules.one(DType.FLOAT32, geometry(inputs.get(0).shape()).outputShape());
    }

    @Override
    public List<Tensor> evaluate(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return List.of(epilogue.applyTo(Convolutions.depthwise(geometry(x.shape()), x, filter)));
    }

    @Override
    public String describe() {
        int[] k = filter.shape().dims();
        return "DepthwiseConv2D " + k[0] + "x" + k[1] + " s=" + strideH + "x" + strideW
                + (dilationH * dilationW != 1 ? " d=" + dilationH + "x" + dilationW : "")
                + (k[3] != 1 ? " m=" + k[3] : "") + " " + padding + LayerRules.suffix(epilogue);
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
        return new DepthwiseConv2DLayer(filter, strideH, strideW, dilationH, dilationW, padding, e);
    }
}
