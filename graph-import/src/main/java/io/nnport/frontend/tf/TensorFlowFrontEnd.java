package io.nnport.frontend.tf;

import io.nnport.frontend.FrontEnd;
import io.nnport.frontend.Import;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.tf.passes.Pipeline;
import io.nnport.ir.ModelException;
import io.nnport.ir.layers.LayerGraph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The TensorFlow front end: reads a frozen GraphDef and runs the {@link Pipeline} to a
 * {@link LayerGraph}. Every problem ends in one {@link ModelException} naming the file, and the
 * node and op where there is one.
 */
public final class TensorFlowFrontEnd implements FrontEnd {

    /** Bytes read to detect a GraphDef: enough for a text file's leading comments and first field. */
    static final int DETECT_BYTES = 512;

    /**
     * A text-format GraphDef opens, after blank lines and {@code #} comments, with one of
     * GraphDef's fields: {@code node {...}}, {@code versions {...}}, {@code library {...}} or
     * {@code version: N}.
     */
    private static final Pattern TEXT_START =
            Pattern.compile("\\A(?:\\s|#[^\\n]*\\n)*(?:node|versions|library|version)\\s*[{:]");

    /** What an import produced: the graph read, the sanitized graph the layers came from, and the layers. */
    public record Result(Graph original, Graph sanitized, LayerGraph layers) {}

    @Override
    public String formats() {
        return "TensorFlow GraphDef (binary or text protobuf)";
    }

    /**
     * A binary GraphDef's first byte is the tag of one of its fields: {@code node} (1) or
     * {@code library} (2) or {@code versions} (4), each length-delimited, or the deprecated varint
     * {@code version} (3); a text GraphDef opens with one of those field names.
     */
    @Override
    public boolean accepts(Path model) {
        byte[] head = FrontEnd.head(model, DETECT_BYTES);
        if (head.length == 0) {
            return false;
        }
        int tag = head[0] & 0xff;
        if (tag == (1 << 3 | 2) || tag == (2 << 3 | 2) || tag == (3 << 3) || tag == (4 << 3 | 2)) {
            return true;
        }
        return TEXT_START.matcher(new String(head, StandardCharsets.ISO_8859_1)).find();
    }

    @Override
    public Import read(Path model, ImportOptions options) {
        return new Import("TensorFlow GraphDef", importModel(model, options).layers());
    }

    /** Reads and imports a model file. */
    public static Result importModel(Path model, ImportOptions options) {
        Graph graph = GraphDefReader.read(model);
        if (graph.size() > MAX_NODES) {
            throw ModelException.of(graph.source(), FrontEnd.tooManyNodes(graph.size()));
        }
        return importGraph(graph, options);
    }

    /** Imports a graph already read (tests build graphs in memory). */
    public static Result importGraph(Graph graph, ImportOptions options) {
        try {
            Pipeline.Result result = new Pipeline(options.log()).run(graph, options);
            return new Result(graph, result.sanitized(), result.layers());
        } catch (ModelException e) {
            throw e.inSource(graph.source());
        }
    }
}
