package org.jgrad.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class SturdinessTest {
    static Evaluator ev;
    static ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll static void start() {
        ev = new Evaluator();
        ev.eval("int kept = 41;", new Recorder());
    }

    @AfterAll static void stop() { ev.close(); timer.shutdownNow(); }

    void stillUsable() {
        assertEquals("42", ev.eval("kept + 1", new Recorder()).get("text/plain"));
    }

    /** Interrupts after delayMs; returns ms from the interrupt to the cell's end. */
    long interruptAfter(String code, long delayMs, Recorder r) {
        long[] at = new long[1];
        timer.schedule(() -> { at[0] = System.nanoTime(); ev.interrupt(); }, delayMs, TimeUnit.MILLISECONDS);
        CellError e = assertThrows(CellError.class, () -> ev.eval(code, r));
        long end = System.nanoTime();
        assertEquals("Interrupted", e.ename);
        return (end - at[0]) / 1_000_000;
    }

    @Test void interruptStopsTightLoopWithinOneSecond() {
        long ms = interruptAfter("while (true) {}", 300, new Recorder());
        assertTrue(ms < 1000, "took " + ms + " ms");
        System.out.println("interrupt latency (tight loop): " + ms + " ms on " + Runtime.version());
        stillUsable();
    }

    @Test void interruptStopsSleep() {
        long ms = interruptAfter("Thread.sleep(60_000);", 300, new Recorder());
        assertTrue(ms < 1000, "took " + ms + " ms");
        stillUsable();
    }

    @Test void interruptStopsInfinitePrintLoop() {
        Recorder r = new Recorder();
        long ms = interruptAfter("for (long i = 0; ; i++) System.out.println(\"line \" + i);", 500, r);
        assertTrue(ms < 1000, "took " + ms + " ms");
        assertTrue(r.stdout.length() <= CellOutputStream.CAP + 200);
        stillUsable();
    }

    @Test void systemExitEndsOnlyTheCell() {
        CellError e = assertThrows(CellError.class, () -> ev.eval("System.out.println(\"before\");\nSystem.exit(2);\nSystem.out.println(\"after\");", new Recorder()));
        assertEquals("SystemExit", e.ename);
        assertTrue(e.evalue.contains("kept"), e.evalue);
        CellError h = assertThrows(CellError.class, () -> ev.eval("Runtime.getRuntime().halt(1);", new Recorder()));
        assertEquals("SystemExit", h.ename);
        stillUsable();
    }

    @Test void stackOverflowIsReported() {
        CellError e = assertThrows(CellError.class, () -> ev.eval("int down(int n) { return down(n + 1) + 1; }\ndown(0)", new Recorder()));
        assertEquals("StackOverflowError", e.ename);
        assertTrue(e.traceback.size() < 40);
        stillUsable();
    }

    @Test void outOfMemoryIsReported() {
        CellError e = assertThrows(CellError.class, () -> ev.eval("{ long[][] hog = new long[1 << 20][];\nfor (int i = 0; i < hog.length; i++) hog[i] = new long[1 << 20]; }", new Recorder()));
        assertEquals("OutOfMemoryError", e.ename);
        String hint = String.join("\n", e.traceback);
        assertTrue(hint.contains("heap limit is " + (Runtime.getRuntime().maxMemory() >> 20) + " MB") && hint.contains("--max-heap"), hint);
        stillUsable();
    }

    @Test void tenMegabytePrintIsTruncated() {
        Recorder r = new Recorder();
        ev.eval("String big = \"x\".repeat(10_000_000); System.out.print(big); big = null;", r);
        String out = r.stdout.toString();
        assertTrue(out.length() < CellOutputStream.CAP + 100, "length " + out.length());
        assertTrue(out.contains("[output truncated: 9000000 bytes more]"), out.substring(Math.max(0, out.length() - 100)));
        stillUsable();
    }
    /** JShell built a string of every element of a declared array (and threw it away): 5.8 s for 100 MB. */
    @Test void declaringABigArrayCostsNothingInProportionToItsSize() {
        long t0 = System.nanoTime();
        ev.eval("double[] big = new double[13_107_200];", new Recorder());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("declaring a 100 MB array: " + ms + " ms on " + Runtime.version());
        assertTrue(ms < 2000, "declaring a 100 MB array took " + ms + " ms");
        assertEquals("13107200", ev.eval("big.length", new Recorder()).get("text/plain"));
        ev.eval("big = null;", new Recorder());
        stillUsable();
    }

    @Test void aDeclarationDoesNotCallToString() {
        ev.eval("class Counted { static int calls; public String toString() { calls++; return \"counted\"; } }", new Recorder());
        ev.eval("Counted counted = new Counted();\nvar again = new Counted();\nCounted[] many = { new Counted(), new Counted() };", new Recorder());
        assertEquals("0", ev.eval("Counted.calls", new Recorder()).get("text/plain"), "toString calls by declarations");
        // the value of a cell's last expression is still shown, through its toString
        assertEquals("counted", ev.eval("counted", new Recorder()).get("text/plain"));
    }
}
