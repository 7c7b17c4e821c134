package org.jgrad.kernel.eval;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.FileDescriptor;
import java.time.Instant;

/** The kernel's own log: the process's real stderr (Jupyter's terminal), never a cell's output. */
public final class KernelLog {
    private static final PrintStream REAL_ERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true);

    private KernelLog() {}

    public static void log(String message) {
        REAL_ERR.println("[jgrad-kernel " + Instant.now() + "] " + message);
    }
}
