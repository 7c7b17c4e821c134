package org.jgrad.kernel.eval;

import org.jgrad.kernel.display.CellOutput;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * System.out / System.err while cells run: bytes go to the current cell's {@link CellOutput}
 * in batches, at most {@link #CAP} bytes per cell, then dropped and counted. One stream message
 * a line made 10,000 messages of a 10,000-line loop (1.3 s to idle, and the Notebook's "IOPub
 * message rate exceeded"); now pending output goes out once it is {@link #FLUSH_NANOS} old (on
 * the next write, or from the thread waiting for the cell: {@link #flushStale()}), when
 * {@link #BATCH_BYTES} are pending, before anything written to the other stream or displayed
 * (order is kept), and at the cell's end. Every send happens under one lock, so the cell's
 * thread and the waiting thread never send at once.
 */
final class CellOutputStream extends OutputStream {
    static final long CAP = 1_000_000;
    static final long FLUSH_NANOS = 50_000_000L;
    static final int BATCH_BYTES = 64 * 1024;
    private static final Object LOCK = new Object();
    private static long written;   // shared by stdout and stderr of one cell
    private static final List<CellOutputStream> STREAMS = new CopyOnWriteArrayList<>();

    private final String name;
    private final OutputStream fallback;
    private final byte[] buf = new byte[BATCH_BYTES];
    private int len;
    private long bufferedSince;
    private long dropped;
    volatile CellOutput target;

    CellOutputStream(String name, OutputStream fallback) {
        this.name = name;
        this.fallback = fallback;
        STREAMS.add(this);
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
            if (take == 0) return;
            for (CellOutputStream other : STREAMS) {
                if (other != this) other.emit(other.len);   // what was written first is shown first
            }
            if (len == 0) bufferedSince = System.nanoTime();
            for (int i = 0; i < take; i++) {
                buf[len++] = b[off + i];
                if (len == buf.length) emit(cut());
            }
            if (len > 0 && System.nanoTime() - bufferedSince >= FLUSH_NANOS) emit(cut());
        }
    }

    /**
     * Sends what has waited {@link #FLUSH_NANOS} or longer; called every few tens of milliseconds
     * by the thread waiting for a running cell, so a line printed before a long computation or a
     * sleep shows without waiting for the next write.
     */
    static void flushStale() {
        synchronized (LOCK) {
            long now = System.nanoTime();
            for (CellOutputStream s : STREAMS) {
                if (s.len > 0 && now - s.bufferedSince >= FLUSH_NANOS) s.emit(s.cut());
            }
        }
    }

    /** Sends everything pending, in the order it was written (before a display, at a cell's end). */
    private static void flushAll() {
        for (CellOutputStream s : STREAMS) s.emit(s.len);
    }

    /**
     * out, with displays and clears sent after the output printed before them, and under the
     * same lock as stream output.
     */
    static CellOutput ordered(CellOutput out) {
        return new CellOutput() {
            @Override public void stream(String name, String text) {
                synchronized (LOCK) { out.stream(name, text); }
            }

            @Override public void display(Map<String, Object> bundle, String displayId, boolean update) {
                synchronized (LOCK) {
                    flushAll();
                    out.display(bundle, displayId, update);
                }
            }

            @Override public void clear(boolean wait) {
                synchronized (LOCK) {
                    flushAll();
                    out.clear(wait);
                }
            }

            @Override public void page(Map<String, Object> bundle) {
                synchronized (LOCK) {
                    flushAll();
                    out.page(bundle);
                }
            }
        };
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
        if (upTo <= 0) return;
        String s = new String(buf, 0, upTo, StandardCharsets.UTF_8);
        System.arraycopy(buf, upTo, buf, 0, len - upTo);
        len -= upTo;
        if (len > 0) bufferedSince = System.nanoTime();
        CellOutput t = target;
        if (t != null) t.stream(name, s);
    }

    /**
     * Sends nothing by itself: PrintStream's autoflush calls this after every println, which
     * would be a message a line again. Pending output goes out within {@link #FLUSH_NANOS} plus
     * one tick of {@link #flushStale()}.
     */
    @Override
    public void flush() { }

    /** Ends a cell: flushes and writes the truncation note. */
    void finishCell() {
        synchronized (LOCK) {
            flushAll();
            if (dropped > 0 && target != null) {
                target.stream(name, "\n[output truncated: " + dropped + " bytes more]\n");
            }
            dropped = 0;
        }
    }
}
