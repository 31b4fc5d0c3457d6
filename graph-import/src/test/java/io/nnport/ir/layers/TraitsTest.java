package io.nnport.ir.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.nnport.ir.DType;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.testing.RandomTensors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What a layer kind's {@link Traits} claim holds for its reference evaluation: a layer that
 * preserves zero maps zeros to zeros; an elementwise layer's output element i moves only with its
 * input element i; an exact float layer outputs only values it was given, rounded to an integer or
 * not, up to sign, or 0 or 6 (the clamp limits of ReLU and ReLU6).
 */
class TraitsTest {

    private static final RandomTensors RANDOM = new RandomTensors(20261203L);

    /** A layer and the shapes of its float runtime inputs. */
    private record Case(Layer layer, List<Shape> inputs) {
        static Case of(Layer layer, Shape... inputs) {
            return new Case(layer, List.of(inputs));
        }
    }

    private static List<Case> cases() {
        Shape x = Shape.of(2, 4, 5, 3);
        Tensor channel = RANDOM.floats(3);
        Epilogue biasRelu = Epilogue.NONE.plusBias(channel).then(Activation.RELU, 0f);
        List<Case> cases = new ArrayList<>();
        cases.add(Case.of(new ConvLayer(RANDOM.floats(3, 3, 3, 3), 1, 1, 1, 1, Padding.SAME, Epilogue.NONE), x));
        cases.add(Case.of(new ConvLayer(RANDOM.floats(3, 3, 3, 3), 1, 1, 1, 1, Padding.SAME, biasRelu), x));
        cases.add(Case.of(new DepthwiseConv2DLayer(RANDOM.floats(3, 3, 3, 2), 2, 2, 1, 1, Padding.VALID, Epilogue.NONE), x));
        cases.add(Case.of(new DenseLayer(RANDOM.floats(3, 4), Epilogue.NONE), Shape.of(2, 3)));
        cases.add(Case.of(new BatchNormLayer(Epilogue.NONE.thenScaleShift(channel, null).then(Activation.RELU6, 0f)), x));
        for (Activation fn : Activation.values()) {
            cases.add(Case.of(new UnaryLayer(fn, 0.2f), x));
        }
        for (BinaryLayer.Op op : BinaryLayer.Op.values()) {
            cases.add(Case.of(BinaryLayer.of(op), x, Shape.of(3)));
            cases.add(Case.of(new BinaryLayer(op, Tensor.zeros(DType.FLOAT32, Shape.of(3)), false), x));
        }
        cases.add(Case.of(new AddNLayer(), x, x, x));
        for (PoolLayer.Kind kind : PoolLayer.Kind.values()) {
            cases.add(Case.of(new PoolLayer(kind, 2, 2, 3, 2, 1, Padding.SAME), x));
            cases.add(Case.of(new GlobalPoolLayer(kind, false), x));
        }
        for (ReduceLayer.Kind kind : ReduceLayer.Kind.values()) {
            cases.add(Case.of(new ReduceLayer(kind, List.of(1, 3), true), x));
        }
        cases.add(Case.of(new SoftmaxLayer(false), x));
        cases.add(Case.of(new ReshapeLayer(Shape.of(2, 60)), x));
        cases.add(Case.of(new ConcatLayer(3, false), x, x));
        cases.add(Case.of(new SplitLayer(3, List.of(1, 2), false), x));
        cases.add(Case.of(new SliceLayer(List.of(0, 1, 4, 0), List.of(1, 2, -1, 1), List.of(2, 2, 3, 3), Shape.of(2, 2, 9)), x));
        cases.add(Case.of(new PadLayer(List.of(0, 1, 0, 0), List.of(0, 0, 2, 0), 0), x));
        cases.add(Case.of(new TransposeLayer(List.of(0, 3, 1, 2)), x));
        cases.add(Case.of(new TileLayer(List.of(1, 2, 1, 1)), x));
        cases.add(Case.of(new ResizeLayer(false, 7, 3, false, true), x));
        cases.add(Case.of(new ResizeLayer(true, 7, 3, false, true), x));
        cases.add(Case.of(new PReLULayer(channel), x));
        cases.add(Case.of(new LayerNormLayer(3, 1e-5f, channel, channel), x));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> declaredTraitsHold() {
        return cases().stream().map(c -> dynamicTest(c.layer().describe(), () -> check(c)));
    }

    private static void check(Case c) {
        Traits traits = c.layer().traits();
        List<Tensor> inputs = c.inputs().stream().map(s -> RANDOM.floats(s.dims())).toList();
        if (traits.preservesZero()) {
            List<Tensor> zeros = c.inputs().stream().map(s -> Tensor.zeros(DType.FLOAT32, s)).toList();
            for (Tensor out : c.layer().evaluate(zeros)) {
                for (int i = 0; i < out.size(); i++) {
                    assertEquals(0.0, out.getDouble(i), 0.0, "output " + i + " of zero inputs");
                }
            }
        }
        if (traits.elementwise()) {
            Tensor before = c.layer().evaluate(inputs).get(0);
            assertEquals(inputs.get(0).shape(), before.shape(), "an elementwise layer keeps its first input's shape");
            int changed = inputs.get(0).size() / 2;
            float[] moved = inputs.get(0).floats();
            moved[changed] += 1.5f;
            List<Tensor> perturbed = new ArrayList<>(inputs);
            perturbed.set(0, Tensor.ofFloats(inputs.get(0).shape(), moved));
            Tensor after = c.layer().evaluate(perturbed).get(0);
            for (int i = 0; i < before.size(); i++) {
                if (i != changed) {
                    assertEquals(before.getDouble(i), after.getDouble(i), 0.0, "output " + i + " moved with input " + changed);
                }
            }
        }
        if (traits.exact()) {
            Set<Float> given = new HashSet<>(Set.of(0f, -0f, 6f));
            for (Tensor t : inputs) {
                for (float v : t.floats()) {
                    for (float exact : new float[] {v, (float) Math.floor(v), (float) Math.ceil(v)}) {
                        given.add(exact);
                        given.add(-exact);
                    }
                }
            }
            for (Tensor out : c.layer().evaluate(inputs)) {
                if (out.dtype() == DType.FLOAT32) {
                    for (float v : out.floats()) {
                        assertTrue(given.contains(v), v + " is not an input value, yet the layer claims to be exact");
                    }
                }
            }
        }
    }
}
