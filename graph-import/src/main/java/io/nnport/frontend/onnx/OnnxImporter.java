package io.nnport.frontend.onnx;

import io.nnport.frontend.FrontEnd;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.UnsupportedOps;
import io.nnport.frontend.onnx.ops.Lowerer;
import io.nnport.frontend.onnx.ops.OnnxOpTable;
import io.nnport.frontend.onnx.ops.Operand;
import io.nnport.frontend.onnx.proto.GraphProto;
import io.nnport.frontend.onnx.proto.NodeProto;
import io.nnport.frontend.onnx.proto.TensorProto;
import io.nnport.frontend.onnx.proto.TensorShapeProto;
import io.nnport.frontend.onnx.proto.TypeProto;
import io.nnport.frontend.onnx.proto.ValueInfoProto;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.Value;
import io.nnport.ir.passes.FusionPipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An ONNX graph to a fused layer graph, in one walk over its nodes (which ONNX stores in
 * topological order): initializers become constants, graph inputs runtime values (an input that is
 * also an initializer, as old exporters write, is a weight), and each node goes through its line of
 * the {@link OnnxOpTable} into the {@link Lowerer}, which folds constants and decides layouts. Then
 * the core's {@link FusionPipeline}.
 *
 * <p>Inputs: dimension 0 is the dynamic batch when it is symbolic ({@code dim_param}, PyTorch's
 * {@code dynamic_axes}); any other symbolic dimension must be fixed by {@code --input}, and
 * {@code --constant} binds a scalar input to a value.
 */
public final class OnnxImporter {
    private OnnxImporter() {}

    public static LayerGraph importModel(ModelReader.Model model, ImportOptions options) {
        try {
            return run(model, options);
        } catch (ModelException e) {
            throw e.inSource(model.source());
        }
    }

    private static LayerGraph run(ModelReader.Model model, ImportOptions options) {
        long start = System.nanoTime();
        String source = model.source();
        GraphProto graph = model.proto().getGraph();
        if (graph.getNodeCount() > FrontEnd.MAX_NODES) {
            throw ModelException.of(source, FrontEnd.tooManyNodes(graph.getNodeCount()));
        }
        List<OnnxNode> nodes = nodes(graph, model.opset());
        checkSupported(source, nodes);
        Set<String> names = new HashSet<>();
        Map<String, List<OnnxNode>> consumers = new HashMap<>();
        for (OnnxNode node : nodes) {
            names.addAll(node.outputs());
            for (String input : node.inputs()) {
                consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
            }
        }
        graph.getInputList().forEach(v -> names.add(v.getName()));
        graph.getInitializerList().forEach(t -> names.add(t.getName()));
        List<String> wanted = options.outputs().isEmpty() ? graph.getOutputList().stream().map(ValueInfoProto::getName).toList()
                : options.outputs();
        TensorDecoder decoder = new TensorDecoder(model.directory());
        Lowerer lowerer = new Lowerer(names, consumers, new HashSet<>(wanted), decoder);
        for (TensorProto initializer : graph.getInitializerList()) {
            try {
                lowerer.define(initializer.getName(), new Operand.Const(decoder.decode(initializer)));
            } catch (IllegalArgumentException e) {
                throw ModelException.of(source, "initializer '" + initializer.getName() + "': " + e.getMessage());
            }
        }
        List<Value> inputs = new ArrayList<>();
        for (ValueInfoProto input : graph.getInputList()) {
            if (lowerer.lookup(input.getName()) != null) {
                continue;
            }
            Operand operand = input(source, input, options);
            lowerer.define(input.getName(), operand);
            if (operand instanceof Operand.Runtime r) {
                inputs.add(new Value(r.value(), r.dtype(), r.type().shape()));
            }
        }
        for (OnnxNode node : nodes) {
            for (String input : node.inputs()) {
                if (!input.isEmpty() && lowerer.lookup(input) == null) {
                    throw ModelException.atNode(source, node.name(), node.op(), "reads '" + input
                            + "', which no earlier node, graph input or initializer defines");
                }
            }
            try {
                OnnxOpTable.lookup(node.op()).rule().lower(node, lowerer);
            } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
                throw node.error(e.getMessage());
            } catch (IndexOutOfBoundsException e) {
                // an attribute list or input list shorter than the op requires (a hostile or broken file)
                throw node.error("malformed node: an attribute or input list is shorter than " + node.op() + " requires");
            }
        }
        List<LayerGraph.Output> outputs = new ArrayList<>();
        for (String name : wanted) {
            Operand operand = lowerer.lookup(name);
            if (operand == null) {
                throw ModelException.of(source, "output '" + name + "' is not a value of the graph");
            }
            outputs.add(new LayerGraph.Output(name, lowerer.inOnnxOrder(operand).value()));
        }
        LayerGraph layers = LayerGraph.of(source, inputs, live(lowerer.layers(), outputs), outputs);
        if (options.log() != null) {
            // the TensorFlow pipeline's line format: label, nodes before, layers after, time
            options.log().accept(String.format(Locale.ROOT, "%-18s %6d -> %6d %8d ms", "onnx-lower", nodes.size(),
                    layers.layers().size(), (System.nanoTime() - start) / 1_000_000));
        }
        return FusionPipeline.run(layers, options.log());
    }

    /**
     * The layers some output depends on: a Transpose whose reader took its input instead (layouts
     * composed), or a branch of the model no output reads, is dropped.
     */
    private static List<LayerNode> live(List<LayerNode> layers, List<LayerGraph.Output> outputs) {
        Set<String> needed = new HashSet<>();
        outputs.forEach(o -> needed.add(o.value()));
        List<LayerNode> kept = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            LayerNode node = layers.get(i);
            if (node.outputs().stream().anyMatch(needed::contains)) {
                kept.add(node);
                needed.addAll(node.inputs());
            }
        }
        Collections.reverse(kept);
        return kept;
    }

    /** The nodes with unique names (an unnamed node is named after its op and position). */
    private static List<OnnxNode> nodes(GraphProto graph, int opset) {
        List<OnnxNode> nodes = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto proto = graph.getNode(i);
            String base = proto.getName().isEmpty() ? proto.getOpType() + "_" + i : proto.getName();
            String name = base;
            for (int k = 1; !taken.add(name); k++) {
                name = base + "_" + k;
            }
            nodes.add(new OnnxNode(name, proto, opset));
        }
        return nodes;
    }

    /** Every node whose op is outside the table (or the default domain), listed at once. */
    private static void checkSupported(String source, List<OnnxNode> nodes) {
        Map<String, List<String>> unsupported = new TreeMap<>();
        for (OnnxNode node : nodes) {
            String domain = node.domain();
            boolean standard = domain.isEmpty() || domain.equals("ai.onnx");
            if (!standard || OnnxOpTable.lookup(node.op()) == null) {
                unsupported.computeIfAbsent(standard ? node.op() : domain + "." + node.op(), k -> new ArrayList<>()).add(node.name());
            }
        }
        if (!unsupported.isEmpty()) {
            throw ModelException.of(source, UnsupportedOps.describe(unsupported));
        }
    }

    /** A graph input: its declared type and shape, fixed or bound by the options. */
    private static Operand input(String source, ValueInfoProto input, ImportOptions options) {
        String name = input.getName();
        TypeProto type = input.getType();
        if (!type.hasTensorType()) {
            throw ModelException.of(source, "input '" + name + "' is not a tensor (sequences and maps are not supported)");
        }
        DType dtype;
        try {
            dtype = TensorDecoder.dtypeOf(type.getTensorType().getElemType(), "input '" + name + "'");
        } catch (IllegalArgumentException e) {
            throw ModelException.of(source, e.getMessage());
        }
        String constant = options.constants().get(name);
        if (constant != null) {
            return new Operand.Const(parseScalar(source, name, dtype, constant));
        }
        Shape given = options.inputShapes().get(name);
        if (!type.getTensorType().hasShape()) {
            if (given == null) {
                throw ModelException.of(source, "input '" + name + "' has no declared shape; give it with --input "
                        + name + "=d0,d1,...");
            }
            return new Operand.Runtime(name, new TensorType(dtype, given), false);
        }
        TensorShapeProto shape = type.getTensorType().getShape();
        int[] dims = new int[shape.getDimCount()];
        for (int d = 0; d < dims.length; d++) {
            TensorShapeProto.Dimension dim = shape.getDim(d);
            if (dim.hasDimValue() && dim.getDimValue() >= 0) {
                if (dim.getDimValue() > Integer.MAX_VALUE) {
                    throw ModelException.of(source, "input '" + name + "' dimension " + d + " is " + dim.getDimValue());
                }
                dims[d] = (int) dim.getDimValue();
            } else {
                dims[d] = Shape.UNKNOWN;
            }
        }
        if (given != null) {
            if (given.rank() != dims.length) {
                throw ModelException.of(source, "--input " + name + " has rank " + given.rank() + ", the model's input rank "
                        + dims.length);
            }
            dims = given.dims();
        }
        for (int d = 1; d < dims.length; d++) {
            if (dims[d] == Shape.UNKNOWN) {
                String symbol = shape.getDim(d).getDimParam();
                throw ModelException.of(source, "input '" + name + "' dimension " + d + (symbol.isEmpty() ? "" : " ('" + symbol + "')")
                        + " is symbolic; only dimension 0 may be (the batch): fix it with --input " + name + "=d0,d1,...");
            }
        }
        try {
            return new Operand.Runtime(name, new TensorType(dtype, Shape.of(dims)), false);
        } catch (IllegalArgumentException e) {
            throw ModelException.of(source, "input '" + name + "': " + e.getMessage());
        }
    }

    private static Tensor parseScalar(String source, String name, DType dtype, String text) {
        try {
            return switch (dtype) {
                case FLOAT32 -> Tensor.scalar(Float.parseFloat(text));
                case INT32 -> Tensor.scalarInt(Integer.parseInt(text));
                case INT64 -> Tensor.ofLongs(Shape.scalar(), Long.parseLong(text));
                case BOOL -> Tensor.scalarBool(parseBool(text));
                case STRING -> throw new NumberFormatException();
            };
        } catch (NumberFormatException e) {
            throw ModelException.of(source, "--constant " + name + "=" + text + ": not a " + dtype.toString().toLowerCase(Locale.ROOT)
                    + " value");
        }
    }

    private static boolean parseBool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new NumberFormatException(text);
        };
    }
}
