package io.nnport.frontend.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.onnx.testing.ModelBuilder;
import io.nnport.frontend.onnx.testing.OnnxCase;
import io.nnport.frontend.onnx.testing.OnnxTestModels;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.TransposeLayer;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.RandomTensors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The layout decision on whole models: the values inside are channels last, and transposes appear
 * only where ONNX's order is observed, composed with the model's own Transposes. Each model also
 * matches ONNX Runtime.
 */
class OnnxLayoutTest {

    private static long transposes(ModelBuilder m) {
        LayerGraph graph = OnnxImporter.importModel(ModelReader.parse(m.bytes(), "layout", null), ImportOptions.defaults());
        return graph.layers().stream().filter(l -> l.layer() instanceof TransposeLayer).count();
    }

    /** {@link OnnxTestModels#charCnn()}: embedding, transpose to NCW, Conv1d, ..., view(N, -1), Linear. */
    @Test
    void embeddingTransposedIntoConv1dNeedsNoTranspose() {
        ModelBuilder m = OnnxTestModels.charCnn();
        new OnnxCase("charCNN", m, List.of("logits"), Tolerance.APPROX).check();
        assertEquals(0, transposes(m), "none at the embedding (composed with the model's Transpose), none at the"
                + " flattening Reshape (the MatMul's weight rows permuted instead)");
    }

    /** Conv, Relu, Conv, GlobalAveragePool, Flatten, Gemm: one transpose, at the input. */
    @Test
    void aClassifierHasOneTransposeAtItsInput() {
        RandomTensors r = new RandomTensors(4);
        ModelBuilder m = new ModelBuilder(13).input("x", r.floats(2, 3, 7, 7), "N");
        m.initializer("w1", r.floats(4, 3, 3, 3)).node("Conv", List.of("x", "w1"), List.of("c1"), Map.of("pads", new long[] {1, 1, 1, 1}));
        m.node("Relu", List.of("c1"), List.of("r1"), Map.of());
        m.initializer("w2", r.floats(5, 4, 3, 3)).node("Conv", List.of("r1", "w2"), List.of("c2"), Map.of("strides", new long[] {2, 2}));
        m.node("GlobalAveragePool", List.of("c2"), List.of("gap"), Map.of());
        m.node("Flatten", List.of("gap"), List.of("flat"), Map.of());
        m.initializer("fc", r.floats(5, 2)).node("Gemm", List.of("flat", "fc"), List.of("y"), Map.of()).output("y");
        new OnnxCase("classifier", m, List.of("y"), Tolerance.APPROX).check();
        assertEquals(1, transposes(m));
    }

    /** GlobalAveragePool, Squeeze of the 1x1 axes, Gemm: the channels-last [N,1,1,C] is read as [N,C,1,1] without a transpose. */
    @Test
    void squeezingAfterGlobalPoolingNeedsNoTranspose() {
        RandomTensors r = new RandomTensors(5);
        ModelBuilder m = new ModelBuilder(13).input("x", r.floats(2, 3, 5, 5), "N");
        m.initializer("w", r.floats(4, 3, 3, 3)).node("Conv", List.of("x", "w"), List.of("c"), Map.of());
        m.node("GlobalAveragePool", List.of("c"), List.of("gap"), Map.of());
        m.initializer("axes", Tensor.ofLongs(Shape.of(2), 2, 3)).node("Squeeze", List.of("gap", "axes"), List.of("sq"), Map.of());
        m.initializer("fc", r.floats(4, 2)).node("Gemm", List.of("sq", "fc"), List.of("y"), Map.of()).output("y");
        new OnnxCase("squeeze after global pooling", m, List.of("y"), Tolerance.APPROX).check();
        assertEquals(1, transposes(m));
    }

    /**
     * A batched Shape whose non-batch dimensions feed arithmetic (C * H * W, as some exporters
     * compute a flatten size) folds; only arithmetic on the batch size itself is refused.
     */
    @Test
    void shapeArithmeticOffTheBatchFolds() {
        RandomTensors r = new RandomTensors(6);
        ModelBuilder m = new ModelBuilder(13).input("x", r.floats(2, 3, 4, 5), "N");
        m.node("Shape", List.of("x"), List.of("s"), Map.of());
        m.initializer("chw", Tensor.ofLongs(Shape.of(3), 1, 2, 3)).node("Gather", List.of("s", "chw"), List.of("dims"), Map.of());
        m.node("ReduceProd", List.of("dims"), List.of("features"), Map.of("keepdims", 1L));
        m.initializer("batch", Tensor.ofLongs(Shape.of(1), -1)).node("Concat", List.of("batch", "features"), List.of("target"),
                Map.of("axis", 0L));
        m.node("Reshape", List.of("x", "target"), List.of("y"), Map.of()).output("y");
        new OnnxCase("flatten size from a Shape", m, List.of("y"), Tolerance.EXACT).check();
    }
}
