package io.nnport.frontend.tf.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.tf.ops.OpTable;
import io.nnport.ir.layers.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The importer's op table and the layer kinds cover each other, and the README shows the table as it is. */
class SupportedOpsReadmeTest {

    private static final Path README = Path.of("../README.md");

    /** Every op with semantics either has a layer or is removed before lowering; every lowered op has semantics. */
    @Test
    void everyOpMapsToALayerOrIsResolvedBeforeLowering() {
        Set<String> covered = new TreeSet<>(LayerTable.loweredOps());
        covered.addAll(LayerTable.RESOLVED_BEFORE_LOWERING.keySet());
        assertEquals(OpTable.supportedOps(), covered, "ops of OpTable vs LayerTable + RESOLVED_BEFORE_LOWERING");
        Set<String> lowered = new TreeSet<>(LayerTable.loweredOps());
        lowered.retainAll(LayerTable.RESOLVED_BEFORE_LOWERING.keySet());
        assertEquals(Set.of(), lowered, "an op is both lowered and resolved before lowering");
    }

    /** Every layer kind is what some TF op becomes (Constant and PReLU come from lowering and fusion). */
    @Test
    void everyLayerKindIsReachable() {
        Set<String> mentioned = new TreeSet<>(Set.of("Constant", "PReLU"));
        for (String becomes : LayerTable.entries().values()) {
            for (String word : becomes.split("[^A-Za-z0-9]+")) {
                mentioned.add(word);
            }
        }
        for (Class<?> kind : Layer.class.getPermittedSubclasses()) {
            String name = kind.getSimpleName().substring(0, kind.getSimpleName().length() - "Layer".length());
            assertTrue(mentioned.contains(name), () -> kind.getSimpleName() + " is produced by no table line");
        }
    }

    @Test
    void readmeSupportedOpsSectionIsUpToDate() throws Exception {
        String readme = Files.readString(README);
        String expected = SupportedOps.updated(readme);
        if (Boolean.getBoolean("nnport.updateReadme")) {
            Files.writeString(README, expected);
            return;
        }
        assertEquals(expected, readme, "README.md's supported-ops section is out of date; regenerate it with: "
                + "./mvnw -B -o -pl graph-import verify -Dtest=SupportedOpsReadmeTest -Dnnport.updateReadme=true");
    }
}
