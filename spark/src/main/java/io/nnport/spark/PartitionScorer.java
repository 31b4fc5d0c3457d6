package io.nnport.spark;

import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.TensorSpec;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition: rows arrive with the passed-through columns first and, behind them, a
 * normalized array for each model input whose column is not already an array of its dtype (see
 * {@link ModelScorer}); each output row is the
 * passed-through columns, the outputs, then the arg max and the error message when asked for.
 * Rows are read {@code batch} at a time into arrays reused for the whole partition and scored by
 * one call of the model's {@code run}, then given out in the order they came.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    /**
     * The fewest rows one model call takes. A generated model may score a single row on another
     * kernel path (matrix-vector) than two or more, rounding differently in the last bit; a lone
     * row (a partition's tail, or the one valid row of a batch) is scored twice over instead, so
     * a row's scores do not depend on how the data is partitioned and batched.
     */
    static final int MIN_CALL_ROWS = 2;

    private final ModelSource source;
    private final int passThrough;
    /** Per model input, the row's field holding it (a passed-through column or a normalized one). */
    private final int[] inputFields;
    private final String[] inputColumns;
    private final int batch;
    private final boolean argmax;
    private final boolean errorColumn;

    PartitionScorer(ModelSource source, int passThrough, int[] inputFields, String[] inputColumns, int batch,
            boolean argmax, boolean errorColumn) {
        this.source = source;
        this.passThrough = passThrough;
        this.inputFields = inputFields.clone();
        this.inputColumns = inputColumns.clone();
        this.batch = batch;
        this.argmax = argmax;
        this.errorColumn = errorColumn;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        TaskContext task = TaskContext.get();
        return new ScoredRows(LoadedModels.get(source), rows, task == null ? 0 : task.partitionId());
    }

    /** A row the model cannot take, in a job that fails on such rows. */
    static final class InvalidRowException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidRowException(String message) {
            super(message);
        }
    }

    /** The model's arrays for one call with {@code samples} rows. */
    private record CallArrays(int samples, Object[] inputs, Object[] outputs) {
        static CallArrays of(List<TensorSpec> in, List<TensorSpec> out, int samples) {
            return new CallArrays(samples, in.stream().map(s -> s.newArray(samples)).toArray(),
                    out.stream().map(s -> s.newArray(samples)).toArray());
        }
    }

    private final class ScoredRows implements Iterator<Row> {
        private final ConvertedModel model;
        private final Iterator<Row> rows;
        private final int partition;
        private final List<TensorSpec> inputSpecs;
        private final List<TensorSpec> outputSpecs;
        private final int[] inputSizes;
        private final int[] outputSizes;
        /** Inputs are gathered here (room for at least MIN_CALL_ROWS); a full batch is also scored here. */
        private final CallArrays full;
        /** The last smaller call's arrays (the partition's tail, or a batch with unscored rows). */
        private CallArrays partial;
        private final Row[] pending;
        /** Per pending row: its sample index in the call, or -1 when it was not scored. */
        private final int[] sample;
        private final String[] errors;
        private Object[] scoredOutputs;
        private int size;
        private int next;
        private long rowInPartition;

        ScoredRows(ConvertedModel model, Iterator<Row> rows, int partition) {
            this.model = model;
            this.rows = rows;
            this.partition = partition;
            inputSpecs = model.inputs();
            outputSpecs = model.outputs();
            inputSizes = inputSpecs.stream().mapToInt(TensorSpec::perSample).toArray();
            outputSizes = outputSpecs.stream().mapToInt(TensorSpec::perSample).toArray();
            full = CallArrays.of(inputSpecs, outputSpecs, Math.max(batch, MIN_CALL_ROWS));
            pending = new Row[batch];
            sample = new int[batch];
            errors = new String[batch];
        }

        @Override
        public boolean hasNext() {
            if (next < size) {
                return true;
            }
            fill();
            return size > 0;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int at = next++;
            Row row = pending[at];
            pending[at] = null;
            return scored(row, sample[at], errors[at]);
        }

        /** Reads up to a batch of rows and scores the ones the model can take. */
        private void fill() {
            size = 0;
            next = 0;
            int samples = 0;
            while (size < batch && rows.hasNext()) {
                Row row = rows.next();
                String error = gather(row, samples);
                pending[size] = row;
                errors[size] = error;
                sample[size] = error == null && !hasNullInput(row) ? samples++ : -1;
                size++;
                rowInPartition++;
            }
            if (samples == 0) {
                return;
            }
            if (samples < MIN_CALL_ROWS) {
                // Scored as two copies: a row's scores must not depend on where it falls in its partition.
                for (int i = 0; i < inputSizes.length; i++) {
                    System.arraycopy(full.inputs()[i], 0, full.inputs()[i], inputSizes[i], inputSizes[i]);
                }
            }
            int rows = Math.max(samples, MIN_CALL_ROWS);
            CallArrays call = full;
            if (rows < full.samples()) {
                if (partial == null || partial.samples() != rows) {
                    partial = CallArrays.of(inputSpecs, outputSpecs, rows);
                }
                call = partial;
                for (int i = 0; i < inputSizes.length; i++) {
                    System.arraycopy(full.inputs()[i], 0, call.inputs()[i], 0, rows * inputSizes[i]);
                }
            }
            model.run(call.inputs(), rows, call.outputs());
            scoredOutputs = call.outputs();
        }

        private boolean hasNullInput(Row row) {
            for (int i = 0; i < inputSizes.length; i++) {
                if (row.isNullAt(inputFields[i])) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Copies the row's inputs into sample {@code at} of the gathering arrays; returns why the
         * row cannot be scored, or null (also for a null input, which is not an error).
         */
        private String gather(Row row, int at) {
            for (int i = 0; i < inputSizes.length; i++) {
                int field = inputFields[i];
                if (row.isNullAt(field)) {
                    continue;
                }
                // The row's own Scala sequence: Row.getList would copy it into a list first.
                scala.collection.Seq<?> values = row.getAs(field);
                int offset = at * inputSizes[i];
                String error = values.size() != inputSizes[i]
                        ? "has " + values.size() + " values but the model takes " + inputSizes[i]
                        : Copy.into(values, full.inputs()[i], offset);
                if (error != null) {
                    String message = "partition " + partition + ", row " + rowInPartition + ": column '"
                            + inputColumns[i] + "' (model input '" + inputSpecs.get(i).name() + "', "
                            + inputSpecs.get(i).shapeText() + ") " + error;
                    if (!errorColumn) {
                        throw new InvalidRowException(message
                                + " (set onInvalid=column, or --on-invalid column, to score the other rows)");
                    }
                    return message;
                }
            }
            return null;
        }

        private Row scored(Row row, int at, String error) {
            int extra = outputSizes.length + (argmax ? 1 : 0) + (errorColumn ? 1 : 0);
            Object[] values = new Object[passThrough + extra];
            for (int c = 0; c < passThrough; c++) {
                values[c] = row.get(c);
            }
            int c = passThrough;
            for (int o = 0; o < outputSizes.length; o++) {
                values[c++] = at < 0 ? null : Copy.slice(scoredOutputs[o], at * outputSizes[o], outputSizes[o]);
            }
            if (argmax) {
                values[c++] = at < 0 ? null : argmax((float[]) scoredOutputs[0], at * outputSizes[0], outputSizes[0]);
            }
            if (errorColumn) {
                values[c] = error;
            }
            return RowFactory.create(values);
        }
    }

    /** The first index of the largest value, as the model jar's {@code predict} prints it. */
    private static int argmax(float[] values, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (values[offset + i] > values[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    /** Copies between Spark's boxed array values and the model's primitive arrays. */
    private static final class Copy {
        private Copy() {}

        /** Copies {@code values} into {@code array} from {@code offset}; returns why not, or null. */
        static String into(scala.collection.Seq<?> values, Object array, int offset) {
            int i = offset;
            scala.collection.Iterator<?> it = values.iterator();
            if (array instanceof float[] f) {
                while (it.hasNext()) {
                    Object value = it.next();
                    if (value == null) {
                        return nullAt(i - offset);
                    }
                    f[i++] = (Float) value;
                }
            } else if (array instanceof int[] n) {
                while (it.hasNext()) {
                    Object value = it.next();
                    if (value == null) {
                        return nullAt(i - offset);
                    }
                    n[i++] = (Integer) value;
                }
            } else if (array instanceof long[] n) {
                while (it.hasNext()) {
                    Object value = it.next();
                    if (value == null) {
                        return nullAt(i - offset);
                    }
                    n[i++] = (Long) value;
                }
            } else {
                boolean[] b = (boolean[]) array;
                while (it.hasNext()) {
                    Object value = it.next();
                    if (value == null) {
                        return nullAt(i - offset);
                    }
                    b[i++] = (Boolean) value;
                }
            }
            return null;
        }

        private static String nullAt(int position) {
            return "has a null (or a value that is no number) at position " + position;
        }

        /** A row's own copy of {@code length} values from {@code offset}. */
        static Object slice(Object array, int offset, int length) {
            if (array instanceof float[] f) {
                return Arrays.copyOfRange(f, offset, offset + length);
            } else if (array instanceof int[] n) {
                return Arrays.copyOfRange(n, offset, offset + length);
            } else if (array instanceof long[] n) {
                return Arrays.copyOfRange(n, offset, offset + length);
            }
            return Arrays.copyOfRange((boolean[]) array, offset, offset + length);
        }
    }
}
