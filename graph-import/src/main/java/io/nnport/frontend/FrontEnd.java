package io.nnport.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One model format family: detects its files by content and translates them into the core's
 * {@link io.nnport.ir.layers.LayerGraph}. A front end knows its format and the core; the core and
 * the converter know no format.
 */
public interface FrontEnd {

    /** The formats it reads, for messages, e.g. {@code TensorFlow GraphDef (binary or text protobuf)}. */
    String formats();

    /**
     * True when {@code model} looks like this format: magic bytes or directory layout, never the
     * file name. Cheap (reads a few bytes) and never throws: an unreadable path is not accepted.
     */
    boolean accepts(Path model);

    /** Reads and imports the model; every problem is one {@link io.nnport.ir.ModelException} naming the file. */
    Import read(Path model, ImportOptions options);

    /** The first {@code count} bytes of a regular file (fewer when it is shorter); empty when it cannot be read. */
    static byte[] head(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return new byte[0];
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(count);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
