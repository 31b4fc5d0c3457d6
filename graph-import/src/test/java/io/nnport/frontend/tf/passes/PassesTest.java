package io.nnport.frontend.tf.passes;

import io.nnport.frontend.tf.Facts;
import io.nnport.ir.passes.FuseEpilogues;
import io.nnport.ir.passes.FusionPipeline;
import io.nnport.ir.passes.LayerPass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.tf.Graph;
import io.nnport.frontend.tf.GraphDefReader;
import io.nnport.frontend.tf.Node;
import io.nnport.frontend.tf.Ref;
import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.testing.RandomTensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each pass on its own: what it rewrites, and that it is pure (the input graph, stage or layer graph
 * is unchanged afterwards).
 */
class PassesTest {
    private final GraphDefBuilder g = new GraphDefBuilder();
    private final RandomTensors random = new RandomTensors(3L);

    private Graph graph() {
        return GraphDefReader.read(g.bytes(), "test.pb");
    }

    private static Stage stage(Graph graph, ImportOptions options) {
        return new Stage(graph, List.of(), options, null);
    }

    /** Runs a pass and checks that the stage it was given did not change. */
    private static Stage applyPurely(GraphPass pass, Stage stage) {
        List<Node> before = List.copyOf(stage.graph().nodes());
        List<Stage.GraphOutput> outputs = List.copyOf(stage.outputs());
        Stage after = pass.apply(stage);
        assertEquals(before, stage.graph().nodes(), pass.label() + " changed its input graph");
        assertEquals(outputs, stage.outputs(), pass.label() + " changed its input outputs");
        return after;
    }

    private String relu(String name, String x) {
        return g.node(name, "Relu").input(x).attr("T", DType.FLOAT32).done();
    }

    @Test
    void pruneChoosesSinksThatComputeAndDropsTheRest() {
        String x = g.input("x", random.floats(2, 3), Shape.of(-1, 3));
        relu("out", x);
        g.constant("unused_constant", Tensor.scalar(1f));
        g.node("init", "NoOp").done();
        relu("dead_end_input", g.constant("c", Tensor.scalar(2f)));
        Stage pruned = applyPurely(new Prune(), stage(graph(), ImportOptions.defaults()));
        assertEquals(List.of("out", "dead_end_input"), pruned.outputs().stream().map(Stage.GraphOutput::name).toList());
        assertFalse(pruned.graph().contains("init"));
        assertFalse(pruned.graph().contains("unused_constant"));

        Stage chosen = applyPurely(new Prune(), stage(graph(), ImportOptions.defaults().withOutputs(List.of("out:0"))));
        assertEquals(List.of("x", "out"), chosen.graph().nodes().stream().map(Node::name).toList());
        assertEquals("out", chosen.outputs().get(0).name());
    }

    @Test
    void bindTurnsConstantsIntoConstFixesShapesAndResolvesDefaults() {
        g.input("x", random.floats(2, 3), Shape.of(-1, -1));
        g.input("is_train", Tensor.scalarBool(true), Shape.scalar());
        g.constant("default", Tensor.scalar(0.5f));
        g.node("rate", "PlaceholderWithDefault").input("default").attr("dtype", DType.FLOAT32).attr("shape", Shape.scalar()).done();
        ImportOptions options = ImportOptions.defaults().withConstantSpec("is_train=false").withInputSpec("x=-1,7");
        Graph bound = applyPurely(new BindPlaceholders(), stage(graph(), options)).graph();
        assertEquals("Const", bound.node("is_train").op());
        assertFalse(bound.node("is_train").tensorAttr("value").getBool(0));
        assertEquals(Shape.of(-1, 7), bound.node("x").shapeAttr("shape"));
        assertEquals("Identity", bound.node("rate").op());

        ModelException error = assertThrows(ModelException.class, () -> new BindPlaceholders().apply(stage(graph(),
                ImportOptions.defaults().withConstant("no_such", "1"))));
        assertTrue(error.getMessage().contains("--constant no_such") && error.getMessage().contains("[x, is_train, rate]"),
                error.getMessage());
    }

    @Test
    void bindCutsTheGraphAtANamedTensorAndPruneDropsWhatFedIt() {
        String audio = g.input("audio", random.floats(2, 3), Shape.of(-1, 3));
        String features = g.node("features", "Mfcc").input(audio).done();
        relu("out", features);
        ImportOptions options = ImportOptions.defaults().withInputSpec("features=-1,98,40");
        Stage chosen = applyPurely(new Prune(), stage(graph(), options));
        Stage cut = applyPurely(new Prune(), applyPurely(new BindPlaceholders(), chosen));
        assertEquals(List.of("features", "out"), cut.graph().nodes().stream().map(Node::name).toList());
        Node input = cut.graph().node("features");
        assertEquals("Placeholder", input.op());
        assertEquals(DType.FLOAT32, input.typeAttr("dtype"));
        assertEquals(Shape.of(-1, 98, 40), input.shapeAttr("shape"));
        assertEquals("out", cut.outputs().get(0).name());

        ModelException second = assertThrows(ModelException.class, () -> new BindPlaceholders().apply(
                stage(graph(), ImportOptions.defaults().withInputSpec("features:1=-1,98,40"))));
        assertTrue(second.getMessage().contains("first output, features:0"), second.getMessage());
        ModelException missing = assertThrows(ModelException.class, () -> new BindPlaceholders().apply(
                stage(graph(), ImportOptions.defaults().withInputSpec("no_such=1"))));
        assertTrue(missing.getMessage().contains("--input no_such") && missing.getMessage().contains("[audio]"),
                missing.getMessage());
    }

    @Test
    void inferenceCarriesTheBatchSymbolThroughTheTf1FlattenChain() {
        String x = g.input("x", random.floats(2, 5, 5, 4), Shape.of(-1, 5, 5, 4));
        String shape = g.node("Shape", "Shape").input(x).attr("T", DType.FLOAT32).attr("out_type", DType.INT32).done();
        String batch = g.node("strided_slice", "StridedSlice")
                .input(shape, g.constant("b", Tensor.vectorInts(0)), g.constant("e", Tensor.vectorInts(1)), g.constant("s", Tensor.vectorInts(1)))
                .attr("T", DType.INT32).attr("Index", DType.INT32).attr("shrink_axis_mask", 1L).done();
        String target = g.node("stack", "Pack").input(batch, g.constant("minus_one", Tensor.scalarInt(-1)))
                .attr("T", DType.INT32).attr("N", 2L).attr("axis", 0L).done();
        g.node("flatten", "Reshape").input(x, target).attr("T", DType.FLOAT32).attr("Tshape", DType.INT32).done();
        Facts facts = ShapeInference.infer(graph());
        assertEquals(List.of(ShapeInference.BATCH, 5L, 5L, 4L), boxed(facts.partial().get(Ref.of("Shape"))));
        assertEquals(List.of(ShapeInference.BATCH, -1L), boxed(facts.partial().get(Ref.of("stack"))));
        assertEquals(Shape.of(-1, 100), facts.info(Ref.of("flatten")).shape());

        Stage typed = new InferShapes().apply(stage(graph(), ImportOptions.defaults()));
        Stage folded = applyPurely(new FoldConstants(), new Prune().apply(typed));
        Node reshape = folded.graph().node("flatten");
        Node target2 = folded.graph().node(reshape.input(1).node());
        assertEquals("Const", target2.op());
        assertTrue(Tensor.vectorInts(-1, 100).contentEquals(target2.tensorAttr("value")));
        // The folded target keeps the chain as its deadness source (control edges) until sanitize drops them.
        assertFalse(new Sanitize().apply(folded).graph().contains("Shape"), "the shape chain is dead after sanitizing");
    }

    private static List<Long> boxed(long[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    @Test
    void foldingRespectsItsSizeBudget() {
        String x = g.input("x", random.floats(1, 1), Shape.of(1, 1));
        String big = g.node("big", "Fill").input(g.constant("dims", Tensor.vectorInts(1025, 1024)), g.constant("v", Tensor.scalar(1f)))
                .attr("T", DType.FLOAT32).attr("index_type", DType.INT32).done();
        String small = g.node("small", "Fill").input(g.constant("dims2", Tensor.vectorInts(2, 3)), g.constant("v2", Tensor.scalar(1f)))
                .attr("T", DType.FLOAT32).attr("index_type", DType.INT32).done();
        g.node("sum", "AddN").input(big, x).attr("T", DType.FLOAT32).attr("N", 2L).done();
        g.node("sum2", "AddN").input(small, small).attr("T", DType.FLOAT32).attr("N", 2L).done();
        Stage typed = new InferShapes().apply(new Prune().apply(stage(graph(), ImportOptions.defaults())));
        Stage folded = applyPurely(new FoldConstants(), typed);
        assertEquals("Fill", folded.graph().node("big").op(), "2^20 + 1024 elements exceed MAX_FOLDED_ELEMENTS");
        assertEquals("Const", folded.graph().node("sum2").op());
    }

    @Test
    void sanitizeResolvesAConstantCondAndRemovesPassthroughsAndControlEdges() {
        String x = g.input("x", random.floats(2, 3), Shape.of(-1, 3));
        String pred = g.constant("pred", Tensor.scalarBool(false));
        String sw = g.node("cond/Switch", "Switch").input(x, pred).attr("T", DType.FLOAT32).done();
        String taken = g.node("cond/Identity", "Identity").input(sw).attr("T", DType.FLOAT32).done();
        String other = relu("cond/train_only", sw + ":1");
        String merge = g.node("cond/Merge", "Merge").input(other, taken).attr("T", DType.FLOAT32).attr("N", 2L).done();
        g.node("init", "NoOp").done();
        g.node("out", "Relu").input(merge, "^init").attr("T", DType.FLOAT32).done();
        g.node("Identity", "Identity").input("out").attr("T", DType.FLOAT32).done();
        Stage typed = new InferShapes().apply(new Prune().apply(stage(graph(), ImportOptions.defaults())));
        Stage clean = applyPurely(new Sanitize(), typed);
        assertEquals(List.of("x", "out"), clean.graph().nodes().stream().map(Node::name).toList());
        assertEquals(List.of(Ref.of("x")), clean.graph().node("out").inputs());
        assertEquals(List.of(), clean.graph().node("out").controlInputs());
        assertEquals(new Stage.GraphOutput("Identity", Ref.of("out")), clean.outputs().get(0));
    }

    @Test
    void fusionPassesLeaveTheirInputLayerGraphUnchanged() {
        String x = g.input("x", random.floats(2, 4), Shape.of(-1, 4));
        String mm = g.node("dense/MatMul", "MatMul").input(x, g.constant("w", random.floats(4, 3))).attr("T", DType.FLOAT32).done();
        String bias = g.node("dense/BiasAdd", "BiasAdd").input(mm, g.constant("b", random.floats(3))).attr("T", DType.FLOAT32).done();
        relu("dense/Relu", bias);
        Stage stage = new Sanitize().apply(new FoldConstants().apply(new InferShapes().apply(new Prune().apply(stage(graph(),
                ImportOptions.defaults())))));
        LayerGraph lowered = new LowerToLayers().apply(stage);
        List<LayerNode> before = List.copyOf(lowered.layers());
        for (LayerPass pass : FusionPipeline.PASSES) {
            pass.apply(lowered);
            assertEquals(before, lowered.layers(), pass.label() + " changed its input");
        }
        LayerGraph fused = new FuseEpilogues().apply(lowered);
        assertEquals(1, fused.layers().size());
        assertEquals(List.of("dense/MatMul", "dense/BiasAdd", "dense/Relu"), fused.layers().get(0).sourceNodes());
        assertNotNull(fused.value("dense/Relu"));
        assertNull(fused.producer("x"));
    }
}
