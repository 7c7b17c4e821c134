package org.jgrad.grading;

/**
 * A failed check: ends the test cell with a one-line error, so nbgrader (and our grader) count
 * the cell as failed. No stack trace: the result card above it says what failed and why.
 */
public final class CheckFailed extends AssertionError {
    public CheckFailed(String message) {
        super(message, null);
        setStackTrace(new StackTraceElement[0]);
    }

    @Override
    public synchronized Throwable fillInStackTrace() { return this; }
}
