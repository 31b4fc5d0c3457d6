package io.nnport.converter.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.nnport.ir.layers.LayerNode;
import java.util.List;
import java.util.Set;

/**
 * One layer as its {@link Lowering} emitted it, before {@link ClassLayout} places it: the fields it
 * loads, the statements of one prediction, and what it reads from elsewhere in the model class.
 *
 * @param node            the layer
 * @param id              its Java identifier
 * @param comment         the line above its call (sanitized)
 * @param call            its statements per prediction (empty for an alias or a constant)
 * @param fields          the fields it declares, with their load-time initializers
 * @param scratch         the kernel scratch its call needs, as an expression of {@code batch}; null for none
 * @param offsets         the arena-offset constants its operands name
 * @param constantsRead   the constant layers whose fields its call reads (to load again in another class)
 */
record LayerFragment(LayerNode node, String id, String comment, CodeBlock call, List<Field> fields, CodeBlock scratch,
                     Set<String> offsets, List<LayerFragment> constantsRead) {

    /** A field's own name and descriptor in the pool. */
    static final int FIELD_CONSTANTS = 2;

    /** A field and the expression that assigns it at load. */
    record Field(TypeName type, String name, CodeBlock init) {

        CodeBlock assignment() {
            return CodeBlock.builder().addStatement("$N = $L", name, init).build();
        }
    }

    /** Bytecode and constants of the prediction statements. */
    ClassFileCost.Cost callCost() {
        return ClassFileCost.of(call);
    }

    /** Bytecode and constants of loading the fields, declarations included. */
    ClassFileCost.Cost loadCost() {
        ClassFileCost.Cost cost = ClassFileCost.Cost.ZERO;
        for (Field f : fields) {
            cost = cost.plus(ClassFileCost.of(f.assignment())).plus(new ClassFileCost.Cost(0, FIELD_CONSTANTS));
        }
        return cost;
    }

    /** Bytecode and constants of the scratch statement. */
    ClassFileCost.Cost scratchCost() {
        return scratch == null ? ClassFileCost.Cost.ZERO
                : ClassFileCost.of(CodeBlock.of("s = Math.max(s, $L);", scratch));
    }
}
