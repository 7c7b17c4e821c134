package org.jgrad.kernel.protocol;

import java.util.Optional;
import org.jgrad.kernel.eval.KernelLog;

/**
 * Ends the kernel when the Jupyter server that started it is gone, as ipykernel does: a server
 * killed hard, or a hub that stops a student's server, would otherwise leave the kernel running
 * for good, holding its memory. jupyter_client names the server in {@code JPY_PARENT_PID}; a
 * kernel started any other way (no such variable) is left alone.
 */
final class ParentWatch {

    private static final long CHECK_EVERY_MS = 1000;

    private ParentWatch() {}

    static void start() {
        Optional<ProcessHandle> parent = server(System.getenv("JPY_PARENT_PID"));
        if (parent.isEmpty()) return;
        ProcessHandle server = parent.get();   // its start time is kept: a reused pid is not mistaken for it
        Thread t = new Thread(() -> {
            while (server.isAlive()) {
                try {
                    Thread.sleep(CHECK_EVERY_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            KernelLog.log("the process that started this kernel (pid " + server.pid() + ") is gone: the kernel ends");
            System.exit(0);
        }, "jgrad-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    /** The process JPY_PARENT_PID names, if it is a number, not init, and alive now. */
    static Optional<ProcessHandle> server(String jpyParentPid) {
        if (jpyParentPid == null) return Optional.empty();
        long pid;
        try {
            pid = Long.parseLong(jpyParentPid.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (pid <= 1) return Optional.empty();
        return ProcessHandle.of(pid);
    }
}
