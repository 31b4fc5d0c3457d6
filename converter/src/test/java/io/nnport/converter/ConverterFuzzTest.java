package io.nnport.converter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.palantir.javapoet.JavaFile;
import io.nnport.ir.ModelException;
import io.nnport.kernels.testing.UserMessages;
import io.nnport.testing.FuzzedModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the converter up to code generation: {@link Converter#generate}
 * imports the model file, plans its buffers, generates the model's sources and encodes its
 * weights, and each source is rendered to text. javac, the reference outputs and writing the
 * output directory are left out. Any bytes either generate or end in one {@link ModelException}
 * or {@link BadInputException} whose message is one line naming no internal class
 * ({@link UserMessages}; the converter's exit code 2); any other throwable, a hang or
 * running out of memory is a crash.
 *
 * <p>A plain build replays the committed inputs in {@code ConverterFuzzTestInputs/generate/} (the
 * import fuzz test's seed graphs and the reproducers of crashes once found); the README's
 * reliability section says how to fuzz.
 */
class ConverterFuzzTest {

    /** One model file, rewritten for each input (its name gives the model's name). */
    private static final Path MODEL = FuzzedModelFile.create("model.pb");

    @FuzzTest
    @Timeout(10)
    void generate(byte[] model) throws IOException {
        Files.write(MODEL, model);
        Converter.Generated generated;
        try {
            generated = Converter.generate(ConversionOptions.of(MODEL, MODEL.resolveSibling("out")));
        } catch (ModelException | BadInputException e) {
            UserMessages.assertClean(e.getMessage());
            return;
        }
        generated.encodeWeights();
        generated.mainSources().forEach(ConverterFuzzTest::assertRenders);
        generated.testSources().forEach(ConverterFuzzTest::assertRenders);
    }

    /** JavaPoet renders {@code source} to text declaring its class. */
    private static void assertRenders(JavaFile source) {
        String name = source.typeSpec().name();
        assertTrue(source.toString().contains("class " + name), name);
    }
}
