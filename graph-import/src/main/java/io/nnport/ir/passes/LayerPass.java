package io.nnport.ir.passes;

import io.nnport.ir.layers.LayerGraph;

/** A named, pure rewrite of a layer graph (a fusion): returns a new graph, never edits its input. */
public interface LayerPass {
    String label();

    LayerGraph apply(LayerGraph graph);
}
