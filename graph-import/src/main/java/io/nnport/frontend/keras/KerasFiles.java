package io.nnport.frontend.keras;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.nnport.frontend.FrontEnd;
import io.nnport.ir.ModelException;
import io.nnport.ir.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Opens Keras model files: detects {@code .h5} (HDF5) and {@code .keras} (zip) by content and reads
 * the model config and weights, bounded against hostile files.
 */
public final class KerasFiles {

    /** HDF5's format signature; it sits at offset 0 or, after a user block, at 512, 1024, 2048, ... */
    static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** The largest user block searched for the HDF5 signature (h5py never writes one; 64 KB covers hand-made files). */
    static final int MAX_USER_BLOCK = 64 * 1024;
    /** A zip archive's local-file-header signature. */
    static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};

    static final String CONFIG_MEMBER = "config.json";
    static final String WEIGHTS_MEMBER = "model.weights.h5";
    /**
     * The largest {@code config.json} read: configs of models with thousands of layers are a few
     * MB; 64 MB bounds the memory a hostile archive can make the JSON parser use.
     */
    static final long MAX_CONFIG_BYTES = 64L << 20;
    /**
     * The largest {@code model.weights.h5} inflated, which is read into memory: 4 bytes times
     * {@link Tensor#MAX_ELEMENTS} (1 GiB), the most one float tensor may hold, which also keeps the
     * bytes within one Java array.
     */
    static final long MAX_WEIGHTS_BYTES = 4L * Tensor.MAX_ELEMENTS;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build());

    private KerasFiles() {}

    /** True when the file starts with the HDF5 signature at offset 0 or at a user-block boundary. */
    static boolean isHdf5(Path file) {
        byte[] head = FrontEnd.head(file, MAX_USER_BLOCK + HDF5_SIGNATURE.length);
        for (int offset = 0; offset + HDF5_SIGNATURE.length <= head.length; offset = offset == 0 ? 512 : offset * 2) {
            if (Arrays.equals(head, offset, offset + HDF5_SIGNATURE.length, HDF5_SIGNATURE, 0, HDF5_SIGNATURE.length)) {
                return true;
            }
        }
        return false;
    }

    /** True when the file is a zip archive holding a {@code config.json} (a {@code .keras} archive). */
    static boolean isKerasArchive(Path file) {
        byte[] head = FrontEnd.head(file, ZIP_SIGNATURE.length);
        if (!Arrays.equals(head, ZIP_SIGNATURE)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(CONFIG_MEMBER) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Opens the model, hands it to {@code use} while the file is open, and closes it. */
    public static <T> T read(Path model, Function<KerasModelFile, T> use) {
        String source = model.toString();
        if (isKerasArchive(model)) {
            return use.apply(readArchive(model));
        }
        // Read whole, as the .keras path reads its weights member: jhdf reading a file channel
        // allocates what a damaged object header claims for each object, which takes seconds on a
        // small hostile file; in memory, reads past the end fail at once.
        try (HdfFile hdf = HdfFile.fromBytes(h5Bytes(source, model))) {
            checkComplete(source, hdf, "the file");
            return use.apply(readH5(source, hdf));
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ModelException.of(source, "truncated or damaged HDF5 file: " + e.getMessage(), e);
        }
    }

    private static byte[] h5Bytes(String source, Path model) {
        try {
            long size = Files.size(model);
            if (size > MAX_WEIGHTS_BYTES) {
                throw ModelException.of(source, "the file is " + size + " bytes, more than the " + MAX_WEIGHTS_BYTES
                        + " a Keras .h5 model may have");
            }
            return Files.readAllBytes(model);
        } catch (IOException e) {
            throw ModelException.of(source, "cannot read the file: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a truncated HDF5 file up front: its superblock records where the file ends, and
     * objects near the end would otherwise fail only when a layer's weights are read, if at all.
     */
    private static void checkComplete(String source, HdfFile hdf, String what) {
        long end = hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress() + hdf.getUserBlockSize();
        if (hdf.size() < end) {
            throw ModelException.of(source, String.format(Locale.ROOT,
                    "truncated HDF5 file: %s has %,d bytes, its superblock says %,d", what, hdf.size(), end));
        }
    }

    /** A Keras 2 / tf.keras {@code .h5}: the root's {@code model_config} and its {@code model_weights} group. */
    private static KerasModelFile readH5(String source, HdfFile hdf) {
        Attribute configAttribute = hdf.getAttribute("model_config");
        if (configAttribute == null) {
            throw ModelException.of(source, "an HDF5 file without a 'model_config' attribute: a weights-only file"
                    + " (model.save_weights); nnport needs the model config too: save the whole model"
                    + " (model.save('model.h5') or 'model.keras')");
        }
        List<String> text = LayerWeights.strings(configAttribute.getData());
        if (text.size() != 1) {
            throw ModelException.of(source, "the 'model_config' attribute is not one string");
        }
        JsonNode config = parse(source, text.get(0), "model_config");
        Node weights = hdf.getChild("model_weights");
        if (!(weights instanceof Group group)) {
            throw ModelException.of(source, "the HDF5 file has a model config but no 'model_weights' group"
                    + " (saved with include_optimizer only?); nnport needs the weights");
        }
        return new KerasModelFile(source, "Keras .h5", config, LayerWeights.keras2(source, group));
    }

    /** A Keras 3 {@code .keras} archive: {@code config.json} and {@code model.weights.h5}, each bounded. */
    private static KerasModelFile readArchive(Path model) {
        String source = model.toString();
        try (ZipFile zip = new ZipFile(model.toFile())) {
            byte[] config = member(source, zip, CONFIG_MEMBER, MAX_CONFIG_BYTES);
            byte[] weights = member(source, zip, WEIGHTS_MEMBER, MAX_WEIGHTS_BYTES);
            JsonNode json = parse(source, new String(config, StandardCharsets.UTF_8), CONFIG_MEMBER);
            HdfFile hdf;
            try {
                hdf = HdfFile.fromBytes(weights);
                checkComplete(source, hdf, WEIGHTS_MEMBER);
            } catch (RuntimeException e) {
                throw ModelException.of(source, WEIGHTS_MEMBER + " is a truncated or damaged HDF5 file: " + e.getMessage(), e);
            }
            return new KerasModelFile(source, "Keras .keras", json, LayerWeights.keras3(source, hdf));
        } catch (ZipException e) {
            throw ModelException.of(source, "damaged zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw ModelException.of(source, "cannot read the archive: " + e.getMessage(), e);
        }
    }

    /**
     * The inflated bytes of one member, counted while inflating: the sizes a zip declares may lie
     * (a zip bomb declares a small size), so the limit holds for the bytes actually produced.
     */
    private static byte[] member(String source, ZipFile zip, String name, long limit) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw ModelException.of(source, "the .keras archive has no '" + name + "' member");
        }
        if (entry.getSize() > limit) {
            throw ModelException.of(source, tooLarge(name, entry.getSize(), limit));
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 16));
            if (in.read() >= 0) {
                throw ModelException.of(source, tooLarge(name, -1, limit));
            }
            return bytes;
        }
    }

    /** The refusal of a member larger than {@code limit}; {@code size} is its declared size, or -1 when inflating found it. */
    private static String tooLarge(String member, long size, long limit) {
        String actual = size >= 0 ? String.format(Locale.ROOT, "declares %,d bytes", size) : "inflates to more bytes";
        return String.format(Locale.ROOT, "archive member '%s' %s than the %,d allowed", member,
                size >= 0 ? actual + ", more" : actual, limit);
    }

    private static JsonNode parse(String source, String text, String what) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw ModelException.of(source, what + " is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw ModelException.of(source, what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

}
