package io.nnport.samples.generator;

import io.nnport.samples.generator.KerasGraph.Activation;
import io.nnport.samples.generator.KerasGraph.Init;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A Keras Sequential multi-layer perceptron with one dense layer per activation:
 * <pre>
 *   input_1 [N, 64]
 *   dense   128 tanh      dense_1 96 elu        dense_2 80 selu
 *   dense_3 64 linear -&gt; leaky_re_lu (LeakyRelu, alpha 0.2)
 *   dense_4 48 sigmoid    dense_5 32 softplus   dense_6 10 softmax -&gt; sequential/dense_6/Softmax
 * </pre>
 * Hidden kernels are He-uniform (Glorot for the softmax layer). With random weights the positive
 * means of the sigmoid and softplus outputs shift every sample's logits the same way, so the
 * reference outputs share their most likely class; they differ in every probability.
 */
final class Mlp implements SampleModel {
    /** Not Keras' default 0.3, so a converter that ignores the attribute is caught. */
    private static final float LEAKY_RELU_ALPHA = 0.2f;
    private static final int FEATURES = 64;

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String inputName() {
        return "input_1";
    }

    @Override
    public long[] inputDims() {
        return new long[] {FEATURES};
    }

    @Override
    public String outputName() {
        return "sequential/dense_6/Softmax";
    }

    @Override
    public long weightSeed() {
        return 1986_1009L;
    }

    @Override
    public void build(KerasGraph keras) {
        Operand<TFloat32> x = keras.input(inputName(), inputDims());
        x = keras.dense("sequential/dense", x, 128, Init.HE_UNIFORM, Activation.TANH);
        x = keras.dense("sequential/dense_1", x, 96, Init.HE_UNIFORM, Activation.ELU);
        x = keras.dense("sequential/dense_2", x, 80, Init.HE_UNIFORM, Activation.SELU);
        x = keras.dense("sequential/dense_3", x, 64, Init.HE_UNIFORM, Activation.LINEAR);
        x = keras.leakyRelu("sequential/leaky_re_lu", x, LEAKY_RELU_ALPHA);
        x = keras.dense("sequential/dense_4", x, 48, Init.HE_UNIFORM, Activation.SIGMOID);
        x = keras.dense("sequential/dense_5", x, 32, Init.HE_UNIFORM, Activation.SOFTPLUS);
        keras.dense("sequential/dense_6", x, 10, Init.GLOROT_UNIFORM, Activation.SOFTMAX);
    }

    /** Features in [-2, 2): both sides of every activation's bend. */
    @Override
    public float[] referenceInput(int batch, Random random) {
        float[] features = new float[batch * FEATURES];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) (4 * random.nextDouble() - 2);
        }
        return features;
    }
}
