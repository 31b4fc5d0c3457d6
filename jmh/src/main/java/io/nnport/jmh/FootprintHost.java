package io.nnport.jmh;

import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.Npy;
import io.nnport.runtime.NpyArray;
import java.nio.file.Path;

/**
 * The smallest program that embeds a model: {@code load()}, one prediction on a .npy input, exit.
 * {@link Footprint} runs it in a fresh JVM, with only the model jar and this class on the class
 * path, and reads the process's peak resident set.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp MODEL.jar:benchmarks.jar io.nnport.jmh.FootprintHost MODEL_CLASS INPUT.npy</pre>
 *
 * prints the first output value, so that the prediction cannot be skipped.
 */
public final class FootprintHost {

    private FootprintHost() {}

    public static void main(String[] args) throws Exception {
        ConvertedModel model = (ConvertedModel) Class.forName(args[0]).getMethod("load").invoke(null);
        NpyArray input = Npy.read(Path.of(args[1]));
        int batch = input.shape()[0];
        float[] output = new float[batch * model.outputs().get(0).perSample()];
        model.run(new Object[] {input.data()}, batch, new Object[] {output});
        System.out.println(output[0]);
    }
}
