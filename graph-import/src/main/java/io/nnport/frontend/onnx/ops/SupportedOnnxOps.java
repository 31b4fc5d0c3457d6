package io.nnport.frontend.onnx.ops;

import java.util.Map;

/**
 * The README's ONNX supported-op table, generated from the {@link OnnxOpTable}, never kept by hand.
 * The README holds it between {@link #BEGIN} and {@link #END}; a test fails when they differ and
 * says how to regenerate.
 */
public final class SupportedOnnxOps {
    public static final String BEGIN = "<!-- onnx-ops:begin -->";
    public static final String END = "<!-- onnx-ops:end -->";

    private SupportedOnnxOps() {}

    /** The markdown section (without the markers): one row per ONNX op, in table order. */
    public static String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("Generated from graph-import's `OnnxOpTable` (regenerate: `./mvnw -B -o -pl graph-import verify")
                .append(" -Dtest=SupportedOpsReadmeTest -Dnnport.updateReadme=true`). Default domain, opsets ")
                .append(io.nnport.frontend.onnx.ModelReader.MIN_OPSET).append(" to ")
                .append(io.nnport.frontend.onnx.ModelReader.MAX_OPSET).append(", each op in all its attribute forms")
                .append(" of those opsets unless its rule refuses one by name.\n\n");
        text.append("| ONNX op | becomes |\n|---|---|\n");
        for (Map.Entry<String, OnnxOpTable.Entry> entry : OnnxOpTable.entries().entrySet()) {
            text.append("| ").append(entry.getKey()).append(" | ").append(entry.getValue().becomes()).append(" |\n");
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
