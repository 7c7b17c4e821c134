package org.jgrad.kernel.render;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import org.jgrad.plot.Rasterizer;

/** The renderers' PNGs: null (and one note on the process's stderr) where Java2D cannot draw. */
final class Pictures {
    private static volatile boolean warned;

    private Pictures() {}

    /**
     * Loads jsvg, Java2D's fonts and the PNG writer (≈1–2 s of class loading and font set-up) on a
     * background thread, so the first figure of a session is not the one that waits for it.
     */
    static void warmUpInBackground() {
        // a process that shows no pictures to anyone (a grading JVM) should not pay ≈0.9 s of CPU for it
        if (!Boolean.parseBoolean(System.getProperty("jgrad.pictures.warmUp", "true"))) return;
        Thread t = new Thread(() -> png("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
                + "<text x=\"2\" y=\"14\" font-family=\"sans-serif\" font-size=\"12\">x</text></svg>"), "jgrad-png-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    static Rasterizer.Png png(String svg) {
        try {
            return Rasterizer.png(svg);
        } catch (RuntimeException | LinkageError | InternalError e) {
            if (!warned) {
                warned = true;
                // the process's real stderr, as KernelLog: never into a cell (System.err is the cell's while it runs)
                new PrintStream(new FileOutputStream(FileDescriptor.err), true).println("jgrad: no PNG pictures (showing SVG instead): " + e);
            }
            return null;
        }
    }
}
