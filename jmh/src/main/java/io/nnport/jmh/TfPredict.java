package io.nnport.jmh;

import io.nnport.runtime.Npy;
import io.nnport.runtime.NpyArray;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * TensorFlow Java's counterpart of a model jar's {@code predict}, for the cold-start comparison: a
 * fresh JVM reads the .npy input (with nnport's {@link Npy}, as the model jar does), imports the
 * .pb, runs one session and prints the output in the model jar's format (values and arg max per row).
 *
 * <pre>java -cp benchmarks.jar:lib/* io.nnport.jmh.TfPredict MODEL.pb INPUT.npy INPUT_NAME OUTPUT_NAME</pre>
 */
public final class TfPredict {

    private TfPredict() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: TfPredict MODEL.pb INPUT.npy INPUT_NAME OUTPUT_NAME");
            System.exit(2);
        }
        NpyArray input = Npy.read(Path.of(args[1]));
        int batch = input.shape()[0];
        try (TfSession session = new TfSession(Path.of(args[0]), args[2], args[3], 1)) {
            float[] out = session.predict(input.asFloats(), TfSession.longs(input.shape()));
            int row = out.length / batch;
            System.out.println(args[3] + " " + Arrays.toString(new int[] {batch, row}) + " float32");
            for (int b = 0; b < batch; b++) {
                StringBuilder line = new StringBuilder("  [" + b + "]");
                int best = 0;
                for (int j = 0; j < row; j++) {
                    float v = out[b * row + j];
                    line.append(' ').append(String.format(Locale.ROOT, "%g", v));
                    if (v > out[b * row + best]) {
                        best = j;
                    }
                }
                System.out.println(line.append("   argmax=").append(best));
            }
        }
    }
}
