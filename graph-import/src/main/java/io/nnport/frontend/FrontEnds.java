package io.nnport.frontend;

import io.nnport.frontend.keras.KerasFrontEnd;
import io.nnport.frontend.onnx.OnnxFrontEnd;
import io.nnport.frontend.savedmodel.SavedModelFrontEnd;
import io.nnport.frontend.tf.TensorFlowFrontEnd;
import io.nnport.ir.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The known front ends: detects a model's format from its content and imports it with the front end that reads it. */
public final class FrontEnds {

    /** Every front end, asked in this order; the first that accepts a model reads it. */
    public static final List<FrontEnd> ALL = List.of(new OnnxFrontEnd(), new TensorFlowFrontEnd(), new SavedModelFrontEnd(),
            new KerasFrontEnd());

    private FrontEnds() {}

    /**
     * The front end that reads {@code model}; a {@link ModelException} listing the known formats when
     * none does. Directories are asked too (a format may be a directory); one that no front end reads
     * says it is a directory.
     */
    public static FrontEnd detect(Path model) {
        String source = model.toString();
        if (!Files.exists(model)) {
            throw ModelException.of(source, "no such file or directory");
        }
        boolean directory = Files.isDirectory(model);
        if (!directory && !Files.isReadable(model)) {
            throw ModelException.of(source, "permission denied");
        }
        for (FrontEnd frontEnd : ALL) {
            if (frontEnd.accepts(model)) {
                return frontEnd;
            }
        }
        String formats = ALL.stream().map(FrontEnd::formats).collect(Collectors.joining(", "));
        throw ModelException.of(source, directory
                ? "is a directory, and no front end reads it as a model; nnport reads " + formats
                : "not a model format nnport reads; it reads " + formats);
    }

    /** Detects the format and imports the model. */
    public static Import read(Path model, ImportOptions options) {
        return detect(model).read(model, options);
    }
}
