package io.nnport.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.KernelContext;
import io.nnport.kernels.Padding;
import io.nnport.kernels.Simd;
import io.nnport.kernels.Window;
import io.nnport.kernels.conv.Conv;
import io.nnport.kernels.conv.PackedConv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without jdk.incubator.vector in the boot layer, GEMM and convolution run their scalar twins: no
 * NoClassDefFoundError, one notice on stderr. Checked in a child JVM started without the module
 * (whatever this JVM has), running {@link #main}.
 */
class ScalarFallbackTest {

    @Test
    void runsScalarWithOneNoticeWithoutTheVectorModule() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = Files.createTempFile("nnport-scalar", ".err");
        try {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ScalarFallbackTest.class.getName())
                    .redirectError(err.toFile())
                    .start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
            List<String> stderr = Files.readAllLines(err, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), "child failed: " + out + stderr);
            assertTrue(out.contains("scalar SCALAR 7.5 12.0"), "child output: " + out);
            long notices = stderr.stream().filter(line -> line.contains("jdk.incubator.vector is not available")).count();
            assertEquals(1, notices, "stderr: " + stderr);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** The child: one GEMM and one convolution through the facades; prints the path and two results. */
    public static void main(String[] args) {
        float[] a = {1, 2, 3};
        float[] b = {1, 0, 2};
        PackedB packed = Gemm.packB(b, 0, 3, 1);
        float[] c = new float[1];
        Gemm.gemm(1, a, 0, 3, packed, c, 0, 1, Epilogue.bias(new float[] {0.5f}).then(Activation.RELU, 0f),
                KernelContext.serial(new float[Gemm.scratchFloats(1, 3, Team.SERIAL)]));
        PackedConv conv = Conv.pack1d(new float[] {1, 1, 1}, 0, new Window(4, 3, 1, 1, Padding.VALID), 1, 1);
        float[] out = new float[2];
        Conv.conv1d(new float[] {1, 2, 3, 4}, 0, 1, conv, Epilogue.NONE, out, 0, KernelContext.serial(new float[16]));
        System.out.println(Simd.describe().split(" ")[0] + " " + GemmVariant.DEFAULT + " " + c[0] + " "
                + (out[0] + out[1] - 3f));
    }
}
