package org.jgrad.kernel.eval;

import org.jgrad.kernel.display.Recorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class EvaluatorTest {
    static Evaluator ev;

    @BeforeAll static void start() { ev = new Evaluator(); }

    @AfterAll static void stop() { ev.close(); }

    static Map<String, Object> eval(String code, Recorder r) { return ev.eval(code, r); }

    static String text(Map<String, Object> bundle) { return bundle == null ? null : (String) bundle.get("text/plain"); }

    /**
     * The idle warm-up (Tablesaw's start-up, a plot, Values, tensors) runs only between cells,
     * prints nothing into them and leaves the shared seeded random source alone.
     */
    @Test void libraryWarmUpWaitsForCellsAndLeavesNoTrace() throws Exception {
        String draw = "Rng.manualSeed(11);\nRng.get().nextDouble()";
        String expected = text(eval(draw, new Recorder()));
        eval("Rng.manualSeed(11);", new Recorder());
        Recorder cell = new Recorder();
        long[] cellEnd = new long[1];
        // a cell that runs for a while: the warm-up, started while it runs, must wait for it
        Thread running = new Thread(() -> {
            eval("for (int i = 0; i < 8; i++) { System.out.println(\"line \" + i); Thread.sleep(100); }", cell);
            cellEnd[0] = System.nanoTime();
        });
        running.start();
        while (running.isAlive() && cell.stdout.isEmpty()) Thread.sleep(5);
        java.util.List<String> done = ev.warmUpLibraries();
        long warmEnd = System.nanoTime();
        running.join();
        assertEquals(java.util.List.of("tablesaw", "plot", "value", "tensor"), done);
        assertTrue(warmEnd > cellEnd[0], "warm-up finished before the cell it had to wait for");
        assertEquals("line 0\nline 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\n", cell.stdout.toString());
        assertEquals("", cell.stderr.toString());
        assertTrue(cell.displays.isEmpty());
        assertEquals(expected, text(eval("Rng.get().nextDouble()", new Recorder())), "the warm-up drew from the shared Rng");
        Map<String, Object> plot = eval("LinePlot.create(\"after warm-up\", Table.create(\"t\").addColumns("
                + "DoubleColumn.create(\"x\", new double[] {0, 1}), DoubleColumn.create(\"y\", new double[] {1, 0})), \"x\", \"y\")", new Recorder());
        assertTrue(((String) plot.get("image/png")).startsWith("iVBORw0KGgo"), "a plot still renders (a PNG) after the warm-up");
    }

    @Test void firstCellWithLibraryWorks() {
        Recorder r = new Recorder();
        assertNull(eval("var a = new Value(2.0);", r));
        assertTrue(text(eval("a", r)).contains("2.0"));
    }

    @Test void multiStatementCellShowsLastExpression() {
        Recorder r = new Recorder();
        Map<String, Object> res = eval("int x = 3;\nint sq(int v) { return v * v; }\nSystem.out.println(\"x=\" + x);\nsq(x) + 1", r);
        assertEquals("10", text(res));
        assertEquals("x=3\n", r.stdout.toString());
        assertEquals("9", text(eval("sq(3)", new Recorder())), "definitions survive across cells");
        assertNull(eval("int y = 1;\nSystem.out.println(y);", new Recorder()), "no result when the cell ends in a statement");
    }

    @Test void stderrGoesToStderrStream() {
        Recorder r = new Recorder();
        eval("System.err.println(\"warn\"); System.out.print(\"out\");", r);
        assertEquals("warn\n", r.stderr.toString());
        assertEquals("out", r.stdout.toString());
    }

    @Test void defaultImportsArePresent() {
        assertEquals("[1, 2]", text(eval("List.of(1, 2)", new Recorder())));
        assertNotNull(eval("Table.create(\"t\")", new Recorder()).get("text/html"));
    }

    @Test void theTypesOfProgressLossCurveAndDrawCanBeNamedInACell() {
        Recorder r = new Recorder();
        assertNull(eval("int steps(Progress bar, LiveLossCurve curve, GraphDrawing g) { return 3; }", r));
        assertEquals("3", text(eval("steps(null, null, null)", r)));
    }

    @Test void compileErrorShowsLineColumnAndCaret() {
        CellError e = assertThrows(CellError.class, () -> eval("int ok = 1;\nString s = 5;", new Recorder()));
        assertEquals("CompilationError", e.ename);
        assertTrue(e.evalue.startsWith("line 2, column 12"), e.evalue);
        assertEquals("  String s = 5;", e.traceback.get(1));
        assertEquals("  " + " ".repeat(11) + "^", e.traceback.get(2));
    }

    @Test void exceptionShowsUserFramesOnly() {
        CellError e = assertThrows(CellError.class,
                () -> eval("void boom() { throw new IllegalStateException(\"bad\"); }\n\nboom();", new Recorder()));
        assertEquals("IllegalStateException", e.ename);
        assertEquals("bad", e.evalue);
        String tb = String.join("\n", e.traceback);
        assertTrue(tb.contains("at boom (cell line 1)"), tb);
        assertTrue(tb.contains("(cell line 3)"), tb);
        assertFalse(tb.contains("jdk.jshell"), tb);
        assertFalse(tb.contains("org.jgrad.kernel"), tb);
        assertFalse(tb.contains("reflect"), tb);
    }

    @Test void displayUpdateAndClear() {
        Recorder r = new Recorder();
        eval("display(\"hello\"); display(1, \"d\"); updateDisplay(\"d\", 2); clearOutput();", r);
        assertEquals(3, r.displays.size());
        assertEquals("hello", text(cast(r.displays.get(0)[0])));
        assertEquals("d", r.displays.get(1)[1]);
        assertEquals(Boolean.TRUE, r.displays.get(2)[2]);
        assertEquals("2", text(cast(r.displays.get(2)[0])));
        assertEquals(1, r.clears);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) { return (Map<String, Object>) o; }

    @Test void tableIsHtmlAndTruncated() {
        Map<String, Object> b = eval("Table.create(\"big\", IntColumn.indexColumn(\"i\", 100, 0))", new Recorder());
        String html = (String) b.get("text/html");
        assertTrue(html.contains("<table"));
        assertTrue(html.contains("20 of 100 rows"), html);
    }

    @Test void tensorRendersReadably() {
        Map<String, Object> b = eval("Tensor.zeros(2, 2)", new Recorder());
        assertNotNull(b.get("text/plain"));
        assertTrue(((String) b.get("text/html")).startsWith("<pre>"));
    }

    @Test void completion() {
        CodeAssist.Completion c = ev.complete("int q = 1;\nSystem.out.prin", 26);
        assertTrue(c.options().contains("println("), c.options().toString());
        assertEquals(22, c.start());
    }

    @Test void inspection() {
        String doc = ev.inspect("Math.max(1, 2)", 6);
        assertNotNull(doc);
        assertTrue(doc.contains("max("), doc);
    }

    @Test void isComplete() {
        assertEquals("incomplete", ev.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("complete", ev.isComplete("int z = 1;"));
        assertEquals("complete", ev.isComplete("%%time\n1 + 1"));
    }

    @Test void timeMagic() {
        Recorder r = new Recorder();
        assertEquals("2", text(eval("%%time\n1 + 1", r)));
        assertTrue(r.stdout.toString().startsWith("Wall time: "), r.stdout.toString());
    }

    @Test void loadMagic(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("helpers.jsh"), "int triple(int v) { return 3 * v; }\n");
        ev.setWorkDir(dir);
        eval("%load helpers", new Recorder());
        assertEquals("9", text(eval("triple(3)", new Recorder())));
    }

    @Test void classpathMagic(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/p/Hello.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package p; public class Hello { public static String hi() { return \"hi\"; } }");
        Path classes = dir.resolve("classes");
        javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
        Recorder r = new Recorder();
        eval("%classpath " + classes, r);
        assertEquals("hi", text(eval("p.Hello.hi()", new Recorder())));
    }

    /** A cell's last expression is evaluated through a holder variable; it must behave as the bare expression. */
    @Test void lastExpressionRunsOnceWhateverItIs() {
        eval("int n = 0;", new Recorder());
        CellError e = assertThrows(CellError.class, () -> eval("n++ / 0", new Recorder()));
        assertEquals("ArithmeticException", e.ename);
        assertEquals("1", text(eval("n", new Recorder())), "the failing expression ran exactly once");

        Recorder r = new Recorder();
        assertNull(eval("System.out.println(n)", r), "a void call has no value");
        assertEquals("1\n", r.stdout.toString());

        assertEquals("null", text(eval("null", new Recorder())));
        assertEquals("a", text(eval("'a'", new Recorder())));
        assertEquals("3", text(eval("1 + 2 // three", new Recorder())));
        assertEquals("2", text(eval("n = 2", new Recorder())));
        assertEquals("1.0", text(eval("(switch (n) { case 2 -> 1; default -> 2.0; })", new Recorder())),
                "a switch expression keeps its standalone type");

        CellError missing = assertThrows(CellError.class, () -> eval("int k = 1;\nk + nowhere(k)", new Recorder()));
        assertEquals("CompilationError", missing.ename);
        assertTrue(missing.evalue.startsWith("line 2, column 5: cannot find symbol"), missing.evalue);
    }

    @Test void aCellsValueCanBeCollectedAfterwards() {
        eval("java.lang.ref.WeakReference<Object> ref;", new Recorder());
        assertNotNull(eval("ref = new java.lang.ref.WeakReference<>(new long[1_000_000]);\nref.get()", new Recorder()));
        assertEquals("true", text(eval("for (int i = 0; i < 5 && ref.get() != null; i++) System.gc();\nref.get() == null", new Recorder())));
    }

    /** javac's class-path index is kept between cells (KernelFileManager); a jar added later must still be seen. */
    @Test void jarAddedAfterCellsHaveRun(@TempDir Path dir) throws Exception {
        assertEquals("2", text(eval("1 + 1", new Recorder())));
        Path src = dir.resolve("src/q/Later.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package q; public class Later { public static int answer() { return 42; } }");
        Path classes = dir.resolve("classes");
        javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
        Path jar = dir.resolve("later.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("q/Later.class"));
            out.write(Files.readAllBytes(classes.resolve("q/Later.class")));
        }
        CellError before = assertThrows(CellError.class, () -> eval("q.Later.answer()", new Recorder()));
        assertEquals("CompilationError", before.ename);
        eval("%jars " + jar, new Recorder());
        assertEquals("42", text(eval("q.Later.answer()", new Recorder())));
    }

    @Test void mavenMagicWhenNetworkWorks() {
        boolean ci = "true".equals(System.getenv("CI"));
        try {
            // commons-text needs commons-lang3: %maven must bring the dependency too
            eval("%maven org.apache.commons:commons-text:1.12.0", new Recorder());
        } catch (CellError e) {
            if (ci) throw e;
            org.junit.jupiter.api.Assumptions.abort("no network: " + e.evalue);
        }
        assertEquals("Ab", text(eval("org.apache.commons.text.WordUtils.capitalize(\"ab\")", new Recorder())));
        assertEquals("Cd", text(eval("org.apache.commons.lang3.StringUtils.capitalize(\"cd\")", new Recorder())));
    }

    /**
     * What JShell keeps compiled stays the size of what is declared, however many cells run
     * (else every cell compiles more slowly than the last), and pruning it breaks nothing that
     * later cells use: variables, methods, classes, redefinitions, values of old classes.
     */
    @Test void compiledSnippetsDoNotPileUpAndDeclarationsKeepWorking() {
        assertNotNull(ev.housekeeping(), "the test JVM lacks KernelInstaller.JSHELL_OPENS (surefire's argLine)");
        Recorder r = new Recorder();
        eval("int hkCounter = 0;\nint hkTwice(int x) { return 2 * x; }\nclass HkNode { int v; HkNode(int v) { this.v = v; } }", r);
        eval("HkNode hkOld = new HkNode(7);", r);
        java.util.function.IntConsumer round = i -> {
            eval("hkCounter = hkCounter + hkTwice(1);\nfor (int k = 0; k < 2; k++) hkCounter += 0;", r);
            eval("double hkScratch = " + i + " * 0.5;\nvar hkNode = new HkNode(hkCounter);", r);
            assertEquals(String.valueOf(2 * (i + 1)), text(eval("hkNode.v", r)));
        };
        for (int i = 0; i < 5; i++) round.accept(i);
        int kept = ev.housekeeping().compiledClassCount();
        for (int i = 5; i < 40; i++) round.accept(i);
        assertEquals(kept, ev.housekeeping().compiledClassCount(), "compiled classes kept after 35 more rounds of cells");
        assertEquals("80", text(eval("hkCounter", r)));
        assertEquals("42", text(eval("hkTwice(21)", r)));
        // a class redefined after pruning: its users are compiled again against it
        eval("class HkNode { int v; String tag = \"new\"; HkNode(int v) { this.v = v; } }", r);
        assertEquals("new 3", text(eval("new HkNode(3).tag + \" \" + new HkNode(3).v", r)));
        assertEquals("14", text(eval("hkTwice(7)", r)));
        eval("int hkTwice(int x) { return 3 * x; }", r);
        assertEquals("21", text(eval("hkTwice(7)", r)));
        assertEquals("", r.stderr.toString());
    }

    /** A cell ending with a variable's name shows the variable's current value, as any expression would. */
    @Test void aCellEndingWithAVariableNameShowsItsValue() {
        Recorder r = new Recorder();
        assertEquals("3", text(eval("int bvCount = 2;\nbvCount++;\nbvCount", r)));
        assertEquals("[1, 2]", text(eval("var bvList = new ArrayList<Integer>(List.of(1));\nbvList.add(2);\nbvList", r)));
        assertEquals("x", text(eval("char bvChar = 'x';\nbvChar", r)));
        assertNull(eval("bvCount;", r), "`name;` is a statement: no result");
        assertNull(eval("bvCount;\nint bvOther = 1;", r), "the result is the last snippet's");
        assertTrue(text(eval("var bvValue = new Value(1.5, \"w\");\nbvValue", r)).contains("1.5"));
        CellError undefined = assertThrows(CellError.class, () -> eval("bvNothing", new Recorder()));
        assertTrue(undefined.getMessage().contains("bvNothing"), undefined.getMessage());
        eval("int bvMethod() { return 1; }", r);
        assertThrows(CellError.class, () -> eval("bvMethod", new Recorder()), "a method's name alone is no expression");
        assertEquals("", r.stderr.toString());
    }
}
