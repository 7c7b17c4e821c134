package org.jgrad.kernel.eval;

/**
 * Gives memory back to the system when the kernel is idle. A cell that built and dropped big
 * arrays left the heap committed at its peak for good (SerialGC shrinks the heap only after a
 * full collection, and an idle kernel never collects): 200 cells of 10 MB arrays kept 2.6 GB on
 * JDK 17, on every student's kernel of a class server. Once no cell has run for
 * {@link #IDLE_NANOS} after one or more cells, and the heap has grown past {@link #BIG_HEAP},
 * one full collection shrinks it (with -XX:-ShrinkHeapInSteps, all the way to what
 * MaxHeapFreeRatio allows). At most one collection per pause between cells.
 */
public final class IdleMemory {
    static final long IDLE_NANOS = 1_000_000_000L;
    /** Below this the heap is what a kernel needs anyway (96 MB at start, ≈45 MB of it JShell's). */
    static final long BIG_HEAP = 256L << 20;

    private IdleMemory() {}

    /** Starts watching e on a daemon thread; -Djgrad.idleGc=false turns it off. */
    public static void watch(Evaluator e) {
        if (!Boolean.parseBoolean(System.getProperty("jgrad.idleGc", "true"))) return;
        Thread t = new Thread(() -> loop(e), "jgrad-idle-memory");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void loop(Evaluator e) {
        long handled = e.idleSince();   // the end of the cell last looked at
        try {
            while (!e.isClosed()) {
                Thread.sleep(250);
                long since = e.idleSince();
                if (since < 0 || since == handled || System.nanoTime() - since < IDLE_NANOS) continue;
                handled = since;
                Runtime rt = Runtime.getRuntime();
                if (rt.totalMemory() > BIG_HEAP) System.gc();
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }
}
