package io.nnport.converter.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import io.nnport.runtime.WeightStorage;
import io.nnport.runtime.WeightsFile;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightTableTest {

    @Test
    void tensorsAreKeptInTheStorageOfTheirDtypeAndReadBackThroughIt() throws IOException {
        WeightTable table = new WeightTable();
        assertEquals(WeightStorage.FLOAT32,
                table.add("dense/weights", Tensor.ofFloats(Shape.of(2, 2), 1, -2, 3.5f, 4)));
        assertEquals(WeightStorage.INT32, table.add("gather/indices", Tensor.ofInts(Shape.of(3), 2, 0, -1)));
        assertEquals(7, table.params());

        WeightsFile file = WeightsFile.decode(table.encode());
        assertEquals(List.of("dense/weights", "gather/indices"), List.copyOf(file.entries().keySet()));
        assertArrayEquals(new float[] {1, -2, 3.5f, 4}, file.floats("dense/weights", 2, 2));
        assertArrayEquals(new int[] {2, 0, -1}, file.ints("gather/indices", 3));
    }

    @Test
    void aDtypeWithoutStorageAndATwiceDeclaredNameAreRefused() {
        WeightTable table = new WeightTable();
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class,
                () -> table.add("ids", Tensor.ofLongs(Shape.of(1), 7L)));
        assertEquals("weights ids are int64; only float32 and int32 constants can be embedded", e.getMessage());
        table.add("w", Tensor.scalar(1));
        assertThrows(IllegalStateException.class, () -> table.add("w", Tensor.scalar(2)));
    }
}
