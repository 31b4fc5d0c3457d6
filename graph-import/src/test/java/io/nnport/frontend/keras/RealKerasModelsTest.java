package io.nnport.frontend.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nnport.frontend.FrontEnds;
import io.nnport.frontend.Import;
import io.nnport.frontend.ImportOptions;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.LayerInterpreter;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.Value;
import io.nnport.testing.RandomTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The real Keras files of {@code models/keras-real} (see its PROVENANCE.md). None has a twin
 * (a frozen graph or SavedModel of the same weights), so each is checked against its own config:
 * the sha256 PROVENANCE.md records, the layer graph layer by layer (every Keras layer of the config
 * but the removed ones, in order, with the IR kind the table maps its class to, and the input
 * shape Keras 3 records in the layer's {@code build_config}), the model's input and output names
 * and shapes, and outputs on seeded input that are finite and in their activation's range.
 */
class RealKerasModelsTest {

    /** Keras class -> the IR kinds its layers may be (after the table, before fusion). */
    private static final Map<String, Set<String>> KINDS = Map.of(
            "Dense", Set.of("Dense", "Softmax", "Unary"),
            "Conv2D", Set.of("Conv", "Softmax", "Unary"),
            "MaxPooling2D", Set.of("Pool"),
            "Flatten", Set.of("Reshape"),
            "BatchNormalization", Set.of("BatchNorm"),
            "Activation", Set.of("Unary", "Softmax"));
    private static final Set<String> REMOVED = Set.of("InputLayer", "Dropout");

    static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("models/keras-real");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no models/keras-real above " + Path.of("").toAbsolutePath());
    }

    /** PROVENANCE.md's sha256 prefix of each file (its table's first and sha256 columns). */
    private static Map<String, String> provenanceHashes() throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        int column = -1;
        for (String line : Files.readAllLines(directory().resolve("PROVENANCE.md"))) {
            if (!line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|");
            for (int i = 0; i < cells.length && column < 0; i++) {
                if (cells[i].trim().startsWith("sha256")) {
                    column = i;
                }
            }
            if (column > 0 && cells.length > column && cells[1].trim().matches(".*\\.(h5|keras)")) {
                hashes.put(cells[1].trim(), cells[column].trim());
            }
        }
        return hashes;
    }

    @TestFactory
    Stream<DynamicTest> everyRealFileImportsAsItsConfigSays() throws IOException {
        Map<String, String> hashes = provenanceHashes();
        List<Path> files;
        try (Stream<Path> list = Files.list(directory())) {
            files = list.filter(f -> f.toString().endsWith(".h5") || f.toString().endsWith(".keras")).sorted().toList();
        }
        assertEquals(hashes.keySet(), Set.copyOf(files.stream().map(f -> f.getFileName().toString()).toList()),
                "PROVENANCE.md lists exactly the files present");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> check(file, hashes.get(file.getFileName().toString()))));
    }

    private static void check(Path file, String sha256Prefix) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).startsWith(sha256Prefix),
                file + " has the sha256 PROVENANCE.md records");
        JsonNode config = KerasFiles.read(file, KerasModelFile::config);
        LayerGraph layers = KerasFiles.read(file, KerasFrontEnd::layers);
        List<JsonNode> kept = new ArrayList<>();
        JsonNode inputLayer = null;
        for (JsonNode layer : config.path("config").path("layers")) {
            String className = layer.path("class_name").asText();
            if (className.equals("InputLayer")) {
                inputLayer = layer;
            }
            if (!REMOVED.contains(className)) {
                kept.add(layer);
            }
        }
        List<String> sources = new ArrayList<>();
        for (LayerNode node : layers.layers()) {
            String source = node.sourceNodes().get(0);
            if (sources.isEmpty() || !sources.get(sources.size() - 1).equals(source)) {
                sources.add(source);
            }
        }
        assertEquals(kept.stream().map(l -> l.path("config").path("name").asText()).toList(), sources,
                "one run of IR layers per kept Keras layer, in config order");
        for (JsonNode layer : kept) {
            String name = layer.path("config").path("name").asText();
            Set<String> kinds = KINDS.get(layer.path("class_name").asText());
            List<LayerNode> nodes = layers.layers().stream().filter(n -> n.sourceNodes().get(0).equals(name)).toList();
            for (LayerNode node : nodes) {
                assertTrue(kinds.contains(node.layer().kindName()), name + " became " + node.layer().kindName());
            }
            JsonNode built = layer.path("build_config").path("input_shape");
            if (built.isArray()) {
                Shape input = layers.value(nodes.get(0).inputs().get(0)).shape();
                for (int d = 1; d < built.size(); d++) {
                    assertEquals(built.get(d).asInt(), input.dim(d), name + " input dimension " + d);
                }
            }
        }
        Import imported = FrontEnds.read(file, ImportOptions.defaults());
        Value input = imported.inputs().get(0);
        assertEquals(inputLayer.path("config").path("name").asText(), input.name());
        assertEquals(kept.get(kept.size() - 1).path("config").path("name").asText(), imported.outputs().get(0).name());
        int[] dims = input.shape().dims();
        dims[0] = 3;
        Tensor x = new RandomTensors(20261206L).uniform(0, 1, dims);
        Tensor y = new LayerInterpreter(imported.graph()).run(Map.of(input.name(), x)).values().iterator().next();
        String activation = kept.get(kept.size() - 1).path("config").path("activation").asText();
        int classes = y.shape().dim(-1);
        for (int row = 0; row < 3; row++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                float v = y.getFloat(row * classes + c);
                assertTrue(Float.isFinite(v) && (!activation.equals("sigmoid") && !activation.equals("softmax") || v >= 0 && v <= 1),
                        file + " output " + v + " outside its " + activation + " range");
                sum += v;
            }
            if (activation.equals("softmax")) {
                assertEquals(1, sum, 1e-5, file + " softmax row " + row);
            }
        }
    }
}
