package io.nnport.frontend.onnx.testing;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.testing.RandomTensors;
import java.util.List;
import java.util.Map;

/** Small whole models built as PyTorch exports them, shared by the layout test and the converter's end-to-end test. */
public final class OnnxTestModels {
    private OnnxTestModels() {}

    /**
     * A charCNN at opset 13 with a dynamic batch: embedding lookup (Gather on a constant table),
     * transpose(1, 2) to NCW, then {@link #conv1dHead}. Input {@code ids} int64 [N, 12], output
     * {@code logits} [N, 3].
     */
    public static ModelBuilder charCnn() {
        RandomTensors r = new RandomTensors(3);
        ModelBuilder m = new ModelBuilder(13).input("ids", Tensor.ofLongs(Shape.of(2, 12), new long[] {1, 4, 2, 0, 3, 3, 1, 4, 0, 2, 1, 1,
            0, 0, 4, 3, 2, 1, 1, 2, 3, 4, 0, 1}), "N");
        m.initializer("table", r.floats(5, 6)).node("Gather", List.of("table", "ids"), List.of("emb"), Map.of());
        m.node("Transpose", List.of("emb"), List.of("ncw"), Map.of("perm", new long[] {0, 2, 1}));
        return conv1dHead(m, r);
    }

    /** The same network fed float32 NCW features {@code ncw} [N, 6, 12] directly (no embedding). */
    public static ModelBuilder conv1dClassifier() {
        RandomTensors r = new RandomTensors(3);
        return conv1dHead(new ModelBuilder(13).input("ncw", r.floats(2, 6, 12), "N"), r);
    }

    /**
     * Conv1d (6 -> 4, k 3, bias), ReLU, MaxPool1d(2), {@code view(x.size(0), -1)} (Shape, Gather,
     * Unsqueeze, Concat, Reshape), Linear without bias (MatMul) to {@code logits} [N, 3].
     */
    private static ModelBuilder conv1dHead(ModelBuilder m, RandomTensors r) {
        m.initializer("w", r.floats(4, 6, 3)).initializer("b", r.floats(4));
        m.node("Conv", List.of("ncw", "w", "b"), List.of("conv"), Map.of());
        m.node("Relu", List.of("conv"), List.of("relu"), Map.of());
        m.node("MaxPool", List.of("relu"), List.of("pool"), Map.of("kernel_shape", new long[] {2}, "strides", new long[] {2}));
        m.node("Shape", List.of("pool"), List.of("shape"), Map.of());
        m.initializer("zero", Tensor.ofLongs(Shape.scalar(), 0)).node("Gather", List.of("shape", "zero"), List.of("n"), Map.of());
        m.initializer("axes", Tensor.ofLongs(Shape.of(1), 0)).node("Unsqueeze", List.of("n", "axes"), List.of("n1"), Map.of());
        m.initializer("rest", Tensor.ofLongs(Shape.of(1), -1)).node("Concat", List.of("n1", "rest"), List.of("target"), Map.of("axis", 0L));
        m.node("Reshape", List.of("pool", "target"), List.of("flat"), Map.of());
        m.initializer("fc", r.floats(4 * 5, 3)).node("MatMul", List.of("flat", "fc"), List.of("logits"), Map.of()).output("logits");
        return m;
    }
}
