package io.nnport.frontend.keras;

import io.nnport.kernels.testing.SeedCorpus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The Keras fuzz test's committed seeds are the {@link KerasSeeds}: {@code -Dnnport.updateSeeds=true} rewrites them. */
class KerasFuzzSeedsTest {

    @Test
    void importSeedsAreCurrent() throws IOException {
        SeedCorpus.check(KerasImportFuzzTest.class, "importModel", KerasSeeds.all());
    }
}
