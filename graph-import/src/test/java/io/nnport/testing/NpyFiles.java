package io.nnport.testing;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.runtime.Npy;
import io.nnport.runtime.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads the committed reference {@code .npy} files (through the runtime's reader) as tensors. */
public final class NpyFiles {
    private NpyFiles() {}

    public static Tensor read(Path file) {
        NpyArray array;
        try {
            array = Npy.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        Shape shape = Shape.of(array.shape());
        return switch (array.dtype()) {
            case FLOAT32 -> Tensor.ofFloats(shape, (float[]) array.data());
            case INT32 -> Tensor.ofInts(shape, (int[]) array.data());
            case INT64 -> Tensor.ofLongs(shape, (long[]) array.data());
            case BOOL -> Tensor.ofBools(shape, (boolean[]) array.data());
        };
    }
}
