package io.nnport.converter.cli;

import io.nnport.converter.BadInputException;
import io.nnport.converter.ConversionOptions;
import io.nnport.converter.ConversionResult;
import io.nnport.converter.Converter;
import io.nnport.ir.ModelException;
import io.nnport.runtime.FileSystemMessages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code java -jar converter.jar MODEL [options]}: converts a model file into a model jar,
 * its sources and a report under {@code DIR/<name>/}. Bad input ends in one line on stderr and exit
 * code {@value #EXIT_BAD_INPUT}; nothing is written unless the whole conversion succeeds.
 */
@Command(name = "converter", mixinStandardHelpOptions = true, versionProvider = ConvertCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Converts a model (its format detected from the content) into a self-contained "
                + "Java model jar with SIMD kernels.")
public final class ConvertCommand implements Callable<Integer> {

    /** Bad input: a model or option the converter cannot use. */
    public static final int EXIT_BAD_INPUT = 2;
    /** A converter bug; the message asks for a report. */
    public static final int EXIT_INTERNAL = 1;

    @Parameters(index = "0", paramLabel = "MODEL", description = "the model: a TensorFlow frozen GraphDef (binary or text) or a SavedModel directory")
    Path model;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "out",
            description = "parent of the output directory DIR/<name>/ (default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Option(names = "--name", paramLabel = "N", description = "model name (default: the file name without .pb)")
    String name;

    @Option(names = "--package", paramLabel = "P", defaultValue = Converter.DEFAULT_PACKAGE,
            description = "Java package of the generated classes (default: ${DEFAULT-VALUE})")
    String javaPackage;

    @Option(names = "--input", paramLabel = "NAME=d0,d1,...",
            description = "fix an input's shape, e.g. --input x=1,150,43,3; naming a node that is not a placeholder"
                    + " cuts the graph there, e.g. --input Mfcc=-1,98,40 (repeatable)")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--constant", paramLabel = "NAME=VALUE",
            description = "feed a placeholder a constant, e.g. --constant is_train=false (repeatable)")
    List<String> constants = new ArrayList<>();

    @Option(names = "--output", paramLabel = "NAME,...", split = ",",
            description = "output nodes, or a SavedModel signature's output keys (default: the graph's sinks, the signature's outputs)")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--signature", paramLabel = "KEY",
            description = "the SavedModel signature to convert (default: serving_default)")
    String signature;

    @Option(names = "--tag", paramLabel = "TAG", description = "the SavedModel meta graph's tag (default: serve)")
    String tag;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "intra-op threads the model uses by default (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--force", description = "replace an existing output directory")
    boolean force;

    @Option(names = "--source-only", description = "write the sources and report, skip compiling the jar")
    boolean sourceOnly;

    @Option(names = "--verbose", description = "log each pass; show stack traces of internal errors")
    boolean verbose;

    @Option(names = "--weights-from", paramLabel = "PATH", description = "the generated project rebuilds its weights "
            + "from the model at PATH (relative to the project) instead of shipping them (committed samples)")
    String weightsFrom;

    @Option(names = "--weights-only", paramLabel = "FILE", hidden = true,
            description = "write only the weights resource to FILE (the build step behind --weights-from)")
    Path weightsOnly;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new ConvertCommand());
        cli.setParameterExceptionHandler((e, a) -> {
            cli.getErr().println("error: " + e.getMessage());
            cli.getErr().println("usage: java -jar converter.jar MODEL [-o DIR] [--name N] [--package P] "
                    + "[--input NAME=d0,d1,...] [--constant NAME=VALUE] [--output NAME,...] [--signature KEY] [--tag TAG] [--threads T] "
                    + "[--force] [--source-only]   (--help for details)");
            return EXIT_BAD_INPUT;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ConversionOptions options = new ConversionOptions(model, outputDir, name, javaPackage,
                    parseShapes(inputs), parseConstants(constants), List.copyOf(outputs), threads, force, sourceOnly,
                    weightsFrom, verbose ? err : null, signature, tag);
            if (weightsOnly != null) {
                Converter.writeWeights(options, weightsOnly);
                return 0;
            }
            ConversionResult result = Converter.convert(options);
            out.println(result.summary());
            return 0;
        } catch (ModelException | BadOptionException | BadInputException e) {
            err.println("error: " + e.getMessage());
            return EXIT_BAD_INPUT;
        } catch (FileSystemException e) {
            err.println("error: " + FileSystemMessages.describe(e));
            return EXIT_BAD_INPUT;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return EXIT_BAD_INPUT;
        } catch (RuntimeException e) {
            err.println("internal error: " + e + " (please report this with the model; --verbose shows the trace)");
            if (verbose) {
                e.printStackTrace(err);
            }
            return EXIT_INTERNAL;
        }
    }

    /** An option value the converter cannot use. */
    static final class BadOptionException extends Exception {
        private static final long serialVersionUID = 1L;

        BadOptionException(String message) {
            super(message);
        }
    }

    static Map<String, int[]> parseShapes(List<String> specs) throws BadOptionException {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.lastIndexOf('=');
            if (eq <= 0) {
                throw new BadOptionException("--input needs NAME=d0,d1,..., not '" + s + "'");
            }
            String[] parts = s.substring(eq + 1).split(",", -1);
            int[] dims = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    dims[i] = Integer.parseInt(parts[i].trim());
                    if (dims[i] < 1 && !(i == 0 && dims[i] == -1)) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new BadOptionException("--input " + s + ": dimension '" + parts[i]
                            + "' is not a positive whole number (-1 allowed for the batch only)");
                }
            }
            if (shapes.put(s.substring(0, eq), dims) != null) {
                throw new BadOptionException("--input " + s.substring(0, eq) + " is given twice");
            }
        }
        return shapes;
    }

    static Map<String, String> parseConstants(List<String> specs) throws BadOptionException {
        Map<String, String> constants = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.lastIndexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new BadOptionException("--constant needs NAME=VALUE, not '" + s + "'");
            }
            if (constants.put(s.substring(0, eq), s.substring(eq + 1)) != null) {
                throw new BadOptionException("--constant " + s.substring(0, eq) + " is given twice");
            }
        }
        return constants;
    }

    /** The converter's version, from the jar manifest (or "dev" in a development build). */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"nnport converter " + Converter.version()};
        }
    }
}
