package io.nnport.frontend.keras;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Keras model as read from its file: the model config (the JSON Keras writes with
 * {@code model.to_json()}) and the weights of its layers.
 *
 * @param source  the file, for messages
 * @param format  what was read, e.g. {@code Keras .h5 (Keras 2)}
 * @param config  the model's config: {@code {"class_name": "Sequential"|"Functional"|..., "config": {...}}}
 * @param weights the layers' weights, by layer name
 */
public record KerasModelFile(String source, String format, JsonNode config, LayerWeights weights) {}
