package io.nnport.spark;

import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.ModelCli;
import io.nnport.runtime.NpyArray;
import io.nnport.runtime.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@link Transformer} that scores each row with an nnport model jar and appends the
 * model's outputs (and the arg max of a single {@code [B, classes]} output).
 *
 * <p>Each model input is read from one column: {@code array<float|double|int|long|...>}, an ML
 * {@code Vector}, or a string of numbers separated by spaces or ';' (CSV has no arrays), holding
 * one sample's values flattened in row-major order, cast to the input's dtype. Each output is
 * written as an array of its own dtype. The other columns pass through; rows keep their order
 * (partition by partition, and within each partition). A row with a null input gets null outputs.
 * A row whose value count differs from the input's per-sample size (or that holds a null or an
 * unparseable value) either fails the job with a message naming the row ({@code onInvalid=fail},
 * the default) or gets null outputs and the message in {@link #errorCol()} ({@code
 * onInvalid=column}). Missing or unusable columns fail in {@link #transformSchema} on the driver,
 * before any task runs.
 *
 * <p>Each executor JVM loads the model once ({@link LoadedModels}) and each partition is scored
 * {@link #batchSize()} rows per call of the model's {@code run}, into arrays reused across calls.
 */
public final class ModelScorer extends Transformer implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    /** {@link #onInvalid()}: a row the model cannot take fails the job. */
    public static final String FAIL = "fail";
    /** {@link #onInvalid()}: a row the model cannot take gets null outputs and a message in {@link #errorCol()}. */
    public static final String ERROR_COLUMN = "column";

    /** The normalized inputs ride behind the passed-through columns under these names while scoring. */
    private static final String INPUT_COLUMN_PREFIX = "__nnport_input_";

    private static final DefaultParamsReadable<ModelScorer> READER = new DefaultParamsReadable<>() {};

    private final String uid;
    private final Param<String> modelJar;
    private final Param<String> modelClass;
    private final StringArrayParam inputCols;
    private final StringArrayParam outputCols;
    private final Param<String> argmaxCol;
    private final IntParam batchSize;
    private final IntParam threads;
    private final Param<String> onInvalid;
    private final Param<String> errorCol;

    public ModelScorer() {
        this(Identifiable.randomUID("nnportScorer"));
    }

    /** The constructor Spark's reader and {@link #copy} call. */
    public ModelScorer(String uid) {
        this.uid = uid;
        modelJar = new Param<>(this, "modelJar", "path of the nnport model jar; empty when the model class "
                + "is on the class path (e.g. shipped with --jars)");
        modelClass = new Param<>(this, "modelClass", "the model class (empty: the one the model jar's manifest names)");
        inputCols = new StringArrayParam(this, "inputCols", "column of each model input, in the model's order "
                + "(empty: each input's name, sanitized as the model jar's --output-dir does)");
        outputCols = new StringArrayParam(this, "outputCols", "column of each model output "
                + "(empty: each output's name, sanitized)");
        argmaxCol = new Param<>(this, "argmaxCol", "column for the arg max of a single [B, classes] output (empty: none)");
        batchSize = new IntParam(this, "batchSize", "rows per model call");
        threads = new IntParam(this, "threads", "intra-op threads of the model in each executor JVM");
        onInvalid = new Param<>(this, "onInvalid", "what a row the model cannot take does: '" + FAIL
                + "' fails the job, '" + ERROR_COLUMN + "' nulls its outputs and explains in errorCol");
        errorCol = new Param<>(this, "errorCol", "column for the reason a row was not scored (onInvalid=column)");
        setDefault(modelJar, "");
        setDefault(modelClass, "");
        setDefault(inputCols, new String[0]);
        setDefault(outputCols, new String[0]);
        setDefault(argmaxCol, "argmax");
        setDefault(batchSize, 64);
        setDefault(threads, 1);
        setDefault(onInvalid, FAIL);
        setDefault(errorCol, "nnport_error");
    }

    /** Reads a scorer saved with {@code write().save(path)}. */
    public static MLReader<ModelScorer> read() {
        return READER.read();
    }

    /** Loads a scorer saved at {@code path}. */
    public static ModelScorer load(String path) {
        return READER.load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> modelJar() {
        return modelJar;
    }

    public Param<String> modelClass() {
        return modelClass;
    }

    public StringArrayParam inputCols() {
        return inputCols;
    }

    public StringArrayParam outputCols() {
        return outputCols;
    }

    public Param<String> argmaxCol() {
        return argmaxCol;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public IntParam threads() {
        return threads;
    }

    public Param<String> onInvalid() {
        return onInvalid;
    }

    public Param<String> errorCol() {
        return errorCol;
    }

    public ModelScorer setModelJar(String value) {
        set(modelJar, value);
        return this;
    }

    public ModelScorer setModelClass(String value) {
        set(modelClass, value);
        return this;
    }

    public ModelScorer setInputCols(String... value) {
        set(inputCols, value);
        return this;
    }

    public ModelScorer setOutputCols(String... value) {
        set(outputCols, value);
        return this;
    }

    public ModelScorer setArgmaxCol(String value) {
        set(argmaxCol, value);
        return this;
    }

    public ModelScorer setBatchSize(int value) {
        set(batchSize, value);
        return this;
    }

    public ModelScorer setThreads(int value) {
        set(threads, value);
        return this;
    }

    public ModelScorer setOnInvalid(String value) {
        set(onInvalid, value);
        return this;
    }

    public ModelScorer setErrorCol(String value) {
        set(errorCol, value);
        return this;
    }

    private String string(Param<String> param) {
        return getOrDefault(param);
    }

    private int integer(IntParam param) {
        return (Integer) getOrDefault(param);
    }

    /** Where this scorer's model comes from, as the executors will load it. */
    public ModelSource source() {
        String jar = string(modelJar);
        String type = string(modelClass);
        int t = integer(threads);
        if (type.isEmpty()) {
            if (jar.isEmpty()) {
                throw new IllegalArgumentException("set modelJar or modelClass");
            }
            return ModelSource.ofJar(jar, t);
        }
        return new ModelSource(jar.isEmpty() ? null : jar, type, t);
    }

    /** The model itself, loaded once in this JVM. */
    public ConvertedModel model() {
        return LoadedModels.get(source());
    }

    /**
     * What scoring {@code schema} means: the model, which column feeds each input, which columns
     * receive the outputs, and the schema of the result. Throws on anything a task would trip on
     * that the schema already shows.
     */
    private Plan plan(StructType schema) {
        ConvertedModel model = model();
        List<TensorSpec> inputs = model.inputs();
        List<TensorSpec> outputs = model.outputs();
        String[] inputColumns = columnsOrNames(inputCols, inputs, "inputCols");
        String[] outputColumns = columnsOrNames(outputCols, outputs, "outputCols");
        int batch = integer(batchSize);
        if (batch < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batch);
        }
        String mode = string(onInvalid);
        if (!mode.equals(FAIL) && !mode.equals(ERROR_COLUMN)) {
            throw new IllegalArgumentException("onInvalid must be '" + FAIL + "' or '" + ERROR_COLUMN + "', got '" + mode + "'");
        }
        List<String> present = Arrays.asList(schema.fieldNames());
        List<Column> normalized = new ArrayList<>();
        int[] inputFields = new int[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            TensorSpec spec = inputs.get(i);
            if (!present.contains(inputColumns[i])) {
                throw new IllegalArgumentException("model input '" + spec.name() + "' reads column '" + inputColumns[i]
                        + "', which the data does not have (columns: " + String.join(", ", present)
                        + "); map it with inputCols (--columns " + ModelCli.fileName(spec.name()) + "=COLUMN)");
            }
            StructField field = schema.apply(inputColumns[i]);
            if (field.dataType() instanceof ArrayType array && array.elementType().equals(elementType(spec.dtype()))) {
                inputFields[i] = schema.fieldIndex(inputColumns[i]); // read as it passes through, not twice
            } else {
                inputFields[i] = schema.size() + normalized.size();
                normalized.add(normalized(field, spec).as(INPUT_COLUMN_PREFIX + i));
            }
        }
        StructType result = schema;
        for (int o = 0; o < outputs.size(); o++) {
            result = appendNew(result, outputColumns[o], DataTypes.createArrayType(elementType(outputs.get(o).dtype()), false));
        }
        boolean argmax = !string(argmaxCol).isEmpty() && outputs.size() == 1 && outputs.get(0).shape().length == 2
                && outputs.get(0).dtype() == NpyArray.DType.FLOAT32;
        if (argmax) {
            result = appendNew(result, string(argmaxCol), DataTypes.IntegerType);
        }
        boolean errorColumn = mode.equals(ERROR_COLUMN);
        if (errorColumn) {
            result = appendNew(result, string(errorCol), DataTypes.StringType);
        }
        PartitionScorer scorer = new PartitionScorer(source(), schema.size(), inputFields, inputColumns, batch, argmax,
                errorColumn);
        return new Plan(normalized, result, scorer);
    }

    private record Plan(List<Column> normalizedInputs, StructType schema, PartitionScorer scorer) {}

    private String[] columnsOrNames(StringArrayParam param, List<TensorSpec> specs, String what) {
        String[] columns = getOrDefault(param);
        if (columns.length == 0) {
            return specs.stream().map(s -> ModelCli.fileName(s.name())).toArray(String[]::new);
        }
        if (columns.length != specs.size()) {
            throw new IllegalArgumentException(what + " names " + columns.length + " columns but the model has "
                    + specs.size() + ": " + specs.stream().map(TensorSpec::name).toList());
        }
        return columns.clone();
    }

    private static StructType appendNew(StructType schema, String column, DataType type) {
        if (Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("output column '" + column + "' already exists in the data");
        }
        return schema.add(column, type, true);
    }

    /**
     * The expression turning {@code field} into an array of {@code spec}'s element type: arrays of
     * numbers are cast, vectors unpacked, strings split at spaces and ';'. A value that is no
     * number becomes a null element, which the task reports for its row.
     */
    private static Column normalized(StructField field, TensorSpec spec) {
        ArrayType target = DataTypes.createArrayType(elementType(spec.dtype()), true);
        Column column = functions.col("`" + field.name().replace("`", "``") + "`");
        DataType type = field.dataType();
        if (type instanceof ArrayType array
                && (array.elementType() instanceof NumericType || array.elementType() instanceof BooleanType)) {
            return column.cast(target);
        }
        if (type.equals(SQLDataTypes.VectorType())) {
            return org.apache.spark.ml.functions.vector_to_array(column, "float64").cast(target);
        }
        if (type instanceof StringType) {
            return functions.split(functions.trim(column), "[\\s;]+").cast(target);
        }
        throw new IllegalArgumentException("column '" + field.name() + "' for model input '" + spec.name() + "' is "
                + type.simpleString() + "; it must be an array of numbers, an ML vector or a string of numbers ("
                + spec.shapeText() + ", " + spec.dtype().name().toLowerCase(Locale.ROOT) + ")");
    }

    static DataType elementType(NpyArray.DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataTypes.FloatType;
            case INT32 -> DataTypes.IntegerType;
            case INT64 -> DataTypes.LongType;
            case BOOL -> DataTypes.BooleanType;
        };
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return plan(schema).schema();
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        Plan plan = plan(dataset.schema());
        List<Column> columns = new ArrayList<>();
        for (String name : dataset.columns()) {
            columns.add(dataset.col("`" + name.replace("`", "``") + "`"));
        }
        columns.addAll(plan.normalizedInputs());
        return dataset.select(columns.toArray(Column[]::new))
                .mapPartitions(plan.scorer(), Encoders.row(plan.schema()));
    }

    @Override
    public ModelScorer copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
