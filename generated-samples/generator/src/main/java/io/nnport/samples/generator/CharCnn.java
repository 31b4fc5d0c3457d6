package io.nnport.samples.generator;

import io.nnport.samples.generator.KerasGraph.Activation;
import io.nnport.samples.generator.KerasGraph.Init;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The character-level CNN of Zhang, Zhao and LeCun, "Character-level Convolutional Networks for
 * Text Classification" (2015), small variant, as a Keras Sequential model:
 * <pre>
 *   input_1 [N, 1014, 70]  one-hot characters (70-letter alphabet; other characters all-zero)
 *   conv1d   k=7 256 relu  -&gt; [N, 1008, 256]   max_pooling1d   3 -&gt; [N, 336, 256]
 *   conv1d_1 k=7 256 relu  -&gt; [N, 330, 256]    max_pooling1d_1 3 -&gt; [N, 110, 256]
 *   conv1d_2 k=3 256 relu  -&gt; [N, 108, 256]
 *   conv1d_3 k=3 256 relu  -&gt; [N, 106, 256]
 *   conv1d_4 k=3 256 relu  -&gt; [N, 104, 256]
 *   conv1d_5 k=3 256 relu  -&gt; [N, 102, 256]    max_pooling1d_2 3 -&gt; [N, 34, 256]
 *   flatten -&gt; [N, 8704]
 *   dense   1024 relu, dropout   0.5
 *   dense_1 1024 relu, dropout_1 0.5
 *   dense_2 4 softmax  -&gt; sequential/dense_2/Softmax
 * </pre>
 * 11,339,780 parameters. The ReLU layers use He-uniform kernels (the first one counting one input
 * per tap, as its rows are one-hot) so the activations keep unit scale through eight ReLU layers
 * and the four-way softmax is neither flat nor saturated.
 */
final class CharCnn implements SampleModel {
    static final int LENGTH = 1014;
    static final int ALPHABET = 70;
    private static final int FILTERS = 256;
    private static final int HIDDEN = 1024;
    private static final int CLASSES = 4;
    private static final double DROPOUT_RATE = 0.5;

    /** Texts are 64 to 1014 characters long; the rest of the frame is zero padding, as in the paper. */
    private static final int MIN_TEXT_LENGTH = 64;
    /** Share of characters outside the alphabet (the space among them), quantized to all-zero rows. */
    private static final double UNKNOWN_SHARE = 0.15;

    @Override
    public String name() {
        return "charcnn";
    }

    @Override
    public String inputName() {
        return "input_1";
    }

    @Override
    public long[] inputDims() {
        return new long[] {LENGTH, ALPHABET};
    }

    @Override
    public String outputName() {
        return "sequential/dense_2/Softmax";
    }

    @Override
    public long weightSeed() {
        return 2015_0910L;
    }

    @Override
    public void build(KerasGraph keras) {
        Operand<TFloat32> x = keras.input(inputName(), inputDims());
        x = keras.conv1d("sequential/conv1d", x, 7, FILTERS, Init.HE_UNIFORM_ONE_HOT, Activation.RELU);
        x = keras.maxPooling1d("sequential/max_pooling1d", x, 3);
        x = keras.conv1d("sequential/conv1d_1", x, 7, FILTERS, Init.HE_UNIFORM, Activation.RELU);
        x = keras.maxPooling1d("sequential/max_pooling1d_1", x, 3);
        x = keras.conv1d("sequential/conv1d_2", x, 3, FILTERS, Init.HE_UNIFORM, Activation.RELU);
        x = keras.conv1d("sequential/conv1d_3", x, 3, FILTERS, Init.HE_UNIFORM, Activation.RELU);
        x = keras.conv1d("sequential/conv1d_4", x, 3, FILTERS, Init.HE_UNIFORM, Activation.RELU);
        x = keras.conv1d("sequential/conv1d_5", x, 3, FILTERS, Init.HE_UNIFORM, Activation.RELU);
        x = keras.maxPooling1d("sequential/max_pooling1d_2", x, 3);
        x = keras.flatten("sequential/flatten", x);
        x = keras.dense("sequential/dense", x, HIDDEN, Init.HE_UNIFORM, Activation.RELU);
        x = keras.dropout("sequential/dropout", x, DROPOUT_RATE);
        x = keras.dense("sequential/dense_1", x, HIDDEN, Init.HE_UNIFORM, Activation.RELU);
        x = keras.dropout("sequential/dropout_1", x, DROPOUT_RATE);
        keras.dense("sequential/dense_2", x, CLASSES, Init.GLOROT_UNIFORM, Activation.SOFTMAX);
    }

    /** One-hot text frames: a random length, random characters, some unknown ones, zero padding. */
    @Override
    public float[] referenceInput(int batch, Random random) {
        float[] frames = new float[batch * LENGTH * ALPHABET];
        for (int sample = 0; sample < batch; sample++) {
            int textLength = MIN_TEXT_LENGTH + random.nextInt(LENGTH - MIN_TEXT_LENGTH + 1);
            for (int position = 0; position < textLength; position++) {
                if (random.nextDouble() >= UNKNOWN_SHARE) {
                    frames[(sample * LENGTH + position) * ALPHABET + random.nextInt(ALPHABET)] = 1f;
                }
            }
        }
        return frames;
    }
}
