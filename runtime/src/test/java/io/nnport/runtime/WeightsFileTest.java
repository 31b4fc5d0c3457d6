package io.nnport.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightsFileTest {

    private static final List<WeightsFile.Entry> TENSORS = List.of(
            new WeightsFile.Entry("conv1/kernel", new int[] {3, 2, 1}, new float[] {1, 2, 3, 4, 5, Float.NaN}),
            new WeightsFile.Entry("ids", new int[] {2}, new int[] {7, -1}),
            new WeightsFile.Entry("bias", new int[] {0}, new float[0]),
            new WeightsFile.Entry("scalar", new int[] {}, new float[] {42f}));

    @Test
    void roundTripsNamesShapesAndValues() throws IOException {
        WeightsFile w = WeightsFile.decode(WeightsFile.encode(TENSORS));
        assertEquals(List.of("conv1/kernel", "ids", "bias", "scalar"), List.copyOf(w.entries().keySet()));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, Float.NaN}, w.floats("conv1/kernel", 3, 2, 1));
        assertArrayEquals(new int[] {7, -1}, w.ints("ids", 2));
        assertArrayEquals(new float[] {42f}, w.floats("scalar"));
    }

    @Test
    void everyFlippedByteIsCaught() {
        byte[] good = WeightsFile.encode(TENSORS);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            assertThrows(IOException.class, () -> WeightsFile.decode(bad), "flipped byte " + i);
        }
    }

    @Test
    void truncationAndWrongShapeAreClearErrors() {
        byte[] good = WeightsFile.encode(TENSORS);
        for (int len : new int[] {0, 3, 15, good.length / 2, good.length - 1}) {
            assertThrows(IOException.class, () -> WeightsFile.decode(Arrays.copyOf(good, len)), "length " + len);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WeightsFile.decode(good).floats("conv1/kernel", 6));
        assertTrue(e.getMessage().contains("has shape [3, 2, 1], expected [6]"), e.getMessage());
    }
}
