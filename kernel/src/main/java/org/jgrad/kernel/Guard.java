package org.jgrad.kernel;

/**
 * Called from rewritten snippet bytecode. Every backward branch of a snippet calls
 * {@link #check()}; calls to System.exit / Runtime.exit / Runtime.halt are replaced by
 * {@link #exit(int)} and {@link #exit(Runtime, int)}.
 */
public final class Guard {
    private Guard() {}

    private static volatile boolean interruptPending;

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
        if (interruptPending) {
            interruptPending = false;
            throw new Interrupted();
        }
    }

    public static void request() { interruptPending = true; }

    public static void clear() { interruptPending = false; }

    public static boolean pending() { return interruptPending; }

    public static void exit(int status) { throw new ExitCalled(status); }

    public static void exit(Runtime runtime, int status) { throw new ExitCalled(status); }
}
