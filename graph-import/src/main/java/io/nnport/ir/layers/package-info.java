/**
 * The layer graph the converter compiles: {@link io.nnport.ir.layers.LayerGraph} of
 * {@link io.nnport.ir.layers.LayerNode}s, each holding one {@link io.nnport.ir.layers.Layer} (one
 * record per kind, one file each, with its spec sheet, shape rule and reference evaluation), reading
 * and writing named {@link io.nnport.ir.layers.Value}s. A conv, dense or batch-norm layer carries a
 * fused {@link io.nnport.ir.layers.Epilogue}; {@link io.nnport.ir.layers.Traits} say what the
 * planner may assume of a kind.
 */
package io.nnport.ir.layers;
