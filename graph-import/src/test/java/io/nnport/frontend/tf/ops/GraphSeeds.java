package io.nnport.frontend.tf.ops;

import com.google.protobuf.TextFormat;
import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.testing.RandomTensors;
import io.nnport.testing.RealModels;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed GraphDefs for the fuzz tests of the import pipeline and the converter: the first
 * conformance case of every op in the table (one small graph each), a graph whose layers fuse
 * (conv + bias + batch norm + ReLU, pooling, flatten, dense + bias, softmax; dynamic batch) in
 * binary and text format, a Keras Conv1D, and the smallest real model ({@code tf2_phishing_mlp_ensemble},
 * 12 KB). Small inputs with real structure let the fuzzer spend its mutations on structure.
 */
public final class GraphSeeds {

    private static final String REAL_MODEL = "tf2_phishing_mlp_ensemble.pb";

    private GraphSeeds() {}

    /** The seeds by file name. */
    public static Map<String, byte[]> all() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        OpConformanceTest.CASES.forEach((op, maker) ->
                seeds.put("op-" + op + ".pb", maker.apply(OpConformanceTest.random(op), 0).graph().bytes()));
        GraphDefBuilder fused = fusedConvNet(new RandomTensors(1));
        seeds.put("fused-convnet.pb", fused.bytes());
        seeds.put("fused-convnet.pbtxt", TextFormat.printer().printToString(fused.build()).getBytes(StandardCharsets.UTF_8));
        seeds.put("conv1d.pb", conv1d(new RandomTensors(2)).bytes());
        seeds.put(REAL_MODEL, RealModels.bytes(REAL_MODEL));
        return seeds;
    }

    /** x[?,5,5,2] -> Conv2D 3x3 -> BiasAdd -> FusedBatchNormV3 -> Relu -> MaxPool 2x2 -> Reshape [-1,12] -> MatMul -> BiasAdd -> Softmax. */
    private static GraphDefBuilder fusedConvNet(RandomTensors r) {
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(1, 5, 5, 2), Shape.of(-1, 5, 5, 2));
        g.constant("filter", r.floats(3, 3, 2, 3));
        g.node("conv", "Conv2D").input("x", "filter").attr("T", DType.FLOAT32).attr("strides", new long[] {1, 1, 1, 1})
                .attr("padding", "SAME").done();
        g.constant("bias", r.floats(3));
        g.node("conv_bias", "BiasAdd").input("conv", "bias").attr("T", DType.FLOAT32).done();
        for (String p : new String[] {"gamma", "beta", "mean"}) {
            g.constant(p, r.floats(3));
        }
        g.constant("variance", r.uniform(0.5, 2, 3));
        g.node("bn", "FusedBatchNormV3").input("conv_bias", "gamma", "beta", "mean", "variance").attr("T", DType.FLOAT32)
                .attr("U", DType.FLOAT32).attr("epsilon", 0.001f).attr("is_training", false).attr("data_format", "NHWC").done();
        g.node("relu", "Relu").input("bn").attr("T", DType.FLOAT32).done();
        g.node("pool", "MaxPool").input("relu").attr("T", DType.FLOAT32).attr("ksize", new long[] {1, 2, 2, 1})
                .attr("strides", new long[] {1, 2, 2, 1}).attr("padding", "VALID").done();
        g.constant("flat_shape", Tensor.vectorInts(-1, 12));
        g.node("flat", "Reshape").input("pool", "flat_shape").attr("T", DType.FLOAT32).attr("Tshape", DType.INT32).done();
        g.constant("w", r.floats(12, 4));
        g.node("dense", "MatMul").input("flat", "w").attr("T", DType.FLOAT32).attr("transpose_a", false)
                .attr("transpose_b", false).done();
        g.constant("b", r.floats(4));
        g.node("logits", "BiasAdd").input("dense", "b").attr("T", DType.FLOAT32).done();
        g.node("probs", "Softmax").input("logits").attr("T", DType.FLOAT32).done();
        return g;
    }

    /** Keras' Conv1D: ExpandDims -> Conv2D over a height of 1 -> Squeeze, then BiasAdd and Relu. */
    private static GraphDefBuilder conv1d(RandomTensors r) {
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", r.floats(1, 7, 3), Shape.of(-1, 7, 3));
        g.constant("axis", Tensor.scalarInt(1));
        g.node("expand", "ExpandDims").input("x", "axis").attr("T", DType.FLOAT32).attr("Tdim", DType.INT32).done();
        g.constant("filter", r.floats(1, 3, 3, 4));
        g.node("conv", "Conv2D").input("expand", "filter").attr("T", DType.FLOAT32).attr("strides", new long[] {1, 1, 1, 1})
                .attr("padding", "VALID").done();
        g.node("squeeze", "Squeeze").input("conv").attr("T", DType.FLOAT32).attr("squeeze_dims", new long[] {1}).done();
        g.constant("bias", r.floats(4));
        g.node("biased", "BiasAdd").input("squeeze", "bias").attr("T", DType.FLOAT32).done();
        g.node("y", "Relu").input("biased").attr("T", DType.FLOAT32).done();
        return g;
    }
}
