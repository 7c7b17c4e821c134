package org.jgrad.kernel;

/**
 * What instrumented cell code calls (see {@link Instrumenter}): every loop asks {@link #check()}
 * whether the cell was interrupted, and System.exit / Runtime.exit / Runtime.halt end the cell
 * instead of the kernel's JVM. Public because snippet classes, in their own class loader, call it.
 */
public final class Guard {

    private static volatile boolean stopRequested;

    private Guard() {
    }

    /** Thrown into a cell that was interrupted; an Error so that {@code catch (Exception e)} does not swallow it. */
    public static final class CellInterrupted extends Error {
        CellInterrupted() {
            super("the cell was interrupted", null, false, false);
        }
    }

    /** Thrown instead of ending the JVM when a cell calls System.exit. */
    public static final class CellExit extends Error {
        private final int status;

        CellExit(int status) {
            super("System.exit(" + status + ") was called", null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Called at every loop's back edge in cell code. */
    public static void check() {
        if (stopRequested) {
            throw new CellInterrupted();
        }
    }

    /** Replaces {@code System.exit(status)} in cell code. */
    public static void exit(int status) {
        throw new CellExit(status);
    }

    /** Replaces {@code Runtime.getRuntime().exit(status)} and {@code halt(status)} in cell code. */
    public static void exit(Runtime runtime, int status) {
        throw new CellExit(status);
    }

    static void requestStop() {
        stopRequested = true;
    }

    static void reset() {
        stopRequested = false;
    }

    static boolean stopRequested() {
        return stopRequested;
    }
}
