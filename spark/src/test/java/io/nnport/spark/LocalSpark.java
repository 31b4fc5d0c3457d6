package io.nnport.spark;

import io.nnport.converter.ConversionOptions;
import io.nnport.converter.Converter;
import io.nnport.runtime.ConvertedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the tests share in their JVM: one local[2] Spark session, and the committed sample models
 * converted into model jars by the converter, as a user would.
 */
final class LocalSpark {

    private static SparkSession session;
    private static final Map<String, Path> JARS = new HashMap<>();

    private LocalSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("nnport-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.log.level", "WARN")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return session;
    }

    /** The model jar of sample {@code name} ({@code generated-samples/models/<name>.pb}), converted once. */
    static synchronized Path modelJar(String name) {
        return JARS.computeIfAbsent(name, n -> {
            try {
                Path dir = Files.createTempDirectory(Path.of("target"), "models");
                Path pb = Path.of("..", "generated-samples", "models", n + ".pb");
                return Converter.convert(ConversionOptions.of(pb, dir)).jar().toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** {@code n} rows of an {@code id} (0, 1, ...) and random inputs for {@code model}, in {@code partitions}, in order. */
    static Dataset<Row> randomRows(ConvertedModel model, int n, int partitions, long seed) {
        StructType schema = new StructType().add("id", DataTypes.LongType, false);
        for (var spec : model.inputs()) {
            schema = schema.add(io.nnport.runtime.ModelCli.fileName(spec.name()),
                    DataTypes.createArrayType(ModelScorer.elementType(spec.dtype()), true), true);
        }
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(n);
        for (long id = 0; id < n; id++) {
            Object[] values = new Object[model.inputs().size() + 1];
            values[0] = id;
            for (int i = 0; i < model.inputs().size(); i++) {
                values[i + 1] = RandomInputs.sample(model.inputs().get(i), random);
            }
            rows.add(RowFactory.create(values));
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(session().sparkContext());
        return session().createDataFrame(context.parallelize(rows, partitions), schema);
    }
}
