package io.nnport.frontend.tf;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.ir.ModelException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphTest {

    private static Node node(String name, String op, String... inputs) {
        return Node.parse(name, op, List.of(inputs), Map.of());
    }

    @Test
    void inputSyntaxSeparatesOutputIndexAndControlInputs() {
        Node node = node("n", "Add", "a", "b:2", "^c", "scope/with:colon:1");
        assertEquals(List.of(new Ref("a", 0), new Ref("b", 2), new Ref("scope/with:colon", 1)), node.inputs());
        assertEquals(List.of("c"), node.controlInputs());
        assertEquals("b:2", node.input(1).toString());
    }

    @Test
    void nodesAreSortedProducersFirst() {
        Graph graph = Graph.of("test", List.of(node("y", "Relu", "x"), node("z", "Identity", "y", "^w"),
                node("w", "NoOp"), node("x", "Placeholder")));
        assertEquals(List.of("w", "x", "y", "z"), graph.nodes().stream().map(Node::name).toList());
        assertEquals(List.of("z"), graph.sinks().stream().map(Node::name).toList());
        assertEquals(List.of("x", "y"), graph.ancestors(List.of("y")).stream().map(Node::name).toList());
    }

    @Test
    void missingInputNamesFileNodeAndOp() {
        GraphDefBuilder g = new GraphDefBuilder();
        g.node("relu", "Relu").input("nowhere").attr("T", DType.FLOAT32).done();
        ModelException error = assertThrows(ModelException.class, () -> GraphDefReader.read(g.bytes(), "m.pb"));
        assertEquals("m.pb: node 'relu' (Relu): input 'nowhere' names no node in the graph", error.getMessage());
        assertEquals("relu", error.node());
        assertEquals("Relu", error.op());
    }

    @Test
    void cycleIsReported() {
        GraphDefBuilder g = new GraphDefBuilder();
        g.node("a", "Relu").input("c").done();
        g.node("b", "Relu").input("a").done();
        g.node("c", "Relu").input("b").done();
        g.node("free", "NoOp").done();
        ModelException error = assertThrows(ModelException.class, () -> GraphDefReader.read(g.bytes(), "loop.pb"));
        assertEquals("loop.pb: the graph has a cycle; nodes on it or after it: [a, b, c]", error.getMessage());
    }

    @Test
    void loopBackEdgeThroughNextIterationIsNotACycle() {
        Graph graph = Graph.of("while", List.of(node("enter", "Enter", "x"), node("merge", "Merge", "enter", "next"),
                node("body", "Relu", "merge"), node("next", "NextIteration", "body"), node("x", "Placeholder")));
        assertEquals(List.of("x", "enter", "merge", "body", "next"), graph.nodes().stream().map(Node::name).toList());
    }

    @Test
    void duplicateNamesAreRejected() {
        ModelException error = assertThrows(ModelException.class,
                () -> Graph.of("dup.pb", List.of(node("a", "NoOp"), node("a", "Placeholder"))));
        assertEquals("dup.pb: node 'a' (Placeholder): two nodes have this name", error.getMessage());
    }

    @Test
    void nodeWithoutOpIsNotAGraphDef() {
        GraphDefBuilder g = new GraphDefBuilder();
        g.node("a", "").done();
        ModelException error = assertThrows(ModelException.class, () -> GraphDefReader.read(g.bytes(), "noop.pb"));
        assertTrue(error.getMessage().startsWith("noop.pb: not a TensorFlow GraphDef"), error.getMessage());
    }

    @Test
    void wrongAttributeKindNamesNodeAndAttribute() {
        Node node = Node.parse("conv", "Conv2D", List.of(), Map.of("strides", new Attr.Int(1)));
        ModelException error = assertThrows(ModelException.class, () -> node.intsAttr("strides"));
        assertEquals("node 'conv' (Conv2D): attribute 'strides' is the int 1, expected a list", error.getMessage());
        assertEquals("node 'conv' (Conv2D): missing attribute 'padding'",
                assertThrows(ModelException.class, () -> node.stringAttr("padding")).getMessage());
    }

    @Test
    void shapesPrintUnknownDimsAndCheckCompatibility() {
        Shape batch = Shape.of(Shape.UNKNOWN, 28, 28);
        assertEquals("[?,28,28]", batch.toString());
        assertTrue(batch.isCompatibleWith(Shape.of(5, 28, 28)));
        assertTrue(!batch.isCompatibleWith(Shape.of(5, 28, 27)));
        assertTrue(Shape.unknownRank().isCompatibleWith(Shape.scalar()));
        assertThrows(IllegalArgumentException.class, () -> Tensor.checkedSize(Shape.of(1 << 15, 1 << 15)));
    }
}
