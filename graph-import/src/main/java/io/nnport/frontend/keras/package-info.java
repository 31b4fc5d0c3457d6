/**
 * The Keras front end: reads a Keras 2 / tf.keras {@code .h5} file (the {@code model_config} JSON
 * attribute and the {@code model_weights} group) or a Keras 3 {@code .keras} archive (a zip of
 * {@code config.json}, {@code metadata.json} and {@code model.weights.h5}) and translates the
 * model's layers into the core's {@link io.nnport.ir.layers.LayerGraph}, one Keras layer into one
 * IR layer or a few, by the {@link io.nnport.frontend.keras.KerasLayerTable}.
 *
 * <p>{@link io.nnport.frontend.keras.KerasFiles} opens the file (bounded: every archive member and
 * HDF5 dataset has a size limit), {@link io.nnport.frontend.keras.KerasGraphBuilder} walks the
 * Sequential or Functional config (nested models, shared layers, several inputs and outputs).
 */
package io.nnport.frontend.keras;
