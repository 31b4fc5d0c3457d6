package io.nnport.frontend.tf.passes;

import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.tf.Attr;
import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.Ref;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binds placeholders from the options: {@code --constant NAME=VALUE} turns a Placeholder or
 * PlaceholderWithDefault into a Const of its dtype (a TF1 {@code is_train}, Keras'
 * {@code keras_learning_phase}, a dropout {@code keep_prob}); {@code --input NAME=dims} fixes a
 * placeholder's shape (and makes a PlaceholderWithDefault a real input); every other
 * PlaceholderWithDefault takes its default (it becomes an Identity of it).
 *
 * <p>{@code --input} may also name another node: the graph is cut there, and the node's (first)
 * output becomes an input of the given shape, of the dtype of the node's {@code T}, {@code dtype},
 * {@code out_type} or {@code output_type} attribute, float32 without one. That is how a model whose
 * graph decodes its own input (audio decoding and MFCC features in front of a keyword-spotting net)
 * is converted from the decoded features; the nodes in front of the cut are pruned afterwards.
 * {@code --constant} must name a placeholder.
 */
public final class BindPlaceholders implements GraphPass {

    @Override
    public String label() {
        return "bind-placeholders";
    }

    @Override
    public Stage apply(Stage stage) {
        Graph graph = stage.graph();
        ImportOptions options = stage.options();
        checkInputs(stage.graph(), options.inputShapes().keySet());
        checkNames(stage.graph(), options.constants().keySet(), "--constant");
        Map<String, Shape> shapes = byNode(options.inputShapes());
        Map<String, String> constants = byNode(options.constants());
        List<Node> nodes = new ArrayList<>();
        boolean changed = false;
        for (Node node : graph.nodes()) {
            Node bound = bind(node, shapes, constants);
            changed |= bound != node;
            nodes.add(bound);
        }
        return changed ? stage.with(graph.withNodes(nodes), stage.outputs()) : stage;
    }

    private static <V> Map<String, V> byNode(Map<String, V> given) {
        Map<String, V> byNode = new TreeMap<>();
        given.forEach((name, value) -> byNode.put(Ref.parse(name).node(), value));
        return byNode;
    }

    private static void checkNames(Graph graph, Iterable<String> names, String option) {
        for (String name : names) {
            Node node = graph.find(Ref.parse(name).node()).orElse(null);
            if (node == null || !isPlaceholder(node)) {
                throw ModelException.of(graph.source(), option + " " + name + ": "
                        + (node == null ? "no node has this name" : "node is a " + node.op() + ", not a placeholder")
                        + "; the placeholders are " + placeholders(graph));
            }
        }
    }

    private static void checkInputs(Graph graph, Iterable<String> names) {
        for (String name : names) {
            Ref ref = Ref.parse(name);
            Node node = graph.find(ref.node()).orElse(null);
            if (node == null) {
                throw ModelException.of(graph.source(), "--input " + name + ": no node that the outputs need has this name;"
                        + " the placeholders are " + placeholders(graph));
            }
            if (!isPlaceholder(node) && ref.output() != 0) {
                throw ModelException.of(graph.source(), "--input " + name + ": the graph can only be cut at a node's first"
                        + " output, " + ref.node() + ":0");
            }
        }
    }

    private static List<String> placeholders(Graph graph) {
        return graph.nodes().stream().filter(BindPlaceholders::isPlaceholder).map(Node::name).toList();
    }

    private static boolean isPlaceholder(Node node) {
        return node.op().equals("Placeholder") || node.op().equals("PlaceholderWithDefault");
    }

    private static Node bind(Node node, Map<String, Shape> shapes, Map<String, String> constants) {
        if (!isPlaceholder(node)) {
            Shape cut = shapes.get(node.name());
            return cut == null ? node : new Node(node.name(), "Placeholder", List.of(), List.of(), Map.of(
                    "dtype", type(cutType(node)), "shape", new Attr.ShapeValue(cut)));
        }
        String constant = constants.get(node.name());
        if (constant != null) {
            Tensor value = parse(node, constant);
            return new Node(node.name(), "Const", List.of(), List.of(), Map.of(
                    "value", new Attr.TensorValue(value), "dtype", new Attr.Type(value.dtype().toString(), value.dtype())));
        }
        Shape shape = shapes.get(node.name());
        if (shape != null) {
            if (node.hasAttr("shape") && !node.shapeAttr("shape").isCompatibleWith(shape)) {
                throw node.error("--input shape " + shape + " does not fit the placeholder's declared shape " + node.shapeAttr("shape"));
            }
            return new Node(node.name(), "Placeholder", List.of(), node.controlInputs(), Map.of(
                    "dtype", type(node.typeAttr("dtype")), "shape", new Attr.ShapeValue(shape)));
        }
        if (node.op().equals("PlaceholderWithDefault")) {
            return new Node(node.name(), "Identity", node.inputs(), node.controlInputs(), Map.of());
        }
        return node;
    }

    private static Attr.Type type(DType dtype) {
        return new Attr.Type(dtype.toString(), dtype);
    }

    /** The dtype of a cut node's first output, from the attribute TensorFlow ops name it by. */
    private static DType cutType(Node node) {
        for (String key : new String[] {"T", "dtype", "out_type", "output_type"}) {
            if (node.hasAttr(key)) {
                return node.typeAttr(key);
            }
        }
        return DType.FLOAT32;
    }

    /** A scalar, or a comma-separated vector, of the placeholder's dtype. */
    static Tensor parse(Node node, String text) {
        DType dtype = node.typeAttr("dtype");
        String[] parts = text.split(",");
        Shape shape = parts.length == 1 ? Shape.scalar() : Shape.of(parts.length);
        Tensor.Builder value = Tensor.builder(dtype, shape);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            try {
                switch (dtype) {
                    case BOOL -> value.setBool(i, parseBool(part));
                    case FLOAT32 -> value.setDouble(i, Double.parseDouble(part));
                    case INT32, INT64 -> value.setLong(i, Long.parseLong(part));
                    case STRING -> value.setString(i, part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (NumberFormatException e) {
                throw node.error("--constant value '" + part + "' is not a " + dtype);
            }
        }
        return value.build();
    }

    private static boolean parseBool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new NumberFormatException(text);
        };
    }
}
