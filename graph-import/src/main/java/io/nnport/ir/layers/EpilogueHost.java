package io.nnport.ir.layers;

/**
 * A layer kind that applies a fused {@link Epilogue} to its output (conv, depthwise, transposed conv,
 * dense, batch norm): the trait epilogue fusion asks for, so a new kind with an epilogue is fused by
 * implementing it, with no list of kinds to extend.
 */
public interface EpilogueHost {

    /** The epilogue applied to this layer's output. */
    Epilogue epilogue();

    /** The same layer with {@code epilogue} instead of its own. */
    Layer withEpilogue(Epilogue epilogue);
}
