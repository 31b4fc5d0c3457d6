package io.nnport.ir;

/**
 * The one error a user sees when a model cannot be read, checked or evaluated: a single line naming
 * the file, the node and its op where they are known, e.g.
 * {@code model.pb: node 'dense/MatMul' (MatMul): inner dimensions differ: [?,784] x [100,10]}.
 *
 * <p>Unchecked so that op rules can throw it from deep inside an evaluation; callers at the edge
 * (the CLI, tests) catch this type only. Never wraps a protobuf or NullPointerException stack for
 * display: {@link #getMessage()} is the whole story, and always one line: node names are data, so
 * line breaks and other control characters in them (or in any part of the message) are escaped.
 */
public final class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String node;
    private final String op;
    private final String detail;

    private ModelException(String source, String node, String op, String detail, Throwable cause) {
        super(format(source, node, op, detail));
        if (cause != null) {
            initCause(cause);
        }
        this.source = source;
        this.node = node;
        this.op = op;
        this.detail = detail;
    }

    /** A problem with the model as a whole (not a GraphDef, a cycle through many nodes, ...). */
    public static ModelException of(String source, String detail) {
        return new ModelException(source, null, null, detail, null);
    }

    /** A problem with the model as a whole, keeping the low-level cause for debugging only. */
    public static ModelException of(String source, String detail, Throwable cause) {
        return new ModelException(source, null, null, detail, cause);
    }

    /** A problem located at one node. */
    public static ModelException atNode(String source, String node, String op, String detail) {
        return new ModelException(source, node, op, detail, null);
    }

    /** A problem found by an op rule that does not know the file; {@link #inSource} adds it later. */
    public static ModelException atNode(String node, String op, String detail) {
        return new ModelException(null, node, op, detail, null);
    }

    /** This exception with the file name filled in, when it was not known where it was thrown. */
    public ModelException inSource(String newSource) {
        if (source != null || newSource == null) {
            return this;
        }
        ModelException located = new ModelException(newSource, node, op, detail, getCause());
        located.setStackTrace(getStackTrace());
        return located;
    }

    /** The model file (or a description of where the graph came from); may be null. */
    public String source() {
        return source;
    }

    /** The node the problem was found at; null when it concerns the model as a whole. */
    public String node() {
        return node;
    }

    /** The op of {@link #node()}; null when it concerns the model as a whole. */
    public String op() {
        return op;
    }

    /** The message without file and node. */
    public String detail() {
        return detail;
    }

    private static String format(String source, String node, String op, String detail) {
        StringBuilder text = new StringBuilder();
        if (source != null) {
            text.append(source).append(": ");
        }
        if (node != null) {
            text.append("node '").append(node).append('\'');
            if (op != null) {
                text.append(" (").append(op).append(')');
            }
            text.append(": ");
        }
        return oneLine(text.append(detail));
    }

    /** {@code text} with line breaks and other control characters escaped as Java escapes (backslash, n). */
    static String oneLine(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
