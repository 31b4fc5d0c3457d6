/**
 * GEMM: {@code C = epilogue(A x B)}, float32, row-major, the one matrix product behind dense layers,
 * convolutions (through im2col) and 1x1 convolutions. This page is the contract; every variant
 * (the scalar twin and each vector tile shape in {@link io.nnport.kernels.gemm.GemmVariant}) obeys it.
 *
 * <h2>Operands</h2>
 * <pre>
 *   A  m x k, row-major: a[aOff + i*lda + p]      (activations; or an im2col view of an NHWC tensor)
 *   B  k x n, row-major at pack time: b[bOff + p*ldb + j]   (weights; TF MatMul [K,N], conv HWIO)
 *   C  m x n, row-major: c[cOff + i*ldc + j]      lda &gt;= k, ldc &gt;= n (strides larger than the width
 *                                                  are allowed: C may be a column slice of a wider
 *                                                  tensor, e.g. a concat target)
 * </pre>
 * The epilogue's per-channel scale and shift are read at channel {@code firstChannel + j} for
 * column j: firstChannel is 0 except for one group of a grouped convolution, whose C is a column
 * slice of the layer's output and whose columns are the layer's channels from firstChannel on.
 *
 * <h2>Packed B (once, at load: {@link io.nnport.kernels.gemm.Gemm#packB})</h2>
 * B is cut into panels NR columns wide; each panel is stored k rows by NR floats, contiguously, so
 * the microkernel reads one NR-wide row of B per step of k with unit stride. The last panel is
 * zero-padded to NR columns. {@link io.nnport.kernels.gemm.PackedB} records the NR it was packed
 * for; a vector variant only accepts its own NR (the scalar twin reads any NR).
 * <pre>
 *   B (k x n)                  packed: panel 0        panel 1        ...  panel ceil(n/NR)-1
 *   +----+----+-- ... --+      [p=0  : j 0..NR-1 ]  [p=0  : j NR..2NR-1]    [p=0 : j ..n-1, 0 0 0]
 *   | P0 | P1 |  ...    |      [p=1  : j 0..NR-1 ]  [p=1  : ...        ]    [p=1 : ...,      0 0 0]
 *   |    |    |         |       ...                  ...                     ...
 *   +----+----+-- ... --+      [p=k-1: j 0..NR-1 ]  [p=k-1: ...        ]
 *   element (p, j) at  (j / NR) * k * NR  +  p * NR  +  j % NR
 * </pre>
 *
 * <h2>Packed A (per call, into the caller's scratch)</h2>
 * For each block of MC rows and KC columns (the ic and pc loops) A is copied into slivers MR rows
 * tall. Each row keeps its kc values contiguous, at a row stride of KC floats whatever kc is, so
 * packing is a row copy and the microkernel's MR broadcasts at step p read {@code base + p + r*KC}:
 * one address register plus constant displacements, and MR sequential streams.
 * <pre>
 *   sliver s (rows s*MR .. s*MR+MR-1):
 *   row 0:    [a(r0, p0) a(r0, p0+1) ... a(r0, p0+kc-1) | unused up to KC]
 *   row 1:    [a(r1, p0) ...                            |               ]
 *   ...
 *   row MR-1: [...                                      |               ]
 *   sliver s starts at s * MR * KC; rows past m are zero. im2col (convolution) writes these rows
 *   straight from the NHWC input: row = output position (batch, oh, ow), column p = (kh, kw, cin)
 *   in that order (HWIO's order), padded taps zero; runs of cin columns are one copy each. There is
 *   no intermediate im2col matrix.
 * </pre>
 *
 * <h2>Microkernel and loops (BLIS naming)</h2>
 * <pre>
 *   jc  (NC columns of B, multiple of NR)       B block KC x NC stays in L2 across the ic loop
 *    pc (KC steps of k)                          B is already packed: the block is panel rows pc..
 *     ic (MC rows of A)     pack A (MC x KC)     A block stays in L2 across the jr loop
 *      jr (NR columns)                           B sliver KC x NR reused across the ir loop
 *       ir (MR rows)        microkernel          MR x NR accumulators in registers, KC fma steps
 * </pre>
 * The constants and the reasoning behind them are in {@link io.nnport.kernels.gemm.Gemm}. The
 * MR x NR tile (NR = a whole number of vectors) is fixed per variant; see
 * {@link io.nnport.kernels.gemm.GemmVariant}.
 *
 * <h2>Edges</h2>
 * The microkernel always computes a whole MR x NR tile. The driver handles m &lt; MR (zero rows in
 * packed A) and n &lt; NR (zero columns in packed B) by running the microkernel on a one-tile buffer
 * in scratch and copying the valid part to C; for a tile narrower than NR the epilogue runs on that
 * copy (scalar {@link io.nnport.kernels.Epilogue#apply}), because the per-column scale and shift
 * arrays hold only n values. Nothing outside the m x n window of C is ever written.
 *
 * <h2>Overwrite, never accumulate</h2>
 * C's previous contents are never read: the first KC block starts its accumulators at zero. When
 * k &gt; KC the partial sums of one block are stored in C and reloaded by the next (float32 in,
 * float32 out: this does not change a single bit, see below), and the epilogue runs after the last
 * block. k = 0 gives {@code epilogue(0)}. C must not overlap A or B.
 *
 * <h2>Numeric contract (why vector and scalar agree bit for bit)</h2>
 * Every element of C is one fused-multiply-add chain over k in ascending order, starting from +0:
 * <pre>
 *   acc = 0;  for p = 0 .. k-1:  acc = fma(a(i,p), b(p,j), acc);   c(i,j) = epilogue(acc, j)
 * </pre>
 * and the epilogue is {@link io.nnport.kernels.Epilogue}'s: one fma (or add, or mul) with scale and
 * shift, a clamp, an activation. No variant reorders, splits or pairs up the k sum (threads split
 * over M or N only), so {@link io.nnport.kernels.gemm.GemmScalar}, the plain triple loop, gives the
 * same bits as every vector variant at every width and thread count, NaN and infinity included.
 * The one exception is a transcendental activation (sigmoid, tanh, ...; {@code !Activation.isExact()}):
 * its vector form differs from the scalar one by a few ulps.
 *
 * <h2>Alignment</h2>
 * None required. Java gives no control over array addresses; all loads and stores are unaligned
 * vector accesses at any offset.
 *
 * <h2>Scratch, threads, allocation</h2>
 * The packed A block and the edge tile live in the caller's scratch (a
 * {@link io.nnport.kernels.KernelContext}'s array from its offset), at least
 * {@link io.nnport.kernels.gemm.Gemm#scratchFloats} long: one region per thread of the context's
 * {@link io.nnport.kernels.gemm.Team}. No call allocates.
 */
package io.nnport.kernels.gemm;
