package io.nnport.frontend;

import java.util.List;
import java.util.Map;

/** The one wording every front end uses for "these ops are unsupported", so users see one format. */
public final class UnsupportedOps {
    /** Node names listed per unsupported op: enough to find them, short enough to read. */
    private static final int MAX_NAMES_PER_OP = 5;

    private UnsupportedOps() {}

    /**
     * Each op with its node count and its first few node names, e.g.
     * {@code unsupported ops: DecodeWav (1 node: wav_decode), Mfcc (1 node: Mfcc)}.
     */
    public static String describe(Map<String, List<String>> nodesByOp) {
        StringBuilder text = new StringBuilder("unsupported ops: ");
        boolean first = true;
        for (Map.Entry<String, List<String>> entry : nodesByOp.entrySet()) {
            List<String> names = entry.getValue();
            text.append(first ? "" : ", ").append(entry.getKey()).append(" (").append(names.size())
                    .append(names.size() == 1 ? " node: " : " nodes: ")
                    .append(String.join(", ", names.subList(0, Math.min(names.size(), MAX_NAMES_PER_OP))))
                    .append(names.size() > MAX_NAMES_PER_OP ? ", ..." : "").append(')');
            first = false;
        }
        return text.toString();
    }
}
