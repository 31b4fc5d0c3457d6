package io.nnport.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@link Window} with explicit padding, and SAME/VALID unchanged by it: every small geometry is checked
 * against TensorFlow's rules written out plainly here.
 */
class WindowExplicitPaddingTest {

    @Test
    void sameAndValidFollowTensorFlowsRules() {
        for (int in = 1; in <= 12; in++) {
            for (int size = 1; size <= 5; size++) {
                for (int stride = 1; stride <= 4; stride++) {
                    for (int dilation = 1; dilation <= 3; dilation++) {
                        int effective = (size - 1) * dilation + 1;
                        String context = "in=" + in + " size=" + size + " stride=" + stride + " dilation=" + dilation;

                        Window same = new Window(in, size, stride, dilation, Padding.SAME);
                        int out = (in + stride - 1) / stride;
                        int total = Math.max((out - 1) * stride + effective - in, 0);
                        assertEquals(out, same.out(), "SAME out " + context);
                        assertEquals(total / 2, same.padBefore(), "SAME before " + context);
                        assertEquals(total - total / 2, same.padAfter(), "SAME after " + context);
                        Window explicit = Window.explicit(in, size, stride, dilation, total / 2, total - total / 2);
                        assertEquals(out, explicit.out(), "SAME's amounts made explicit " + context);
                        assertEquals(same.inputIndex(out - 1, size - 1), explicit.inputIndex(out - 1, size - 1));

                        if (effective <= in) {
                            Window valid = new Window(in, size, stride, dilation, Padding.VALID);
                            assertEquals((in - effective + stride) / stride, valid.out(), "VALID out " + context);
                            assertEquals(0, valid.padBefore());
                            assertEquals(0, valid.padAfter());
                        }
                    }
                }
            }
        }
    }

    @Test
    void explicitAmounts() {
        // in 5, k 3, stride 2, pad (2, 1): padded length 8, windows at 0, 2, 4 -> 3 outputs.
        Window w = Window.explicit(5, 3, 2, 1, 2, 1);
        assertEquals(Padding.EXPLICIT, w.padding());
        assertEquals(3, w.out());
        assertEquals(2, w.padBefore());
        assertEquals(1, w.padAfter());
        assertEquals(-2, w.inputIndex(0, 0));
        assertEquals(4, w.inputIndex(2, 2));
        // Dilation 2: effective 5; padded length 5 + 3 + 0 = 8 -> (8 - 5) / 1 + 1 = 4 outputs.
        assertEquals(4, Window.explicit(5, 3, 1, 2, 3, 0).out());
        // Zero explicit padding is VALID; the five-argument constructor builds exactly that.
        assertEquals(new Window(7, 3, 2, 1, Padding.VALID).out(), new Window(7, 3, 2, 1, Padding.EXPLICIT).out());
        assertEquals(Window.explicit(7, 3, 2, 1, 0, 0), new Window(7, 3, 2, 1, Padding.EXPLICIT));
    }

    @Test
    void poolFactoryUnchanged() {
        Window w = Window.pool(9, 3, 2, Padding.SAME);
        assertEquals(new Window(9, 3, 2, 1, Padding.SAME), w);
        assertEquals(5, w.out());
        assertEquals(1, w.padBefore());
        assertEquals(1, w.padAfter());
    }

    @Test
    void rejectsBadGeometry() {
        assertThrows(IllegalArgumentException.class, () -> Window.explicit(5, 3, 1, 1, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> Window.explicit(2, 5, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Window(3, 5, 1, 1, Padding.EXPLICIT));
        assertThrows(IllegalArgumentException.class, () -> new Window(3, 5, 1, 1, Padding.VALID));
        assertThrows(IllegalArgumentException.class, () -> new Window(5, 3, 1, 1, Padding.SAME, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Window(5, 3, 1, 1, Padding.VALID, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Window(5, 3, 0, 1, Padding.SAME));
        assertThrows(IllegalArgumentException.class, () -> new Window(5, 3, 1, 1, null));
    }
}
