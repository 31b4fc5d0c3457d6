package io.nnport.converter.cli;

/**
 * The build step of a generated project that does not ship its weights (the committed samples):
 * the converter's command line with {@code --weights-only FILE}, as a {@code main} that never calls
 * {@link System#exit} (it runs inside Maven, through exec:java) and fails by throwing.
 */
public final class RebuildWeights {

    private RebuildWeights() {}

    public static void main(String[] args) {
        int code = ConvertCommand.run(args);
        if (code != 0) {
            throw new IllegalStateException("the weights resource was not rebuilt (converter exit code " + code + ")");
        }
    }
}
