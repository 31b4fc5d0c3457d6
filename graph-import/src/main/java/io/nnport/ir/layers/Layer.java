package io.nnport.ir.layers;

import io.nnport.ir.Tensor;
import io.nnport.ir.TensorType;
import java.util.List;
import java.util.Map;

/**
 * What the converter emits one kernel call for: one record per layer kind, each in its own file,
 * which opens with the kind's spec sheet (formula, layout, attribute defaults, shape rule, what is
 * rejected) and holds its shape rule ({@link #outputTypes}) and its scalar reference evaluation
 * ({@link #evaluate}) on the core's tensors and math ({@link io.nnport.ir.eval}). Which source ops
 * map to a kind is the front ends' business (their tables), not the kind's.
 *
 * <p>Common contract:
 * <ul>
 * <li>Runtime operands are the {@link LayerNode#inputs()} in order; weights and other constants are
 *     typed fields (HWIO filters, {@code [in,out]} dense weights, per-channel vectors). Tensors are
 *     immutable and never edited in place.</li>
 * <li>{@link #outputTypes} is the shape rule: dimension 0 may be -1 (the dynamic batch) and flows
 *     through. It throws {@link IllegalArgumentException} or {@link io.nnport.ir.ModelException}
 *     for operands it rejects; {@link LayerGraph} names the layer in the message.</li>
 * <li>{@link #evaluate} is the scalar reference on concrete tensors (any batch size): the
 *     {@link io.nnport.ir.eval.LayerInterpreter} runs it, and it is the oracle of generated code.</li>
 * <li>{@link #traits} are what the buffer planner asks, instead of lists of kinds.</li>
 * </ul>
 *
 * <p>Code that must handle every kind (the converter's lowerings) does so through a {@link Visitor}:
 * Java 17 has no pattern {@code switch} over a sealed type, and the visitor makes javac list every
 * place a new kind must be handled.
 */
public sealed interface Layer permits ConvLayer, DepthwiseConv2DLayer, TransposedConv2DLayer, DenseLayer,
        BatchMatMulLayer, BatchNormLayer, UnaryLayer, BinaryLayer, AddNLayer, PoolLayer, GlobalPoolLayer,
        SoftmaxLayer, ReshapeLayer, ConcatLayer, SplitLayer, SliceLayer, PadLayer, TransposeLayer, TileLayer,
        GatherLayer, ReduceLayer, ArgMaxLayer, CastLayer, ResizeLayer, PReLULayer, ConstantLayer,
        LayerNormLayer, WhereLayer {

    /** One method per layer kind: adding a kind adds a method here, and every visitor stops compiling until it handles it. */
    interface Visitor<R> {
        R visit(ConvLayer layer);

        R visit(DepthwiseConv2DLayer layer);

        R visit(TransposedConv2DLayer layer);

        R visit(DenseLayer layer);

        R visit(BatchMatMulLayer layer);

        R visit(BatchNormLayer layer);

        R visit(UnaryLayer layer);

        R visit(BinaryLayer layer);

        R visit(AddNLayer layer);

        R visit(PoolLayer layer);

        R visit(GlobalPoolLayer layer);

        R visit(SoftmaxLayer layer);

        R visit(ReshapeLayer layer);

        R visit(ConcatLayer layer);

        R visit(SplitLayer layer);

        R visit(SliceLayer layer);

        R visit(PadLayer layer);

        R visit(TransposeLayer layer);

        R visit(TileLayer layer);

        R visit(GatherLayer layer);

        R visit(ReduceLayer layer);

        R visit(ArgMaxLayer layer);

        R visit(CastLayer layer);

        R visit(ResizeLayer layer);

        R visit(PReLULayer layer);

        R visit(ConstantLayer layer);

        R visit(LayerNormLayer layer);

        R visit(WhereLayer layer);
    }

    /** Calls the visitor's method for this kind. */
    <R> R accept(Visitor<R> visitor);

    /** The shape rule: output types from input types (dimension 0 may be -1, the batch). */
    List<TensorType> outputTypes(List<TensorType> inputs);

    /** The reference evaluation on concrete inputs (any batch size). */
    List<Tensor> evaluate(List<Tensor> inputs);

    /** Key attributes for generated-code comments, e.g. {@code Conv1D k=7 s=1 VALID +bias +relu}. */
    String describe();

    Traits traits();

    /** Constant tensors the layer carries (weights, folded epilogue vectors), by role ({@code filter}, {@code scale}, ...), for the report and parameter counts. */
    default Map<String, Tensor> constants() {
        return Map.of();
    }

    /** The kind's name: the record's name without its {@code Layer} suffix ({@code Conv}, {@code Dense}, ...). */
    default String kindName() {
        String name = getClass().getSimpleName();
        return name.substring(0, name.length() - "Layer".length());
    }
}
