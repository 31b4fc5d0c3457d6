package io.nnport.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.runtime.ConvertedModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourceTest {

    @TempDir
    Path dir;

    private Path jarWith(String mainClass, String modelClass) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            main.put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        if (modelClass != null) {
            main.put(new Attributes.Name(ConvertedModel.MODEL_CLASS_ATTRIBUTE), modelClass);
        }
        Path jar = Files.createTempFile(dir, "model", ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
        return jar;
    }

    @Test
    void theManifestAttributeNamesTheModelClass() throws IOException {
        assertEquals("a.b.Custom", ModelSource.modelClassOf(jarWith("a.b.XMain", "a.b.Custom")));
    }

    @Test
    void jarsWithoutTheAttributePairMainWithModel() throws IOException {
        assertEquals("a.b.XModel", ModelSource.modelClassOf(jarWith("a.b.XMain", null)));
    }

    @Test
    void aJarThatIsNoModelJarIsRejected() throws IOException {
        Path jar = jarWith("a.b.Tool", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSource.modelClassOf(jar));
        assertTrue(e.getMessage().contains("not an nnport model jar"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelSource.modelClassOf(dir.resolve("missing.jar")));
    }

    @Test
    void theConvertersJarsNameTheirModelClass() {
        assertEquals("io.nnport.models.MlpModel", ModelSource.modelClassOf(LocalSpark.modelJar("mlp")));
    }
}
