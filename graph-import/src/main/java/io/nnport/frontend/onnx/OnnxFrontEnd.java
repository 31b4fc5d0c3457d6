package io.nnport.frontend.onnx;

import io.nnport.frontend.FrontEnd;
import io.nnport.frontend.Import;
import io.nnport.frontend.ImportOptions;
import io.nnport.ir.ModelException;
import java.nio.file.Path;

/**
 * The ONNX front end: reads a {@code ModelProto} ({@link ModelReader}) and imports its graph into
 * a layer graph ({@link OnnxImporter}). Every problem ends in one {@link ModelException} naming
 * the file, and the node and op where there is one.
 */
public final class OnnxFrontEnd implements FrontEnd {

    @Override
    public String formats() {
        return "ONNX model (binary protobuf)";
    }

    /**
     * A serialized ModelProto opens with its field 1, {@code ir_version} (tag byte 0x08), a small
     * varint, then the tag of another ModelProto field: producer_name (2), producer_version (3),
     * domain (4), model_version (5), doc_string (6), graph (7) or opset_import (8). A GraphDef never
     * opens with a varint field 1.
     */
    @Override
    public boolean accepts(Path model) {
        byte[] head = FrontEnd.head(model, 3);
        if (head.length < 3 || head[0] != 0x08 || (head[1] & 0x80) != 0 || head[1] == 0) {
            return false;
        }
        int tag = head[2] & 0xff;
        return tag == 0x12 || tag == 0x1a || tag == 0x22 || tag == 0x28 || tag == 0x32 || tag == 0x3a || tag == 0x42;
    }

    @Override
    public Import read(Path model, ImportOptions options) {
        ModelReader.Model read = ModelReader.read(model);
        return new Import("ONNX", OnnxImporter.importModel(read, options));
    }
}
