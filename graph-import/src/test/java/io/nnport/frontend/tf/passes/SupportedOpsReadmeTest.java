package io.nnport.frontend.tf.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.onnx.ops.OnnxOpTable;
import io.nnport.frontend.onnx.ops.SupportedOnnxOps;
import io.nnport.frontend.tf.ops.OpTable;
import io.nnport.ir.layers.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The TensorFlow op table and the layer kinds cover each other, and the README shows both op tables (TensorFlow, ONNX) as they are. */
class SupportedOpsReadmeTest {

    private static final Path README = Path.of("../README.md");

    /** An op removed before lowering names a pass that exists in the pipeline. */
    @Test
    void everyOpRemovedBeforeLoweringNamesItsPass() {
        Set<String> passes = Set.of("graph input / constant operand", "bind-placeholders", "sanitize", "fold-constants");
        for (Map.Entry<String, OpTable.Entry> entry : OpTable.entries().entrySet()) {
            if (entry.getValue().lowering() == null) {
                String becomes = entry.getValue().becomes();
                assertTrue(passes.stream().anyMatch(becomes::startsWith), entry.getKey() + " is removed by an unknown pass: " + becomes);
            }
        }
    }

    /** Every layer kind is what some TF or ONNX op becomes (Constant and PReLU come from lowering and fusion). */
    @Test
    void everyLayerKindIsReachable() {
        Set<String> mentioned = new TreeSet<>(Set.of("Constant", "PReLU"));
        for (OpTable.Entry entry : OpTable.entries().values()) {
            if (entry.lowering() != null) {
                mentioned.addAll(List.of(entry.becomes().split("[^A-Za-z0-9]+")));
            }
        }
        for (OnnxOpTable.Entry entry : OnnxOpTable.entries().values()) {
            mentioned.addAll(List.of(entry.becomes().split("[^A-Za-z0-9]+")));
        }
        for (Class<?> kind : Layer.class.getPermittedSubclasses()) {
            String name = kind.getSimpleName().substring(0, kind.getSimpleName().length() - "Layer".length());
            assertTrue(mentioned.contains(name), () -> kind.getSimpleName() + " is produced by no table line");
        }
    }

    @Test
    void readmeSupportedOpsSectionIsUpToDate() throws Exception {
        String readme = Files.readString(README);
        String expected = SupportedOnnxOps.updated(SupportedOps.updated(readme));
        if (Boolean.getBoolean("nnport.updateReadme")) {
            Files.writeString(README, expected);
            return;
        }
        assertEquals(expected, readme, "README.md's supported-ops sections are out of date; regenerate it with: "
                + "./mvnw -B -o -pl graph-import verify -Dtest=SupportedOpsReadmeTest -Dnnport.updateReadme=true");
    }
}
