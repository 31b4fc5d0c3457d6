package io.nnport.frontend.keras.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.nnport.ir.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes Keras model files in the two layouts Keras itself writes, from a model config and the
 * layers' weights, with jhdf's HDF5 writer (no Keras needed):
 * <ul>
 * <li>{@code .h5} (Keras 2 / tf.keras): root attribute {@code model_config} (the JSON), group
 *     {@code model_weights} with attribute {@code layer_names}, one group per layer with attribute
 *     {@code weight_names} ({@code <layer>/<weight>:0}) and its datasets at those paths;</li>
 * <li>{@code .keras} (Keras 3): a zip of {@code config.json}, {@code metadata.json} and
 *     {@code model.weights.h5}, which holds {@code layers/<layer>/vars/0, 1, ...}.</li>
 * </ul>
 */
public final class KerasFileWriter {

    public static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A model to write.
     *
     * @param config  the model config ({@code {"class_name": ..., "config": {...}}})
     * @param weights per layer name, its weights by short name ({@code kernel}, {@code bias}) in creation order
     */
    public record KerasModel(ObjectNode config, Map<String, LinkedHashMap<String, Tensor>> weights) {}

    private KerasFileWriter() {}

    /** A layer's config entry: {@code {"class_name": c, "config": {"name": name, ...}}}. */
    public static ObjectNode layer(String className, String name, ObjectNode config) {
        ObjectNode layer = JSON.createObjectNode();
        layer.put("class_name", className);
        ObjectNode withName = config.deepCopy();
        withName.put("name", name);
        layer.set("config", withName);
        return layer;
    }

    /** An InputLayer of this batch shape (null, i.e. -1, in dimension 0), Keras 2's key. */
    public static ObjectNode inputLayer(String name, int... perSample) {
        ObjectNode config = JSON.createObjectNode();
        ArrayNode shape = config.putArray("batch_input_shape");
        shape.addNull();
        for (int d : perSample) {
            shape.add(d);
        }
        config.put("dtype", "float32");
        return layer("InputLayer", name, config);
    }

    /** A Sequential model config holding {@code layers} in order. */
    public static ObjectNode sequential(String name, List<ObjectNode> layers) {
        ObjectNode model = JSON.createObjectNode();
        model.put("class_name", "Sequential");
        ObjectNode config = model.putObject("config");
        config.put("name", name);
        ArrayNode list = config.putArray("layers");
        layers.forEach(list::add);
        return model;
    }

    /** Writes the Keras 2 {@code .h5} layout. */
    public static Path writeH5(Path file, KerasModel model) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("model_config", JSON.writeValueAsString(model.config()));
            hdf.putAttribute("keras_version", "2.15.0");
            hdf.putAttribute("backend", "tensorflow");
            WritableGroup weights = hdf.putGroup("model_weights");
            if (!model.weights().isEmpty()) { // jhdf cannot write an empty string array; the reader never needs it
                weights.putAttribute("layer_names", model.weights().keySet().toArray(new String[0]));
            }
            model.weights().forEach((layer, tensors) -> {
                WritableGroup group = weights.putGroup(layer);
                List<String> names = new ArrayList<>();
                Map<String, WritableGroup> scopes = new LinkedHashMap<>();
                tensors.forEach((name, tensor) -> {
                    // A short name is the layer's own variable; a path (inner/kernel) a nested model's.
                    String variable = (name.contains("/") ? name : layer + "/" + name) + ":0";
                    names.add(variable);
                    String scope = variable.substring(0, variable.lastIndexOf('/'));
                    scopes.computeIfAbsent(scope, group::putGroup)
                            .putDataset(variable.substring(variable.lastIndexOf('/') + 1), nested(tensor));
                });
                group.putAttribute("weight_names", names.toArray(new String[0]));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes the Keras 3 {@code .keras} layout. */
    public static Path writeKeras(Path file, KerasModel model) {
        try {
            Path weightsFile = Files.createTempFile(file.getParent(), "weights", ".h5");
            try (WritableHdfFile hdf = HdfFile.write(weightsFile)) {
                WritableGroup layers = hdf.putGroup("layers");
                Map<String, WritableGroup> groups = new LinkedHashMap<>();
                Map<String, String> paths = new LinkedHashMap<>();
                keras3Paths(model.config(), "", "", paths);
                model.weights().forEach((layer, tensors) -> {
                    WritableGroup group = layers;
                    String path = "";
                    for (String part : paths.get(layer).substring("layers/".length()).split("/")) {
                        path += "/" + part;
                        WritableGroup parent = group;
                        group = groups.computeIfAbsent(path, p -> parent.putGroup(part));
                    }
                    WritableGroup vars = group.putGroup("vars");
                    int i = 0;
                    for (Tensor tensor : tensors.values()) {
                        vars.putDataset(Integer.toString(i++), nested(tensor));
                    }
                });
            }
            Map<String, byte[]> members = new LinkedHashMap<>();
            members.put("metadata.json", "{\"keras_version\": \"3.6.0\"}".getBytes(StandardCharsets.UTF_8));
            members.put("config.json", JSON.writeValueAsBytes(keras3(model.config())));
            members.put("model.weights.h5", Files.readAllBytes(weightsFile));
            Files.delete(weightsFile);
            return zip(file, members);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A config as Keras 3 writes it: {@code batch_shape} for {@code batch_input_shape}, each call
     * in {@code inbound_nodes} as {@code {"args": [...], "kwargs": {}}} of {@code __keras_tensor__}
     * objects, and a single model input or output as a flat {@code [name, node, tensor]}.
     */
    public static ObjectNode keras3(ObjectNode model) {
        ObjectNode copy = model.deepCopy();
        convert(copy);
        return copy;
    }

    private static void convert(ObjectNode model) {
        ObjectNode config = (ObjectNode) model.path("config");
        for (String key : List.of("input_layers", "output_layers")) {
            if (config.path(key).size() == 1) {
                config.set(key, config.path(key).get(0));
            }
        }
        for (JsonNode item : config.path("layers")) {
            ObjectNode layer = (ObjectNode) item;
            ObjectNode layerConfig = (ObjectNode) layer.path("config");
            if (layerConfig.has("batch_input_shape")) {
                layerConfig.set("batch_shape", layerConfig.remove("batch_input_shape"));
            }
            if (layerConfig.has("layers")) {
                convert(layer);
            }
            if (layer.has("inbound_nodes")) {
                ArrayNode calls = JSON.createArrayNode();
                for (JsonNode call : layer.path("inbound_nodes")) {
                    ArrayNode tensors = JSON.createArrayNode();
                    for (JsonNode ref : call) {
                        ObjectNode tensor = tensors.addObject();
                        tensor.put("class_name", "__keras_tensor__");
                        ArrayNode history = tensor.putObject("config").putArray("keras_history");
                        history.add(ref.get(0)).add(ref.get(1)).add(ref.get(2));
                    }
                    ObjectNode converted = calls.addObject();
                    ArrayNode args = converted.putArray("args");
                    if (tensors.size() == 1) {
                        args.add(tensors.get(0));
                    } else {
                        args.add(tensors);
                    }
                    converted.putObject("kwargs");
                }
                layer.set("inbound_nodes", calls);
            }
        }
    }

    /**
     * A Functional model config (Keras 2 form): {@code layers} each carry their
     * {@code inbound_nodes} (see {@link #call}); inputs and outputs name layers (call 0, tensor 0).
     */
    public static ObjectNode functional(String name, List<ObjectNode> layers, List<String> inputs, List<String> outputs) {
        ObjectNode model = JSON.createObjectNode();
        model.put("class_name", "Functional");
        ObjectNode config = model.putObject("config");
        config.put("name", name);
        ArrayNode list = config.putArray("layers");
        layers.forEach(list::add);
        ArrayNode in = config.putArray("input_layers");
        inputs.forEach(i -> in.addArray().add(i).add(0).add(0));
        ArrayNode out = config.putArray("output_layers");
        outputs.forEach(o -> out.addArray().add(o).add(0).add(0));
        return model;
    }

    /** {@code layer} with one more call (Keras 2 form) on these layers' outputs ({@code name} or {@code name#call}). */
    public static ObjectNode call(ObjectNode layer, String... sources) {
        ArrayNode calls = layer.has("inbound_nodes") ? (ArrayNode) layer.get("inbound_nodes") : layer.putArray("inbound_nodes");
        ArrayNode call = calls.addArray();
        for (String source : sources) {
            String[] parts = source.split("#");
            call.addArray().add(parts[0]).add(parts.length > 1 ? Integer.parseInt(parts[1]) : 0).add(0).addObject();
        }
        return layer;
    }

    /**
     * Keras 3's weights paths by layer name ({@code outer/inner} for a nested model's layer): the
     * class name in snake case, numbered within its model, as Keras 3's saving code names them.
     */
    private static void keras3Paths(JsonNode model, String prefix, String parent, Map<String, String> paths) {
        Map<String, Integer> used = new LinkedHashMap<>();
        for (JsonNode layer : model.path("config").path("layers")) {
            String snake = layer.path("class_name").asText().replaceAll("(.)([A-Z][a-z]+)", "$1_$2")
                    .replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
            int count = used.merge(snake, 1, Integer::sum) - 1;
            String name = layer.path("config").path("name").asText();
            String path = parent + "layers/" + snake + (count == 0 ? "" : "_" + count);
            paths.put(prefix + name, path);
            if (layer.path("config").has("layers")) {
                keras3Paths(layer, prefix + name + "/", path + "/", paths);
            }
        }
    }

    /** Writes a zip of these members (hostile-archive tests build their own member lists). */
    public static Path zip(Path file, Map<String, byte[]> members) {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(member.getKey()));
                zip.write(member.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The tensor's floats as a Java array of its rank (what jhdf's writer takes). */
    private static Object nested(Tensor tensor) {
        int[] dims = tensor.shape().dims();
        float[] flat = tensor.floats();
        if (dims.length == 0) {
            return flat[0];
        }
        Object array = Array.newInstance(float.class, dims);
        fill(array, dims, 0, flat, new int[] {0});
        return array;
    }

    private static void fill(Object array, int[] dims, int axis, float[] flat, int[] next) {
        if (axis == dims.length - 1) {
            float[] row = (float[]) array;
            System.arraycopy(flat, next[0], row, 0, row.length);
            next[0] += row.length;
            return;
        }
        for (int i = 0; i < dims[axis]; i++) {
            fill(Array.get(array, i), dims, axis + 1, flat, next);
        }
    }

    /** The JSON text of a config (for tests that edit it). */
    public static String text(JsonNode config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
