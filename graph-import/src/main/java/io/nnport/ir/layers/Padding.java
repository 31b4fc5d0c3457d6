package io.nnport.ir.layers;

/**
 * A window layer's padding: {@code VALID} (none), {@code SAME} (output {@code ceil(in / stride)},
 * the smaller half of the total padding before, the rest after, as TensorFlow and Keras define it),
 * or {@code EXPLICIT} with the given amounts. For a 1-D layer, {@code top} and {@code bottom} are 0.
 */
public record Padding(Mode mode, int top, int bottom, int left, int right) {

    public enum Mode { VALID, SAME, EXPLICIT }

    public static final Padding VALID = new Padding(Mode.VALID, 0, 0, 0, 0);
    public static final Padding SAME = new Padding(Mode.SAME, 0, 0, 0, 0);

    public Padding {
        if (mode != Mode.EXPLICIT && (top | bottom | left | right) != 0) {
            throw new IllegalArgumentException(mode + " padding has no explicit amounts");
        }
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("negative padding");
        }
    }

    @Override
    public String toString() {
        return mode == Mode.EXPLICIT ? "PAD(" + top + "," + bottom + "," + left + "," + right + ")" : mode.name();
    }
}
