package io.nnport.converter;

import io.nnport.frontend.tf.ops.GraphSeeds;
import io.nnport.kernels.testing.SeedCorpus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The converter fuzz test's committed seeds are graph-import's {@link GraphSeeds}: {@code -Dnnport.updateSeeds=true} rewrites them. */
class FuzzSeedsTest {

    @Test
    void converterSeedsAreCurrent() throws IOException {
        SeedCorpus.check(ConverterFuzzTest.class, "generate", GraphSeeds.all());
    }
}
