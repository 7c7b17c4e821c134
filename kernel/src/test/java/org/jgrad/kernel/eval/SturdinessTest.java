package org.jgrad.kernel.eval;

import org.jgrad.kernel.display.Recorder;
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

    // ---- a result's rendering runs like the cell itself (guarded, capped, interruptible) ----

    @Test void valueWhoseToStringOverflowsTheStackGetsAClearError() {
        Recorder r = new Recorder();
        ev.eval("record N(String name, List<N> kids) {}", r);
        ev.eval("var root = new N(\"r\", new ArrayList<>()); root.kids().add(root);", r);
        CellError e = assertThrows(CellError.class, () -> ev.eval("root", new Recorder()));
        assertEquals("StackOverflowError", e.ename);
        assertTrue(e.evalue.contains("could not show the value: its toString() overflowed the stack"), e.evalue);
        ev.eval("List<Object> la = new ArrayList<>(), lb = new ArrayList<>(); la.add(lb); lb.add(la);", r);
        CellError e2 = assertThrows(CellError.class, () -> ev.eval("la", new Recorder()));
        assertTrue(e2.evalue.contains("overflowed the stack"), e2.evalue);
        stillUsable();
    }

    @Test void valueWhoseToStringThrowsGetsAClearError() {
        ev.eval("class Bad { public String toString() { throw new IllegalStateException(\"no text\"); } }", new Recorder());
        CellError e = assertThrows(CellError.class, () -> ev.eval("new Bad()", new Recorder()));
        assertEquals("IllegalStateException", e.ename);
        assertTrue(e.evalue.contains("could not show the value") && e.evalue.contains("no text"), e.evalue);
        stillUsable();
    }

    @Test void interruptStopsToStringThatLoops() {
        ev.eval("class Spin { public String toString() { while (true) {} } }", new Recorder());
        long ms = interruptAfter("new Spin()", 300, new Recorder());
        assertTrue(ms < 1000, "took " + ms + " ms");
        stillUsable();
    }

    @Test void hugeToStringIsTruncated() {
        String text = (String) ev.eval("\"y\".repeat(5_000_000)", new Recorder()).get("text/plain");
        assertTrue(text.length() < CellOutputStream.CAP + 100, "length " + text.length());
        assertTrue(text.endsWith("[output truncated: 4000000 characters more]"), text.substring(text.length() - 60));
        stillUsable();
    }

    // ---- an interrupt stops the cell, and only the cell ----

    /** CPU time used by every jgrad-cell thread (current and abandoned) over ms milliseconds. */
    static long cellThreadsCpuMs(long ms) throws InterruptedException {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> before = new java.util.HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jgrad-cell")) before.put(t.getId(), mx.getThreadCpuTime(t.getId()));
        }
        Thread.sleep(ms);
        long used = 0;
        for (var e : before.entrySet()) {
            long now = mx.getThreadCpuTime(e.getKey());
            if (now > 0 && e.getValue() > 0) used += now - e.getValue();
        }
        return used / 1_000_000;
    }

    @Test void interruptStopsLoopInsideJdkCode() throws InterruptedException {
        long ms = interruptAfter("Stream.generate(() -> 1).forEach(x -> {});", 300, new Recorder());
        assertTrue(ms < 1000, "took " + ms + " ms");
        long cpu = cellThreadsCpuMs(500);
        assertTrue(cpu < 100, "cell threads still used " + cpu + " ms of CPU in 500 ms");
        ms = interruptAfter("IntStream.iterate(0, i -> i + 1).map(i -> i * 2).sum()", 300, new Recorder());
        assertTrue(ms < 1000, "took " + ms + " ms");
        ms = interruptAfter("long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nfib(80)", 300, new Recorder());
        assertTrue(ms < 1000, "recursion without a loop took " + ms + " ms");
        ms = interruptAfter("Stream.iterate(1L, Math::incrementExact).forEach(x -> {});", 300, new Recorder());
        assertTrue(ms < 1000, "took " + ms + " ms");
        assertTrue(cellThreadsCpuMs(500) < 100);
        stillUsable();
    }

    @Test void aLoopThatNeverReturnsToCellCodeIsStoppedOn17AndLeftBehindOn20Plus() throws InterruptedException {
        // one call into the JDK that computes for many seconds (10^40,000,000, ≈ 130 million bits) and
        // never returns to cell code: only Thread.stop (gone on JDK 20+) ends it. On 20+ the cell
        // still replies and the next cell runs on a fresh thread; the old one finishes its product
        // (it ends by itself, so it does not spin for the rest of the test run).
        long ms = interruptAfter("java.math.BigInteger.TEN.pow(25_000_000).bitLength()", 300, new Recorder());
        assertTrue(ms < 10_000, "the interrupted cell replied after " + ms + " ms");
        if (Runtime.version().feature() < 20) {
            Thread.sleep(200);
            long cpu = cellThreadsCpuMs(500);
            assertTrue(cpu < 100, "cell threads still used " + cpu + " ms of CPU in 500 ms");
        }
        stillUsable();
        // on 20+ the abandoned thread finishes its product by itself: wait for it, so that it does
        // not count against the CPU checks of the tests that follow
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (cellThreadsCpuMs(500) > 100 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    /**
     * The ■ pressed while JShell still compiles the cell: no cell thread runs yet (after an
     * abandoned cell, none exists), so the interrupt must wait for the snippet and stop it as it
     * starts, not be lost and leave a `Thread.sleep(60_000)` running for a minute.
     */
    @Test void anInterruptWhileTheCellCompilesStopsItWhenItStarts() {
        GuardedExecutionControl control = new GuardedExecutionControl();
        control.newCell();
        control.stop();   // before any snippet of the cell has reached the cell thread
        long start = System.nanoTime();
        java.lang.reflect.InvocationTargetException e = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                        () -> control.onCellThread(() -> { Thread.sleep(60_000); return null; })));
        assertTrue(e.getCause() instanceof Guard.Interrupted, String.valueOf(e.getCause()));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "stopped at once, not after the sleep");
        control.newCell();   // the next cell is not stopped by the spent interrupt
        assertDoesNotThrow(() -> assertEquals(42, control.onCellThread(() -> 42)));
    }

    @Test void interruptLeavesBackgroundThreadsRunning() throws InterruptedException {
        Recorder start = new Recorder();
        ev.eval("var ticks = new java.util.concurrent.atomic.AtomicLong();\n"
                + "Thread bg = new Thread(() -> { while (true) { ticks.incrementAndGet();"
                + " try { Thread.sleep(1); } catch (InterruptedException e) { return; } } });\n"
                + "bg.setDaemon(true); bg.start();", start);
        java.util.List<Recorder> cells = new java.util.ArrayList<>(java.util.List.of(start));
        for (int i = 0; i < 3; i++) {
            Recorder a = new Recorder(), b = new Recorder();
            cells.add(a);
            cells.add(b);
            interruptAfter("Thread.sleep(60_000);", 200, a);
            interruptAfter("while (true) {}", 200, b);
        }
        Thread.sleep(100);
        Recorder check = new Recorder();
        cells.add(check);
        assertEquals("true", ev.eval("bg.isAlive()", check).get("text/plain"));
        long t0 = Long.parseLong((String) ev.eval("ticks.get()", check).get("text/plain"));
        Thread.sleep(200);
        long t1 = Long.parseLong((String) ev.eval("ticks.get()", check).get("text/plain"));
        assertTrue(t1 > t0, "the background thread stopped ticking");
        ev.eval("bg.interrupt(); bg.join(5000);", check);
        for (Recorder r : cells) {
            assertFalse((r.stdout + "" + r.stderr).contains("Interrupted"), r.stdout + "" + r.stderr);
        }
        stillUsable();
    }

    // ---- exit and halt, direct and indirect, end only the cell ----

    static CellError exits(String code) {
        CellError e = assertThrows(CellError.class, () -> ev.eval(code, new Recorder()));
        assertEquals("SystemExit", e.ename, e.evalue);
        assertTrue(e.evalue.contains("the kernel is still running"), e.evalue);
        return e;
    }

    @Test void haltIsReportedAsHalt() {
        assertTrue(exits("Runtime.getRuntime().halt(3);").evalue.startsWith("Runtime.halt(3) called"));
        assertTrue(exits("Runtime.getRuntime().exit(4);").evalue.startsWith("Runtime.exit(4) called"));
        assertTrue(exits("System.exit(5);").evalue.startsWith("System.exit(5) called"));
        stillUsable();
    }

    @Test void exitAndHaltThroughReflectionEndOnlyTheCell() {
        assertTrue(exits("Runtime.class.getMethod(\"halt\", int.class).invoke(Runtime.getRuntime(), 1);").evalue.startsWith("Runtime.halt(1) called"));
        assertTrue(exits("System.class.getMethod(\"exit\", int.class).invoke(null, 2);").evalue.startsWith("System.exit(2) called"));
        assertTrue(exits("Runtime.class.getMethod(\"exit\", int.class).invoke(Runtime.getRuntime(), 3)").evalue.startsWith("Runtime.exit(3) called"));
        exits("var inv = java.lang.reflect.Method.class.getMethod(\"invoke\", Object.class, Object[].class);\n"
                + "inv.invoke(Runtime.class.getMethod(\"halt\", int.class), Runtime.getRuntime(), new Object[] {7});");
        String mh = "var L = java.lang.invoke.MethodHandles.lookup();\nvar T = java.lang.invoke.MethodType.methodType(void.class, int.class);\n";
        assertTrue(exits(mh + "L.findStatic(System.class, \"exit\", T).invoke(8);").evalue.startsWith("System.exit(8) called"));
        assertTrue(exits(mh + "L.findVirtual(Runtime.class, \"halt\", T).invoke(Runtime.getRuntime(), 9);").evalue.startsWith("Runtime.halt(9) called"));
        assertTrue(exits(mh + "L.bind(Runtime.getRuntime(), \"halt\", T).invokeWithArguments(10);").evalue.startsWith("Runtime.halt(10) called"));
        assertTrue(exits(mh + "{ L.unreflect(System.class.getMethod(\"exit\", int.class)).invokeExact(11); }").evalue.startsWith("System.exit(11) called"));
        assertTrue(exits(mh + "var find = L.getClass().getMethod(\"findStatic\", Class.class, String.class, T.getClass());\n"
                + "((java.lang.invoke.MethodHandle) find.invoke(L, System.class, \"exit\", T)).invoke(14);").evalue.startsWith("System.exit(14) called"));
        assertTrue(exits("IntConsumer bye = System::exit; bye.accept(12);").evalue.startsWith("System.exit(12) called"));
        assertTrue(exits("IntConsumer bye = Runtime.getRuntime()::halt; bye.accept(13);").evalue.startsWith("Runtime.halt(13) called"));
        // ordinary reflection still works, including on the cell's own private members
        ev.eval("class Priv { int secret() { return 42; } }", new Recorder());
        assertEquals("42", ev.eval("Priv.class.getDeclaredMethod(\"secret\").invoke(new Priv())", new Recorder()).get("text/plain"));
        assertEquals("3", ev.eval("Math.class.getMethod(\"max\", int.class, int.class).invoke(null, 2, 3)", new Recorder()).get("text/plain"));
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
