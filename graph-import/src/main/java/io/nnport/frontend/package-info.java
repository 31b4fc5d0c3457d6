/**
 * Front ends: one per model format family, each translating its files into the core's
 * {@link io.nnport.ir.layers.LayerGraph}. {@link io.nnport.frontend.FrontEnds} detects a model's
 * format from its content and dispatches to the {@link io.nnport.frontend.FrontEnd} that reads it;
 * {@link io.nnport.frontend.ImportOptions} are what the user says besides the file. Front ends
 * depend on the core ({@code io.nnport.ir}); the core never depends on a front end.
 */
package io.nnport.frontend;
