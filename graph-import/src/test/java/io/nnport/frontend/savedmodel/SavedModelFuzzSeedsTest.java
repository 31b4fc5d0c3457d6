package io.nnport.frontend.savedmodel;

import io.nnport.kernels.testing.SeedCorpus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The SavedModel fuzz tests' committed seeds are the template's files: {@code -Dnnport.updateSeeds=true} rewrites them. */
class SavedModelFuzzSeedsTest {

    @Test
    void variablesIndexSeedIsCurrent() throws IOException {
        SeedCorpus.check(SavedModelFuzzTest.class, "variablesIndex", SavedModelSeeds.of(SavedModelSeeds.INDEX));
    }

    @Test
    void savedModelSeedIsCurrent() throws IOException {
        SeedCorpus.check(SavedModelFuzzTest.class, "savedModelProto", SavedModelSeeds.of(SavedModelSeeds.SAVED_MODEL));
    }
}
