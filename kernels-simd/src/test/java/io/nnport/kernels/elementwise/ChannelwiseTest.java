package io.nnport.kernels.elementwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.testing.ActivationBounds;
import io.nnport.kernels.testing.Data;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Channelwise} (bias add, BatchNorm, fused BatchNorm + activation) against its scalar twin. */
class ChannelwiseTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void matchesScalarForEveryActivationAndChannelCount(Activation activation) {
        Random random = Data.random(500 + activation.ordinal());
        for (int channels : Data.lengths()) {
            float[] scale = Data.uniform(random, channels, 0.5f, 2f);
            float[] shift = Data.uniform(random, channels, -1f, 1f);
            Epilogue[] epilogues = {
                Epilogue.scaleShift(scale, shift).then(activation, 0.1f),
                Epilogue.bias(shift).then(activation, 0.1f),
                new Epilogue(scale, null, -1.5f, 2.5f, activation, 0.1f),
            };
            for (Epilogue e : epilogues) {
                int rows = 1 + random.nextInt(5) + (channels < 8 ? 1200 : 0); // small channels: several chunks
                check(e, rows, channels, random, activation + " " + describe(e) + " rows=" + rows + " C=" + channels);
            }
        }
    }

    @Test
    void batchNormReluByHand() {
        // y = relu(x * scale + shift) per channel: channel 0 scale 2 shift 1, channel 1 scale -1 shift 0.5
        Epilogue bnRelu = Epilogue.scaleShift(new float[] {2f, -1f}, new float[] {1f, 0.5f}).then(Activation.RELU, 0f);
        float[] x = {1f, 1f, -3f, -3f, Float.NaN, 0.25f};
        Channelwise.apply(bnRelu, x, 0, x, 0, 3, 2);
        assertArrayEquals(new float[] {3f, 0f, 0f, 3.5f, Float.NaN, 0.25f}, x);
    }

    @Test
    void rejectsShortParameterArrays() {
        Epilogue bias = Epilogue.bias(new float[3]);
        float[] x = new float[8];
        assertThrows(IllegalArgumentException.class, () -> Channelwise.apply(bias, x, 0, x, 0, 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> Channelwise.apply(bias, x, 0, x, 0, 3, 3));
    }

    private static void check(Epilogue e, int rows, int channels, Random random, String context) {
        int n = rows * channels;
        float[] src = Data.withSpecials(Data.uniform(random, n + 2, -6f, 6f));
        float[] expected = new float[n + 2];
        float[] actual = new float[n + 2];
        ChannelwiseScalar.apply(e, src, 2, expected, 2, rows, channels);
        Channelwise.apply(e, src, 2, actual, 2, rows, channels);
        ActivationBounds.assertMatches(e.activation(), expected, 2, actual, 2, n, context);
        Channelwise.apply(e, src, 2, src, 2, rows, channels);
        ActivationBounds.assertMatches(e.activation(), expected, 2, src, 2, n, context + " in place");
    }

    private static String describe(Epilogue e) {
        return "epilogue(scale=" + (e.scale() != null) + " shift=" + (e.shift() != null) + " clamp=[" + e.clampMin()
                + ", " + e.clampMax() + "])";
    }
}
