package io.nnport.frontend.tf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import io.nnport.frontend.tf.proto.AttrValue;
import io.nnport.frontend.tf.proto.DataType;
import io.nnport.frontend.tf.proto.GraphDef;
import io.nnport.frontend.tf.proto.NodeDef;
import io.nnport.frontend.tf.proto.TensorProto;
import io.nnport.frontend.tf.proto.TensorShapeProto;
import io.nnport.ir.ModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a TensorFlow frozen GraphDef into a {@link Graph}.
 *
 * <p>The file may be binary protobuf (the usual {@code .pb}) or protobuf text format (what
 * {@code tf.io.write_graph(as_text=True)} writes, sometimes under a {@code .pb} name). Binary is
 * tried first; if it fails or yields no well-formed node, text is tried; if both fail the error says
 * the file is not a GraphDef and why each parse failed. Fields nnport does not model (function
 * libraries, debug info) are skipped.
 *
 * <p>Every problem is one {@link ModelException}: unreadable file, not a GraphDef, a node without
 * op, an input naming no node, a cycle, a tensor whose size does not match its bytes. Constant
 * tensors nnport cannot represent (e.g. float64) become {@link Attr.Unsupported} and fail only
 * when used, so they do not block graphs that never compute them.
 */
public final class GraphDefReader {
    /** Protobuf's own limit for one message; files beyond it cannot be a GraphDef. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

    /**
     * Protobuf's text parser logs every field it skips as a multi-line warning on stderr, around the
     * converter's one line. Skipping the fields nnport does not model is this reader's intent, so
     * that logger only reports errors. Held here because the logging framework holds loggers weakly
     * and would forget the level.
     */
    private static final Logger TEXT_FORMAT_LOG = Logger.getLogger(TextFormat.class.getName());

    static {
        TEXT_FORMAT_LOG.setLevel(Level.SEVERE);
    }

    private GraphDefReader() {}

    /** Reads and validates a model file. */
    public static Graph read(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw ModelException.of(source, "file is " + size + " bytes, larger than any GraphDef can be ("
                        + MAX_FILE_BYTES + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw ModelException.of(source, "cannot read the file: " + e.getMessage(), e);
        }
        return read(bytes, source);
    }

    /** Reads and validates a GraphDef from bytes; {@code source} names them in messages. */
    public static Graph read(byte[] bytes, String source) {
        return toGraph(parse(bytes, source), source);
    }

    /** Parses binary or text GraphDef bytes without building the IR. */
    public static GraphDef parse(byte[] bytes, String source) {
        if (bytes.length == 0) {
            throw ModelException.of(source, "not a TensorFlow GraphDef: the file is empty");
        }
        String binaryProblem;
        try {
            CodedInputStream input = CodedInputStream.newInstance(bytes);
            input.setSizeLimit(Integer.MAX_VALUE);
            // tensor_content then shares the file's bytes instead of copying them
            input.enableAliasing(true);
            GraphDef graph = GraphDef.parseFrom(input);
            binaryProblem = wellFormedProblem(graph);
            if (binaryProblem == null) {
                return graph;
            }
        } catch (InvalidProtocolBufferException e) {
            binaryProblem = e.getMessage();
        } catch (IOException e) {
            binaryProblem = e.getMessage();
        }
        String text = decodeUtf8(bytes);
        if (text == null) {
            throw ModelException.of(source, "not a TensorFlow GraphDef: binary protobuf parse failed ("
                    + binaryProblem + ") and the file is not text either");
        }
        String textProblem;
        try {
            GraphDef.Builder builder = GraphDef.newBuilder();
            TextFormat.Parser.newBuilder().setAllowUnknownFields(true).build().merge(text, builder);
            GraphDef graph = builder.build();
            textProblem = wellFormedProblem(graph);
            if (textProblem == null) {
                return graph;
            }
        } catch (TextFormat.ParseException e) {
            textProblem = e.getMessage();
        }
        throw ModelException.of(source, "not a TensorFlow GraphDef: binary protobuf parse failed (" + binaryProblem
                + "); text format parse failed (" + textProblem + ")");
    }

    /** Null when the parse looks like a real GraphDef, else why not. */
    private static String wellFormedProblem(GraphDef graph) {
        if (graph.getNodeCount() == 0) {
            return "no nodes";
        }
        for (NodeDef node : graph.getNodeList()) {
            if (node.getName().isEmpty() || node.getOp().isEmpty()) {
                return "a node without name or op";
            }
        }
        return null;
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Builds and validates the IR of a parsed GraphDef. */
    public static Graph toGraph(GraphDef graphDef, String source) {
        List<Node> nodes = new ArrayList<>(graphDef.getNodeCount());
        for (NodeDef def : graphDef.getNodeList()) {
            Map<String, Attr> attrs = new LinkedHashMap<>();
            for (Map.Entry<String, AttrValue> entry : def.getAttrMap().entrySet()) {
                try {
                    attrs.put(entry.getKey(), attrOf(entry.getValue()));
                } catch (IllegalArgumentException e) {
                    throw ModelException.atNode(source, def.getName(), def.getOp(),
                            "attribute '" + entry.getKey() + "': " + e.getMessage());
                }
            }
            for (String input : def.getInputList()) {
                if (input.isEmpty() || input.equals("^")) {
                    throw ModelException.atNode(source, def.getName(), def.getOp(), "has an empty input name");
                }
            }
            nodes.add(Node.parse(def.getName(), def.getOp(), def.getInputList(), attrs));
        }
        return Graph.of(source, nodes);
    }

    /**
     * One AttrValue as an {@link Attr}; the oneof case decides the kind.
     *
     * @throws IllegalArgumentException for a tensor whose size does not match its data
     */
    static Attr attrOf(AttrValue value) {
        return switch (value.getValueCase()) {
            case S -> new Attr.Str(value.getS().toStringUtf8());
            case I -> new Attr.Int(value.getI());
            case F -> new Attr.Float(value.getF());
            case B -> new Attr.Bool(value.getB());
            case TYPE -> typeAttr(value.getType());
            case SHAPE -> shapeAttr(value.getShape());
            case TENSOR -> tensorAttr(value.getTensor());
            case LIST -> listAttr(value.getList());
            case FUNC -> new Attr.Func(value.getFunc().getName());
            case PLACEHOLDER -> new Attr.Unsupported("function attribute placeholder '" + value.getPlaceholder() + "'");
            case VALUE_NOT_SET -> new Attr.ListValue(List.of());
        };
    }

    private static Attr typeAttr(DataType type) {
        return new Attr.Type(type.name().replaceFirst("^DT_", "").toLowerCase(Locale.ROOT),
                TensorCodec.dtypeOf(type));
    }

    private static Attr shapeAttr(TensorShapeProto shape) {
        try {
            return new Attr.ShapeValue(TensorCodec.shapeOf(shape));
        } catch (IllegalArgumentException e) {
            return new Attr.Unsupported("shape out of range: " + TensorCodec.describe(shape.getDimList()));
        }
    }

    private static Attr tensorAttr(TensorProto proto) {
        if (TensorCodec.dtypeOf(proto.getDtype()) == null) {
            return new Attr.Unsupported("tensor of type " + proto.getDtype().name() + ", which nnport does not support");
        }
        return new Attr.TensorValue(TensorCodec.decode(proto));
    }

    private static Attr listAttr(AttrValue.ListValue list) {
        List<Attr> items = new ArrayList<>();
        list.getSList().forEach(s -> items.add(new Attr.Str(s.toStringUtf8())));
        list.getIList().forEach(i -> items.add(new Attr.Int(i)));
        list.getFList().forEach(f -> items.add(new Attr.Float(f)));
        list.getBList().forEach(b -> items.add(new Attr.Bool(b)));
        list.getTypeList().forEach(t -> items.add(typeAttr(t)));
        list.getShapeList().forEach(s -> items.add(shapeAttr(s)));
        list.getTensorList().forEach(t -> items.add(tensorAttr(t)));
        list.getFuncList().forEach(f -> items.add(new Attr.Func(f.getName())));
        return new Attr.ListValue(items);
    }
}
