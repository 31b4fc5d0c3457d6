package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Pooling;
import io.nnport.ir.layers.Padding;
import java.util.Arrays;
import java.util.List;

/**
 * 2-D pooling over NHWC windows.
 *
 * <ul>
 * <li><b>MAX</b> (MaxPool): {@code y[n,i,j,c] = max} over the window's in-range elements (padding
 *     never wins).</li>
 * <li><b>AVG</b> (AvgPool): the mean of the window's in-range elements: with SAME padding the
 *     divisor is the number of in-range elements, not KH*KW, as TensorFlow does.</li>
 * </ul>
 *
 * <p>Attributes: {@code ksize} and {@code strides} (4 ints, [1,kh,kw,1], required), {@code padding}
 * SAME / VALID, {@code data_format} NHWC. Output {@code [N, OH, OW, C]}; geometry and evaluation:
 * the core's {@link Pooling}. Rejected: NCHW, pooling across batch or channels, non-float32 input.
 */
public record Pool(Kind kind) implements OpSemantics {

    public enum Kind { MAX, AVG }

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, 1);
        Rules.requireFloat(node, inputs.get(0).dtype());
        int[] window = window(node);
        Padding.Mode mode = Conv.padding(node).mode();
        return Rules.one(DType.FLOAT32, Rules.at(node, () -> Pooling.outputShape(inputs.get(0).shape(), window[0], window[1],
                window[2], window[3], mode)));
    }

    /** {@code [kernelH, kernelW, strideH, strideW]} from {@code ksize} and {@code strides}. */
    private static int[] window(Node node) {
        if (!node.stringAttr("data_format", "NHWC").equals("NHWC")) {
            throw node.error("data_format " + node.stringAttr("data_format") + " is not supported (NHWC only)");
        }
        long[] ksize = node.intsAttr("ksize");
        long[] strides = node.intsAttr("strides");
        if (ksize.length != 4 || strides.length != 4 || ksize[0] != 1 || ksize[3] != 1 || strides[0] != 1 || strides[3] != 1) {
            throw node.error("ksize and strides must be [1,h,w,1], are " + Arrays.toString(ksize) + " and " + Arrays.toString(strides));
        }
        return new int[] {(int) ksize[1], (int) ksize[2], (int) strides[1], (int) strides[2]};
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Rules.arity(node, inputs, 1);
        int[] window = window(node);
        Padding.Mode mode = Conv.padding(node).mode();
        return Rules.one(Rules.at(node, () -> Pooling.pool2d(kind == Kind.MAX, inputs.get(0), window[0], window[1],
                window[2], window[3], mode)));
    }

    @Override
    public String toString() {
        return "pool " + kind;
    }
}
