package io.nnport.runtime;

/**
 * Error messages that quote a file's own bytes (a .npy header, a weights tensor's name) stay one
 * line: line breaks and other control characters are written as Java escapes. graph-import's
 * {@code ModelException} does the same for model files; the two modules share no main code.
 */
public final class Messages {

    private Messages() {}

    /** {@code text} with line breaks and other control characters escaped ({@code \n}, {@code \r}, {@code \u0007}). */
    public static String oneLine(CharSequence text) {
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
