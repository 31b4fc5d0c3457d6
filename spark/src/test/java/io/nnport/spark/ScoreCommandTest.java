package io.nnport.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.ModelCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command in this JVM, on the shared local[2] session, with the mlp sample's model jar. */
class ScoreCommandTest {

    private static String jar;
    private static ConvertedModel model;
    private static String output;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void convertTheSample() {
        jar = LocalSpark.modelJar("mlp").toString();
        model = new ModelScorer().setModelJar(jar).model();
        output = ModelCli.fileName(model.outputs().get(0).name());
        LocalSpark.session();
    }

    private int run(String... args) {
        return ScoreCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    /** Rows sorted by id: Spark reads a directory's part files in no set order. */
    private static List<Row> byId(List<Row> rows) {
        return rows.stream().sorted(java.util.Comparator.comparingLong(ScoreCommandTest::id)).toList();
    }

    /** The id column, a long in Parquet and JSON, an int where CSV's schema inference sees small numbers. */
    private static long id(Row row) {
        return ((Number) row.get(row.fieldIndex("id"))).longValue();
    }

    /** The model's scores for the rows' {@code column}, in one call. */
    private static float[] predict(List<Row> rows, String column) {
        int features = model.inputs().get(0).perSample();
        float[] x = new float[rows.size() * features];
        for (int r = 0; r < rows.size(); r++) {
            List<Object> values = rows.get(r).getList(rows.get(r).fieldIndex(column));
            for (int j = 0; j < features; j++) {
                x[r * features + j] = ((Number) values.get(j)).floatValue();
            }
        }
        float[] y = new float[rows.size() * model.outputs().get(0).perSample()];
        model.run(new Object[] {x}, rows.size(), new Object[] {y});
        return y;
    }

    @Test
    void scoresAGeneratedParquetFileAsThePredictLoopDoes() {
        assertEquals(0, run("--model", jar, "--random-rows", "500", "--output", path("rows.parquet")), err.toString());
        assertEquals(0, run("--model", jar, "--input", path("rows.parquet"), "--output", path("scored.parquet"),
                "--batch", "32"), err.toString());
        SparkSession spark = LocalSpark.session();
        List<Row> scored = byId(spark.read().parquet(path("scored.parquet")).collectAsList());
        assertEquals(500, scored.size());
        float[] expected = predict(scored, "input_1");
        int classes = model.outputs().get(0).perSample();
        for (int r = 0; r < scored.size(); r++) {
            Row row = scored.get(r);
            assertEquals(r, id(row));
            List<Float> y = row.getList(row.fieldIndex(output));
            for (int c = 0; c < classes; c++) {
                assertEquals(Float.floatToRawIntBits(expected[r * classes + c]), Float.floatToRawIntBits(y.get(c)),
                        "row " + r + " class " + c);
            }
            assertTrue(row.getInt(row.fieldIndex("argmax")) >= 0);
        }
    }

    @Test
    void readsJsonLinesWithMappedColumnsAndWritesCsv() {
        assertEquals(0, run("--model", jar, "--random-rows", "40", "--output", path("rows.json")), err.toString());
        SparkSession spark = LocalSpark.session();
        spark.read().json(path("rows.json")).withColumnRenamed("input_1", "features").write().json(path("renamed.json"));
        assertEquals(0, run("--model", jar, "--input", path("renamed.json"), "--output", path("scored.csv"),
                "--columns", "input_1=features"), err.toString());
        List<Row> scored = byId(spark.read().option("header", "true").option("inferSchema", "true")
                .csv(path("scored.csv")).collectAsList());
        List<Row> inputs = byId(spark.read().json(path("renamed.json")).collectAsList());
        float[] expected = predict(inputs, "features");
        int classes = model.outputs().get(0).perSample();
        for (int r = 0; r < scored.size(); r++) {
            String[] text = scored.get(r).getString(scored.get(r).fieldIndex(output)).split(" ");
            float[] y = new float[classes];
            for (int c = 0; c < classes; c++) {
                y[c] = Float.parseFloat(text[c]);
            }
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, r * classes, (r + 1) * classes), y, "row " + r);
        }
        assertEquals(40, scored.size());
    }

    @Test
    void aMissingColumnIsOneLineAndExitCode2() {
        assertEquals(0, run("--model", jar, "--random-rows", "5", "--output", path("rows.parquet")), err.toString());
        assertEquals(ScoreCommand.EXIT_BAD_INPUT, run("--model", jar, "--input", path("rows.parquet"),
                "--output", path("scored.parquet"), "--columns", "input_1=features"));
        assertEquals("error: model input 'input_1' reads column 'features', which the data does not have (columns: id, "
                + "input_1); map it with inputCols (--columns input_1=COLUMN)", err.toString().strip());
    }

    @Test
    void aShortRowFailsTheCommandNamingTheRow() {
        SparkSession spark = LocalSpark.session();
        spark.sql("select 7L as id, sequence(1, 10) as input_1").write().json(path("short.json"));
        assertEquals(ScoreCommand.EXIT_BAD_INPUT, run("--model", jar, "--input", path("short.json"),
                "--output", path("scored.json")));
        assertEquals("error: partition 0, row 0: column 'input_1' (model input 'input_1', [B,"
                + model.inputs().get(0).perSample() + "]) has 10 values but the model takes "
                + model.inputs().get(0).perSample() + " (set onInvalid=column, or --on-invalid column, to score the other rows)",
                err.toString().strip());
        assertEquals(0, run("--model", jar, "--input", path("short.json"), "--output", path("kept.parquet"),
                "--on-invalid", "column"), err.toString());
        Row row = spark.read().parquet(path("kept.parquet")).first();
        assertTrue(row.getString(row.fieldIndex("nnport_error")).contains("has 10 values"));
        assertTrue(row.isNullAt(row.fieldIndex(output)));
    }

    @Test
    void aFileThatIsNotParquetIsOneLineAndExitCode2() throws Exception {
        Files.writeString(dir.resolve("garbage.parquet"), "garbage\n");
        assertEquals(ScoreCommand.EXIT_BAD_INPUT, run("--model", jar, "--input", path("garbage.parquet"),
                "--output", path("scored.parquet")));
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("error: [CANNOT_READ_FILE_FOOTER]"), lines.get(0));
    }

    @Test
    void aModelJarThatIsNotAJarOrIsADirectoryIsOneLineAndExitCode2() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.jar"), "not a zip\n");
        assertEquals(ScoreCommand.EXIT_BAD_INPUT, run("--model", junk.toString(), "--random-rows", "5",
                "--output", path("rows.parquet")));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("error: " + junk + " is not an nnport model jar: "), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(ScoreCommand.EXIT_BAD_INPUT, run("--model", dir.toString(), "--random-rows", "5",
                "--output", path("rows.parquet")));
        assertEquals("error: model jar " + dir + " is a directory", err.toString().strip());
    }
}
