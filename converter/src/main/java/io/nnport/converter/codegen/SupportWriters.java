package io.nnport.converter.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.ModelCli;
import io.nnport.runtime.Parity;
import io.nnport.runtime.Tensors;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.lang.model.element.Modifier;

/**
 * The classes around a generated model: its command line ({@code <Name>Main}), its JUnit test
 * against reference outputs ({@code <Name>ModelTest}) and its JMH benchmark ({@code <Name>Benchmark}).
 */
public final class SupportWriters {

    private static final ClassName TEST = ClassName.get("org.junit.jupiter.api", "Test");
    private static final ClassName PARAMETERIZED_TEST = ClassName.get("org.junit.jupiter.params", "ParameterizedTest");
    private static final ClassName VALUE_SOURCE = ClassName.get("org.junit.jupiter.params.provider", "ValueSource");
    private static final ClassName ASSERTIONS = ClassName.get("org.junit.jupiter.api", "Assertions");
    private static final String JMH = "org.openjdk.jmh.annotations";

    private SupportWriters() {}

    /** Reference files: {@code reference/b<batch>_in<i>.npy} and {@code reference/b<batch>_out<o>.npy}. */
    public static String referenceFile(int batch, boolean input, int index) {
        return "reference/b" + batch + (input ? "_in" : "_out") + index + ".npy";
    }

    /** {@code <Name>Main}: the model jar's entry point (predict, info, bench). */
    public static JavaFile main(ModelNames names) {
        ClassName model = ClassName.get(names.javaPackage(), names.modelClass());
        TypeSpec type = TypeSpec.classBuilder(names.mainClass())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("The model jar's command line: {@code predict}, {@code info}, {@code bench} (see {@link $T}).\n",
                        ModelCli.class)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethod(MethodSpec.methodBuilder("main")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addParameter(String[].class, "args")
                        .addStatement("$T.exit(new $T($S, $T::load, $T.DEFAULT_THREADS, $T.out, $T.err).run(args))",
                                System.class, ModelCli.class, names.modelName(), model, model, System.class, System.class)
                        .build())
                .build();
        return file(names, type);
    }

    /**
     * {@code <Name>ModelTest}: the model against reference outputs computed at conversion time by
     * the reference interpreter, at each batch size in {@code batches}.
     */
    public static JavaFile test(ModelNames names, List<Integer> batches) {
        ClassName model = ClassName.get(names.javaPackage(), names.modelClass());
        ClassName self = ClassName.get(names.javaPackage(), names.testClass());
        CodeBlock.Builder sizes = CodeBlock.builder();
        for (int i = 0; i < batches.size(); i++) {
            sizes.add(i == 0 ? "$L" : ", $L", batches.get(i));
        }
        MethodSpec matches = MethodSpec.methodBuilder("matchesReferenceOutputs")
                .addAnnotation(AnnotationSpec.builder(PARAMETERIZED_TEST).addMember("name", "$S", "batch {0}").build())
                .addAnnotation(AnnotationSpec.builder(VALUE_SOURCE).addMember("ints", "{$L}", sizes.build()).build())
                .addParameter(int.class, "batch")
                .addException(IOException.class)
                .addStatement("$T.assertNull($T.checkReferences($T.load(), $T.class, batch))", ASSERTIONS, Parity.class,
                        model, self)
                .build();
        MethodSpec load = MethodSpec.methodBuilder("loadsAndDescribesItself")
                .addAnnotation(TEST)
                .addStatement("$T model = $T.load()", ConvertedModel.class, model)
                .addStatement("$T.assertFalse(model.describe().isEmpty())", ASSERTIONS)
                .addStatement("$T.assertFalse(model.outputs().isEmpty())", ASSERTIONS)
                .build();
        TypeSpec type = TypeSpec.classBuilder(names.testClass())
                .addJavadoc("The model against reference outputs the converter computed with its reference interpreter\n"
                        + "({@link $T#checkReferences}: tolerance {@link $T#TOLERANCE} relative to the largest reference\n"
                        + "magnitude, same arg max, inputs unmodified).\n", Parity.class, Parity.class)
                .addMethod(matches)
                .addMethod(load)
                .build();
        return file(names, type);
    }

    /** {@code <Name>Benchmark}: JMH average time of one prediction at each batch size. */
    public static JavaFile benchmark(ModelNames names, List<Integer> batches) {
        ClassName model = ClassName.get(names.javaPackage(), names.modelClass());
        ClassName state = ClassName.get(JMH, "State");
        ClassName scope = ClassName.get(JMH, "Scope");
        String[] batchValues = batches.stream().map(String::valueOf).toArray(String[]::new);
        CodeBlock.Builder params = CodeBlock.builder().add("{");
        for (int i = 0; i < batchValues.length; i++) {
            params.add(i == 0 ? "$S" : ", $S", batchValues[i]);
        }
        params.add("}");
        MethodSpec setup = MethodSpec.methodBuilder("setUp")
                .addAnnotation(ClassName.get(JMH, "Setup"))
                .addModifiers(Modifier.PUBLIC)
                .addStatement("model = $T.load()", model)
                .addStatement("inputs = $T.seededInputs(model.inputs(), batch, 42)", Tensors.class)
                .addStatement("outputs = $T.newArrays(model.outputs(), batch)", Tensors.class)
                .build();
        TypeSpec type = TypeSpec.classBuilder(names.benchmarkClass())
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Average time of one {@code predict} at each batch size, seeded input, one fork with the Vector API.\n")
                .addAnnotation(AnnotationSpec.builder(state).addMember("value", "$T.Benchmark", scope).build())
                .addAnnotation(AnnotationSpec.builder(ClassName.get(JMH, "BenchmarkMode"))
                        .addMember("value", "$T.AverageTime", ClassName.get(JMH, "Mode")).build())
                .addAnnotation(AnnotationSpec.builder(ClassName.get(JMH, "OutputTimeUnit"))
                        .addMember("value", "$T.MILLISECONDS", TimeUnit.class).build())
                .addAnnotation(AnnotationSpec.builder(ClassName.get(JMH, "Fork"))
                        .addMember("value", "1").addMember("jvmArgsAppend", "$S", "--add-modules=jdk.incubator.vector").build())
                .addAnnotation(AnnotationSpec.builder(ClassName.get(JMH, "Warmup")).addMember("iterations", "5").build())
                .addAnnotation(AnnotationSpec.builder(ClassName.get(JMH, "Measurement")).addMember("iterations", "5").build())
                .addField(FieldSpec.builder(int.class, "batch").addAnnotation(AnnotationSpec.builder(ClassName.get(JMH, "Param"))
                        .addMember("value", "$L", params.build()).build()).build())
                .addField(FieldSpec.builder(model, "model", Modifier.PRIVATE).build())
                .addField(FieldSpec.builder(Object[].class, "inputs", Modifier.PRIVATE).build())
                .addField(FieldSpec.builder(Object[].class, "outputs", Modifier.PRIVATE).build())
                .addMethod(setup)
                .addMethod(MethodSpec.methodBuilder("predict")
                        .addAnnotation(ClassName.get(JMH, "Benchmark"))
                        .addModifiers(Modifier.PUBLIC)
                        .returns(Object[].class)
                        .addStatement("model.run(inputs, batch, outputs)")
                        .addStatement("return outputs")
                        .build())
                .build();
        return file(names, type);
    }

    private static JavaFile file(ModelNames names, TypeSpec type) {
        return JavaFile.builder(names.javaPackage(), type)
                .addFileComment("$L", names.fileComment())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }
}
