package io.nnport.kernels.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class UserMessagesTest {

    @Test
    void acceptsOneLineInWordsWhateverItQuotes() {
        UserMessages.assertClean("m.pb: node 'a\\nb' (MatMul): inner dimensions differ: [?,784] x [100,10]");
        UserMessages.assertClean("m.pb: node 'x[I@5e91993f java.lang.Foo' (Conv2D): expects 2 inputs, has 1");
        UserMessages.assertClean("m.pb: unsupported ops: PlException (1 node: x)");
    }

    @Test
    void refusesLineBreaksIdentitiesRecordsAndClassNames() {
        for (String leak : new String[] {"two\nlines", "shape=[I@5e91993f", "Unsupported[reason=dtype]",
                "at io.nnport.ir.Shape.of", "java.lang.NullPointerException", ""}) {
            assertThrows(AssertionFailedError.class, () -> UserMessages.assertClean(leak), leak);
        }
    }
}
