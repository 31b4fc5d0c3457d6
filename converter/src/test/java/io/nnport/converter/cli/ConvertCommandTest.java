package io.nnport.converter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nnport.converter.testing.TestGraphs;
import io.nnport.runtime.FileSystemMessages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The converter's command line: one clear line and exit code 2 for bad input, nothing written. */
class ConvertCommandTest {

    @TempDir
    Path dir;

    private String stdout;
    private String stderr;

    private int run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return ConvertCommand.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            stdout = out.toString(StandardCharsets.UTF_8);
            stderr = err.toString(StandardCharsets.UTF_8);
        }
    }

    private Path outDir() {
        return dir.resolve("out");
    }

    private boolean outputEmpty() throws IOException {
        if (!Files.exists(outDir())) {
            return true;
        }
        try (Stream<Path> s = Files.list(outDir())) {
            return s.findAny().isEmpty();
        }
    }

    private void assertOneLineError(String expectedPart) throws IOException {
        assertTrue(stderr.startsWith("error: "), stderr);
        assertTrue(stderr.contains(expectedPart), stderr);
        assertEquals(1, stderr.strip().lines().count(), "one line: " + stderr);
        assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);
        assertTrue(outputEmpty(), "nothing written");
    }

    @Test
    void convertsAndRefusesToOverwriteWithoutForce() throws IOException {
        Path pb = dir.resolve("mlp.pb");
        Files.write(pb, TestGraphs.mlp(1, "Tanh").builder().bytes());
        assertEquals(0, run(pb.toString(), "-o", outDir().toString()), stderr);
        assertTrue(stdout.contains("mlp: 2 layers"), stdout);
        Path model = outDir().resolve("mlp");
        for (String f : new String[] {"mlp.jar", "report.md", "report.json", "src/pom.xml"}) {
            assertTrue(Files.exists(model.resolve(f)), f);
        }
        assertEquals(2, run(pb.toString(), "-o", outDir().toString()));
        assertTrue(stderr.contains("already exists (pass --force to replace it)"), stderr);
        assertEquals(0, run(pb.toString(), "-o", outDir().toString(), "--force", "--source-only"), stderr);
        assertFalse(Files.exists(model.resolve("mlp.jar")), "--source-only writes no jar");
    }

    @Test
    void fileThatIsNotAGraphDefIsOneLineAndExitTwo() throws IOException {
        Path garbage = dir.resolve("garbage.pb");
        Files.writeString(garbage, "this is not a protobuf \u0000\u0001 at all {");
        assertEquals(2, run(garbage.toString(), "-o", outDir().toString()));
        assertOneLineError("garbage.pb");
    }

    @Test
    void shapeThatDoesNotFitIsOneLineAndExitTwo() throws IOException {
        Path pb = dir.resolve("mlp.pb");
        Files.write(pb, TestGraphs.mlp(1, "Tanh").builder().bytes());
        assertEquals(2, run(pb.toString(), "-o", outDir().toString(), "--input", "x=-1,21"));
        assertOneLineError("does not fit the placeholder's declared shape [?,20]");

        // A placeholder of unknown width accepts the shape; the MatMul it feeds does not.
        TestGraphs open = new TestGraphs(2);
        String x = open.builder().input("x", open.random(io.nnport.ir.Shape.of(1, 20), 1f),
                io.nnport.ir.Shape.of(-1, -1));
        open.dense("dense", x, 20, 4, "Relu");
        Files.write(pb, open.builder().bytes());
        assertEquals(2, run(pb.toString(), "-o", outDir().toString(), "--input", "x=-1,21"));
        assertOneLineError("dense/MatMul");
    }

    @Test
    void tensorClaimingMoreBytesThanTheFileHoldsIsOneLineAndExitTwo() throws IOException {
        byte[] good = TestGraphs.mlp(1, "Tanh").builder().bytes();
        Path pb = dir.resolve("cut.pb");
        Files.write(pb, java.util.Arrays.copyOf(good, good.length - 40));
        assertEquals(2, run(pb.toString(), "-o", outDir().toString()));
        assertOneLineError("cut.pb");
    }

    @Test
    void outputPathThatIsOrCrossesARegularFileSaysNotADirectory() throws IOException {
        Path pb = Files.write(dir.resolve("mlp.pb"), TestGraphs.mlp(1, "Tanh").builder().bytes());
        Path file = Files.writeString(dir.resolve("taken"), "keep me");
        for (Path o : List.of(file, file.resolve("sub"))) {
            assertEquals(2, run(pb.toString(), "-o", o.toString()), o.toString());
            assertEquals("error: " + file + ": not a directory", stderr.strip());
        }
        assertEquals("keep me", Files.readString(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("mlp.pb", "taken"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "nothing written");
        }
    }

    @Test
    void modelPathThatIsADirectorySaysNoFrontEndReadsIt() throws IOException {
        Path model = Files.createDirectory(dir.resolve("saved_model"));
        assertEquals(2, run(model.toString(), "-o", outDir().toString()));
        assertOneLineError(model + ": is a directory, and no front end reads it as a model");
    }

    @Test
    void fileSystemErrorsSayWhatTheOsSaid() {
        // Tests run as root, where permissions are not enforced: the mapping is checked on its own.
        assertEquals("/ro/out: permission denied", FileSystemMessages.describe(new AccessDeniedException("/ro/out")));
        assertEquals("/a/b: not a directory", FileSystemMessages.describe(new FileSystemException("/a/b", null, "Not a directory")));
        assertEquals("/a: is a directory", FileSystemMessages.describe(new FileSystemException("/a", null, "Is a directory")));
        assertEquals("/m: read-only file system",
                FileSystemMessages.describe(new FileSystemException("/m", null, "Read-only file system")));
        assertEquals("/f: exists and is not a directory", FileSystemMessages.describe(new FileAlreadyExistsException("/f")));
        assertEquals("/x: no such file or directory", FileSystemMessages.describe(new NoSuchFileException("/x")));
    }

    @Test
    void aPlaceholderDimensionOf2147483647IsRefusedBeforeCodeIsGenerated() throws IOException {
        TestGraphs t = new TestGraphs(6);
        t.builder().node("x", "Placeholder").attr("dtype", io.nnport.ir.DType.FLOAT32)
                .attr("shape", io.nnport.ir.Shape.of(Integer.MAX_VALUE, 4)).done();
        t.op("y", "Relu", "x");
        Path pb = Files.write(dir.resolve("huge.pb"), t.builder().bytes());
        assertEquals(2, run(pb.toString(), "-o", outDir().toString()));
        assertOneLineError("huge.pb: value 'x' [2147483647,4] holds 8589934588 elements, more than one Java array holds (2147483639)");
    }

    @Test
    void missingFileIsOneLineAndExitTwo() throws IOException {
        assertEquals(2, run(dir.resolve("nope.pb").toString(), "-o", outDir().toString()));
        assertOneLineError("no such file");
    }

    @Test
    void unsupportedOpsAreListedWithNodeNames() throws IOException {
        TestGraphs t = new TestGraphs(5);
        String x = t.input("x", 4);
        t.builder().node("weird", "Erf").input(x).attr("T", io.nnport.ir.DType.FLOAT32).done();
        Path pb = dir.resolve("weird.pb");
        Files.write(pb, t.builder().bytes());
        assertEquals(2, run(pb.toString(), "-o", outDir().toString()));
        assertOneLineError("Erf");
        assertTrue(stderr.contains("weird"), stderr);
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() throws IOException {
        Path pb = dir.resolve("mlp.pb");
        Files.write(pb, TestGraphs.mlp(1, "Tanh").builder().bytes());
        assertEquals(2, run(pb.toString(), "-o", outDir().toString(), "--input", "x=1,zero"));
        assertOneLineError("--input x=1,zero");
        assertEquals(2, run(pb.toString(), "-o", outDir().toString(), "--package", "Not.A.Package"));
        assertOneLineError("is not a Java package name");
        assertEquals(2, run(pb.toString(), "-o", outDir().toString(), "--name", "../evil"));
        assertOneLineError("model name");
        assertEquals(2, run(pb.toString(), "-o", outDir().toString(), "--threads", "0"));
        assertOneLineError("--threads");
        assertEquals(2, run(pb.toString(), "--bogus"));
        assertTrue(stderr.contains("Unknown option"), stderr);
    }

    /** True when javac would see a unicode escape: a backslash-u after an even run of backslashes (JLS 3.3). */
    private static boolean hasUnicodeEscape(String source) {
        for (int i = source.indexOf("\\u"); i >= 0; i = source.indexOf("\\u", i + 1)) {
            int backslashes = 0;
            for (int j = i - 1; j >= 0 && source.charAt(j) == '\\'; j--) {
                backslashes++;
            }
            if (backslashes % 2 == 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void hostileNodeNamesNeverReachTheSourceRaw() throws IOException {
        TestGraphs t = new TestGraphs(6);
        String x = t.builder().input("in*/\\u000a class", t.random(io.nnport.ir.Shape.of(1, 4), 1f),
                io.nnport.ir.Shape.of(-1, 4));
        t.op("tanh\"; System.exit(1); //", "Tanh", x);
        Path pb = dir.resolve("hostile.pb");
        Files.write(pb, t.builder().bytes());
        assertEquals(0, run(pb.toString(), "-o", outDir().toString()), stderr);
        String source = Files.readString(outDir().resolve("hostile/src/src/main/java/io/nnport/models/HostileModel.java"));
        assertFalse(hasUnicodeEscape(source), "javac would read a unicode escape from a name");
        for (String line : source.lines().toList()) {
            if (line.contains("System.exit(1)")) {
                assertTrue(line.strip().startsWith("//") || line.strip().startsWith("*") || line.contains("\"tanh\\\"; System.exit(1); //\""),
                        "the name appears only in a comment or as an escaped string literal: " + line);
            }
        }
    }
}
