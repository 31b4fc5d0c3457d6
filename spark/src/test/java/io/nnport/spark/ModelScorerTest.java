package io.nnport.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.TensorSpec;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scorer in local[2] on the mlp sample ({@code [B,20]} floats in, {@code [B,5]} softmax out). */
class ModelScorerTest {

    private static final String INPUT = "input_1";
    /** The softmax output's column: its tensor name, sanitized. */
    private static String output;

    private static String jar;
    private static ConvertedModel model;
    private static int features;
    private static int classes;

    @TempDir
    Path dir;

    @BeforeAll
    static void convertTheSample() {
        jar = LocalSpark.modelJar("mlp").toString();
        model = new ModelScorer().setModelJar(jar).model();
        features = model.inputs().get(0).perSample();
        classes = model.outputs().get(0).perSample();
        assertEquals(INPUT, io.nnport.runtime.ModelCli.fileName(model.inputs().get(0).name()));
        output = io.nnport.runtime.ModelCli.fileName(model.outputs().get(0).name());
    }

    private static ModelScorer scorer() {
        return new ModelScorer().setModelJar(jar).setBatchSize(64);
    }

    /** The model's own scores for {@code rows}' inputs, all in one call. */
    private static float[] predict(List<Row> rows) {
        float[] x = new float[rows.size() * features];
        for (int r = 0; r < rows.size(); r++) {
            List<Float> values = rows.get(r).getList(rows.get(r).fieldIndex(INPUT));
            for (int j = 0; j < features; j++) {
                x[r * features + j] = values.get(j);
            }
        }
        float[] y = new float[rows.size() * classes];
        model.run(new Object[] {x}, rows.size(), new Object[] {y});
        return y;
    }

    private static float[] floats(Row row, String column) {
        List<Float> values = row.getList(row.fieldIndex(column));
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = values.get(i);
        }
        return f;
    }

    private static int argmax(float[] y, int offset) {
        int best = 0;
        for (int i = 1; i < classes; i++) {
            best = y[offset + i] > y[offset + best] ? i : best;
        }
        return best;
    }

    @Test
    void scoresEqualTheModelsPredictBitForBitInRowOrder() {
        Dataset<Row> rows = LocalSpark.randomRows(model, 3000, 7, 11);
        List<Row> scored = scorer().transform(rows).collectAsList();
        List<Row> inputs = rows.collectAsList();
        float[] expected = predict(inputs);
        assertEquals(3000, scored.size());
        for (int r = 0; r < scored.size(); r++) {
            Row row = scored.get(r);
            assertEquals((long) r, row.getLong(row.fieldIndex("id")), "row order");
            assertArrayEquals(floats(inputs.get(r), INPUT), floats(row, INPUT), "input passes through, row " + r);
            float[] want = java.util.Arrays.copyOfRange(expected, r * classes, (r + 1) * classes);
            assertArrayEquals(want, floats(row, output), "row " + r);
            assertEquals(argmax(expected, r * classes), row.getInt(row.fieldIndex("argmax")), "row " + r);
        }
    }

    @Test
    void scoresDoNotDependOnBatchSizeOrPartitioning() {
        Dataset<Row> rows = LocalSpark.randomRows(model, 301, 5, 12);
        float[] expected = predict(rows.collectAsList());
        for (int batch : new int[] {1, 2, 7, 301}) {
            List<Row> scored = scorer().setBatchSize(batch).transform(rows).collectAsList();
            for (int r = 0; r < scored.size(); r++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(expected, r * classes, (r + 1) * classes),
                        floats(scored.get(r), output), "batch " + batch + ", row " + r);
            }
        }
    }

    @Test
    void eachJvmLoadsTheModelOnceForAllPartitions() {
        // A thread count no other test uses is a model source this JVM has not loaded yet.
        ModelScorer scorer = scorer().setThreads(3);
        int before = LoadedModels.loads();
        assertEquals(1200, scorer.transform(LocalSpark.randomRows(model, 1200, 6, 5)).count());
        scorer.transform(LocalSpark.randomRows(model, 100, 3, 6)).collectAsList();
        assertEquals(before + 1, LoadedModels.loads());
    }

    @Test
    void aNullInputGetsNullScoresAndKeepsItsPlace() {
        StructType schema = new StructType().add("id", DataTypes.LongType).add(INPUT,
                DataTypes.createArrayType(DataTypes.FloatType));
        float[] x = new float[features];
        x[3] = 1;
        List<Row> rows = List.of(RowFactory.create(0L, x), RowFactory.create(1L, null), RowFactory.create(2L, x));
        List<Row> scored = scorer().transform(LocalSpark.session().createDataFrame(rows, schema)).collectAsList();
        assertEquals(List.of(0L, 1L, 2L), scored.stream().map(r -> r.getLong(0)).toList());
        assertTrue(scored.get(1).isNullAt(scored.get(1).fieldIndex(output)));
        assertTrue(scored.get(1).isNullAt(scored.get(1).fieldIndex("argmax")));
        assertArrayEquals(floats(scored.get(0), output), floats(scored.get(2), output));
        float[] y = predict(List.of(scored.get(0), scored.get(2)));
        assertArrayEquals(java.util.Arrays.copyOf(y, classes), floats(scored.get(0), output));
    }

    /** 200 rows in 2 partitions; row 150 (row 50 of partition 1) is one value short. */
    private static Dataset<Row> rowsWithAShortOne() {
        Dataset<Row> good = LocalSpark.randomRows(model, 200, 2, 3);
        List<Row> rows = new java.util.ArrayList<>(good.collectAsList());
        rows.set(150, RowFactory.create(150L, java.util.Arrays.copyOf(floats(rows.get(150), INPUT), features - 1)));
        return LocalSpark.session().createDataFrame(
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext())
                        .parallelize(rows, 2), good.schema());
    }

    private static String shortRowMessage() {
        return "partition 1, row 50: column 'input_1' (model input 'input_1', [B," + features + "]) has "
                + (features - 1) + " values but the model takes " + features;
    }

    @Test
    void aRowOfTheWrongLengthFailsTheJobNamingTheRowAndTheLength() {
        SparkException e = assertThrows(SparkException.class, () -> scorer().transform(rowsWithAShortOne()).collectAsList());
        Throwable cause = e;
        while (cause != null && !(cause instanceof PartitionScorer.InvalidRowException)) {
            cause = cause.getCause();
        }
        assertNotNull(cause, "cause of " + e);
        assertEquals(shortRowMessage() + " (set onInvalid=column, or --on-invalid column, to score the other rows)",
                cause.getMessage());
        assertTrue(e.getMessage().contains("failed 1 times"), e.getMessage());
    }

    @Test
    void aRowOfTheWrongLengthGoesToTheErrorColumnWhenAsked() {
        Dataset<Row> rows = rowsWithAShortOne();
        List<Row> scored = scorer().setOnInvalid(ModelScorer.ERROR_COLUMN).transform(rows).collectAsList();
        assertEquals(200, scored.size());
        List<Row> valid = new java.util.ArrayList<>(scored);
        valid.remove(150);
        float[] expected = predict(valid);
        for (int r = 0; r < scored.size(); r++) {
            Row row = scored.get(r);
            String error = row.getString(row.fieldIndex("nnport_error"));
            if (r == 150) {
                assertEquals(shortRowMessage(), error);
                assertTrue(row.isNullAt(row.fieldIndex(output)));
            } else {
                assertNull(error, "row " + r);
                int at = r < 150 ? r : r - 1;
                assertArrayEquals(java.util.Arrays.copyOfRange(expected, at * classes, (at + 1) * classes),
                        floats(row, output), "row " + r);
            }
        }
    }

    @Test
    void aMissingColumnFailsOnTheDriverBeforeAnyJob() {
        Dataset<Row> rows = LocalSpark.randomRows(model, 10, 1, 1).withColumnRenamed(INPUT, "features");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scorer().transform(rows));
        assertEquals("model input 'input_1' reads column 'input_1', which the data does not have (columns: id, features); "
                + "map it with inputCols (--columns input_1=COLUMN)", e.getMessage());
        List<Row> mapped = scorer().setInputCols("features").transform(rows).collectAsList();
        assertEquals(10, mapped.size());
    }

    @Test
    void doublesVectorsAndTextScoreAsTheirFloats() {
        List<Row> floats = LocalSpark.randomRows(model, 50, 2, 9).collectAsList();
        StructType schema = new StructType().add("doubles", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("vector", SQLDataTypes.VectorType()).add("text", DataTypes.StringType);
        List<Row> rows = floats.stream().map(r -> {
            float[] x = floats(r, INPUT);
            double[] d = new double[x.length];
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < x.length; j++) {
                d[j] = x[j];
                text.append(j == 0 ? "" : j % 2 == 0 ? " " : ";").append(x[j]);
            }
            return RowFactory.create(d, Vectors.dense(d), text.toString());
        }).toList();
        Dataset<Row> data = LocalSpark.session().createDataFrame(rows, schema);
        float[] expected = predict(floats);
        for (String column : List.of("doubles", "vector", "text")) {
            List<Row> scored = scorer().setInputCols(column).transform(data).collectAsList();
            for (int r = 0; r < scored.size(); r++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(expected, r * classes, (r + 1) * classes),
                        floats(scored.get(r), output), column + " row " + r);
            }
        }
    }

    @Test
    void aSavedPipelineLoadsAndScoresTheSame() throws Exception {
        Dataset<Row> rows = LocalSpark.randomRows(model, 300, 3, 4);
        ModelScorer scorer = scorer().setBatchSize(17).setOutputCols("scores").setArgmaxCol("label");
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {scorer}).fit(rows);
        String path = dir.resolve("pipeline").toString();
        fitted.write().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        ModelScorer stage = (ModelScorer) loaded.stages()[0];
        assertEquals(17, stage.getOrDefault(stage.batchSize()));
        assertEquals(jar, stage.getOrDefault(stage.modelJar()));
        List<Row> expected = fitted.transform(rows).collectAsList();
        List<Row> actual = loaded.transform(rows).collectAsList();
        assertEquals(expected.size(), actual.size());
        for (int r = 0; r < expected.size(); r++) {
            assertArrayEquals(floats(expected.get(r), "scores"), floats(actual.get(r), "scores"));
            assertEquals(expected.get(r).getInt(expected.get(r).fieldIndex("label")),
                    actual.get(r).getInt(actual.get(r).fieldIndex("label")));
        }
        ModelScorer.load(dir.resolve("pipeline/stages/0_" + scorer.uid()).toString());
    }

    @Test
    void theSchemaGrowsByTheOutputsOfTheModelSpec() {
        StructType in = LocalSpark.randomRows(model, 1, 1, 1).schema();
        StructType out = scorer().transformSchema(in);
        TensorSpec softmax = model.outputs().get(0);
        assertEquals(2, softmax.shape().length);
        assertEquals(in.size() + 2, out.size());
        assertEquals(DataTypes.createArrayType(DataTypes.FloatType, false), out.apply(output).dataType());
        assertEquals(DataTypes.IntegerType, out.apply("argmax").dataType());
    }
}
