package io.nnport.frontend.tf.ops;

import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.TensorInfo;
import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.Convolutions;
import io.nnport.ir.layers.Padding;
import java.util.Arrays;
import java.util.List;

/**
 * 2-D convolutions, NHWC only.
 *
 * <ul>
 * <li><b>CONV2D</b> (Conv2D): x {@code [N,H,W,C]}, filter {@code [KH,KW,C/G,O]} (G groups when the
 *     filter's input depth divides C), {@code y[n,i,j,o] = sum_{a,b,c} x[n, i*sh + a*dh - pt,
 *     j*sw + b*dw - pl, g*C/G + c] * f[a,b,c,o]} with {@code g = o / (O/G)}; out of range reads
 *     are zero padding.</li>
 * <li><b>DEPTHWISE</b> (DepthwiseConv2dNative): filter {@code [KH,KW,C,M]}, output channel
 *     {@code c*M + m} reads only input channel c.</li>
 * <li><b>TRANSPOSE</b> (Conv2DBackpropInput, i.e. Conv2DTranspose): inputs (input_sizes, filter
 *     {@code [KH,KW,C,O]}, dy {@code [N,OH,OW,O]}); the gradient of CONV2D with respect to its input:
 *     {@code y[n, i*sh + a*dh - pt, j*sw + b*dw - pl, c] += dy[n,i,j,o] * f[a,b,c,o]}; output shape
 *     is input_sizes (when constant) and the padding is that of the forward conv of that size.</li>
 * </ul>
 *
 * <p>Attributes: {@code strides} (4 ints, NHWC: [1,sh,sw,1], required), {@code dilations}
 * (default [1,1,1,1]), {@code padding} SAME / VALID / EXPLICIT (+{@code explicit_paddings}, 8 ints),
 * {@code data_format} NHWC (default). Geometry and evaluation: the core's {@link Convolutions}.
 *
 * <p>Rejected, with the reason: data_format NCHW (TensorFlow's CPU kernels reject it as well),
 * strides or dilations on the batch or channel axis, filter and input channels that do not match,
 * non-float32 input.
 */
public record Conv(Kind kind) implements OpSemantics {

    public enum Kind { CONV2D, DEPTHWISE, TRANSPOSE }

    @Override
    public List<TensorInfo> infer(Node node, List<TensorInfo> inputs) {
        Rules.arity(node, inputs, kind == Kind.TRANSPOSE ? 3 : 2);
        for (TensorInfo input : inputs.subList(kind == Kind.TRANSPOSE ? 1 : 0, inputs.size())) {
            Rules.requireFloat(node, input.dtype());
        }
        if (kind == Kind.TRANSPOSE) {
            Shape filter = inputs.get(1).shape();
            long[] sizes = Rules.constLongs(inputs, 0);
            Shape dy = inputs.get(2).shape();
            if (sizes == null) {
                int channels = filter.hasRank() && filter.rank() == 4 ? filter.dim(2) : Shape.UNKNOWN;
                return Rules.one(DType.FLOAT32, Shape.of(dy.hasRank() ? dy.dim(0) : Shape.UNKNOWN,
                        Shape.UNKNOWN, Shape.UNKNOWN, channels));
            }
            if (sizes.length != 4) {
                throw node.error("input_sizes must hold 4 values, holds " + sizes.length);
            }
            Shape x = Shape.ofLongs(sizes);
            Shape forward = geometry(node, x, filter).outputShape();
            if (dy.hasRank() && !dy.isCompatibleWith(forward)) {
                throw node.error("out_backprop " + dy + " does not match the forward output " + forward + " of input " + x);
            }
            return Rules.one(DType.FLOAT32, x);
        }
        return Rules.one(DType.FLOAT32, geometry(node, inputs.get(0).shape(), inputs.get(1).shape()).outputShape());
    }

    /**
     * The geometry of this convolution for an input (the forward input for TRANSPOSE) and filter,
     * from the node's attributes. Unknown input dimensions give unknown output dimensions.
     */
    private Convolutions.Geometry geometry(Node node, Shape x, Shape filter) {
        if (!node.stringAttr("data_format", "NHWC").equals("NHWC")) {
            throw node.error("data_format " + node.stringAttr("data_format") + " is not supported (NHWC only)");
        }
        long[] strides = node.intsAttr("strides");
        long[] dilations = node.intsAttr("dilations", 1, 1, 1, 1);
        if (strides.length != 4 || dilations.length != 4 || strides[0] != 1 || strides[3] != 1
                || dilations[0] != 1 || dilations[3] != 1) {
            throw node.error("strides and dilations must be [1,h,w,1], are "
                    + Arrays.toString(strides) + " and " + Arrays.toString(dilations));
        }
        Padding padding = padding(node);
        return Rules.at(node, () -> Convolutions.Geometry.of(x, filter, kind == Kind.DEPTHWISE, (int) strides[1],
                (int) strides[2], (int) dilations[1], (int) dilations[2], padding));
    }

    /** The node's {@code padding} (SAME, VALID, or EXPLICIT with NHWC {@code explicit_paddings}). */
    public static Padding padding(Node node) {
        String padding = node.stringAttr("padding");
        return switch (padding) {
            case "SAME" -> Padding.SAME;
            case "VALID" -> Padding.VALID;
            case "EXPLICIT" -> {
                long[] p = node.intsAttr("explicit_paddings", new long[0]);
                if (p.length != 8) {
                    throw node.error("EXPLICIT padding needs 8 explicit_paddings, has " + p.length);
                }
                yield Rules.at(node, () -> new Padding(Padding.Mode.EXPLICIT, (int) p[2], (int) p[3], (int) p[4], (int) p[5]));
            }
            default -> throw node.error("unsupported padding '" + padding + "'");
        };
    }

    @Override
    public List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        Rules.arity(node, inputs, kind == Kind.TRANSPOSE ? 3 : 2);
        if (kind == Kind.TRANSPOSE) {
            Convolutions.Geometry g = geometry(node, Shape.ofLongs(inputs.get(0).longs()), inputs.get(1).shape());
            return Rules.one(Rules.at(node, () -> Convolutions.transposed(g, inputs.get(1), inputs.get(2))));
        }
        Convolutions.Geometry g = geometry(node, inputs.get(0).shape(), inputs.get(1).shape());
        return Rules.one(Rules.at(node, () -> kind == Kind.DEPTHWISE
                ? Convolutions.depthwise(g, inputs.get(0), inputs.get(1))
                : Convolutions.conv2d(g, inputs.get(0), inputs.get(1))));
    }

    @Override
    public String toString() {
        return "conv " + kind;
    }
}
