package org.jgrad.kernel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Called from rewritten snippet bytecode (see {@link GuardTransformer}). Every method entry and
 * backward branch of a snippet calls {@link #check()}; calls to System.exit / Runtime.exit /
 * Runtime.halt are replaced by {@link #exit(int)} and {@link #exit(Runtime, int)}.
 */
public final class Guard {
    private Guard() {}

    /**
     * An interrupt is pending for some thread: the only field {@link #check()} reads while nothing
     * is pending, so a cell's loops pay one volatile read.
     */
    private static volatile boolean pending;
    /** The cell thread the pending interrupt is for: a student's own background threads go on. */
    private static volatile Thread target;
    /** Cell threads abandoned after ignoring an interrupt: they stop at their next check, whenever. */
    private static final Set<Thread> abandoned = ConcurrentHashMap.newKeySet();

    /** Thrown into a running cell when the user interrupts it. */
    public static final class Interrupted extends Error {
        public Interrupted() { super("cell interrupted", null, false, false); }
    }

    /** Thrown instead of ending the JVM when a cell calls System.exit. */
    public static final class ExitCalled extends Error {
        public final int status;
        public ExitCalled(int status) { super("System.exit(" + status + ") called", null, false, false); this.status = status; }
    }

    public static void check() {
        if (pending) checkThread();
    }

    private static void checkThread() {
        Thread me = Thread.currentThread();
        // not cleared here: a cell that catches Interrupted is stopped again at its next check
        if (me == target || abandoned.contains(me)) throw new Interrupted();
    }

    /** Interrupts cell code running on thread cell (at its next check); other threads are left alone. */
    public static void request(Thread cell) {
        target = cell;
        pending = true;
    }

    /** Stops thread at its next check, for good: it was abandoned after ignoring an interrupt. */
    static void abandon(Thread thread) {
        abandoned.add(thread);
        pending = true;
    }

    /** Ends the pending interrupt, if any (a cell starts or ends). */
    public static void clear() {
        target = null;
        abandoned.removeIf(t -> !t.isAlive());
        pending = !abandoned.isEmpty();
    }

    /** Whether an interrupt is pending for the current thread. */
    public static boolean pending() {
        if (!pending) return false;
        Thread me = Thread.currentThread();
        return me == target || abandoned.contains(me);
    }

    public static void exit(int status) { throw new ExitCalled(status); }

    public static void exit(Runtime runtime, int status) { throw new ExitCalled(status); }
}
