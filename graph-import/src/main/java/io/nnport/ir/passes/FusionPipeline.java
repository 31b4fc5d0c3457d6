package io.nnport.ir.passes;

import io.nnport.ir.layers.LayerGraph;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The layer passes every front end's layer graph goes through, in order. Each is a named, pure
 * rewrite; the pipeline logs each label with the layer count before and after and the pass's time.
 *
 * <ol>
 * <li>{@link FuseConv1D} ({@code fuse-conv1d}): reshape / 2-D conv / reshape into a 1-D conv (how
 *     Keras lowers Conv1D). Before epilogue fusion, because Keras' bias add follows the second
 *     reshape.</li>
 * <li>{@link FusePReLU} ({@code fuse-prelu}): relu / neg / mul / add into PReLU. Before epilogue
 *     fusion, which could otherwise take the pattern's relu into a preceding conv.</li>
 * <li>{@link FuseGelu} ({@code fuse-gelu}): x / sqrt 2, erf, + 1, * x, * 0.5 into one GELU
 *     activation. Before epilogue fusion, which then takes it into the preceding dense layer.</li>
 * <li>{@link FuseEpilogues} ({@code fuse-epilogues}): bias, per-channel scale, batch norm and
 *     activation into the preceding conv, dense or batch-norm layer. Last: it needs the final
 *     producers (Conv1D) and must not break the patterns above.</li>
 * </ol>
 */
public final class FusionPipeline {

    /** The passes in the order they run. */
    public static final List<LayerPass> PASSES = List.of(new FuseConv1D(), new FusePReLU(), new FuseGelu(), new FuseEpilogues());

    private FusionPipeline() {}

    /**
     * Runs every pass over {@code graph}.
     *
     * @param log receives one line per pass (label and layer-count change); may be null
     */
    public static LayerGraph run(LayerGraph graph, Consumer<String> log) {
        LayerGraph layers = graph;
        for (LayerPass pass : PASSES) {
            long start = System.nanoTime();
            LayerGraph fused = pass.apply(layers);
            if (log != null) {
                log.accept(String.format(Locale.ROOT, "%-18s %6d -> %6d %8d ms", pass.label(), layers.layers().size(),
                        fused.layers().size(), (System.nanoTime() - start) / 1_000_000));
            }
            layers = fused;
        }
        return layers;
    }
}
