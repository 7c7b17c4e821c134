package org.jgrad.autodiff;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * Dense row-major matrix products: the one place where training spends its time.
 *
 * <p>Where the machine has a native BLAS (Debian: {@code libopenblas0}), products go to its
 * {@code dgemm} through netlib's JNI binding: ten times the speed of any Java loop here.
 * Elsewhere a Java kernel does the work: the inner loop runs along rows of B and C
 * ({@code c[j] += a₀·b₀[j] + … + a₃·b₃[j]}, four rows of B per pass), which the JIT vectorizes;
 * tiles keep a block of B in cache; zero entries of A (half of ReLU's outputs) are skipped;
 * rows are split over the cores when the product is large enough to pay for it.
 */
final class MatMul {

    /** Keeps netlib's "could not load a native BLAS" warnings out of a notebook's stderr. */
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib");
    private static final BLAS NATIVE = nativeBlas();

    private static final int K_TILE = 128;
    private static final int J_TILE = 512;
    /** Below this many multiply-adds a second thread costs more than it saves. */
    private static final long PARALLEL_WORK = 1L << 18;
    /** Below this many multiply-adds a JNI call costs more than it saves. */
    private static final long NATIVE_WORK = 1L << 12;
    /** OpenBLAS runs a product of at most this many multiply-adds on the calling thread alone. */
    private static final long BLAS_ONE_THREAD = 1L << 18;
    /** From about this many multiply-adds on, BLAS's own threads pay for waking them. */
    private static final long BLAS_THREADS_PAY = 1L << 22;
    private static final int ROWS_PER_TASK = 16;

    private MatMul() {
    }

    /**
     * The machine's BLAS, or null (the Java kernel) after saying once on stderr why and how to
     * get it: training large networks is several times slower without it.
     */
    private static BLAS nativeBlas() {
        NETLIB_LOG.setLevel(Level.OFF);
        String reason;
        try {
            BLAS blas = BLAS.getInstance();
            if (blas instanceof NativeBLAS) {
                return blas;
            }
            reason = "netlib found none";
        } catch (RuntimeException | LinkageError e) {
            reason = e.toString();
        }
        System.err.println("jgrad: no native BLAS could be loaded (" + reason + "); matrix products use jgrad's"
                + " Java kernel, several times slower on large matrices. To use the machine's BLAS install OpenBLAS"
                + " (Debian/Ubuntu: apt-get install libopenblas0-pthread) and restart.");
        return null;
    }

    /** The implementation in use, for benchmark reports: "native BLAS (…)" or "Java". */
    static String implementation() {
        return NATIVE == null ? "Java" : "native BLAS";
    }

    /** C = A·B for A [n, k] and B [k, m]. */
    static double[] multiply(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        multiplyAdd(false, false, a, b, c, n, k, m);
        return c;
    }

    /**
     * C [n, m] += op(A)·op(B), where op(A) is [n, k] (A stored as [n, k], or as [k, n] when
     * {@code transA}) and op(B) is [k, m] (B stored as [k, m], or as [m, k] when {@code transB}).
     */
    static void multiplyAdd(boolean transA, boolean transB, double[] a, double[] b, double[] c, int n, int k, int m) {
        if (n == 0 || m == 0 || k == 0) {
            return;
        }
        if (NATIVE != null && (long) n * k * m >= NATIVE_WORK) {
            multiplyAddNative(transA, transB, a, b, c, n, k, m);
            return;
        }
        multiplyAddJava(transA ? transpose(a, k, n) : a, transB ? transpose(b, m, k) : b, c, n, k, m);
    }

    /**
     * {@link #multiplyAdd} through BLAS. A small layer's product (a batch of 128 through 64 × 64
     * weights: 2¹⁹ multiply-adds, 30–40 µs) is just above the size at which OpenBLAS wakes its
     * other threads; that hand-over saved nothing even in the fastest runs measured and cost
     * several times the product on a busy machine, where the caller waits for a thread that is
     * not running. Up to {@link #BLAS_THREADS_PAY} the product therefore goes to BLAS in blocks
     * small enough to stay on the calling thread: blocks of rows of C, or, when A is stored
     * transposed (a weight's gradient, dYᵀ·x), blocks along k added one after the other. (netlib
     * accepts a block of a matrix only if it is made of whole columns of the stored form, so
     * Aᵀ·Bᵀ is not split.)
     */
    private static void multiplyAddNative(boolean transA, boolean transB, double[] a, double[] b, double[] c,
                                          int n, int k, int m) {
        long work = (long) n * k * m;
        long rowWork = (long) k * m;   // C's rows
        long kWork = (long) n * m;     // A's columns, B's rows
        if (work <= BLAS_ONE_THREAD || work >= BLAS_THREADS_PAY || (transA ? kWork : rowWork) > BLAS_ONE_THREAD
                || (transA && transB)) {
            dgemm(transA, transB, a, 0, b, 0, c, 0, n, k, m);
            return;
        }
        int size = transA ? k : n;
        int maxBlock = (int) (BLAS_ONE_THREAD / (transA ? kWork : rowWork));
        int blocks = (size + maxBlock - 1) / maxBlock;
        int block = (size + blocks - 1) / blocks;   // blocks of equal size, none above maxBlock
        for (int i = 0; i < size; i += block) {
            int len = Math.min(block, size - i);
            if (transA) {   // A stored [k, n], B [k, m]: rows i… of both
                dgemm(true, false, a, i * n, b, i * m, c, 0, n, len, m);
            } else {        // rows i… of A and C
                dgemm(false, transB, a, i * k, b, 0, c, i * m, len, k, m);
            }
        }
    }

    /**
     * C [n, m] += op(A)·op(B) by BLAS, on blocks that start at the given offsets; the leading
     * dimensions are those of the whole matrices.
     */
    private static void dgemm(boolean transA, boolean transB, double[] a, int aOffset, double[] b, int bOffset,
                              double[] c, int cOffset, int n, int k, int m) {
        // Column-major BLAS sees a row-major X as Xᵀ, so it computes Cᵀ = op(B)ᵀ·op(A)ᵀ.
        NATIVE.dgemm(transB ? "T" : "N", transA ? "T" : "N", m, n, k, 1.0, b, bOffset, transB ? k : m,
                a, aOffset, transA ? n : k, 1.0, c, cOffset, m);
    }

    /** The Java kernel (package-private so tests can compare it with the native path). */
    static void multiplyAddJava(double[] a, double[] b, double[] c, int n, int k, int m) {
        long work = (long) n * k * m;
        int tasks = (n + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        if (work < PARALLEL_WORK || tasks < 2) {
            rows(a, b, c, k, m, 0, n);
        } else {
            IntStream.range(0, tasks).parallel().forEach(t ->
                    rows(a, b, c, k, m, t * ROWS_PER_TASK, Math.min(n, (t + 1) * ROWS_PER_TASK)));
        }
    }

    private static void rows(double[] a, double[] b, double[] c, int k, int m, int rowStart, int rowEnd) {
        int[] nonZero = new int[K_TILE];
        for (int kk = 0; kk < k; kk += K_TILE) {
            int kEnd = Math.min(k, kk + K_TILE);
            for (int jj = 0; jj < m; jj += J_TILE) {
                int jEnd = Math.min(m, jj + J_TILE);
                for (int i = rowStart; i < rowEnd; i++) {
                    int ci = i * m;
                    int ai = i * k;
                    // Zero entries of A add nothing (ReLU outputs are half zeros): list the others.
                    int count = 0;
                    for (int p = kk; p < kEnd; p++) {
                        if (a[ai + p] != 0) {
                            nonZero[count++] = p;
                        }
                    }
                    // Four rows of B per pass: one load and store of C serves four multiply-adds.
                    int q = 0;
                    for (; q + 4 <= count; q += 4) {
                        double a0 = a[ai + nonZero[q]];
                        double a1 = a[ai + nonZero[q + 1]];
                        double a2 = a[ai + nonZero[q + 2]];
                        double a3 = a[ai + nonZero[q + 3]];
                        int b0 = nonZero[q] * m;
                        int b1 = nonZero[q + 1] * m;
                        int b2 = nonZero[q + 2] * m;
                        int b3 = nonZero[q + 3] * m;
                        for (int j = jj; j < jEnd; j++) {
                            c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
                        }
                    }
                    for (; q < count; q++) {
                        double aip = a[ai + nonZero[q]];
                        int bp = nonZero[q] * m;
                        for (int j = jj; j < jEnd; j++) {
                            c[ci + j] += aip * b[bp + j];
                        }
                    }
                }
            }
        }
    }

    /** The transpose of a row-major [rows, cols] matrix, in tiles so both sides stay in cache. */
    static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        int tile = 32;
        for (int ii = 0; ii < rows; ii += tile) {
            int iEnd = Math.min(rows, ii + tile);
            for (int jj = 0; jj < cols; jj += tile) {
                int jEnd = Math.min(cols, jj + tile);
                for (int i = ii; i < iEnd; i++) {
                    for (int j = jj; j < jEnd; j++) {
                        t[j * rows + i] = a[i * cols + j];
                    }
                }
            }
        }
        return t;
    }
}
