package io.nnport.kernels.depthwise;

import static io.nnport.kernels.vector.Species.F;
import static io.nnport.kernels.vector.Species.LANES;

import io.nnport.kernels.Epilogue;
import io.nnport.kernels.Window;
import io.nnport.kernels.elementwise.Channelwise;
import jdk.incubator.vector.FloatVector;

/**
 * The vector twin of {@link DepthwiseConvScalar}, vectorized over input channels: per output pixel,
 * multiplier index and block of LANES channels (four blocks per pass where the channels allow, for
 * four independent fma chains), one accumulator vector runs the fma chain over the valid taps; input
 * and filter loads are contiguous in the channel. With a multiplier above 1 a pixel's outputs come
 * out [multiplier, channels] and are put in TensorFlow's [channels, multiplier] order in place, while
 * in L1 ({@link DepthwiseSpec#interleave}): a gather of repeated input channels instead is not
 * intrinsified without AVX2 and, on JDK 17, not always with it, and then allocates on every load.
 * The epilogue runs over each finished output row, still in L1, through {@link Channelwise}: calling
 * the epilogue's vector code from this large method, once per block, left C2 short of its inlining
 * budget, and an epilogue call it did not inline boxed every accumulator (found by
 * {@code CoreKernelsZeroAllocationTest} at 128 and 256 bits). The fma chains are the scalar twin's,
 * so the results agree bit for bit but for transcendental activations. Only loaded when
 * {@code Simd.VECTOR}.
 */
final class DepthwiseConvVector {

    /** Channels per pass of the four-accumulator loop. */
    private static final int BLOCK = 4 * LANES;

    private DepthwiseConvVector() {}

    static void apply(DepthwiseSpec spec, float[] src, int srcOff, float[] dst, int dstOff, int batch) {
        Window h = spec.h();
        Window w = spec.w();
        int cin = spec.channels();
        int mult = spec.multiplier();
        int cout = spec.outChannels();
        float[] filter = spec.filterByMultiplier;
        Epilogue epilogue = spec.epilogue();
        int inH = h.in();
        int inW = w.in();
        int outH = h.out();
        int outW = w.out();
        int kw = w.size();
        int tapStepIn = w.dilation() * cin;
        int upper = F.loopBound(cin);
        for (int b = 0; b < batch; b++) {
            for (int oy = 0; oy < outH; oy++) {
                int y0 = oy * h.stride() - h.padBefore();
                int ky0 = DepthwiseSpec.firstTap(h, oy);
                int ky1 = DepthwiseSpec.endTap(h, oy);
                int rowOut = dstOff + (b * outH + oy) * outW * cout;
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = ox * w.stride() - w.padBefore();
                    int kx0 = DepthwiseSpec.firstTap(w, ox);
                    int kx1 = DepthwiseSpec.endTap(w, ox);
                    int pixelOut = rowOut + ox * cout;
                    int rows = ky1 - ky0;
                    int cols = kx1 - kx0;
                    int taps = rows * cols;
                    // First valid tap's input and filter offsets, and the jumps from a row's last tap
                    // to the next row's first.
                    int firstIn = srcOff + ((b * inH + y0 + ky0 * h.dilation()) * inW + x0 + kx0 * w.dilation()) * cin;
                    int rowJumpIn = (h.dilation() * inW - cols * w.dilation()) * cin;
                    int rowJumpW = (kw - cols) * cout;
                    for (int m = 0; m < mult; m++) {
                        int firstW = (ky0 * kw + kx0) * cout + m * cin;
                        int out = pixelOut + m * cin;
                        int c = 0;
                        // Four channel blocks per pass: four independent fma chains hide the fma latency.
                        for (; c + BLOCK <= cin; c += BLOCK) {
                            FloatVector acc0 = FloatVector.zero(F);
                            FloatVector acc1 = FloatVector.zero(F);
                            FloatVector acc2 = FloatVector.zero(F);
                            FloatVector acc3 = FloatVector.zero(F);
                            int in = firstIn + c;
                            int wt = firstW + c;
                            int kx = 0;
                            for (int t = 0; t < taps; t++) {
                                acc0 = FloatVector.fromArray(F, src, in)
                                        .fma(FloatVector.fromArray(F, filter, wt), acc0);
                                acc1 = FloatVector.fromArray(F, src, in + LANES)
                                        .fma(FloatVector.fromArray(F, filter, wt + LANES), acc1);
                                acc2 = FloatVector.fromArray(F, src, in + 2 * LANES)
                                        .fma(FloatVector.fromArray(F, filter, wt + 2 * LANES), acc2);
                                acc3 = FloatVector.fromArray(F, src, in + 3 * LANES)
                                        .fma(FloatVector.fromArray(F, filter, wt + 3 * LANES), acc3);
                                in += tapStepIn;
                                wt += cout;
                                if (++kx == cols) {
                                    kx = 0;
                                    in += rowJumpIn;
                                    wt += rowJumpW;
                                }
                            }
                            acc0.intoArray(dst, out + c);
                            acc1.intoArray(dst, out + c + LANES);
                            acc2.intoArray(dst, out + c + 2 * LANES);
                            acc3.intoArray(dst, out + c + 3 * LANES);
                        }
                        for (; c < upper; c += LANES) {
                            // One loop over the taps, not ky and kx loops: JDK 17's C2 keeps a vector in
                            // a register through one loop's phi but boxes it (allocating) across nested loops.
                            FloatVector acc = FloatVector.zero(F);
                            int in = firstIn + c;
                            int wt = firstW + c;
                            int kx = 0;
                            for (int t = 0; t < taps; t++) {
                                acc = FloatVector.fromArray(F, src, in).fma(FloatVector.fromArray(F, filter, wt), acc);
                                in += tapStepIn;
                                wt += cout;
                                if (++kx == cols) {
                                    kx = 0;
                                    in += rowJumpIn;
                                    wt += rowJumpW;
                                }
                            }
                            acc.intoArray(dst, out + c);
                        }
                        for (; c < cin; c++) {
                            float acc = 0f;
                            int in = firstIn + c;
                            int wt = firstW + c;
                            for (int ky = 0; ky < rows; ky++, in += rowJumpIn, wt += rowJumpW) {
                                for (int kx = 0; kx < cols; kx++, in += tapStepIn, wt += cout) {
                                    acc = Math.fma(src[in], filter[wt], acc);
                                }
                            }
                            dst[out + c] = acc;
                        }
                    }
                    if (mult > 1) {
                        spec.interleave(dst, pixelOut);
                    }
                }
                if (!epilogue.isIdentity()) {
                    Channelwise.apply(epilogue, dst, rowOut, dst, rowOut, outW, cout);
                }
            }
        }
    }
}
