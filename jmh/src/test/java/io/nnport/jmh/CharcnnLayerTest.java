package io.nnport.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The layer table the profile is built on agrees with the converted charCNN and with TensorFlow's node names. */
class CharcnnLayerTest {

    @Test
    void layersChainFromTheInputToTheClasses() {
        CharcnnLayer[] layers = CharcnnLayer.values();
        assertEquals(1014 * 70, layers[0].inputFloats());
        for (int i = 1; i < layers.length; i++) {
            assertEquals(layers[i - 1].outputFloats(), layers[i].inputFloats(), layers[i - 1] + " -> " + layers[i]);
        }
        assertEquals(4, layers[layers.length - 1].outputFloats());
    }

    /**
     * The converter's header says 741,113,868 FLOP per sample: these multiply-adds plus one per
     * pooling tap (a comparison) and three per softmax output.
     */
    @Test
    void multiplyAddFlopsAreTheConvertersCountLessPoolingAndSoftmax() {
        long flops = 0;
        long poolingAndSoftmax = 0;
        for (CharcnnLayer layer : CharcnnLayer.values()) {
            flops += layer.flopsPerSample();
            if (layer.kind == CharcnnLayer.Kind.POOL) {
                poolingAndSoftmax += (long) layer.outputFloats() * layer.window;
            } else if (layer.kind == CharcnnLayer.Kind.SOFTMAX) {
                poolingAndSoftmax += 3L * layer.outputFloats();
            }
        }
        assertEquals(740_745_216L, flops);
        assertEquals(741_113_868L - flops, poolingAndSoftmax);
    }

    @Test
    void tensorFlowNodesMapToTheirKerasLayer() {
        assertEquals("conv1d_1", TfLayerProfile.layerOf("sequential/conv1d_1/Conv1D"));
        assertEquals("conv1d", TfLayerProfile.layerOf("sequential/conv1d/Relu"));
        assertEquals("max_pooling1d_2", TfLayerProfile.layerOf("sequential/max_pooling1d_2/MaxPool"));
        assertEquals("dense_2", TfLayerProfile.layerOf("sequential/dense_2/BiasAdd"));
        assertEquals("softmax", TfLayerProfile.layerOf("sequential/dense_2/Softmax"));
        assertEquals("other", TfLayerProfile.layerOf("sequential/dropout/cond/Merge"));
        assertEquals("other", TfLayerProfile.layerOf("_retval_sequential/dense_2/Softmax_0_0"));
    }
}
