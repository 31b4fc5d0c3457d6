package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch normalization at inference (FusedBatchNorm, FusedBatchNormV2, FusedBatchNormV3 with
 * {@code is_training=false}).
 *
 * <p>Inputs x {@code [N,H,W,C]} (or NCHW with {@code data_format=NCHW}), scale, offset, mean,
 * variance (each {@code [C]}): {@code y = (x - mean) * scale / sqrt(variance + epsilon) + offset}
 * per channel. Attrs: {@code epsilon} (default 1e-4), {@code data_format} (NHWC), {@code is_training}
 * (default true in TensorFlow's op definition; exported inference graphs set false).
 *
 * <p>Outputs: y, then batch_mean, batch_variance, reserve_space_1, reserve_space_2 (and
 * reserve_space_3 for V3), which at inference are the given mean and variance (reserve_space_3 is
 * an empty float vector). Only y is meant to be consumed.
 *
 * <p>Rejected: {@code is_training=true} at evaluation ("training-mode batch norm"), which a
 * Keras/TF1 graph keeps only in the training branch of a cond that inference does not take;
 * parameters whose length is not the channel count.
 */
public record BatchNorm(int outputs) implements OpSemantics {

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 5);
        for (TensorInfo input : inputs) {
            Rules.requireFloat(node, input.dtype());
        }
        Shape x = inputs.get(0).shape();
        Rules.requireRank(node, x, 4, "x");
        int channels = x.hasRank() ? x.dim(channelAxis(node)) : Shape.UNKNOWN;
        for (int i = 1; i < 5; i++) {
            Shape p = inputs.get(i).shape();
            boolean emptyMeanOrVariance = i >= 3 && p.hasRank() && p.rank() == 1 && p.dim(0) == 0
                    && node.boolAttr("is_training", true);
            if (!emptyMeanOrVariance && !p.isCompatibleWith(Shape.of(channels))) {
                throw node.error("parameter " + i + " has shape " + p + ", expected [" + (channels < 0 ? "?" : channels) + "]");
            }
        }
        List<TensorInfo> out = new ArrayList<>();
        out.add(TensorInfo.of(DType.FLOAT32, x));
        for (int i = 1; i < outputs; i++) {
            out.add(TensorInfo.of(DType.FLOAT32, i == 5 ? Shape.of(0) : Shape.of(channels)));
        }
        return out;
    }

    private static int channelAxis(Node node) {
        return node.stringAttr("data_format", "NHWC").equals("NCHW") ? 1 : 3;
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        infer(node, Rules.infos(inputs));
        if (node.boolAttr("is_training", true)) {
            throw node.error("training-mode batch norm (is_training=true) is not supported; inference graphs set is_training=false");
        }
        Tensor x = inputs.get(0);
        Tensor scale = inputs.get(1);
        Tensor offset = inputs.get(2);
        Tensor mean = inputs.get(3);
        Tensor variance = inputs.get(4);
        double epsilon = node.floatAttr("epsilon", 1e-4f);
        int axis = channelAxis(node);
        int channels = x.shape().dim(axis);
        int inner = axis == 1 ? x.shape().dim(2) * x.shape().dim(3) : 1;
        Tensor.Builder y = Tensor.builder(DType.FLOAT32, x.shape());
        for (int i = 0; i < x.size(); i++) {
            int c = (i / inner) % channels;
            double normalized = (x.getDouble(i) - mean.getDouble(c)) / Math.sqrt(variance.getDouble(c) + epsilon);
            y.setDouble(i, normalized * scale.getDouble(c) + offset.getDouble(c));
        }
        List<Tensor> out = new ArrayList<>();
        out.add(y.build());
        out.add(mean);
        out.add(variance);
        out.add(mean);
        out.add(variance);
        if (outputs == 6) {
            out.add(Tensor.zeros(DType.FLOAT32, Shape.of(0)));
        }
        return out;
    }

    @Override
    public String toString() {
        return "batch norm";
    }
}
