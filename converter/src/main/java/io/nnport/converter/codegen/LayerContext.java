package io.nnport.converter.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.nnport.ir.Tensor;
import io.nnport.ir.layers.Layer;
import io.nnport.ir.layers.LayerNode;
import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.runtime.WeightStorage;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link Lowering} sees of one layer while the model class is written: the layer, where its
 * operands live, the plan's decisions, and ways to declare weight fields.
 */
public final class LayerContext {

    private final LayerNode node;
    private final String id;
    private final List<Operand> inputs;
    private final List<Operand> outputs;
    private final boolean inPlace;
    private final ModelClassWriter owner;

    LayerContext(LayerNode node, String id, List<Operand> inputs, List<Operand> outputs, boolean inPlace,
                 ModelClassWriter owner) {
        this.node = node;
        this.id = id;
        this.inputs = inputs;
        this.outputs = outputs;
        this.inPlace = inPlace;
        this.owner = owner;
    }

    public LayerNode node() {
        return node;
    }

    public Layer layer() {
        return node.layer();
    }

    /** The layer as its record type. */
    public <L extends Layer> L layer(Class<L> kind) {
        return kind.cast(node.layer());
    }

    /** The layer's Java identifier, unique in the model class (e.g. {@code conv1d}). */
    public String id() {
        return id;
    }

    public Operand in(int i) {
        return inputs.get(i);
    }

    public Operand out(int i) {
        return outputs.get(i);
    }

    public Operand out() {
        return outputs.get(0);
    }

    public List<Operand> inputs() {
        return inputs;
    }

    public List<Operand> outputs() {
        return outputs;
    }

    /** The buffer plan's decision: this layer's output is its (first qualifying) input's storage. */
    public boolean inPlace() {
        return inPlace;
    }

    /**
     * Embeds {@code tensor} in the weights resource under {@code <id>/<role>} and returns the
     * load-time expression that reads it back ({@code w.floats("conv1d/filter", 7, 70, 256)}).
     */
    public CodeBlock weights(String role, Tensor tensor) {
        String name = id + "/" + role;
        return read(name, owner.weightTable().add(name, tensor), tensor);
    }

    /** A load-time expression and the type of the value it makes. */
    public record Init(TypeName type, CodeBlock code) {}

    /**
     * Embeds the {@code [k, n]} matrix {@code weights} as {@link #weights} does and returns the
     * load-time expression that packs it for GEMM in its storage's format as it streams in
     * ({@code Gemm.packB(w.floatRuns("dense/weights", 8704, 1024), 8704, 1024)}).
     */
    public Init gemmWeights(String role, Tensor weights) {
        WeightStorage.GemmPacking packing = gemmPacking(weights);
        int[] kn = weights.shape().dims();
        return new Init(ClassName.get(packing.packedType()), CodeBlock.of("$T.$L($L, $L, $L)", packing.packer(),
                packing.method(), streamedWeights(role, weights), kn[0], kn[1]));
    }

    /**
     * Embeds {@code tensor}, a GEMM operand a kernel packs at load (a convolution's filter), as
     * {@link #weights} does and returns the load-time expression that streams it to the packer
     * ({@code w.floatRuns("conv1d/filter", 7, 70, 256)}), so that it never exists unpacked.
     */
    public CodeBlock streamedWeights(String role, Tensor tensor) {
        WeightStorage.GemmPacking packing = gemmPacking(tensor);
        String name = id + "/" + role;
        owner.weightTable().add(name, tensor);
        return CodeBlock.of("w.$L($S$L)", packing.runsReader(), name, dims(tensor));
    }

    private WeightStorage.GemmPacking gemmPacking(Tensor tensor) {
        WeightStorage storage = WeightTable.storage(tensor, id);
        return storage.gemmPacking().orElseThrow(() -> new UnsupportedLayerException(
                node.name() + ": GEMM cannot read " + storage + " weights"));
    }

    /** {@code w.<reader>(name, dims...)}: the storage's reader of the embedded {@code tensor}. */
    private static CodeBlock read(String name, WeightStorage storage, Tensor tensor) {
        return CodeBlock.of("w.$L($S$L)", storage.reader(), name, dims(tensor));
    }

    /** {@code , d0, d1, ...}: a reader's shape arguments. */
    private static CodeBlock dims(Tensor tensor) {
        CodeBlock.Builder dims = CodeBlock.builder();
        for (int d : tensor.shape().dims()) {
            dims.add(", $L", d);
        }
        return dims.build();
    }

    /**
     * Declares {@code private final <type> <id><Suffix>}, assigned {@code init} in the constructor
     * (where {@code w} is the weights file and {@code team} the thread team), and returns its name.
     */
    public String field(TypeName type, String suffix, CodeBlock init) {
        String name = fieldName(suffix);
        owner.addField(type, name, init);
        return name;
    }

    /** The name {@link #field} gives a field with {@code suffix}: {@code conv1d}, {@code conv1dEpilogue}. */
    public String fieldName(String suffix) {
        return suffix.isEmpty() ? id : id + suffix.substring(0, 1).toUpperCase(Locale.ROOT) + suffix.substring(1);
    }

    /**
     * Declares the kernels' {@link Epilogue} for a layer's fused epilogue and returns the field name.
     * Built through the kernels' factories ({@code Epilogue.bias(shift).then(Activation.RELU, 0.0f)}),
     * the full constructor only for a clamp no activation stands for.
     */
    public String epilogue(io.nnport.ir.layers.Epilogue e) {
        CodeBlock scale = e.scale() == null ? null : weights("scale", e.scale());
        CodeBlock shift = e.shift() == null ? null : weights("shift", e.shift());
        CodeBlock init;
        if (e.clampMin() != Float.NEGATIVE_INFINITY || e.clampMax() != Float.POSITIVE_INFINITY) {
            init = CodeBlock.of("new $T($L, $L, $L, $L, $T.$L, $L)", Epilogue.class, scale == null ? "null" : scale,
                    shift == null ? "null" : shift, floatLiteral(e.clampMin()), floatLiteral(e.clampMax()),
                    Activation.class, activation(e.activation()).name(), floatLiteral(e.alpha()));
        } else {
            CodeBlock base = scale != null ? CodeBlock.of("$T.scaleShift($L, $L)", Epilogue.class, scale,
                    shift == null ? "null" : shift)
                    : shift != null ? CodeBlock.of("$T.bias($L)", Epilogue.class, shift)
                    : CodeBlock.of("$T.NONE", Epilogue.class);
            Activation activation = activation(e.activation());
            init = activation == Activation.NONE ? base
                    : CodeBlock.of("$L.then($T.$L, $L)", base, Activation.class, activation.name(), floatLiteral(e.alpha()));
        }
        return field(ClassName.get(Epilogue.class), "epilogue", init);
    }

    /** The kernels' activation for graph-import's: the same name. */
    public static Activation activation(io.nnport.ir.layers.Activation a) {
        try {
            return Activation.valueOf(a.name());
        } catch (IllegalArgumentException e) {
            throw new UnsupportedLayerException("activation " + a + " has no kernel yet");
        }
    }

    /** A float as Java source: {@code 0.2f}, {@code Float.POSITIVE_INFINITY}, exact round trip. */
    public static CodeBlock floatLiteral(float v) {
        if (Float.isNaN(v)) {
            return CodeBlock.of("$T.NaN", Float.class);
        }
        if (Float.isInfinite(v)) {
            return CodeBlock.of("$T.$L", Float.class, v > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY");
        }
        return CodeBlock.of("$Lf", Float.toString(v));
    }
}
