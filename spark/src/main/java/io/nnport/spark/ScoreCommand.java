package io.nnport.spark;

import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.ModelCli;
import io.nnport.runtime.TensorSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkThrowable;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar nnport-spark.jar --model M.jar --input IN --output OUT}: scores a Parquet, CSV or
 * JSON-lines dataset with a model jar on Spark (local mode unless {@code --master} or
 * {@code spark-submit} says otherwise) and writes the scores beside the other columns. With
 * {@code --random-rows N} instead of {@code --input} it writes N rows of random model inputs,
 * a dataset to try it on. Bad input ends in one line on stderr and exit code
 * {@value #EXIT_BAD_INPUT}.
 */
@Command(name = "nnport-spark", mixinStandardHelpOptions = true,
        description = "Scores a dataset with an nnport model jar on Apache Spark.")
public final class ScoreCommand implements Callable<Integer> {

    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 1;

    @Option(names = "--model", required = true, paramLabel = "MODEL.jar", description = "the model jar")
    String model;

    @Option(names = "--input", paramLabel = "FILE", description = "rows to score: .parquet, .csv (with a header) or .json/.jsonl")
    String input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "where the scored rows go (a directory of part files, format from the extension)")
    String output;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: the one spark-submit gives, else local[*])")
    String master;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "B", description = "rows per model call (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
            description = "intra-op threads of the model per executor JVM (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--columns", split = ",", paramLabel = "NAME=COLUMN",
            description = "read model input NAME (sanitized) from COLUMN (default: the column named after the input)")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--on-invalid", defaultValue = ModelScorer.FAIL, paramLabel = "fail|column",
            description = "a row of the wrong length fails the job (fail), or gets null scores and a reason in --error-column (column)")
    String onInvalid;

    @Option(names = "--error-column", defaultValue = "nnport_error", paramLabel = "COLUMN",
            description = "the reason column of --on-invalid column (default: ${DEFAULT-VALUE})")
    String errorColumn;

    @Option(names = "--force", description = "replace an existing output")
    boolean force;

    @Option(names = "--verbose", description = "show Spark's warnings in local mode, and stack traces of internal errors")
    boolean verbose;

    @Option(names = "--random-rows", paramLabel = "N",
            description = "instead of scoring, write N rows of random model inputs (uniform in [0, 1), token ids in [0, 10)) and an id column")
    Integer randomRows;

    @Option(names = "--seed", defaultValue = "1", description = "seed of --random-rows (default: ${DEFAULT-VALUE})")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(VectorRelaunch.ifNeeded(args).orElseGet(() -> run(args)));
    }

    /** Runs the command and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command with its messages going to {@code out} and {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ScoreCommand()).setOut(out).setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            cli.getErr().println("error: " + e.getMessage());
            cli.getErr().println("usage: java -jar nnport-spark.jar --model MODEL.jar (--input FILE | --random-rows N) "
                    + "--output FILE [--master URL] [--batch B] [--columns NAME=COLUMN,...]   (--help for details)");
            return EXIT_BAD_INPUT;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if ((input == null) == (randomRows == null)) {
            err.println("error: give either --input or --random-rows");
            return EXIT_BAD_INPUT;
        }
        try {
            Format outputFormat = Format.of(output);
            Format inputFormat = input == null ? null : Format.of(input);
            ModelScorer scorer = new ModelScorer().setModelJar(model).setBatchSize(batch).setThreads(threads)
                    .setOnInvalid(onInvalid.toLowerCase(Locale.ROOT)).setErrorCol(errorColumn);
            ConvertedModel converted = scorer.model();
            scorer.setInputCols(inputColumns(converted.inputs()));
            // An embedding program's session is its own to stop.
            boolean ownSession = SparkSession.getDefaultSession().isEmpty();
            SparkSession spark = session();
            try {
                Dataset<Row> rows = randomRows != null
                        ? randomRows(spark, converted.inputs(), scorer.getOrDefault(scorer.inputCols()))
                        : scorer.transform(inputFormat.read(spark, input));
                outputFormat.write(rows, output, force);
            } finally {
                if (ownSession) {
                    spark.stop();
                }
            }
            spec.commandLine().getOut().println("wrote " + output);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return EXIT_BAD_INPUT;
        } catch (Exception e) {
            // Spark's SparkException is checked but thrown undeclared; a failed job carries the row's error as a cause.
            PartitionScorer.InvalidRowException invalid = invalidRow(e);
            if (invalid != null) {
                err.println("error: " + invalid.getMessage());
                return EXIT_BAD_INPUT;
            }
            String unreadable = inputError(e);
            if (unreadable != null) {
                err.println("error: " + unreadable);
                return EXIT_BAD_INPUT;
            }
            err.println("internal error: " + e + (verbose ? "" : " (--verbose shows the trace)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return EXIT_INTERNAL;
        }
    }

    /** The row error a failed job carries as its cause, if that is why it failed. */
    private static PartitionScorer.InvalidRowException invalidRow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PartitionScorer.InvalidRowException invalid) {
                return invalid;
            }
        }
        return null;
    }

    /**
     * What Spark said about the data, when that is why it failed: the first line of the innermost
     * error that carries one of Spark's error classes (a path that does not exist, a file that is not
     * Parquet), except its internal errors; null for anything else.
     */
    private static String inputError(Throwable e) {
        String said = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SparkThrowable spark && spark.getErrorClass() != null
                    && !spark.getErrorClass().startsWith("INTERNAL")) {
                said = t.getMessage().lines().findFirst().orElse(spark.getErrorClass());
            }
        }
        return said;
    }

    /** The column of each model input: {@code --columns} where given, else the input's sanitized name. */
    private String[] inputColumns(List<TensorSpec> inputs) {
        Map<String, String> unused = new LinkedHashMap<>(columns);
        String[] result = new String[inputs.size()];
        for (int i = 0; i < result.length; i++) {
            String name = ModelCli.fileName(inputs.get(i).name());
            String mapped = unused.remove(name);
            result[i] = mapped != null ? mapped : name;
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("--columns names no model input: " + unused.keySet() + " (inputs: "
                    + inputs.stream().map(s -> ModelCli.fileName(s.name())).toList() + ")");
        }
        return result;
    }

    /**
     * A session for this command: {@code --master}, else what {@code spark-submit} set, else all
     * local cores. In local mode there is no web UI and no log past start-up (unless {@code
     * --verbose}): the command reports what went wrong itself, in one line.
     */
    private SparkSession session() {
        SparkConf conf = new SparkConf().setAppName("nnport-spark " + model);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.log.level", verbose ? "WARN" : "OFF");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** {@code n} rows with an {@code id} and random values for each model input. */
    private Dataset<Row> randomRows(SparkSession spark, List<TensorSpec> inputs, String[] columnNames) {
        StructType schema = new StructType().add("id", DataTypes.LongType, false);
        for (int i = 0; i < inputs.size(); i++) {
            schema = schema.add(columnNames[i], DataTypes.createArrayType(ModelScorer.elementType(inputs.get(i).dtype()), false), false);
        }
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(randomRows);
        for (long id = 0; id < randomRows; id++) {
            Object[] values = new Object[inputs.size() + 1];
            values[0] = id;
            for (int i = 0; i < inputs.size(); i++) {
                values[i + 1] = RandomInputs.sample(inputs.get(i), random);
            }
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, schema);
    }

    /** A dataset format, told by the file name's extension. */
    enum Format {
        PARQUET, CSV, JSON;

        static Format of(String path) {
            String name = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
            if (name.endsWith(".parquet")) {
                return PARQUET;
            }
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".json") || name.endsWith(".jsonl")) {
                return JSON;
            }
            throw new IllegalArgumentException(path + ": unknown format; name it .parquet, .csv, .json or .jsonl");
        }

        Dataset<Row> read(SparkSession spark, String path) {
            DataFrameReader reader = spark.read();
            return switch (this) {
                case PARQUET -> reader.parquet(path);
                case CSV -> reader.option("header", "true").csv(path);
                case JSON -> reader.json(path);
            };
        }

        void write(Dataset<Row> rows, String path, boolean replace) {
            Dataset<Row> out = this == CSV ? arraysAsText(rows) : rows;
            var writer = out.write().mode(replace ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
            switch (this) {
                case PARQUET -> writer.parquet(path);
                case CSV -> writer.option("header", "true").csv(path);
                case JSON -> writer.json(path);
            }
        }

        /** CSV has no arrays: arrays and vectors become their numbers separated by spaces, as the scorer reads them. */
        private static Dataset<Row> arraysAsText(Dataset<Row> rows) {
            List<Column> columns = new ArrayList<>();
            for (StructField field : rows.schema().fields()) {
                Column column = rows.col("`" + field.name().replace("`", "``") + "`");
                if (field.dataType().equals(SQLDataTypes.VectorType())) {
                    column = org.apache.spark.ml.functions.vector_to_array(column, "float64");
                }
                if (field.dataType() instanceof ArrayType || field.dataType().equals(SQLDataTypes.VectorType())) {
                    column = functions.array_join(column.cast("array<string>"), " ").as(field.name());
                }
                columns.add(column);
            }
            return rows.select(columns.toArray(Column[]::new));
        }
    }
}
