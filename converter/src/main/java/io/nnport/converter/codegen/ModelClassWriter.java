package io.nnport.converter.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.nnport.converter.plan.BufferPlan;
import io.nnport.converter.plan.LayerPlanner;
import io.nnport.converter.plan.PlanValue;
import io.nnport.ir.DType;
import io.nnport.ir.layers.ConstantLayer;
import io.nnport.ir.layers.LayerGraph;
import io.nnport.ir.layers.LayerNode;
import io.nnport.ir.layers.Value;
import io.nnport.kernels.gemm.Team;
import io.nnport.runtime.Arguments;
import io.nnport.runtime.ConvertedModel;
import io.nnport.runtime.NpyArray;
import io.nnport.runtime.TensorSpec;
import io.nnport.runtime.WeightsReader;
import io.nnport.runtime.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code <Name>Model} class: weights as named fields packed at load, the buffer plan's
 * offsets as named constants, and a {@code predict} that reads like a hand-written forward pass,
 * one commented kernel call per layer. Everything it emits comes from the layer graph, the
 * {@link BufferPlan} and the {@link Lowering}s; it decides nothing about buffers itself.
 *
 * <p>Emission and layout are two steps: each layer first becomes a {@link LayerFragment} (its fields
 * and its call), then {@link ClassLayout} decides where fragments go, so a model too large for one
 * method or one class still compiles: its layers run in methods {@code layers0}, {@code layers1}, ...
 * of the model class or of package-private classes {@code <Name>ModelPart0}, ..., which hold the
 * fields and offset constants of their layers; the layer table then is a resource.
 */
public final class ModelClassWriter {

    /** Names the generated code uses for itself; layer identifiers never take them. */
    private static final String[] RESERVED = {"t", "ti", "w", "ws", "team", "batch", "threads",
        "workspaces", "inputs", "outputs", "load", "predict", "run", "describe", "out", "in", "n"};

    private static final ClassName TEAM = ClassName.get(Team.class);

    private final LayerGraph graph;
    private final ModelNames names;
    private final int defaultThreads;
    private final WeightTable weights = new WeightTable();
    private final List<LayerSummary> summaries = new ArrayList<>();
    private final Map<String, FieldSpec> offsetConstants = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();
    private final Map<LayerNode, Integer> layerIndex = new IdentityHashMap<>();
    /** The fields the layer being emitted declares. */
    private List<LayerFragment.Field> fields;
    private Locals locals;
    private BufferPlan plan;

    /** One layer as written, for the report. */
    public record LayerSummary(LayerNode node, String id, Lowering lowering, long flopsPerSample, long params,
                               boolean inPlace, boolean mutable, String storage) {}

    public ModelClassWriter(LayerGraph graph, ModelNames names, int defaultThreads) {
        this.graph = graph;
        this.names = names;
        this.defaultThreads = defaultThreads;
    }

    void addField(TypeName type, String name, CodeBlock init) {
        fields.add(new LayerFragment.Field(type, name, init));
    }

    /** The weights the model embeds, filled by the lowerings while {@link #write()} runs. */
    public WeightTable weightTable() {
        return weights;
    }

    /** The layer graph this class computes. */
    public LayerGraph graph() {
        return graph;
    }

    public BufferPlan plan() {
        return plan;
    }

    public List<LayerSummary> layers() {
        return summaries;
    }

    /**
     * Resources the model class reads besides its weights, by path in the jar: the layer table
     * when it is too long for a string constant.
     */
    public Map<String, byte[]> resources() {
        return resources;
    }

    /** Builds the model class, and the classes holding its layers when one class cannot. Call once. */
    public List<JavaFile> write() {
        requireArraySizedValues();
        Map<LayerNode, Lowering> lowerings = new IdentityHashMap<>();
        for (LayerNode node : graph.layers()) {
            lowerings.put(node, Lowerings.of(node.layer()));
        }
        plan = LayerPlanner.plan(graph, node -> lowerings.get(node).kernelInPlace(node));
        for (PlanValue.Arena arena : PlanValue.Arena.values()) {
            if (plan.peak(arena) > Arguments.MAX_ARRAY_LENGTH) {
                throw new UnsupportedLayerException("the intermediate values need an arena of " + plan.peak(arena)
                        + " elements per sample, more than one Java array holds (" + Arguments.MAX_ARRAY_LENGTH + ")");
            }
        }

        JavaNames scope = new JavaNames(RESERVED);
        Map<String, String> inputParams = new LinkedHashMap<>();
        for (Value input : graph.inputs()) {
            inputParams.put(input.name(), scope.claim(input.name()));
        }
        Map<LayerNode, String> ids = new IdentityHashMap<>();
        Map<LayerNode, String> labels = layerLabels(graph.layers());
        for (LayerNode node : graph.layers()) {
            ids.put(node, scope.claim(labels.get(node)));
        }

        // Offsets: one named constant per value placed in an arena.
        Map<String, Operand> operands = new HashMap<>();
        for (Value input : graph.inputs()) {
            operands.put(input.name(), new Operand(CodeBlock.of("$N", inputParams.get(input.name())), CodeBlock.of("0"),
                    input, false));
        }
        Map<String, String> offsetOf = new HashMap<>();
        for (LayerNode node : graph.layers()) {
            if (node.layer().traits().alias() || node.layer() instanceof ConstantLayer) {
                continue; // an alias reads its input's storage; a constant lives in its field
            }
            String id = ids.get(node);
            for (int o = 0; o < node.outputs().size(); o++) {
                Value value = graph.value(node.outputs().get(o));
                String constant = constantName(id) + (node.outputs().size() > 1 ? "_" + o : "");
                offsetConstants.put(constant, FieldSpec.builder(int.class, constant, Modifier.PRIVATE, Modifier.STATIC,
                                Modifier.FINAL)
                        .initializer("$L", plan.offset(value.name()))
                        .build());
                offsetOf.put(value.name(), constant);
                String array = plan.value(value.name()).arena() == PlanValue.Arena.FLOAT ? "t" : "ti";
                operands.put(value.name(), new Operand(CodeBlock.of("$N", array), CodeBlock.of("$N * batch", constant),
                        value, true));
            }
        }

        // Emission: one fragment per layer, its weights declared and its call written.
        Map<String, LayerFragment> constantFieldOf = new HashMap<>();
        List<LayerFragment> fragments = new ArrayList<>();
        for (LayerNode node : graph.layers()) {
            String id = ids.get(node);
            Lowering lowering = lowerings.get(node);
            List<Operand> ins = new ArrayList<>();
            for (String in : node.inputs()) {
                ins.add(operands.get(in));
            }
            if (node.layer().traits().alias()) {
                String source = node.inputs().get(0);
                Operand in = ins.get(0);
                String out = node.outputs().get(0);
                operands.put(out, new Operand(in.array(), in.offset(), graph.value(out), in.owned()));
                if (offsetOf.containsKey(source)) {
                    offsetOf.put(out, offsetOf.get(source));
                }
                if (constantFieldOf.containsKey(source)) {
                    constantFieldOf.put(out, constantFieldOf.get(source));
                }
            }
            List<Operand> outs = new ArrayList<>();
            for (String out : node.outputs()) {
                outs.add(operands.get(out));
            }
            boolean inPlace = plan.inPlace(node.name());
            LayerContext ctx = new LayerContext(node, id, ins, outs, inPlace, this);
            long paramsBefore = weights.params();
            fields = new ArrayList<>();
            lowering.declare(ctx);
            long params = weights.params() - paramsBefore;
            // A constant layer's output is its field: later layers read it there.
            for (int o = 0; o < node.outputs().size(); o++) {
                if (outs.get(o) == null) {
                    operands.put(node.outputs().get(o), new Operand(CodeBlock.of("$N", id), CodeBlock.of("0"),
                            graph.value(node.outputs().get(o)), false));
                }
            }
            CodeBlock call = lowering.call(ctx);
            boolean mutable = plan.mutable(node.name());
            String storage = storage(node);
            Set<String> offsets = new LinkedHashSet<>();
            List<LayerFragment> constantsRead = new ArrayList<>();
            for (String v : concat(node.inputs(), node.outputs())) {
                if (offsetOf.containsKey(v)) {
                    offsets.add(offsetOf.get(v));
                }
                if (node.inputs().contains(v) && constantFieldOf.containsKey(v)) {
                    constantsRead.add(constantFieldOf.get(v));
                }
            }
            LayerFragment fragment = new LayerFragment(node, id, JavaNames.comment(comment(node, id, inPlace, mutable, storage)),
                    call, List.copyOf(fields), lowering.scratchFloats(ctx), offsets, constantsRead);
            layerIndex.put(node, fragments.size());
            fragments.add(fragment);
            if (node.layer() instanceof ConstantLayer) {
                node.outputs().forEach(out -> constantFieldOf.put(out, fragment));
            }
            summaries.add(new LayerSummary(node, id, lowering, lowering.flopsPerSample(ctx), params, inPlace, mutable,
                    storage));
        }
        fields = null;

        ClassLayout.Layout layout = ClassLayout.of(fragments, graph.inputs().size());
        locals = new Locals(plan.peak(PlanValue.Arena.FLOAT) > 0, plan.peak(PlanValue.Arena.INT) > 0);
        boolean dynamicBatch = graph.inputs().stream().anyMatch(Value::batched);
        String layerTable = layerTable();
        boolean tableInline = layout.shape() != ClassLayout.Shape.CLASSES
                && ClassFileCost.modifiedUtf8Length(layerTable) <= ClassFileCost.MAX_STRING_BYTES;
        if (!tableInline) {
            resources.put(names.javaPackage().replace('.', '/') + "/" + layersResource(),
                    layerTable.getBytes(StandardCharsets.UTF_8));
        }

        ClassName self = ClassName.get(names.javaPackage(), names.modelClass());
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ConvertedModel.class);
        type.addJavadoc(classJavadoc(dynamicBatch));
        type.addField(FieldSpec.builder(int.class, "DEFAULT_THREADS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Intra-op threads {@link #load()} uses, chosen at conversion.\n")
                .initializer("$L", defaultThreads).build());
        type.addField(FieldSpec.builder(String.class, "WEIGHTS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$S", names.weightsResource()).build());
        type.addField(FieldSpec.builder(long.class, "ARENA_FLOATS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Peak float arena per batch sample (buffer plan); offsets below are in the same unit.\n")
                .initializer("$L", plan.peak(PlanValue.Arena.FLOAT)).build());
        type.addField(FieldSpec.builder(long.class, "ARENA_INTS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$L", plan.peak(PlanValue.Arena.INT)).build());
        List<JavaFile> files = new ArrayList<>();
        CodeBlock.Builder layers = CodeBlock.builder();
        CodeBlock.Builder load = CodeBlock.builder();
        CodeBlock.Builder scratch = CodeBlock.builder();
        List<FieldSpec> layerFields = new ArrayList<>();
        List<MethodSpec> layerMethods = new ArrayList<>();
        if (layout.shape() == ClassLayout.Shape.CLASSES) {
            Set<String> copyOut = new LinkedHashSet<>();
            graph.outputs().forEach(o -> {
                if (offsetOf.containsKey(o.value())) {
                    copyOut.add(offsetOf.get(o.value()));
                }
            });
            copyOut.forEach(c -> type.addField(offsetConstants.get(c)));
            graph.outputs().stream().map(o -> constantFieldOf.get(o.value())).filter(Objects::nonNull).distinct()
                    .forEach(c -> declare(c, layerFields, load, scratch)); // an output that is a constant: copied from here
            List<ClassLayout.Part> parts = layout.parts();
            for (int p = 0; p < parts.size(); p++) {
                ClassName partClass = ClassName.get(names.javaPackage(), names.modelClass() + "Part" + p);
                String field = "part" + p;
                files.add(javaFile(partClass(partClass, self, parts.get(p), inputParams)));
                layerFields.add(FieldSpec.builder(partClass, field, Modifier.PRIVATE, Modifier.FINAL).build());
                load.addStatement("$N = new $T(w, team)", field, partClass);
                for (ClassLayout.Segment segment : parts.get(p).segments()) {
                    layers.addStatement("$N.$N($L)", field, segmentName(segment), segmentArguments(inputParams));
                }
                if (parts.get(p).fragments().stream().anyMatch(f -> f.scratch() != null)) {
                    scratch.addStatement("s = $T.max(s, $N.scratchFloats(batch))", Math.class, field);
                }
            }
        } else {
            offsetConstants.values().forEach(type::addField);
            ClassLayout.Part part = layout.parts().get(0);
            for (LayerFragment f : part.fragments()) {
                declare(f, layerFields, load, scratch);
            }
            if (layout.shape() == ClassLayout.Shape.ONE_METHOD) {
                part.fragments().forEach(f -> layers.add(statements(f)));
            } else {
                for (ClassLayout.Segment segment : part.segments()) {
                    layers.addStatement("$N($L)", segmentName(segment), segmentArguments(inputParams));
                    layerMethods.add(segmentMethod(segment, inputParams, Modifier.PRIVATE));
                }
            }
        }
        type.addField(specsField("INPUTS", graph.inputs().stream().map(v -> spec(v.name(), v)).toList()));
        type.addField(specsField("OUTPUTS", graph.outputs().stream()
                .map(o -> spec(o.name(), graph.value(o.value()))).toList()));
        if (tableInline) {
            type.addField(FieldSpec.builder(String.class, "LAYERS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$S", layerTable).build());
        } else {
            type.addField(FieldSpec.builder(String.class, "LAYERS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The layer table ({@link #describe()}), a resource: too long for a string constant.\n")
                    .initializer("$S", layersResource()).build());
        }
        type.addField(FieldSpec.builder(TEAM, "team", Modifier.PRIVATE, Modifier.FINAL).build());
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(ThreadLocal.class, Workspace.class), "workspaces",
                Modifier.PRIVATE, Modifier.FINAL).build());
        layerFields.forEach(type::addField);

        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(WeightsReader.class, "w")
                .addParameter(int.class, "threads")
                .addStatement("team = $T.create(threads)", TEAM)
                .addCode(load.build())
                .addStatement("workspaces = $T.withInitial(() -> new $T(ARENA_FLOATS, ARENA_INTS, "
                        + "this::scratchFloats, team))", ThreadLocal.class, Workspace.class)
                .build());
        type.addMethod(MethodSpec.methodBuilder("load")
                .addJavadoc("Loads the model with {@link #DEFAULT_THREADS} intra-op threads.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addStatement("return load(DEFAULT_THREADS)")
                .build());
        type.addMethod(MethodSpec.methodBuilder("load")
                .addJavadoc("Loads the model, streaming its embedded weights into the kernels' packed layouts and checking\n"
                        + "their CRC32; {@code threads} intra-op threads share GEMM and convolution work (1: none).\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addParameter(int.class, "threads")
                .addStatement("return $T.load($T.class, WEIGHTS, w -> new $T(w, threads))", WeightsReader.class, self, self)
                .build());

        addPredictMethods(type, inputParams, operands, layers.build(),
                layout.shape() == ClassLayout.Shape.ONE_METHOD, dynamicBatch);
        layerMethods.forEach(type::addMethod);
        type.addMethod(scratchMethod(scratch.build(), Modifier.PRIVATE));
        type.addMethod(MethodSpec.methodBuilder("inputs").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(List.class, TensorSpec.class)).addStatement("return INPUTS").build());
        type.addMethod(MethodSpec.methodBuilder("outputs").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(List.class, TensorSpec.class)).addStatement("return OUTPUTS").build());
        MethodSpec.Builder describe = MethodSpec.methodBuilder("describe").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(String.class);
        if (tableInline) {
            describe.addStatement("return LAYERS");
        } else {
            describe.beginControlFlow("try ($T in = $T.requireNonNull($T.class.getResourceAsStream(LAYERS), LAYERS))",
                            InputStream.class, Objects.class, self)
                    .addStatement("return new $T(in.readAllBytes(), $T.UTF_8)", String.class, StandardCharsets.class)
                    .nextControlFlow("catch ($T e)", IOException.class)
                    .addStatement("throw new $T(e)", UncheckedIOException.class)
                    .endControlFlow();
        }
        type.addMethod(describe.build());

        files.add(0, javaFile(type.build()));
        return files;
    }

    /** Which of the workspace's arrays the layers' code reads: the locals each method of layers opens with. */
    private record Locals(boolean floats, boolean ints) {

        CodeBlock declarations() {
            CodeBlock.Builder b = CodeBlock.builder();
            if (floats) {
                b.addStatement("float[] t = ws.floats()");
            }
            if (ints) {
                b.addStatement("int[] ti = ws.ints()");
            }
            return b.build();
        }
    }

    private JavaFile javaFile(TypeSpec type) {
        return JavaFile.builder(names.javaPackage(), type)
                .addFileComment("$L", names.fileComment())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /** {@code CharcnnModel.layers.txt}. */
    private String layersResource() {
        return names.modelClass() + ".layers.txt";
    }

    /** Adds a fragment's fields, their loading and its scratch to the class being built. */
    private static void declare(LayerFragment f, List<FieldSpec> fields, CodeBlock.Builder load,
                                CodeBlock.Builder scratch) {
        for (LayerFragment.Field field : f.fields()) {
            fields.add(FieldSpec.builder(field.type(), field.name(), Modifier.PRIVATE, Modifier.FINAL).build());
            load.add(field.assignment());
        }
        if (f.scratch() != null) {
            scratch.addStatement("s = $T.max(s, $L)", Math.class, f.scratch());
        }
    }

    /** A layer's comment line and its call. */
    private static CodeBlock statements(LayerFragment f) {
        CodeBlock.Builder b = CodeBlock.builder().add("// $L\n", f.comment());
        if (!f.call().isEmpty()) {
            b.add(f.call());
        }
        return b.build();
    }

    private static String segmentName(ClassLayout.Segment segment) {
        return "layers" + segment.number();
    }

    private static CodeBlock segmentArguments(Map<String, String> inputParams) {
        List<CodeBlock> args = new ArrayList<>(List.of(CodeBlock.of("ws"), CodeBlock.of("batch")));
        inputParams.values().forEach(p -> args.add(CodeBlock.of("$N", p)));
        return CodeBlock.join(args, ", ");
    }

    /** A method running one segment's layers, reading and writing the workspace's arrays. */
    private MethodSpec segmentMethod(ClassLayout.Segment segment, Map<String, String> inputParams,
                                     Modifier... modifiers) {
        List<LayerFragment> run = segment.fragments();
        MethodSpec.Builder m = MethodSpec.methodBuilder(segmentName(segment))
                .addModifiers(modifiers)
                .addJavadoc("Layers $L to $L of the forward pass, {@code $L} to {@code $L}.\n",
                        summaryIndex(run.get(0)), summaryIndex(run.get(run.size() - 1)), run.get(0).id(),
                        run.get(run.size() - 1).id())
                .addParameter(Workspace.class, "ws")
                .addParameter(int.class, "batch");
        for (Value input : graph.inputs()) {
            m.addParameter(arrayType(input.dtype(), false), inputParams.get(input.name()));
        }
        m.addCode(locals.declarations());
        run.forEach(f -> m.addCode(statements(f)));
        return m.build();
    }

    private int summaryIndex(LayerFragment f) {
        return layerIndex.get(f.node());
    }

    private static MethodSpec scratchMethod(CodeBlock statements, Modifier... modifiers) {
        return MethodSpec.methodBuilder("scratchFloats")
                .addModifiers(modifiers)
                .returns(int.class)
                .addParameter(int.class, "batch")
                .addStatement("int s = 0")
                .addCode(statements)
                .addStatement("return s")
                .build();
    }

    /** A package-private class holding one part's layers: their fields, offsets, loading and calls. */
    private TypeSpec partClass(ClassName name, ClassName model, ClassLayout.Part part, Map<String, String> inputParams) {
        List<LayerFragment> own = part.fragments();
        Set<LayerFragment> members = Collections.newSetFromMap(new IdentityHashMap<>());
        members.addAll(own);
        Set<String> offsets = new LinkedHashSet<>();
        List<FieldSpec> fieldSpecs = new ArrayList<>();
        CodeBlock.Builder load = CodeBlock.builder().addStatement("this.team = team");
        CodeBlock.Builder scratch = CodeBlock.builder();
        Set<LayerFragment> shared = Collections.newSetFromMap(new IdentityHashMap<>());
        for (LayerFragment f : own) {
            offsets.addAll(f.offsets());
            for (LayerFragment c : f.constantsRead()) {
                if (!members.contains(c) && shared.add(c)) {
                    declare(c, fieldSpecs, load, scratch); // a constant another part loads too: read it again here
                }
            }
            declare(f, fieldSpecs, load, scratch);
        }
        TypeSpec.Builder type = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.FINAL)
                .addJavadoc("Layers $L to $L of {@link $T} ({@code $L} to {@code $L}): the model class cannot hold\n"
                        + "them all. Loaded by the model's constructor; its {@code predict} calls the methods in order.\n",
                        summaryIndex(own.get(0)), summaryIndex(own.get(own.size() - 1)), model, own.get(0).id(),
                        own.get(own.size() - 1).id());
        offsets.forEach(o -> type.addField(offsetConstants.get(o)));
        type.addField(FieldSpec.builder(TEAM, "team", Modifier.PRIVATE, Modifier.FINAL).build());
        fieldSpecs.forEach(type::addField);
        type.addMethod(MethodSpec.constructorBuilder()
                .addParameter(WeightsReader.class, "w")
                .addParameter(TEAM, "team")
                .addCode(load.build())
                .build());
        for (ClassLayout.Segment segment : part.segments()) {
            type.addMethod(segmentMethod(segment, inputParams));
        }
        if (!scratch.isEmpty()) {
            type.addMethod(scratchMethod(scratch.build()));
        }
        return type.build();
    }

    /**
     * Every value (per sample when batched) must fit one Java array, since the generated code
     * sizes and indexes it with int arithmetic: a larger dimension would give code that does not
     * compile, or overflows at run time. Checked before anything is planned or generated.
     */
    private void requireArraySizedValues() {
        for (Value v : graph.values().values()) {
            long elements;
            try {
                elements = v.elementsPerSample();
            } catch (ArithmeticException e) {
                elements = Long.MAX_VALUE;
            }
            if (elements > Arguments.MAX_ARRAY_LENGTH) {
                throw new UnsupportedLayerException("value '" + v.name() + "' " + v.shape() + " holds "
                        + (elements == Long.MAX_VALUE ? "more than 2^63" : Long.toString(elements))
                        + " elements, more than one Java array holds (" + Arguments.MAX_ARRAY_LENGTH + ")");
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void addPredictMethods(TypeSpec.Builder type, Map<String, String> inputParams, Map<String, Operand> operands,
                                   CodeBlock layers, boolean inline, boolean dynamicBatch) {
        List<LayerGraph.Output> outputs = graph.outputs();
        JavaNames outNames = new JavaNames(inputParams.values().toArray(String[]::new));
        for (String r : RESERVED) {
            outNames.claim(r);
        }
        List<String> outParams = new ArrayList<>();
        for (LayerGraph.Output o : outputs) {
            outParams.add(outputs.size() == 1 ? "out" : outNames.claim(o.name()));
        }

        MethodSpec.Builder predict = MethodSpec.methodBuilder("predict")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Runs the model" + (dynamicBatch ? " on {@code batch} samples" : "")
                        + ", writing every output array (never reading it). Inputs are\nnever modified. "
                        + "Allocates nothing once this thread has seen a batch this large. Thread-safe.\n");
        CodeBlock.Builder checks = CodeBlock.builder();
        if (dynamicBatch) {
            checks.addStatement("$T.requireBatch(batch)", Arguments.class);
        }
        for (Value input : graph.inputs()) {
            String p = inputParams.get(input.name());
            predict.addParameter(arrayType(input.dtype(), false), p);
            checks.addStatement("$T.requireLength($S, $N, $L)", Arguments.class, p, p,
                    operands.get(input.name()).elements());
        }
        if (dynamicBatch) {
            predict.addParameter(int.class, "batch");
        }
        for (int o = 0; o < outputs.size(); o++) {
            Value v = graph.value(outputs.get(o).value());
            predict.addParameter(arrayType(v.dtype(), true), outParams.get(o));
            checks.addStatement("$T.requireLength($S, $N, $L)", Arguments.class, outParams.get(o), outParams.get(o),
                    new Operand(null, null, v, false).elements());
        }
        predict.addCode(checks.build());
        if (!dynamicBatch) {
            predict.addStatement("int batch = 1");
        }
        predict.addStatement("$T ws = workspaces.get().ensure(batch)", Workspace.class);
        if (inline) {
            predict.addCode(locals.declarations());
            predict.addCode(layers);
        } else {
            predict.addCode(layers);
            predict.addCode(locals.declarations());
        }
        predict.addCode("// copy out\n");
        for (int o = 0; o < outputs.size(); o++) {
            Operand src = operands.get(outputs.get(o).value());
            if (src.value().dtype() == DType.INT64) {
                predict.addStatement("$T.copy($L, $L, 0, $L)", Arguments.class, src.arrayAndOffset(), outParams.get(o),
                        src.elements());
            } else {
                predict.addStatement("$T.arraycopy($L, $N, 0, $L)", System.class, src.arrayAndOffset(), outParams.get(o),
                        src.elements());
            }
        }
        type.addMethod(predict.build());

        if (outputs.size() == 1) {
            Value v = graph.value(outputs.get(0).value());
            MethodSpec.Builder convenient = MethodSpec.methodBuilder("predict")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(arrayType(v.dtype(), true))
                    .addJavadoc("Runs the model and returns its output in a new array.\n");
            List<String> args = new ArrayList<>();
            for (Value input : graph.inputs()) {
                String p = inputParams.get(input.name());
                convenient.addParameter(arrayType(input.dtype(), false), p);
                args.add(p);
            }
            if (dynamicBatch) {
                convenient.addParameter(int.class, "batch");
                args.add("batch");
            }
            TypeName element = ((ArrayTypeName) arrayType(v.dtype(), true)).componentType();
            if (v.batched()) {
                // Checked before allocating: a batch below 1, or one whose output overflows an int,
                // is the documented IllegalArgumentException, not a negative or wrapped array size.
                convenient.addStatement("$T out = new $T[$T.arrayLength($S, $L, batch, 0)]", arrayType(v.dtype(), true),
                        element, Arguments.class, "out", v.elementsPerSample());
            } else {
                convenient.addStatement("$T out = new $T[$L]", arrayType(v.dtype(), true), element,
                        new Operand(null, null, v, false).elements());
            }
            args.add("out");
            convenient.addStatement("predict($L)", String.join(", ", args));
            convenient.addStatement("return out");
            type.addMethod(convenient.build());
        }

        MethodSpec.Builder run = MethodSpec.methodBuilder("run")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(Object[].class, "inputs")
                .addParameter(int.class, "batch")
                .addParameter(Object[].class, "outputs");
        List<CodeBlock> args = new ArrayList<>();
        for (int i = 0; i < graph.inputs().size(); i++) {
            args.add(CodeBlock.of("($T) inputs[$L]", arrayType(graph.inputs().get(i).dtype(), false), i));
        }
        if (dynamicBatch) {
            args.add(CodeBlock.of("batch"));
        } else {
            run.beginControlFlow("if (batch != 1)")
                    .addStatement("throw new $T($S + batch)", IllegalArgumentException.class,
                            "this model has fixed input shapes; batch must be 1, not ")
                    .endControlFlow();
        }
        for (int o = 0; o < outputs.size(); o++) {
            args.add(CodeBlock.of("($T) outputs[$L]", arrayType(graph.value(outputs.get(o).value()).dtype(), true), o));
        }
        run.addStatement("predict($L)", CodeBlock.join(args, ", "));
        type.addMethod(run.build());
    }

    private static TypeName arrayType(DType dtype, boolean output) {
        return switch (dtype) {
            case FLOAT32 -> ArrayTypeName.of(float.class);
            case INT32 -> ArrayTypeName.of(int.class);
            case INT64 -> ArrayTypeName.of(long.class);
            default -> throw new UnsupportedLayerException("model " + (output ? "outputs" : "inputs") + " of type "
                    + dtype + " are not supported (float32, int32 and int64 outputs are)");
        };
    }

    private static FieldSpec specsField(String name, List<CodeBlock> specs) {
        return FieldSpec.builder(ParameterizedTypeName.get(List.class, TensorSpec.class), name, Modifier.PRIVATE,
                        Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.of($>\n$L$<)", List.class, CodeBlock.join(specs, ",\n"))
                .build();
    }

    private static CodeBlock spec(String name, Value v) {
        NpyArray.DType dtype = switch (v.dtype()) {
            case FLOAT32 -> NpyArray.DType.FLOAT32;
            case INT32 -> NpyArray.DType.INT32;
            case INT64 -> NpyArray.DType.INT64;
            default -> throw new UnsupportedLayerException("tensor " + name + " of type " + v.dtype()
                    + " cannot be a model input or output");
        };
        CodeBlock.Builder dims = CodeBlock.builder();
        int[] shape = v.shape().dims();
        for (int i = 0; i < shape.length; i++) {
            dims.add(i == 0 ? "$L" : ", $L", shape[i] < 0 ? "TensorSpec.BATCH" : Integer.toString(shape[i]));
        }
        return CodeBlock.of("new $T($S, $T.$L, new int[] {$L})", TensorSpec.class, name, NpyArray.DType.class,
                dtype.name(), dims.build());
    }

    private String storage(LayerNode node) {
        if (node.layer().traits().alias()) {
            return "alias of " + (plan.callerOwned(node.outputs().get(0)) ? "the input" : "its input");
        }
        List<String> parts = new ArrayList<>();
        for (String out : node.outputs()) {
            if (plan.callerOwned(out)) {
                parts.add("weights");
            } else {
                BufferPlan.Group g = plan.group(out);
                parts.add((g.arena() == PlanValue.Arena.FLOAT ? "t" : "ti") + "@" + g.offset() + "+" + g.size());
            }
        }
        return String.join(" ", parts);
    }

    /**
     * The line above a layer's call: the identifier its code uses, then the TensorFlow nodes it
     * comes from when they are named otherwise ({@code conv1d (sequential/conv1d/Relu +Conv1D,
     * BiasAdd): Conv1D k=7 ...}).
     */
    private String comment(LayerNode node, String id, boolean inPlace, boolean mutable, String storage) {
        List<String> from = new ArrayList<>();
        if (!id.equals(node.name())) {
            from.add(node.name());
        }
        List<String> merged = new ArrayList<>();
        for (String sourceNode : node.sourceNodes()) {
            if (!sourceNode.equals(node.name())) {
                merged.add(sourceNode.substring(sourceNode.lastIndexOf('/') + 1));
            }
        }
        if (!merged.isEmpty()) {
            from.add("+" + String.join(", ", merged));
        }
        StringBuilder c = new StringBuilder(id);
        if (!from.isEmpty()) {
            c.append(" (").append(String.join(" ", from)).append(')');
        }
        c.append(": ").append(node.layer().describe()).append("   ");
        List<String> shapes = new ArrayList<>();
        for (String in : node.inputs()) {
            shapes.add(shapeText(graph.value(in)));
        }
        c.append(String.join(" ", shapes)).append(" -> ");
        List<String> outShapes = new ArrayList<>();
        for (String out : node.outputs()) {
            outShapes.add(shapeText(graph.value(out)));
        }
        c.append(String.join(" ", outShapes)).append("   ").append(storage);
        if (inPlace) {
            c.append(" inPlace");
        }
        if (mutable) {
            c.append(" mutable");
        }
        return c.toString();
    }

    static String shapeText(Value v) {
        int[] dims = v.shape().dims();
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            b.append(i > 0 ? "," : "").append(dims[i] < 0 ? "B" : Integer.toString(dims[i]));
        }
        return b.append(']').toString();
    }

    private String layerTable() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "layers: %d, arena %,d floats + %,d ints per sample (all intermediates: %,d)%n",
                summaries.size(), plan.peak(PlanValue.Arena.FLOAT), plan.peak(PlanValue.Arena.INT),
                plan.unshared(PlanValue.Arena.FLOAT) + plan.unshared(PlanValue.Arena.INT)));
        for (int i = 0; i < summaries.size(); i++) {
            LayerSummary s = summaries.get(i);
            List<String> outs = new ArrayList<>();
            for (String out : s.node().outputs()) {
                outs.add(shapeText(graph.value(out)));
            }
            b.append(String.format(Locale.ROOT, "%3d %-24s %-44s -> %-16s %-20s%s%s%n", i, s.id(),
                    s.node().layer().describe(), String.join(" ", outs), s.storage(), s.inPlace() ? " inPlace" : "",
                    s.mutable() ? " mutable" : ""));
        }
        return b.toString();
    }

    private CodeBlock classJavadoc(boolean dynamicBatch) {
        long params = weights.params();
        long flops = summaries.stream().mapToLong(LayerSummary::flopsPerSample).sum();
        CodeBlock.Builder doc = CodeBlock.builder();
        doc.add("$L, converted by nnport from {@code $L}: $L layers, $L parameters, $L FLOP per sample.\n",
                JavaNames.comment(names.modelName()), JavaNames.comment(names.sourceFileName()).replace("@", "(at)"),
                summaries.size(), String.format(Locale.ROOT, "%,d", params), String.format(Locale.ROOT, "%,d", flops));
        doc.add("Arena: $L floats per sample, against $L for all intermediates without reuse.\n",
                String.format(Locale.ROOT, "%,d", plan.peak(PlanValue.Arena.FLOAT)),
                String.format(Locale.ROOT, "%,d", plan.unshared(PlanValue.Arena.FLOAT)));
        doc.add("\n<pre>\n");
        for (Value v : graph.inputs()) {
            doc.add("input  $L $L $L\n", JavaNames.comment(v.name()).replace("@", "(at)"), shapeText(v),
                    v.dtype().name().toLowerCase(Locale.ROOT));
        }
        for (LayerGraph.Output o : graph.outputs()) {
            Value v = graph.value(o.value());
            doc.add("output $L $L $L\n", JavaNames.comment(o.name()).replace("@", "(at)"), shapeText(v),
                    v.dtype().name().toLowerCase(Locale.ROOT));
        }
        doc.add("</pre>\n");
        if (!dynamicBatch) {
            doc.add("\n<p>Input shapes are fixed: there is no batch parameter.\n");
        }
        return doc.build();
    }

    /**
     * What each layer's identifier is made from: the name of the first source node merged into
     * it (the conv of a conv + BatchNorm + ReLU layer, not the ReLU), without the prefix all layers
     * share ({@code sequential/}), cut to its first component ({@code conv1d} of
     * {@code conv1d/Conv1D/ExpandDims}, Keras' layer name) where that is unique among the layers.
     */
    static Map<LayerNode, String> layerLabels(List<LayerNode> layers) {
        Map<LayerNode, String> source = new IdentityHashMap<>();
        for (LayerNode node : layers) {
            source.put(node, node.sourceNodes().isEmpty() ? node.name() : node.sourceNodes().get(0));
        }
        String prefix = commonPrefix(List.copyOf(source.values()));
        Map<LayerNode, String> rest = new IdentityHashMap<>();
        Map<String, Integer> firstCount = new HashMap<>();
        for (LayerNode node : layers) {
            String r = source.get(node).substring(prefix.length());
            rest.put(node, r.isEmpty() ? source.get(node) : r);
            firstCount.merge(first(rest.get(node)), 1, Integer::sum);
        }
        Map<LayerNode, String> labels = new IdentityHashMap<>();
        for (LayerNode node : layers) {
            String r = rest.get(node);
            labels.put(node, firstCount.get(first(r)) == 1 ? first(r) : r);
        }
        return labels;
    }

    private static String first(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }

    /** The longest '/'-terminated prefix all the names share (e.g. {@code sequential/}). */
    static String commonPrefix(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        String prefix = names.get(0);
        for (String name : names) {
            while (!name.startsWith(prefix)) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
        }
        int slash = prefix.lastIndexOf('/');
        return slash < 0 ? "" : prefix.substring(0, slash + 1);
    }

    /** {@code conv1d} -> {@code CONV1D}, {@code dense2MatMul} -> {@code DENSE2_MAT_MUL}. */
    static String constantName(String id) {
        return id.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

}
