package io.nnport.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One model format family: detects its files by content and translates them into the core's
 * {@link io.nnport.ir.layers.LayerGraph}. A front end knows its format and the core; the core and
 * the converter know no format.
 */
public interface FrontEnd {

    /**
     * The most nodes a model graph may have; every front end refuses a larger one as soon as it is
     * read. Conversion time grows linearly with the layers, at 1,500 to 2,000 layers a second end to
     * end on a 2-core machine (jmh/results/conversion-scale.md: a 100,000-layer chain in 47 to 68 s,
     * jar included, 4 GB of memory; 200,000 took 134 s and 6 GB), so a larger graph is refused in
     * seconds, not after minutes.
     */
    int MAX_NODES = 120_000;

    /** The one-line refusal of a graph of {@code nodes} nodes, over {@link #MAX_NODES}. */
    static String tooManyNodes(int nodes) {
        return String.format(Locale.ROOT, "%,d nodes, more than the %,d a model may have"
                + " (conversion time and memory grow with the layers)", nodes, MAX_NODES);
    }

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
