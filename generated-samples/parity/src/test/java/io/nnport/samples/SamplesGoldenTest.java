package io.nnport.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.JavaFile;
import io.nnport.converter.ConversionOptions;
import io.nnport.converter.Converter;
import io.nnport.converter.codegen.PomWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed samples never drift from the converter: converting each model file of samples.txt again, with
 * the options convert-samples.sh uses, gives byte-identical sources and pom.
 */
class SamplesGoldenTest {

    private static final String HOW_TO_REGENERATE =
            "if the converter changed on purpose, regenerate: ./mvnw -B -q -DskipTests install && generated-samples/convert-samples.sh";

    static List<String> samples() {
        return Samples.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void committedSourcesAreWhatTheConverterGenerates(String name) throws IOException {
        String file = Samples.modelFile(name);
        ConversionOptions options = new ConversionOptions(Samples.ROOT.resolve("models").resolve(file), Path.of("unused"), name,
                "io.nnport.samples", Map.of(), Map.of(), List.of(), 1, false, true, "../models/" + file, null);
        Converter.Generated generated = Converter.generate(options);
        Path module = Samples.ROOT.resolve(name);
        assertSame(module.resolve("pom.xml"), PomWriter.pom(generated.names(), options));
        for (JavaFile f : generated.mainSources()) {
            assertSame(module.resolve("src/main/java").resolve(path(f)), f.toString());
        }
        for (JavaFile f : generated.testSources()) {
            assertSame(module.resolve("src/test/java").resolve(path(f)), f.toString());
        }
    }

    private static String path(JavaFile f) {
        return f.packageName().replace('.', '/') + "/" + f.typeSpec().name() + ".java";
    }

    private static void assertSame(Path committed, String generated) throws IOException {
        String text = Files.exists(committed) ? Files.readString(committed) : "<missing>";
        assertEquals(text, generated, committed + " differs from the converter's output; " + HOW_TO_REGENERATE);
    }
}
