package io.nnport.testing;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import java.util.Random;

/** Seeded random tensors for tests. */
public final class RandomTensors {
    private final Random random;

    public RandomTensors(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** Uniform floats in [-1, 1). */
    public Tensor floats(int... dims) {
        return uniform(-1, 1, dims);
    }

    /** Uniform floats in [low, high). */
    public Tensor uniform(double low, double high, int... dims) {
        Shape shape = Shape.of(dims);
        float[] values = new float[Tensor.checkedSize(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return Tensor.ofFloats(shape, values);
    }

    /** Uniform ints in [low, high) of the given integer dtype. */
    public Tensor ints(DType dtype, int low, int high, int... dims) {
        Shape shape = Shape.of(dims);
        Tensor.Builder out = Tensor.builder(dtype, shape);
        for (int i = 0; i < out.size(); i++) {
            out.setLong(i, low + random.nextInt(high - low));
        }
        return out.build();
    }

    public Tensor bools(int... dims) {
        Shape shape = Shape.of(dims);
        Tensor.Builder out = Tensor.builder(DType.BOOL, shape);
        for (int i = 0; i < out.size(); i++) {
            out.setBool(i, random.nextBoolean());
        }
        return out.build();
    }

    /** Between low and high inclusive. */
    public int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    public boolean coin() {
        return random.nextBoolean();
    }

    @SafeVarargs
    public final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
