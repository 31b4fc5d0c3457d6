/**
 * Layer passes: named, pure rewrites of a {@link io.nnport.ir.layers.LayerGraph}, run in the order
 * {@link io.nnport.ir.passes.FusionPipeline} gives, whatever front end produced the graph.
 */
package io.nnport.ir.passes;
