package io.nnport.spark;

import io.nnport.runtime.ConvertedModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The models this JVM has loaded, one per {@link ModelSource}: every task an executor runs shares
 * one instance (a model is safe to call from many threads at once), so a job loads its weights
 * once per executor JVM, not once per task or partition.
 */
final class LoadedModels {

    private static final Map<ModelSource, ConvertedModel> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private LoadedModels() {}

    /** The model for {@code source}, loaded on first use by whichever thread asks first. */
    static ConvertedModel get(ModelSource source) {
        return MODELS.computeIfAbsent(source, s -> {
            LOADS.incrementAndGet();
            return s.load();
        });
    }

    /** How many models this JVM has loaded so far (each source counts once). */
    static int loads() {
        return LOADS.get();
    }
}
