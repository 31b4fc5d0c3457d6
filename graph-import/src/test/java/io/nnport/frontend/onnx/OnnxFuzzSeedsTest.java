package io.nnport.frontend.onnx;

import io.nnport.kernels.testing.SeedCorpus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The ONNX fuzz test's committed seeds are the {@link OnnxSeeds}: {@code -Dnnport.updateSeeds=true} rewrites them. */
class OnnxFuzzSeedsTest {

    @Test
    void importSeedsAreCurrent() throws IOException {
        SeedCorpus.check(OnnxImportFuzzTest.class, "importModel", OnnxSeeds.all());
    }
}
