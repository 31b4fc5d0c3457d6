package io.nnport.samples.generator;

import io.nnport.samples.generator.KerasGraph.Activation;
import io.nnport.samples.generator.KerasGraph.Init;
import io.nnport.samples.generator.KerasGraph.Padding;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A small MobileNet-like image classifier as a Keras functional model, one of each image layer
 * the converter handles:
 * <pre>
 *   input_1 [N, 32, 32, 3]
 *   conv2d 3x3/2 SAME 16, no bias -&gt; batch_normalization -&gt; re_lu (Relu6)          [N, 16, 16, 16]
 *   depthwise_conv2d 3x3/1 SAME x2 -&gt; batch_normalization_1 -&gt; re_lu_1 (Relu6)       [N, 16, 16, 32]
 *   conv2d_1 1x1/1 VALID 32, no bias -&gt; batch_normalization_2                        [N, 16, 16, 32]
 *   add (re_lu_1 + batch_normalization_2) -&gt; re_lu_2 (Relu6)    residual
 *   average_pooling2d 2/2 VALID                                                      [N, 8, 8, 32]
 *   conv2d_2 3x3/2 VALID 48 relu                                                     [N, 3, 3, 48]
 *   max_pooling2d 2/2 SAME                                                           [N, 2, 2, 48]
 *   global_average_pooling2d (Mean over [1, 2])                                      [N, 48]
 *   dense 10 softmax -&gt; model/dense/Softmax
 * </pre>
 */
final class ImageCnn implements SampleModel {
    private static final int SIZE = 32;
    private static final int CHANNELS = 3;

    @Override
    public String name() {
        return "imagecnn";
    }

    @Override
    public String inputName() {
        return "input_1";
    }

    @Override
    public long[] inputDims() {
        return new long[] {SIZE, SIZE, CHANNELS};
    }

    @Override
    public String outputName() {
        return "model/dense/Softmax";
    }

    @Override
    public long weightSeed() {
        return 2017_0417L;
    }

    @Override
    public void build(KerasGraph keras) {
        Operand<TFloat32> x = keras.input(inputName(), inputDims());
        x = keras.conv2d("model/conv2d", x, 3, 16, 2, Padding.SAME, false, Init.HE_UNIFORM, Activation.LINEAR);
        x = keras.batchNormalization("model/batch_normalization", x);
        x = keras.relu6("model/re_lu", x);
        x = keras.depthwiseConv2d("model/depthwise_conv2d", x, 3, 2, 1, Padding.SAME, Init.HE_UNIFORM, Activation.LINEAR);
        x = keras.batchNormalization("model/batch_normalization_1", x);
        Operand<TFloat32> features = keras.relu6("model/re_lu_1", x);
        Operand<TFloat32> projected = keras.conv2d("model/conv2d_1", features, 1, 32, 1, Padding.VALID, false,
                Init.HE_UNIFORM, Activation.LINEAR);
        projected = keras.batchNormalization("model/batch_normalization_2", projected);
        x = keras.add("model/add", features, projected);
        x = keras.relu6("model/re_lu_2", x);
        x = keras.averagePooling2d("model/average_pooling2d", x, 2, 2, Padding.VALID);
        x = keras.conv2d("model/conv2d_2", x, 3, 48, 2, Padding.VALID, true, Init.HE_UNIFORM, Activation.RELU);
        x = keras.maxPooling2d("model/max_pooling2d", x, 2, 2, Padding.SAME);
        x = keras.globalAveragePooling2d("model/global_average_pooling2d", x);
        keras.dense("model/dense", x, 10, Init.GLOROT_UNIFORM, Activation.SOFTMAX);
    }

    /**
     * Pictures that differ in what a global average sees: per sample and channel a colour cast, a
     * grating of random direction and frequency, and pixel noise, clipped to [-1, 1] (MobileNet's
     * input range). Uniform noise alone would give every sample the same pooled features.
     * StrictMath keeps the pixels identical on every JVM.
     */
    @Override
    public float[] referenceInput(int batch, Random random) {
        float[] pixels = new float[batch * SIZE * SIZE * CHANNELS];
        for (int sample = 0; sample < batch; sample++) {
            for (int channel = 0; channel < CHANNELS; channel++) {
                double cast = uniform(random, -0.5, 0.5);
                double amplitude = uniform(random, 0.2, 0.6);
                double fx = uniform(random, -0.5, 0.5);
                double fy = uniform(random, -0.5, 0.5);
                double phase = uniform(random, 0, 2 * Math.PI);
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        double value = cast + amplitude * StrictMath.sin(fx * x + fy * y + phase) + uniform(random, -0.1, 0.1);
                        pixels[((sample * SIZE + y) * SIZE + x) * CHANNELS + channel] = (float) Math.max(-1, Math.min(1, value));
                    }
                }
            }
        }
        return pixels;
    }

    private static double uniform(Random random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
