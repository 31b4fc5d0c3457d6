package io.nnport.frontend.tf.passes;

import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.tf.Graph;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.passes.FusionPipeline;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The TensorFlow front end's passes, in order, then the core's layer passes ({@link FusionPipeline}).
 * Each is a named, pure rewrite; the pipeline logs each label with the node (or layer) count before
 * and after.
 *
 * <ol>
 * <li>{@link Prune} ({@code prune}): chooses the outputs and drops what they do not need. First, so
 *     that no later pass spends time on, or fails at, training-only leftovers.</li>
 * <li>{@link BindPlaceholders} ({@code bind-placeholders}): fixes input shapes, cuts the graph at
 *     inputs that are not placeholders, and replaces bound placeholders by constants. Before
 *     inference, which needs the shapes, and before folding and sanitizing, which need the constant
 *     predicates ({@code is_train}, learning phase).</li>
 * <li>{@code prune} again, for the nodes in front of a cut.</li>
 * <li>{@link InferShapes} ({@code infer-shapes}): types, shapes (with the dynamic batch) and known
 *     values of every tensor. Folding and lowering read them.</li>
 * <li>{@link FoldConstants} ({@code fold-constants}): materializes known values (shape arithmetic,
 *     the cond predicates, flatten targets). Before sanitizing, which resolves a Switch only once
 *     its predicate is a Const node.</li>
 * <li>{@link Sanitize} ({@code sanitize}): resolves conds, removes passthroughs, dropout, NoOps and
 *     control edges. After folding (predicates), before lowering (nothing of it has a layer).</li>
 * <li>{@code fold-constants} again: resolving conds exposes new constants (a learning-phase branch
 *     that was a Merge is now a constant expression); it runs until nothing changes (at most
 *     {@link #MAX_FOLD_ROUNDS} rounds).</li>
 * <li>{@link LowerToLayers} ({@code lower}): one layer per node via the {@link io.nnport.frontend.tf.ops.OpTable}'s lowering rules; reports every
 *     unsupported op at once.</li>
 * <li>{@link FusionPipeline}: the core's layer fusion passes, in their own order.</li>
 * </ol>
 */
public final class Pipeline {

    /**
     * Fold/sanitize rounds after the first sanitize. Each round can only expose constants a
     * resolved cond hid; nested conds are a few levels deep at most, so three rounds are plenty,
     * and a bound keeps a pathological graph from looping.
     */
    public static final int MAX_FOLD_ROUNDS = 3;

    private final Consumer<String> log;

    public Pipeline(Consumer<String> log) {
        this.log = log;
    }

    /** The result: the sanitized TF graph (for the report) and the fused layer graph. */
    public record Result(Graph sanitized, LayerGraph layers) {}

    public Result run(Graph graph, ImportOptions options) {
        Stage stage = new Stage(graph, List.of(), options, null);
        stage = step(new Prune(), stage);
        stage = step(new BindPlaceholders(), stage);
        stage = step(new Prune(), stage);
        stage = step(new InferShapes(), stage);
        stage = step(new FoldConstants(), stage);
        stage = step(new Sanitize(), stage);
        for (int round = 0; round < MAX_FOLD_ROUNDS; round++) {
            Stage folded = step(new FoldConstants(), stage);
            boolean changed = folded.graph() != stage.graph();
            stage = folded;
            if (!changed) {
                break;
            }
            stage = step(new Sanitize(), stage);
        }
        long start = System.nanoTime();
        LayerGraph layers = new LowerToLayers().apply(stage);
        log("lower", stage.graph().size(), layers.layers().size(), start);
        return new Result(stage.graph(), FusionPipeline.run(layers, log));
    }

    private Stage step(GraphPass pass, Stage stage) {
        long start = System.nanoTime();
        Stage next = pass.apply(stage);
        log(pass.label(), stage.graph().size(), next.graph().size(), start);
        return next;
    }

    /** One line per pass: label, node or layer count before and after, time taken. */
    private void log(String label, int before, int after, long startNanos) {
        if (log != null) {
            log.accept(String.format(Locale.ROOT, "%-18s %6d -> %6d %8d ms", label, before, after,
                    (System.nanoTime() - startNanos) / 1_000_000));
        }
    }
}
