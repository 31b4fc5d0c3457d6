package io.nnport.jmh;

import io.nnport.kernels.resize.NearestPlan;
import io.nnport.kernels.resize.ResizeNearest;
import io.nnport.kernels.resize.ResizeNearestScalar;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * YOLOv3's two 2x nearest upsamplings at batch 1 (TensorFlow's ResizeNearestNeighbor, Keras
 * UpSampling2D): {@code impl} VECTOR is {@link ResizeNearest#resize} on the Vector API, SCALAR its
 * twin {@link ResizeNearestScalar#resize}; the output is checked against the twin once, exactly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResizeNearestBenchmark {

    /** Input size and channels: the upsampling before each of YOLOv3's two finer detection heads. */
    enum Layer {
        /** 13x13x256 -> 26x26x256. */
        YOLOV3_UPSAMPLE1(13, 256),
        /** 26x26x128 -> 52x52x128. */
        YOLOV3_UPSAMPLE2(26, 128);

        final int size;
        final int channels;

        Layer(int size, int channels) {
            this.size = size;
            this.channels = channels;
        }
    }

    @Param({"VECTOR", "SCALAR"})
    public TwinImpl impl;

    @Param({"YOLOV3_UPSAMPLE1", "YOLOV3_UPSAMPLE2"})
    public String shape;

    private NearestPlan plan;
    private float[] x;
    private float[] y;

    @Setup
    public void setUp() {
        impl.requireAvailable();
        Layer layer = Layer.valueOf(shape);
        plan = NearestPlan.of(layer.size, layer.size, 2 * layer.size, 2 * layer.size, layer.channels, false, false);
        x = Data.random(plan.inputSize(), 41);
        y = new float[plan.outputSize()];
        float[] expected = new float[y.length];
        ResizeNearestScalar.resize(plan, x, 0, 1, expected, 0);
        resize();
        TwinImpl.checkClose(expected, y, 0, "resize nearest " + shape + " " + impl);
    }

    @Benchmark
    public float[] resize() {
        if (impl == TwinImpl.VECTOR) {
            ResizeNearest.resize(plan, x, 0, 1, y, 0);
        } else {
            ResizeNearestScalar.resize(plan, x, 0, 1, y, 0);
        }
        return y;
    }
}
