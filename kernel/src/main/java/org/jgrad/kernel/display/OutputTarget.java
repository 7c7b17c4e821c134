package org.jgrad.kernel.display;

/**
 * Where {@link Display}'s functions send their outputs: set by the evaluator while a cell runs.
 * A class of its own, not a method of Display, because cells import Display's statics and
 * must not see this.
 */
public final class OutputTarget {
    static volatile CellOutput current;

    private OutputTarget() {}

    /** The running cell's output, or null between cells. */
    public static void set(CellOutput out) { current = out; }
}
