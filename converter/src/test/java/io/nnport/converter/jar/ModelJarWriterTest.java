package io.nnport.converter.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.runtime.ConvertedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelJarWriterTest {

    @TempDir
    Path dir;

    /** Stand-ins for class files: the writer copies entries without reading them. */
    private static final byte[] CLASS_BYTES = {(byte) 0xCA, (byte) 0xFE};

    @Test
    void manifestNamesTheMainAndTheModelClass() throws Exception {
        Path jar = dir.resolve("m.jar");
        ModelJarWriter.write(jar, Map.of("p/q/XMain.class", CLASS_BYTES, "p/q/XModel.class", CLASS_BYTES),
                "p.q.XMain", "test");
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            assertEquals("p.q.XMain", main.getValue(Attributes.Name.MAIN_CLASS));
            assertEquals("p.q.XModel", main.getValue(ConvertedModel.MODEL_CLASS_ATTRIBUTE));
        }
    }

    @Test
    void aMainClassWithoutItsModelClassIsRejectedBeforeWriting() {
        Path jar = dir.resolve("m.jar");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelJarWriter.write(jar, Map.of("p/q/XMain.class", CLASS_BYTES), "p.q.XMain", "test"));
        assertTrue(e.getMessage().contains("p.q.XModel"), e.getMessage());
        assertTrue(Files.notExists(jar));
    }
}
