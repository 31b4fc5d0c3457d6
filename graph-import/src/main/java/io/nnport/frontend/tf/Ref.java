package io.nnport.frontend.tf;

/**
 * A data input: output {@code output} of node {@code node}. TensorFlow writes it {@code "node"}
 * for output 0 and {@code "node:1"} otherwise; control inputs ({@code "^node"}) are not refs and
 * live in {@link Node#controlInputs()}.
 */
public record Ref(String node, int output) {
    public Ref {
        if (node == null || node.isEmpty()) {
            throw new IllegalArgumentException("empty node name");
        }
        if (output < 0) {
            throw new IllegalArgumentException("negative output index " + output);
        }
    }

    public static Ref of(String node) {
        return new Ref(node, 0);
    }

    /**
     * Parses {@code "name"} or {@code "name:3"}. A colon not followed by digits only is part of the
     * name, as TensorFlow's parser treats it.
     */
    public static Ref parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon > 0 && colon < text.length() - 1 && text.substring(colon + 1).chars().allMatch(Character::isDigit)
                && text.length() - colon - 1 <= 9) {
            return new Ref(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
        return new Ref(text, 0);
    }

    @Override
    public String toString() {
        return output == 0 ? node : node + ":" + output;
    }
}
