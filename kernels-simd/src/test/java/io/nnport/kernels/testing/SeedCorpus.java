package io.nnport.kernels.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The committed seed corpus of a fuzz test, in Jazzer's layout
 * ({@code src/test/resources/<package>/<Class>Inputs/<method>/}), kept equal to the seeds the
 * module's tests build: a seed is a file {@code seed-<name>}, and {@code -Dnnport.updateSeeds=true}
 * rewrites them. Other files there (the {@code crash-*} reproducers of fixed crashes) are left alone.
 */
public final class SeedCorpus {

    private static final String PREFIX = "seed-";

    private SeedCorpus() {}

    /** The inputs directory Jazzer replays for {@code fuzzTest}'s {@code method}, relative to the module. */
    public static Path directory(Class<?> fuzzTest, String method) {
        return Path.of("src/test/resources", fuzzTest.getPackageName().replace('.', '/'),
                fuzzTest.getSimpleName() + "Inputs", method);
    }

    /**
     * Asserts that the committed seeds of {@code fuzzTest}'s {@code method} are exactly {@code seeds}
     * (by name), or writes them when {@code -Dnnport.updateSeeds=true}.
     */
    public static void check(Class<?> fuzzTest, String method, Map<String, byte[]> seeds) throws IOException {
        Path dir = directory(fuzzTest, method);
        String regenerate = "regenerate the seeds with -Dnnport.updateSeeds=true (README, Reliability)";
        if (Boolean.getBoolean("nnport.updateSeeds")) {
            Files.createDirectories(dir);
            for (String stale : committed(dir)) {
                Files.delete(dir.resolve(PREFIX + stale));
            }
            for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
                Files.write(dir.resolve(PREFIX + seed.getKey()), seed.getValue());
            }
            return;
        }
        assertEquals(new TreeSet<>(seeds.keySet()), new TreeSet<>(committed(dir)), dir + " holds other seeds; " + regenerate);
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            assertArrayEquals(seed.getValue(), Files.readAllBytes(dir.resolve(PREFIX + seed.getKey())),
                    "seed " + seed.getKey() + " in " + dir + " is out of date; " + regenerate);
        }
    }

    private static List<String> committed(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(PREFIX))
                    .map(n -> n.substring(PREFIX.length())).toList();
        }
    }
}
