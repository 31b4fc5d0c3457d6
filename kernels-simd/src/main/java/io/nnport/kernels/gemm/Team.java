package io.nnport.kernels.gemm;

import io.nnport.kernels.Epilogue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Optional intra-op parallelism for GEMM and convolution: a small fixed set of daemon threads
 * created once. A call splits C over M (rows, in whole MR tiles) or, when M is too short, over N
 * (whole NR panels), never over K, so every C element is still computed by one thread as one fma
 * chain: the result is bit-identical for any thread count.
 *
 * <p>Nothing is allocated per call: the call's arguments go into this object's fields, the workers
 * are woken with {@link LockSupport#unpark} and the caller waits on an atomic counter. One call
 * runs on a team at a time; a caller that finds the team busy computes its GEMM on its own thread
 * (same bits), so a team can be shared by many model instances. Thread t uses scratch region t.
 */
public final class Team implements AutoCloseable {

    /** No extra threads: every call runs on the caller's thread. */
    public static final Team SERIAL = new Team(1);

    /** Busy-wait rounds (a PAUSE each, ~40 us in all) before a waiting thread parks. */
    private static final int SPINS = 1 << 10;

    private final int threads;
    private final Thread[] workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private volatile Thread caller;
    private volatile Throwable failure;

    // The call in progress, published to the workers by the volatile write of generation.
    private GemmVariant variant;
    private int m;
    private float[] a;
    private int aOff;
    private int lda;
    private Im2col im2col;
    private PackedB b;
    private float[] c;
    private int cOff;
    private int ldc;
    private Epilogue e;
    private int firstChannel;
    private float[] scratch;
    private int scratchOff;
    private int scratchPerThread;
    private boolean splitRows;
    private int chunk;

    private Team(int threads) {
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> work(index), "nnport-gemm-" + t);
            worker.setDaemon(true);
            workers[t - 1] = worker;
        }
        for (Thread worker : workers) {
            worker.start();
        }
    }

    /** A team of {@code threads} threads in all: the caller plus {@code threads - 1} workers. */
    public static Team create(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256]: " + threads);
        }
        return threads == 1 ? SERIAL : new Team(threads);
    }

    /** Threads a call may use, the caller included; scratch holds this many regions. */
    public int threads() {
        return threads;
    }

    /** Stops the workers; later calls run on the caller's thread. */
    @Override
    public void close() {
        if (this == SERIAL) {
            return;
        }
        lock.lock(); // never while a call is running: its workers must finish it
        try {
            closed = true;
            for (Thread worker : workers) {
                LockSupport.unpark(worker);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs one GEMM split over the team; false (nothing done) when the team is busy or closed. */
    boolean run(GemmVariant variant, int m, float[] a, int aOff, int lda, Im2col im2col, PackedB b,
                float[] c, int cOff, int ldc, Epilogue e, int firstChannel, float[] scratch, int scratchOff) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (closed) {
                return false;
            }
            this.variant = variant;
            this.m = m;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.im2col = im2col;
            this.b = b;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.e = e;
            this.firstChannel = firstChannel;
            this.scratch = scratch;
            this.scratchOff = scratchOff;
            this.scratchPerThread = variant.scratchFloatsPerThread(m, b.k());
            int mr = variant.mr();
            int nr = variant.nr();
            // Rows when every thread gets at least two MR tiles, else panels of N.
            splitRows = m >= 2 * mr * threads;
            chunk = splitRows ? GemmVariant.roundUp((m + threads - 1) / threads, mr)
                    : (((b.n() + nr - 1) / nr + threads - 1) / threads) * nr;
            failure = null;
            caller = Thread.currentThread();
            pending.set(threads - 1);
            generation++;
            for (Thread worker : workers) {
                LockSupport.unpark(worker);
            }
            runPart(0);
            int spins = 0;
            while (pending.get() != 0) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            this.a = null;
            this.b = null;
            this.c = null;
            this.e = null;
            this.im2col = null;
            this.scratch = null;
            Throwable thrown = failure;
            if (thrown != null) {
                throw new IllegalStateException("a GEMM worker thread failed", thrown);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void runPart(int t) {
        int n = b.n();
        int rowFrom = 0;
        int rowTo = m;
        int colFrom = 0;
        int colTo = n;
        if (splitRows) {
            rowFrom = Math.min(m, t * chunk);
            rowTo = Math.min(m, rowFrom + chunk);
        } else {
            colFrom = Math.min(n, t * chunk);
            colTo = Math.min(n, colFrom + chunk);
        }
        if (rowFrom < rowTo && colFrom < colTo) {
            variant.runPart(m, a, aOff, lda, im2col, b, c, cOff, ldc, e, firstChannel, scratch,
                    scratchOff + t * scratchPerThread, rowFrom, rowTo, colFrom, colTo);
        }
    }

    private void work(int index) {
        int seen = 0;
        while (true) {
            int spins = 0;
            int now;
            while ((now = generation) == seen && !closed) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = now;
            try {
                runPart(index);
            } catch (Throwable thrown) {
                failure = thrown;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }
}
