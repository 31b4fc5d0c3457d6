package io.nnport.frontend.tf.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.GraphDefReader;
import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.RandomTensors;
import io.nnport.testing.TensorAsserts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpreterTest {

    /** x -> Switch(pred): true branch has RandomUniform dropout noise; false branch is x. */
    private static GraphDefBuilder dropoutCond() {
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", new RandomTensors(5).floats(2, 3), Shape.of(-1, 3));
        g.node("is_train", "Placeholder").attr("dtype", DType.BOOL).attr("shape", Shape.scalar()).done();
        g.node("switch", "Switch").input("x", "is_train").attr("T", DType.FLOAT32).done();
        g.node("noise_shape", "Shape").input("switch:1").attr("T", DType.FLOAT32).done();
        g.node("noise", "RandomUniform").input("noise_shape").attr("T", DType.INT32).attr("dtype", DType.FLOAT32).done();
        g.node("dropped", "Mul").input("switch:1", "noise").attr("T", DType.FLOAT32).done();
        g.node("merge", "Merge").input("switch", "dropped").attr("T", DType.FLOAT32).attr("N", 2L).done();
        g.node("out", "Relu").input("merge").attr("T", DType.FLOAT32).done();
        return g;
    }

    @Test
    void mergeTakesTheLiveBranchAndTheDeadBranchNeverRuns() {
        GraphDefBuilder g = dropoutCond();
        Map<String, Tensor> feeds = Map.of("x", g.feeds().get("x"), "is_train", Tensor.scalarBool(false));
        Tensor expected = TfOracle.run(g.build(), feeds, List.of("out")).get("out");
        Graph graph = GraphDefReader.read(g.bytes(), "cond");
        Map<String, Tensor> ours = new Interpreter(graph).run(feeds, List.of("out", "merge:1"));
        TensorAsserts.assertMatches(Tolerance.EXACT, expected, ours.get("out"), "cond out");
        assertEquals(0, ours.get("merge:1").getLong(0));
    }

    @Test
    void randomOpOnTheTakenBranchIsRejected() {
        GraphDefBuilder g = dropoutCond();
        Graph graph = GraphDefReader.read(g.bytes(), "cond.pb");
        Map<String, Tensor> feeds = Map.of("x", g.feeds().get("x"), "is_train", Tensor.scalarBool(true));
        ModelException error = assertThrows(ModelException.class, () -> new Interpreter(graph).interpret("out", feeds));
        assertEquals("cond.pb: node 'noise' (RandomUniform): random ops are supported only in a branch inference never runs"
                + " (e.g. dropout under is_train=false)", error.getMessage());
    }

    @Test
    void fetchingADeadTensorIsAnError() {
        GraphDefBuilder g = dropoutCond();
        Graph graph = GraphDefReader.read(g.bytes(), "cond.pb");
        Map<String, Tensor> feeds = Map.of("x", g.feeds().get("x"), "is_train", Tensor.scalarBool(false));
        ModelException error = assertThrows(ModelException.class, () -> new Interpreter(graph).interpret("dropped", feeds));
        assertEquals("cond.pb: node 'dropped' (Mul): is dead (on an untaken branch of a Switch); it has no value to fetch",
                error.getMessage());
    }

    @Test
    void anyIntermediateNodeCanBeInterpreted() {
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", new RandomTensors(9).floats(4, 5));
        g.node("neg", "Neg").input("x").attr("T", DType.FLOAT32).done();
        g.node("relu", "Relu").input("neg").attr("T", DType.FLOAT32).done();
        Interpreter interpreter = new Interpreter(GraphDefReader.read(g.bytes(), "chain"));
        Tensor neg = interpreter.interpret("neg", g.feeds());
        Tensor expected = TfOracle.run(g.build(), g.feeds(), List.of("neg")).get("neg");
        TensorAsserts.assertMatches(Tolerance.EXACT, expected, neg, "neg");
        // Feeding an intermediate replaces it: relu of a fed tensor, its producers not needed.
        Tensor fed = Tensor.ofFloats(Shape.of(2), -1f, 2f);
        assertTrue(Tensor.ofFloats(Shape.of(2), 0f, 2f).contentEquals(interpreter.interpret("relu", Map.of("neg", fed))));
    }

    @Test
    void unfedPlaceholderAndWrongFeedsAreClearErrors() {
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", new RandomTensors(1).floats(2, 3), Shape.of(-1, 3));
        g.node("y", "Relu").input("x").attr("T", DType.FLOAT32).done();
        Interpreter interpreter = new Interpreter(GraphDefReader.read(g.bytes(), "m.pb"));
        assertEquals("m.pb: node 'x' (Placeholder): placeholder needs a value: feed it",
                assertThrows(ModelException.class, () -> interpreter.interpret("y", Map.of())).getMessage());
        assertEquals("m.pb: node 'x' (Placeholder): fed shape [2,4] does not fit the placeholder's [?,3]",
                assertThrows(ModelException.class,
                        () -> interpreter.interpret("y", Map.of("x", Tensor.zeros(DType.FLOAT32, Shape.of(2, 4))))).getMessage());
        assertEquals("m.pb: node 'x' (Placeholder): fed a int32 tensor, but the placeholder is float32",
                assertThrows(ModelException.class,
                        () -> interpreter.interpret("y", Map.of("x", Tensor.zeros(DType.INT32, Shape.of(2, 3))))).getMessage());
        assertEquals("m.pb: feed 'nope' names no node in the graph",
                assertThrows(ModelException.class, () -> interpreter.interpret("y", Map.of("nope", Tensor.scalar(1f)))).getMessage());
    }

    @Test
    void everyUnsupportedOpIsListedAtOnceWithNodeNames() {
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", Tensor.scalar(1f));
        g.node("a1", "Frobnicate").input("x").done();
        g.node("a2", "Frobnicate").input("a1").done();
        g.node("b", "Bizarre").input("a2").done();
        g.node("y", "Relu").input("b").attr("T", DType.FLOAT32).done();
        Graph graph = GraphDefReader.read(g.bytes(), "odd.pb");
        ModelException error = assertThrows(ModelException.class, () -> new Interpreter(graph).interpret("y", g.feeds()));
        assertEquals("odd.pb: unsupported ops: Bizarre (1 node: b), Frobnicate (2 nodes: a1, a2)", error.getMessage());
    }

    @Test
    void opRuleErrorsNameFileNodeAndOp() {
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("a", Tensor.zeros(DType.FLOAT32, Shape.of(2, 3)));
        g.input("b", Tensor.zeros(DType.FLOAT32, Shape.of(4, 5)));
        g.node("mm", "MatMul").input("a", "b").attr("T", DType.FLOAT32).done();
        Graph graph = GraphDefReader.read(g.bytes(), "dense.pb");
        ModelException error = assertThrows(ModelException.class, () -> new Interpreter(graph).interpret("mm", g.feeds()));
        assertEquals("dense.pb: node 'mm' (MatMul): inner dimensions differ: [2,3] x [4,5]", error.getMessage());
    }

    @Test
    void fillClaimingAnAbsurdSizeIsRejectedBeforeAllocating() {
        GraphDefBuilder g = new GraphDefBuilder();
        g.constant("dims", Tensor.vectorInts(1 << 16, 1 << 16));
        g.constant("value", Tensor.scalar(0f));
        g.node("fill", "Fill").input("dims", "value").attr("T", DType.FLOAT32).done();
        Graph graph = GraphDefReader.read(g.bytes(), "fill.pb");
        ModelException error = assertThrows(ModelException.class, () -> new Interpreter(graph).interpret("fill", Map.of()));
        assertTrue(error.getMessage().startsWith("fill.pb: node 'fill' (Fill): dims [65536, 65536]: shape [65536,65536] has more than"),
                error.getMessage());
    }

    @Test
    void arithmeticOverflowInAnOpBecomesOneLineAtTheNode() {
        GraphDefBuilder g = new GraphDefBuilder();
        g.input("x", Tensor.ofFloats(Shape.of(2), 1f, 2f));
        g.constant("multiples", Tensor.vectorInts(1 << 30));
        g.node("tile", "Tile").input("x", "multiples").attr("T", DType.FLOAT32).done();
        Graph graph = GraphDefReader.read(g.bytes(), "tile.pb");
        ModelException error = assertThrows(ModelException.class, () -> new Interpreter(graph).interpret("tile", g.feeds()));
        assertEquals("tile.pb: node 'tile' (Tile): cannot evaluate: integer overflow", error.getMessage());
    }
}
