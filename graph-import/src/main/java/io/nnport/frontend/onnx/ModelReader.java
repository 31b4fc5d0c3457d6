package io.nnport.frontend.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.nnport.frontend.onnx.proto.ModelProto;
import io.nnport.frontend.onnx.proto.OperatorSetIdProto;
import io.nnport.ir.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an ONNX file into a {@link ModelProto} and checks the versions nnport reads: IR versions
 * {@value #MIN_IR}-{@value #MAX_IR} and default-domain opsets {@value #MIN_OPSET}-{@value #MAX_OPSET}.
 * Every problem is one {@link ModelException} naming the file.
 */
public final class ModelReader {
    /** IR 3 added opset imports, which an op's meaning depends on; IR 10 is what ONNX 1.16-1.17 write. */
    public static final int MIN_IR = 3, MAX_IR = 10;
    /** Opset 7 is where broadcasting took its NumPy form; opset 21 is ONNX 1.16's. */
    public static final int MIN_OPSET = 7, MAX_OPSET = 21;
    /** A protobuf message cannot exceed 2 GiB; larger weights live in external data files. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE;
    /** Subgraphs (If, Loop) nest messages; deeper than this is not a model nnport converts. */
    private static final int RECURSION_LIMIT = 64;

    /** A model read and version-checked: its proto, default-domain opset and where its external data lives. */
    public record Model(String source, ModelProto proto, int opset, Path directory) {}

    private ModelReader() {}

    public static Model read(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw ModelException.of(source, "is " + size + " bytes, more than a protobuf message may have (2 GiB);"
                        + " store the weights as external data");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw ModelException.of(source, "cannot read: " + e.getMessage(), e);
        }
        Path directory = file.toAbsolutePath().getParent();
        return parse(bytes, source, directory);
    }

    /** Parses model bytes; {@code directory} holds external data files (null: none allowed). */
    public static Model parse(byte[] bytes, String source, Path directory) {
        ModelProto proto;
        try {
            CodedInputStream input = CodedInputStream.newInstance(bytes);
            input.setRecursionLimit(RECURSION_LIMIT);
            proto = ModelProto.parseFrom(input);
        } catch (InvalidProtocolBufferException e) {
            throw ModelException.of(source, "not a valid ONNX model (truncated or corrupted protobuf: "
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw ModelException.of(source, "cannot read: " + e.getMessage(), e);
        }
        long ir = proto.getIrVersion();
        if (ir < MIN_IR || ir > MAX_IR) {
            throw ModelException.of(source, "ONNX IR version " + ir + " is not supported; nnport reads IR versions "
                    + MIN_IR + " to " + MAX_IR);
        }
        if (!proto.hasGraph()) {
            throw ModelException.of(source, "the ONNX model has no graph");
        }
        long opset = -1;
        for (OperatorSetIdProto id : proto.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                opset = id.getVersion();
            }
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw ModelException.of(source, (opset < 0 ? "the model imports no default-domain opset"
                    : "default-domain opset " + opset + " is not supported") + "; nnport reads opsets "
                    + MIN_OPSET + " to " + MAX_OPSET + " (re-export with another opset_version)");
        }
        return new Model(source, proto, (int) opset, directory);
    }
}
