package io.nnport.converter.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

class JavaNamesTest {

    @Test
    void tensorFlowNamesBecomeReadableIdentifiers() {
        assertEquals("dense2MatMul", JavaNames.identifier("dense_2/MatMul"));
        assertEquals("sequentialConv1dConv1DExpandDims", JavaNames.identifier("sequential/conv1d/Conv1D/ExpandDims"));
        assertEquals("v1x1Conv", JavaNames.identifier("1x1 conv"));
        assertEquals("class_", JavaNames.identifier("class"));
        assertEquals("value", JavaNames.identifier("////"));
        assertEquals("caf", JavaNames.identifier("café"));
        assertEquals("CharCnn", JavaNames.typeName("char-cnn"));
    }

    @Test
    void pyTorchModulePathsDropTheSegmentsTheNextOneExtends() {
        assertEquals("features1Conv00Conv", JavaNames.identifier("/features/features.1/conv/conv.0/conv.0.0/Conv"));
        assertEquals("layer1Block0Relu", JavaNames.identifier("/layer1/block.0/Relu"));
        assertEquals("convConvolution", JavaNames.identifier("conv/convolution"));
    }

    @Test
    void claimedNamesAreUniqueAndAvoidReservedOnes() {
        JavaNames scope = new JavaNames("input", "batch");
        assertEquals("input2", scope.claim("input"));
        assertEquals("dense", scope.claim("dense"));
        assertEquals("dense2", scope.claim("dense"));
        assertEquals("dense3", scope.claim("dense!"));
    }

    @Test
    void hostileNamesNeverYieldInvalidIdentifiersOrEscapeComments() {
        Random random = new Random(11);
        String alphabet = "aZ09_/:.-*\\u{}\n\r\t\"'<>;()é\u2028\u0000 ";
        for (int i = 0; i < 5000; i++) {
            StringBuilder raw = new StringBuilder();
            for (int j = random.nextInt(80); j > 0; j--) {
                raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String id = JavaNames.identifier(raw.toString());
            assertTrue(SourceVersion.isIdentifier(id) && !SourceVersion.isKeyword(id), id);
            assertTrue(id.chars().allMatch(c -> c < 128), id);
            assertTrue(id.length() <= JavaNames.MAX_IDENTIFIER_LENGTH + 2, id);
            String comment = JavaNames.comment(raw.toString());
            assertFalse(comment.contains("*/") || comment.contains("\\") || comment.contains("\n")
                    || comment.contains("\r") || comment.chars().anyMatch(c -> c > 0x7e), comment);
        }
        assertEquals("evil * /x", JavaNames.comment("evil */x"));
        assertEquals("?u000a", JavaNames.comment("\\u000a"));
    }

    @Test
    void packageNamesAreCheckedNotRepaired() {
        assertEquals("io.nnport.models", JavaNames.packageNameOrNull("io.nnport.models"));
        assertNull(JavaNames.packageNameOrNull("io..models"));
        assertNull(JavaNames.packageNameOrNull("io.class.x"));
        assertNull(JavaNames.packageNameOrNull("Io.Models"));
    }
}
