package io.nnport.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies flow one way: the format-neutral core ({@code io.nnport.ir}) names no front end,
 * no format's classes and no converter class, in imports or qualified names.
 */
class CoreIndependenceTest {

    private static final Path CORE = Path.of("src/main/java/io/nnport/ir");
    private static final List<String> FORBIDDEN = List.of("io.nnport.frontend", "io.nnport.converter", "com.google.protobuf");

    @Test
    void coreSourcesNameNoFrontEnd() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(CORE)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 30, "expected the core's sources under " + CORE.toAbsolutePath() + ", found " + sources.size());
        List<String> offences = new ArrayList<>();
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                for (String forbidden : FORBIDDEN) {
                    if (lines.get(i).contains(forbidden)) {
                        offences.add(CORE.relativize(source) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), offences);
    }
}
