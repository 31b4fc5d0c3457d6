package io.nnport.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Rows per second scoring a model jar on Spark local[2] (rows read from Parquet and cached) against
 * the predict loop in one JVM on the same rows (one thread, and two threads as local[2] has), and the wall time per row Spark adds
 * over the two-thread loop. Single-input float models only (the samples). Run by
 * {@code jmh/run-spark.sh}:
 * {@code SparkThroughput OUT_PREFIX BATCH RUNS MODEL.jar:ROWS ...} writes OUT_PREFIX.json and .md.
 */
public final class SparkThroughput {

    private static final int PARTITIONS = 2;

    private SparkThroughput() {}

    private record Result(String model, int rows, int batch, double sparkRowsPerSecond, double loopRowsPerSecond,
            double loop2RowsPerSecond, double sparkMicrosPerRowOverLoop2) {}

    public static void main(String[] args) throws Exception {
        String out = args[0];
        int batch = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        SparkSession spark = SparkSession.builder().master("local[" + PARTITIONS + "]").appName("nnport-spark throughput")
                .config("spark.ui.enabled", "false").config("spark.log.level", "WARN").getOrCreate();
        List<Result> results = new ArrayList<>();
        for (String spec : Arrays.copyOfRange(args, 3, args.length)) {
            String jar = spec.substring(0, spec.lastIndexOf(':'));
            int rows = Integer.parseInt(spec.substring(spec.lastIndexOf(':') + 1));
            results.add(measure(spark, jar, rows, batch, runs));
            System.out.println(results.get(results.size() - 1));
        }
        spark.stop();
        write(out, batch, runs, results);
    }

    private static Result measure(SparkSession spark, String jar, int rows, int batch, int runs) throws Exception {
        ModelScorer scorer = new ModelScorer().setModelJar(jar).setBatchSize(batch);
        ConvertedModel model = scorer.model();
        TensorSpec input = model.inputs().get(0);
        int perSample = input.perSample();
        float[] all = new float[rows * perSample];
        Random random = new Random(42);
        List<Row> data = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            float[] x = (float[]) RandomInputs.sample(input, random);
            System.arraycopy(x, 0, all, r * perSample, perSample);
            data.add(RowFactory.create((long) r, x));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add(io.nnport.runtime.ModelCli.fileName(input.name()), DataTypes.createArrayType(DataTypes.FloatType, false));
        // Scored from cached Parquet, as a job reads its rows: a parallelized list would ship the rows
        // inside every task, and time that instead.
        String parquet = Path.of(jar).resolveSibling("rows.parquet").toString();
        spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(data, PARTITIONS), schema)
                .write().mode("overwrite").parquet(parquet);
        Dataset<Row> frame = spark.read().parquet(parquet).cache();
        frame.count();
        double loop1 = median(runs, () -> loop(model, all, 0, rows, batch));
        ExecutorService pool = Executors.newFixedThreadPool(PARTITIONS);
        double loop2 = median(runs, () -> {
            List<Future<?>> halves = new ArrayList<>();
            int half = rows / PARTITIONS;
            for (int p = 0; p < PARTITIONS; p++) {
                int from = p * half;
                int to = p == PARTITIONS - 1 ? rows : from + half;
                halves.add(pool.submit(() -> loop(model, all, from, to, batch)));
            }
            for (Future<?> f : halves) {
                f.get();
            }
        });
        pool.shutdown();
        // After the loops: the kernels are compiled by then, so both sides run the same machine code.
        double spark2 = median(runs, () -> scorer.transform(frame).write().format("noop").mode("overwrite").save());
        frame.unpersist();
        String name = Path.of(jar).getFileName().toString().replace(".jar", "");
        return new Result(name, rows, batch, rows / spark2, rows / loop1, rows / loop2, (spark2 - loop2) / rows * 1e6);
    }

    /** The predict loop: rows {@code from..to} in calls of {@code batch}, into arrays allocated once. */
    private static void loop(ConvertedModel model, float[] all, int from, int to, int batch) {
        TensorSpec input = model.inputs().get(0);
        int perSample = input.perSample();
        Object[] outputs = model.outputs().stream().map(s -> s.newArray(batch)).toArray();
        float[] x = new float[batch * perSample];
        for (int r = from; r < to; r += batch) {
            int n = Math.min(batch, to - r);
            if (n == batch) {
                System.arraycopy(all, r * perSample, x, 0, n * perSample);
                model.run(new Object[] {x}, n, outputs);
            } else {
                Object[] tail = model.outputs().stream().map(s -> s.newArray(n)).toArray();
                model.run(new Object[] {Arrays.copyOfRange(all, r * perSample, (r + n) * perSample)}, n, tail);
            }
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    /** Seconds, the median of {@code runs} timed runs after one warm-up run. */
    private static double median(int runs, Run run) throws Exception {
        run.run();
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            run.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[runs / 2];
    }

    private static void write(String out, int batch, int runs, List<Result> results) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", LocalDate.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));
        json.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        json.put("master", "local[" + PARTITIONS + "]");
        json.put("batch", batch);
        json.put("runs", runs);
        json.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(out + ".json").toFile(), json);
        StringBuilder md = new StringBuilder()
                .append("# Scoring on Spark: rows per second\n\n")
                .append(String.format(Locale.ROOT, "%s, %d cores, Java %s, Spark %s %s, batch %d, median of %d runs "
                        + "after one warm-up (`jmh/run-spark.sh`).%n%n", json.get("date"), json.get("cores"),
                        json.get("java"), json.get("spark"), json.get("master"), batch, runs))
                .append("| model | rows | Spark local[2] rows/s | predict loop, 1 thread | predict loop, 2 threads "
                        + "| Spark's added wall time per row (vs 2 threads) |\n|---|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %,.0f | %,.1f µs |%n", r.model(), r.rows(),
                    r.sparkRowsPerSecond(), r.loopRowsPerSecond(), r.loop2RowsPerSecond(), r.sparkMicrosPerRowOverLoop2()));
        }
        Files.writeString(Path.of(out + ".md"), md.toString());
    }
}
