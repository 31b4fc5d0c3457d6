package io.nnport.frontend.onnx.testing;

import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.onnx.ModelReader;
import io.nnport.frontend.onnx.OnnxImporter;
import io.nnport.ir.Tensor;
import io.nnport.ir.eval.LayerInterpreter;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.kernels.testing.Tolerance;
import io.nnport.testing.TensorAsserts;
import java.util.List;
import java.util.Map;

/** A small ONNX model run in ONNX Runtime and, imported, in nnport's layer interpreter; each output compared under a tolerance tier. */
public record OnnxCase(String description, ModelBuilder model, List<String> outputs, Tolerance tolerance) {

    public void check() {
        byte[] bytes = model.bytes();
        Map<String, Tensor> expected = OrtOracle.run(bytes, model.feeds(), outputs);
        LayerGraph graph = OnnxImporter.importModel(ModelReader.parse(bytes, description, null), ImportOptions.defaults());
        Map<String, Tensor> actual = new LayerInterpreter(graph).run(model.feeds());
        for (String output : outputs) {
            TensorAsserts.assertMatches(tolerance, expected.get(output), actual.get(output), description + " output " + output);
        }
    }
}
