package io.nnport.frontend.savedmodel;

/**
 * Tensor names in a GraphDef's syntax: {@code node} (output 0) or {@code node:k}. A SavedModel's
 * signatures name tensors {@code node:0}; this keeps output 0 as the bare node name, as node inputs
 * do, so that names compare equal.
 */
final class Tensors {

    private Tensors() {}

    static String node(String tensor) {
        int colon = tensor.indexOf(':');
        return colon < 0 ? tensor : tensor.substring(0, colon);
    }

    static String of(String node, int output) {
        return output == 0 ? node : node + ":" + output;
    }

    /** {@code node:0} becomes {@code node}; other names are kept. */
    static String canonical(String tensor) {
        return tensor.endsWith(":0") ? tensor.substring(0, tensor.length() - 2) : tensor;
    }
}
