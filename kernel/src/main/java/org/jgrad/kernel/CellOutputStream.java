package org.jgrad.kernel;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * System.out / System.err while cells run: bytes go to the current cell's {@link CellOutput}
 * line by line (live), at most {@link #CAP} bytes per cell, then dropped and counted. A line
 * still unfinished after {@link #PARTIAL_LINE_NANOS} goes out with the next write, so
 * {@code print(".")} progress shows while a loop runs. (Only the writing thread sends: the
 * Jupyter sockets are not thread-safe, so there is no timer.)
 */
final class CellOutputStream extends OutputStream {
    static final long CAP = 1_000_000;
    static final long PARTIAL_LINE_NANOS = 50_000_000L;
    private static final Object LOCK = new Object();
    private static long written;   // shared by stdout and stderr of one cell

    private final String name;
    private final OutputStream fallback;
    private final byte[] buf = new byte[8192];
    private int len;
    private long bufferedSince;
    private long dropped;
    volatile CellOutput target;

    CellOutputStream(String name, OutputStream fallback) {
        this.name = name;
        this.fallback = fallback;
    }

    static void resetCell() { synchronized (LOCK) { written = 0; } }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int n) {
        if (Guard.pending() && Thread.currentThread().getName().equals("jgrad-cell")) Guard.check();
        synchronized (LOCK) {
            if (target == null) {
                try { fallback.write(b, off, n); } catch (java.io.IOException ignored) { }
                return;
            }
            long room = CAP - written;
            int take = (int) Math.max(0, Math.min(room, n));
            dropped += n - take;
            written += take;
            if (len > 0 && System.nanoTime() - bufferedSince > PARTIAL_LINE_NANOS) {
                emit(len);   // an unfinished line waited long enough: show it now
            }
            for (int i = 0; i < take; i++) {
                byte c = b[off + i];
                if (len == 0) bufferedSince = System.nanoTime();
                buf[len++] = c;
                if (len == buf.length) emit(cut());
                else if (c == '\n') emit(len);
            }
        }
    }

    /** Where to cut a full buffer without splitting a UTF-8 character. */
    private int cut() {
        int end = len;
        int i = len - 1;
        while (i > 0 && (buf[i] & 0xC0) == 0x80) i--;
        int lead = buf[i] & 0xFF;
        int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (len - i < need) end = i;
        return end == 0 ? len : end;
    }

    private void emit(int upTo) {
        if (upTo == 0) return;
        String s = new String(buf, 0, upTo, StandardCharsets.UTF_8);
        System.arraycopy(buf, upTo, buf, 0, len - upTo);
        len -= upTo;
        CellOutput t = target;
        if (t != null) t.stream(name, s);
    }

    @Override
    public void flush() {
        synchronized (LOCK) { emit(len); }
    }

    /** Ends a cell: flushes and writes the truncation note. */
    void finishCell() {
        synchronized (LOCK) {
            emit(len);
            if (dropped > 0 && target != null) {
                target.stream(name, "\n[output truncated: " + dropped + " bytes more]\n");
            }
            dropped = 0;
        }
    }
}
