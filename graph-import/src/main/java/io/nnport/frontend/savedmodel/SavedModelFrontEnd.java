package io.nnport.frontend.savedmodel;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import io.nnport.frontend.FrontEnd;
import io.nnport.frontend.Import;
import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.tf.GraphDefReader;
import io.nnport.frontend.tf.TensorFlowFrontEnd;
import io.nnport.frontend.tf.proto.AttrValue;
import io.nnport.frontend.tf.proto.GraphDef;
import io.nnport.frontend.tf.proto.MetaGraphDef;
import io.nnport.frontend.tf.proto.NodeDef;
import io.nnport.frontend.tf.proto.SavedModel;
import io.nnport.frontend.tf.proto.SignatureDef;
import io.nnport.frontend.tf.proto.TensorInfo;
import io.nnport.ir.ModelException;
import io.nnport.ir.layers.LayerGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The TensorFlow SavedModel front end: a directory holding {@code saved_model.pb} (or
 * {@code saved_model.pbtxt}) and {@code variables/variables.{index,data-*}}.
 *
 * <p>It chooses the meta graph tagged {@code --tag} ({@code serve}) and its signature
 * {@code --signature} ({@code serving_default}), then turns the graph into a frozen GraphDef for the
 * TensorFlow front end: each signature input becomes a placeholder named by its key; the function
 * calls the outputs need are inlined ({@link FunctionInliner}); variables become constants read
 * from the checkpoint ({@link Variables}, {@link TensorBundle}). The model's inputs and outputs are
 * named by the signature's keys.
 */
public final class SavedModelFrontEnd implements FrontEnd {

    public static final String DEFAULT_TAG = "serve";
    public static final String DEFAULT_SIGNATURE = "serving_default";
    static final String BINARY = "saved_model.pb";
    static final String TEXT = "saved_model.pbtxt";

    @Override
    public String formats() {
        return "TensorFlow SavedModel (a directory with saved_model.pb)";
    }

    @Override
    public boolean accepts(Path model) {
        return Files.isDirectory(model)
                && (Files.isRegularFile(model.resolve(BINARY)) || Files.isRegularFile(model.resolve(TEXT)));
    }

    @Override
    public Import read(Path model, ImportOptions options) {
        String source = model.toString();
        MetaGraphDef metaGraph = metaGraph(source, parse(model), options.tag() == null ? DEFAULT_TAG : options.tag());
        String key = options.signature() == null ? DEFAULT_SIGNATURE : options.signature();
        SignatureDef signature = metaGraph.getSignatureDefMap().get(key);
        if (signature == null && metaGraph.getSignatureDefCount() == 0) {
            throw ModelException.of(source, "no signature '" + key + "': the meta graph defines no signatures, so nothing"
                    + " names the model's inputs and outputs");
        }
        if (signature == null) {
            throw ModelException.of(source, "no signature '" + key + "'; the meta graph has "
                    + String.join(", ", new TreeMap<>(metaGraph.getSignatureDefMap()).keySet())
                    + " (choose one with --signature)");
        }
        Frozen frozen = freeze(model, metaGraph, signature);
        if (frozen.graph().getNodeCount() > MAX_NODES) {
            throw ModelException.of(source, FrontEnd.tooManyNodes(frozen.graph().getNodeCount()));
        }
        Map<String, String> outputs = chosenOutputs(source, frozen.outputs(), options.outputs());
        ImportOptions graphOptions = options.withOutputs(List.copyOf(new LinkedHashSet<>(outputs.values())));
        LayerGraph layers = TensorFlowFrontEnd.importGraph(GraphDefReader.toGraph(frozen.graph(), source), graphOptions)
                .layers();
        Map<String, String> valueOf = new HashMap<>();
        layers.outputs().forEach(o -> valueOf.put(o.name(), o.value()));
        List<LayerGraph.Output> named = new ArrayList<>();
        outputs.forEach((outputKey, tensor) -> named.add(new LayerGraph.Output(outputKey, valueOf.get(tensor))));
        return new Import("TensorFlow SavedModel", layers.withLayers(layers.layers(), named));
    }

    /**
     * A signature's graph as a frozen GraphDef, and the tensor of it each output key names.
     *
     * @param outputs signature output key to tensor name in {@code graph}, in key order
     */
    record Frozen(GraphDef graph, Map<String, String> outputs) {}

    /** The outputs {@code --output} names (signature keys), all of them when it names none. */
    private static Map<String, String> chosenOutputs(String source, Map<String, String> outputs, List<String> requested) {
        if (requested.isEmpty()) {
            return outputs;
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String key : requested) {
            String tensor = outputs.get(key);
            if (tensor == null) {
                throw ModelException.of(source, "--output " + key + ": the signature has no output '" + key + "'; it has "
                        + String.join(", ", outputs.keySet()));
            }
            chosen.put(key, tensor);
        }
        return chosen;
    }

    private static SavedModel parse(Path model) {
        Path binary = model.resolve(BINARY);
        Path file = Files.isRegularFile(binary) ? binary : model.resolve(TEXT);
        String source = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > GraphDefReader.MAX_FILE_BYTES) {
                throw ModelException.of(source, "file is " + size + " bytes, larger than any SavedModel can be ("
                        + GraphDefReader.MAX_FILE_BYTES + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw ModelException.of(source, "cannot read the file: " + e.getMessage(), e);
        }
        try {
            SavedModel saved;
            if (file == binary) {
                CodedInputStream input = CodedInputStream.newInstance(bytes);
                input.setSizeLimit(Integer.MAX_VALUE);
                input.enableAliasing(true);
                saved = SavedModel.parseFrom(input);
            } else {
                SavedModel.Builder builder = SavedModel.newBuilder();
                TextFormat.Parser.newBuilder().setAllowUnknownFields(true).setAllowUnknownExtensions(true).build()
                        .merge(new String(bytes, StandardCharsets.UTF_8), builder);
                saved = builder.build();
            }
            if (saved.getMetaGraphsCount() == 0) {
                throw ModelException.of(source, "not a SavedModel: it holds no meta graph");
            }
            return saved;
        } catch (InvalidProtocolBufferException | TextFormat.ParseException e) {
            throw ModelException.of(source, "not a SavedModel: " + e.getMessage());
        } catch (IOException e) {
            throw ModelException.of(source, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private static MetaGraphDef metaGraph(String source, SavedModel saved, String tag) {
        List<String> tagSets = new ArrayList<>();
        for (MetaGraphDef metaGraph : saved.getMetaGraphsList()) {
            if (metaGraph.getMetaInfoDef().getTagsList().contains(tag)) {
                return metaGraph;
            }
            tagSets.add("[" + String.join(",", metaGraph.getMetaInfoDef().getTagsList()) + "]");
        }
        throw ModelException.of(source, "no meta graph tagged '" + tag + "'; the SavedModel has " + String.join(", ", tagSets)
                + " (choose one with --tag)");
    }

    /** The signature's graph as a frozen GraphDef: inputs are placeholders named by key, calls inlined, variables constant. */
    static Frozen freeze(Path model, MetaGraphDef metaGraph, SignatureDef signature) {
        String source = model.toString();
        GraphDef graph = metaGraph.getGraphDef();
        List<NodeDef> nodes = new ArrayList<>(graph.getNodeList());
        Set<String> taken = new HashSet<>();
        nodes.forEach(n -> taken.add(n.getName()));
        Map<String, String> renamed = new HashMap<>();
        for (Map.Entry<String, TensorInfo> input : new TreeMap<>(signature.getInputsMap()).entrySet()) {
            String key = input.getKey();
            String tensor = tensorName(source, "input", key, input.getValue());
            if (key.equals(tensor)) {
                continue; // the placeholder already has the key's name
            }
            if (!taken.add(key)) {
                throw ModelException.of(source, "signature input '" + key + "' reads '" + tensor
                        + "', but another node of the graph is named '" + key + "'");
            }
            nodes.add(placeholder(key, input.getValue()));
            renamed.put(tensor, key);
        }
        nodes = nodes.stream().map(n -> rewire(n, renamed)).toList();
        Map<String, String> outputs = new LinkedHashMap<>();
        new TreeMap<>(signature.getOutputsMap()).forEach((key, info) -> {
            String tensor = tensorName(source, "output", key, info);
            outputs.put(key, renamed.getOrDefault(tensor, tensor));
        });
        FunctionInliner inliner = new FunctionInliner(source, graph.getLibrary().getFunctionList());
        Path prefix = model.resolve("variables").resolve("variables");
        TensorBundle bundle = Files.exists(Path.of(prefix + ".index")) ? TensorBundle.open(prefix) : null;
        Variables variables = Variables.of(source, bundle, nodes, metaGraph.getObjectGraphDef(), inliner::callee);
        List<NodeDef> flat = variables.freeze(inliner.inline(nodes, List.copyOf(outputs.values())));
        outputs.replaceAll((key, tensor) -> inliner.resolve(tensor));
        return new Frozen(GraphDef.newBuilder().addAllNode(flat).setVersions(graph.getVersions()).build(), outputs);
    }

    /** The tensor a signature entry names, as a graph input names it ({@code node} or {@code node:k}). */
    private static String tensorName(String source, String role, String key, TensorInfo info) {
        if (info.getName().isEmpty()) {
            throw ModelException.of(source, "signature " + role + " '" + key + "' is not a dense tensor (sparse or"
                    + " composite tensors are not supported)");
        }
        return Tensors.canonical(info.getName());
    }

    /** A Placeholder named {@code name} of the signature input's dtype and shape. */
    private static NodeDef placeholder(String name, TensorInfo info) {
        NodeDef.Builder node = NodeDef.newBuilder().setName(name).setOp("Placeholder")
                .putAttr("dtype", AttrValue.newBuilder().setType(info.getDtype()).build());
        if (info.hasTensorShape()) {
            node.putAttr("shape", AttrValue.newBuilder().setShape(info.getTensorShape()).build());
        }
        return node.build();
    }

    /** The node with each data input named in {@code renamed} ({@code x} and {@code x:0} alike) replaced. */
    private static NodeDef rewire(NodeDef node, Map<String, String> renamed) {
        if (renamed.isEmpty() || node.getInputList().stream().noneMatch(i -> renamed.containsKey(Tensors.canonical(i)))) {
            return node;
        }
        NodeDef.Builder builder = node.toBuilder().clearInput();
        node.getInputList().forEach(input -> builder.addInput(renamed.getOrDefault(Tensors.canonical(input), input)));
        return builder.build();
    }
}
