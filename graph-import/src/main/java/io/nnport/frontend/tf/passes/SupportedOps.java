package io.nnport.frontend.tf.passes;

import io.nnport.frontend.tf.ops.OpTable;
import java.util.Map;

/**
 * The README's supported-op table, generated from the TensorFlow front end's {@link OpTable}, never
 * kept by hand. The README holds it between
 * {@link #BEGIN} and {@link #END}; a test fails when they differ and says how to regenerate.
 */
public final class SupportedOps {
    public static final String BEGIN = "<!-- ops:begin -->";
    public static final String END = "<!-- ops:end -->";

    private SupportedOps() {}

    /** The markdown section (without the markers): one row per TensorFlow op, in table order. */
    public static String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("Generated from graph-import's `OpTable` (regenerate: `./mvnw -B -o -pl graph-import verify")
                .append(" -Dtest=SupportedOpsReadmeTest -Dnnport.updateReadme=true`).\n\n");
        text.append("| TensorFlow op | becomes |\n|---|---|\n");
        for (Map.Entry<String, OpTable.Entry> entry : OpTable.entries().entrySet()) {
            OpTable.Entry line = entry.getValue();
            text.append("| ").append(entry.getKey()).append(" | ").append(line.lowering() == null ? "removed at import: " : "")
                    .append(line.becomes()).append(" |\n");
        }
        return text.toString();
    }

    /** {@code readme} with its section between the markers replaced by {@link #markdown()}. */
    public static String updated(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the README has no " + BEGIN + " ... " + END + " section");
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + markdown() + readme.substring(end);
    }
}
