package io.nnport.frontend.savedmodel.testing;

import io.nnport.frontend.tf.testing.TfOracle;
import io.nnport.ir.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;

/** Real TensorFlow (TensorFlow Java's {@code SavedModelBundle}) running a SavedModel's signature: the oracle of the SavedModel front end. */
public final class SavedModelOracle {

    private SavedModelOracle() {}

    /** TensorFlow's outputs for {@code signature} of the SavedModel in {@code dir} ({@code serve} tag). */
    public static Map<String, Tensor> run(Path dir, String signature, Map<String, Tensor> feeds) {
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
            Map<String, org.tensorflow.Tensor> tfFeeds = new LinkedHashMap<>();
            feeds.forEach((name, value) -> tfFeeds.put(name, TfOracle.toTf(value)));
            try (Result result = bundle.function(signature).call(tfFeeds)) {
                Map<String, Tensor> outputs = new LinkedHashMap<>();
                result.forEach(entry -> outputs.put(entry.getKey(), TfOracle.fromTf(entry.getValue())));
                return outputs;
            } finally {
                tfFeeds.values().forEach(org.tensorflow.Tensor::close);
            }
        }
    }
}
