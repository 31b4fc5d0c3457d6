package io.nnport.frontend.onnx.ops;

import io.nnport.frontend.onnx.OnnxNode;
import io.nnport.ir.layers.Activation;
import io.nnport.ir.layers.BinaryLayer;
import io.nnport.ir.layers.PoolLayer;
import io.nnport.ir.layers.ReduceLayer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ONNX front end's one table: a line per default-domain op, with what it becomes (a README
 * label) and its rule. Attribute forms across opsets (an attribute before opset N, an input from
 * N on) are the rules' business; the rule's Javadoc lists them. The README's ONNX section is
 * generated from {@link #entries()}.
 *
 * <p>Not listed, so reported as unsupported with their nodes: LSTM, GRU, RNN, If, Loop (recurrent
 * and control flow) and the quantized ops (QuantizeLinear, DequantizeLinear, QLinearConv, ...).
 */
public final class OnnxOpTable {

    /** How a node becomes layers (or constants) in the {@link Lowerer}. */
    @FunctionalInterface
    public interface Rule {
        void lower(OnnxNode node, Lowerer lowerer);
    }

    /** One op's line: what it becomes (for the README) and its rule. */
    public record Entry(String becomes, Rule rule) {}

    private static final Map<String, Entry> TABLE = new LinkedHashMap<>();

    static {
        // Convolution, normalization, pooling, dense
        add("Conv", "Conv / DepthwiseConv2D (1-D, 2-D, grouped)", NetworkRules::conv);
        add("ConvTranspose", "TransposedConv2D", NetworkRules::convTranspose);
        add("BatchNormalization", "BatchNorm (folded into conv)", NetworkRules::batchNorm);
        add("InstanceNormalization", "Reduce, Binary, Unary, BatchNorm", NetworkRules::instanceNorm);
        add("LayerNormalization", "LayerNorm", NetworkRules::layerNorm);
        add("MaxPool", "Pool (Pad first for explicit pads)", NetworkRules.pool(PoolLayer.Kind.MAX));
        add("AveragePool", "Pool (Pad first when pads count)", NetworkRules.pool(PoolLayer.Kind.AVG));
        add("GlobalAveragePool", "GlobalPool / Reduce (1-D)", NetworkRules.globalPool(PoolLayer.Kind.AVG));
        add("GlobalMaxPool", "GlobalPool / Reduce (1-D)", NetworkRules.globalPool(PoolLayer.Kind.MAX));
        add("Gemm", "Dense (constant B) / BatchMatMul", NetworkRules::gemm);
        add("MatMul", "Dense (constant 2-D B) / BatchMatMul", NetworkRules::matMul);
        // Activations and elementwise unary functions
        add("Relu", "Unary (fused as epilogue)", ElementwiseRules.activation(Activation.RELU));
        add("LeakyRelu", "Unary (fused as epilogue)", ElementwiseRules::leakyRelu);
        add("PRelu", "PReLU", ElementwiseRules::prelu);
        add("Elu", "Unary (fused as epilogue)", ElementwiseRules::elu);
        add("Selu", "Unary (fused as epilogue)", ElementwiseRules::selu);
        add("Sigmoid", "Unary (fused as epilogue)", ElementwiseRules.activation(Activation.SIGMOID));
        add("HardSigmoid", "Unary / Binary (other alpha, beta)", ElementwiseRules::hardSigmoid);
        add("HardSwish", "Binary, Unary relu6, Binary", ElementwiseRules::hardSwish);
        add("Tanh", "Unary (fused as epilogue)", ElementwiseRules.activation(Activation.TANH));
        add("Softplus", "Unary (fused as epilogue)", ElementwiseRules.activation(Activation.SOFTPLUS));
        add("Mish", "Unary softplus, tanh, Binary mul", ElementwiseRules::mish);
        add("Clip", "Unary relu / relu6, or Binary max/min", ElementwiseRules::clip);
        add("Sqrt", "Unary", ElementwiseRules.activation(Activation.SQRT));
        add("Exp", "Unary", ElementwiseRules.activation(Activation.EXP));
        add("Log", "Unary", ElementwiseRules.activation(Activation.LOG));
        add("Neg", "Unary", ElementwiseRules.activation(Activation.NEG));
        add("Abs", "Unary", ElementwiseRules.activation(Activation.ABS));
        add("Floor", "Unary", ElementwiseRules.activation(Activation.FLOOR));
        add("Ceil", "Unary", ElementwiseRules.activation(Activation.CEIL));
        add("Erf", "Unary (GELU from x / sqrt 2, erf, + 1, * x, * 0.5 fused into one)", ElementwiseRules.activation(Activation.ERF));
        add("Reciprocal", "Binary div", ElementwiseRules::reciprocal);
        // Elementwise binary and n-ary, NumPy broadcasting
        add("Add", "Binary (fused as bias)", ElementwiseRules.binary(BinaryLayer.Op.ADD));
        add("Sub", "Binary", ElementwiseRules.binary(BinaryLayer.Op.SUB));
        add("Mul", "Binary (fused as scale)", ElementwiseRules.binary(BinaryLayer.Op.MUL));
        add("Div", "Binary", ElementwiseRules.binary(BinaryLayer.Op.DIV));
        add("Pow", "Unary square / sqrt (constant exponent 2, 0.5)", ElementwiseRules::pow);
        add("Max", "Binary maximum", ElementwiseRules.nary(BinaryLayer.Op.MAXIMUM, false));
        add("Min", "Binary minimum", ElementwiseRules.nary(BinaryLayer.Op.MINIMUM, false));
        add("Sum", "Binary add", ElementwiseRules.nary(BinaryLayer.Op.ADD, false));
        add("Mean", "Binary add, div", ElementwiseRules.nary(BinaryLayer.Op.ADD, true));
        add("Equal", "Binary equal (bool result)", ElementwiseRules.binary(BinaryLayer.Op.EQUAL));
        add("Not", "Binary equal to false", ElementwiseRules::not);
        add("Where", "Where", ElementwiseRules::where);
        // Reductions and softmax
        add("Softmax", "Softmax", TensorRules.softmax(false));
        add("LogSoftmax", "Softmax (log)", TensorRules.softmax(true));
        add("ReduceMean", "Reduce mean", TensorRules.reduce(ReduceLayer.Kind.MEAN));
        add("ReduceSum", "Reduce sum", TensorRules.reduce(ReduceLayer.Kind.SUM));
        add("ReduceMax", "Reduce max", TensorRules.reduce(ReduceLayer.Kind.MAX));
        add("ReduceMin", "Reduce min", TensorRules.reduce(ReduceLayer.Kind.MIN));
        add("ReduceProd", "Reduce prod", TensorRules.reduce(ReduceLayer.Kind.PROD));
        add("ReduceL2", "Unary square, Reduce sum, Unary sqrt", TensorRules::reduceL2);
        add("ArgMax", "ArgMax (int64; Reshape for keepdims)", TensorRules::argMax);
        // Shapes, rearrangements, constants
        add("Flatten", "Reshape (weights of a following Gemm permuted)", TensorRules::flatten);
        add("Reshape", "Reshape", TensorRules::reshape);
        add("Squeeze", "Reshape", TensorRules::squeeze);
        add("Unsqueeze", "Reshape", TensorRules::unsqueeze);
        add("Transpose", "Transpose (none when it undoes the layout)", TensorRules::transpose);
        add("Concat", "Concat", TensorRules::concat);
        add("Split", "Split", TensorRules::split);
        add("Slice", "Slice", TensorRules::slice);
        add("Pad", "Pad (constant) / Slice, Tile, Concat (reflect, edge)", TensorRules::pad);
        add("Tile", "Tile", TensorRules::tile);
        add("Expand", "Tile", TensorRules::expand);
        add("Gather", "Gather", TensorRules::gather);
        add("Cast", "Cast", TensorRules::cast);
        add("Resize", "Resize (nearest, linear)", TensorRules::resize);
        add("Upsample", "Resize (nearest, linear)", TensorRules::resize);
        add("Shape", "constant (folded)", TensorRules::shape);
        add("Constant", "constant (folded)", TensorRules::constant);
        add("ConstantOfShape", "constant (folded)", TensorRules::constantOfShape);
        add("Identity", "removed", TensorRules::identity);
        add("Dropout", "removed", TensorRules::identity);
    }

    private OnnxOpTable() {}

    private static void add(String op, String becomes, Rule rule) {
        if (TABLE.put(op, new Entry(becomes, rule)) != null) {
            throw new IllegalStateException("op " + op + " listed twice");
        }
    }

    /** The line of an op; null when unsupported. */
    public static Entry lookup(String op) {
        return TABLE.get(op);
    }

    /** Every supported op with its line, in table order (grouped by family). */
    public static Map<String, Entry> entries() {
        return Collections.unmodifiableMap(TABLE);
    }
}
