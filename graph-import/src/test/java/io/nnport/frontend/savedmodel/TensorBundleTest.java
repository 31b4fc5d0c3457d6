package io.nnport.frontend.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.frontend.tf.TensorCodec;
import io.nnport.ir.Tensor;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.RandomTensors;
import io.nnport.testing.TensorAsserts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;

/** A checkpoint TensorFlow writes (Session.save) reads back, tensor by tensor, with the values TensorFlow was given. */
class TensorBundleTest {

    @TempDir
    Path dir;

    /** TensorFlow's table writer closes a data block after 256 KB of entries. */
    private static final int TABLE_BLOCK_BYTES = 256 * 1024;

    @Test
    void aCheckpointWhoseIndexSpansSeveralBlocksReadsBackExactly() throws IOException {
        RandomTensors random = new RandomTensors(41);
        Map<String, Tensor> values = new LinkedHashMap<>();
        Path prefix = dir.resolve("ckpt");
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            // Long names that differ early share little prefix, so 1,300 entries fill more than one block.
            String suffix = "_weights" + "_".repeat(240);
            for (int i = 0; i < 1300; i++) {
                String name = String.format("v%04d", i) + suffix;
                Tensor value = random.floats(i % 5 + 1, 3);
                values.put(name, value);
                long[] dims = java.util.Arrays.stream(value.shape().dims()).asLongStream().toArray();
                tf.withName(name).variable(tf.constant(NdArrays.wrap(Shape.of(dims), DataBuffers.of(value.floats(), true, false))));
            }
            session.initialize();
            session.save(prefix.toString());
        }
        long indexBytes = Files.size(Path.of(prefix + ".index"));
        assertTrue(indexBytes > TABLE_BLOCK_BYTES, "the index holds more than one block: " + indexBytes + " bytes");

        TensorBundle bundle = TensorBundle.open(prefix);
        assertEquals(values.keySet(), bundle.keys(), "every key, in order");
        for (Map.Entry<String, Tensor> entry : values.entrySet()) {
            Tensor read = TensorCodec.decode(bundle.tensor(entry.getKey()));
            TensorAsserts.assertMatches(Tolerance.EXACT, entry.getValue(), read, entry.getKey());
        }
    }
}
