package io.nnport.jmh;

/**
 * Benchmark shapes named after the layers they come from. charCNN is Zhang, Zhao and LeCun's
 * character-level CNN (small variant): 1014 characters of a 70-letter alphabet, six conv/pool
 * layers of 256 channels, two dense layers of 1024.
 */
public enum KernelShapes {
    /** Conv1D k=7 over [1014, 70] -> [1008, 256]: as a GEMM M=1008, K=490, N=256. */
    CHARCNN_CONV1(1008, 7 * 70, 256),
    /** Conv1D k=7 over [336, 256] -> [330, 256]: M=330, K=1792, N=256. */
    CHARCNN_CONV2(330, 7 * 256, 256),
    /** Dense 8704 (34 x 256 flattened) -> 1024 at batch 1. */
    CHARCNN_FC1(1, 8704, 1024),
    /** Dense 1024 -> 1024 at batch 1. */
    CHARCNN_FC2(1, 1024, 1024);

    public final int m;
    public final int k;
    public final int n;

    KernelShapes(int m, int k, int n) {
        this.m = m;
        this.k = k;
        this.n = n;
    }
}
