package io.nnport.converter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a conversion needs to know, as the command line or a test gives it.
 *
 * @param model        the model file (its format is detected from the content)
 * @param outputDir    parent of the output directory {@code outputDir/<name>/}
 * @param name         model name, or null for the file name without its extension
 * @param javaPackage  package of the generated classes
 * @param inputShapes  fixed input shapes by placeholder name (-1 in dimension 0 keeps the batch dynamic);
 *                     a name that is not a placeholder cuts the graph there, its output becoming an input
 * @param constants    placeholders fed a constant, by name, as text ("false", "0.5", "3")
 * @param outputs      output node names, or empty for the graph's sinks
 * @param threads      intra-op threads the generated model uses by default
 * @param force        replace an existing output directory
 * @param sourceOnly   skip compiling and writing the jar
 * @param weightsFrom  null, or the model's path relative to the generated project: its pom then
 *                     rebuilds the weights resource from the model at build time instead of
 *                     shipping it in {@code src/main/resources} (committed samples)
 * @param log          where to log passes and timings, or null
 * @param signature    the SavedModel signature to convert, or null for {@code serving_default}
 * @param tag          the SavedModel meta graph's tag, or null for {@code serve}
 */
public record ConversionOptions(Path model, Path outputDir, String name, String javaPackage,
                                Map<String, int[]> inputShapes, Map<String, String> constants, List<String> outputs,
                                int threads, boolean force, boolean sourceOnly, String weightsFrom, PrintWriter log,
                                String signature, String tag) {

    /** Options without a SavedModel signature or tag (their defaults apply). */
    public ConversionOptions(Path model, Path outputDir, String name, String javaPackage,
                             Map<String, int[]> inputShapes, Map<String, String> constants, List<String> outputs,
                             int threads, boolean force, boolean sourceOnly, String weightsFrom, PrintWriter log) {
        this(model, outputDir, name, javaPackage, inputShapes, constants, outputs, threads, force, sourceOnly, weightsFrom,
                log, null, null);
    }

    public ConversionOptions {
        inputShapes = Map.copyOf(inputShapes);
        constants = Map.copyOf(constants);
        outputs = List.copyOf(outputs);
    }

    /** Defaults for {@code model}: output under {@code outputDir}, dynamic batch, one thread. */
    public static ConversionOptions of(Path model, Path outputDir) {
        return new ConversionOptions(model, outputDir, null, Converter.DEFAULT_PACKAGE, Map.of(), Map.of(), List.of(),
                1, false, false, null, null);
    }

    public ConversionOptions withName(String newName) {
        return new ConversionOptions(model, outputDir, newName, javaPackage, inputShapes, constants, outputs, threads,
                force, sourceOnly, weightsFrom, log, signature, tag);
    }

    public ConversionOptions withForce(boolean newForce) {
        return new ConversionOptions(model, outputDir, name, javaPackage, inputShapes, constants, outputs, threads,
                newForce, sourceOnly, weightsFrom, log, signature, tag);
    }

    public ConversionOptions withSignature(String newSignature) {
        return new ConversionOptions(model, outputDir, name, javaPackage, inputShapes, constants, outputs, threads,
                force, sourceOnly, weightsFrom, log, newSignature, tag);
    }
}
