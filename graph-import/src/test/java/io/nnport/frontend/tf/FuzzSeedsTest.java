package io.nnport.frontend.tf;

import io.nnport.frontend.tf.ops.GraphSeeds;
import io.nnport.kernels.testing.SeedCorpus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The import fuzz test's committed seeds are the {@link GraphSeeds}: {@code -Dnnport.updateSeeds=true} rewrites them. */
class FuzzSeedsTest {

    @Test
    void importSeedsAreCurrent() throws IOException {
        SeedCorpus.check(GraphDefImportFuzzTest.class, "importModel", GraphSeeds.all());
    }
}
