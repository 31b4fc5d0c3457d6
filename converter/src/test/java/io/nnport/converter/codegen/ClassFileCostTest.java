package io.nnport.converter.codegen;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import io.nnport.converter.ConversionOptions;
import io.nnport.converter.Converter;
import io.nnport.converter.jar.InProcessCompiler;
import io.nnport.converter.jar.ModelJarWriter;
import io.nnport.converter.testing.TestGraphs;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClassFileCost}'s estimates against what javac writes: for every class of a model the
 * layout splits into part classes, the estimate of its source bounds its constant pool and its
 * bytecode, and every method of layers stays under the layout's target size.
 */
class ClassFileCostTest {

    @TempDir
    Path dir;

    /** What the class file of one class holds: constant-pool entries, and code bytes per method name. */
    private record ClassFacts(int constants, Map<String, Integer> methodCode) {
        long totalCode() {
            return methodCode.values().stream().mapToLong(Integer::longValue).sum();
        }
    }

    @Test
    void estimatesBoundTheCompiledClassesOfASplitModel() throws Exception {
        TestGraphs t = new TestGraphs(12);
        String x = t.input("x", 8);
        String h = x;
        for (int u = 0; u < 1500; u++) {
            String scaled = t.op("unit" + u + "/Mul", "Mul", t.op("unit" + u + "/Tanh", "Tanh", h),
                    t.constant("unit" + u + "/scale", 8));
            h = t.op("unit" + u + "/add", "AddV2", scaled, x);
        }
        Path pb = dir.resolve("split.pb");
        Files.write(pb, t.builder().bytes());
        List<JavaFile> sources = Converter.generate(ConversionOptions.of(pb, dir.resolve("out"))).mainSources();
        List<InProcessCompiler.Source> units = new ArrayList<>();
        for (JavaFile f : sources) {
            units.add(new InProcessCompiler.Source(f.packageName() + "." + f.typeSpec().name(), f.toString()));
        }
        Map<String, byte[]> classes = InProcessCompiler.compile(units, ModelJarWriter.runtimeLocations());
        int parts = 0;
        for (JavaFile f : sources) {
            String name = f.typeSpec().name();
            ClassFacts facts = read(classes.get(f.packageName().replace('.', '/') + "/" + name + ".class"));
            ClassFileCost.Cost estimate = ClassFileCost.of(f.toString());
            assertTrue(estimate.constants() >= facts.constants(),
                    name + ": estimated " + estimate.constants() + " constants, javac wrote " + facts.constants());
            assertTrue(estimate.bytecode() >= facts.totalCode(),
                    name + ": estimated " + estimate.bytecode() + " bytes of code, javac wrote " + facts.totalCode());
            if (name.contains("Part")) {
                parts++;
                facts.methodCode().forEach((method, code) -> assertTrue(!method.startsWith("layers")
                        || code <= ClassLayout.METHOD_BYTES, name + "." + method + ": " + code + " bytes"));
            }
        }
        assertTrue(parts >= 2, "the model is split into part classes: " + parts);
    }

    @Test
    void aStringTooLongForAClassFileIsRefused() {
        String literal = "\"" + "\u00e9".repeat(40_000) + "\""; // two bytes each in modified UTF-8
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> ClassFileCost.of(literal));
        assertTrue(e.getMessage().contains("80000 bytes"), e.getMessage());
        ClassFileCost.of("\"" + "a".repeat(65_535) + "\""); // the most a string constant holds
    }

    /** Reads the constant-pool size and each method's code length from a class file. */
    private static ClassFacts read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        in.skipBytes(8); // magic, minor and major version
        int count = in.readUnsignedShort();
        Map<Integer, String> utf8 = new HashMap<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.put(i, in.readUTF());
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // long and double take two slots
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                default -> throw new IOException("constant tag " + tag);
            }
        }
        in.skipBytes(6); // access flags, this class, super class
        in.skipBytes(2 * in.readUnsignedShort()); // interfaces
        Map<String, Integer> code = new HashMap<>();
        for (int member = 0; member < 2; member++) { // fields, then methods
            int members = in.readUnsignedShort();
            for (int m = 0; m < members; m++) {
                in.skipBytes(2); // access flags
                String memberName = utf8.get(in.readUnsignedShort());
                in.skipBytes(2); // descriptor
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8.get(in.readUnsignedShort());
                    int length = in.readInt();
                    if (member == 1 && attribute.equals("Code")) {
                        in.skipBytes(4); // max stack, max locals
                        int codeLength = in.readInt();
                        code.merge(memberName, codeLength, Integer::sum);
                        in.skipBytes(length - 8);
                    } else {
                        in.skipBytes(length);
                    }
                }
            }
        }
        return new ClassFacts(count - 1, code);
    }
}
