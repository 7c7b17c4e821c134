package org.jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jgrad.autodiff.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static Evaluator evaluator;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start() {
        evaluator = new Evaluator();
    }

    @AfterAll
    static void stop() {
        evaluator.close();
        TIMER.shutdownNow();
    }

    @Test
    void theLastExpressionIsTheResultAndDefinitionsSurvive() {
        Evaluator.Result r = evaluator.eval("int k = 20;\nint twice(int x) { return 2 * x; }\ntwice(k) + 2");
        assertTrue(r.hasValue());
        assertEquals(42, r.value());
        assertEquals(43, evaluator.eval("k + 23").value());
        assertFalse(evaluator.eval("int unused = 1;").hasValue(), "a declaration is not a result");
        assertFalse(evaluator.eval("System.out.printf(\"\");").hasValue(), "a statement ending in ';' is not a result");
        assertTrue(evaluator.eval("System.out.printf(\"\")").hasValue());
    }

    @Test
    void theLibraryIsImportedByDefault() {
        Evaluator.Result r = evaluator.eval("var a = new Value(2.0);\nvar b = a.mul(a);\nb.backward();\na");
        assertTrue(r.value() instanceof Value, String.valueOf(r.error()));
        assertEquals(4.0, ((Value) r.value()).grad());
        assertTrue(evaluator.eval("Tensor.of(1, 2).sum().item()").value().equals(3.0));
    }

    @Test
    void aCompileErrorShowsLineColumnAndACaret() {
        Evaluator.Result r = evaluator.eval("int a = 1;\nint b = a + undefinedName;");
        assertTrue(r.failed());
        assertEquals("CompilationError", r.error().name());
        String text = r.error().text();
        assertTrue(text.contains("cannot find symbol"), text);
        assertTrue(text.contains("line 2, column 13"), text);
        assertTrue(text.contains("    int b = a + undefinedName;\n                ^^^^^^^^^^^^^"), text);
    }

    @Test
    void anExceptionShowsTypeMessageAndOnlyTheUsersFrames() {
        Evaluator.Result r = evaluator.eval("int f(int x) { return 10 / x; }\n\nf(0)");
        assertTrue(r.failed());
        assertEquals("java.lang.ArithmeticException", r.error().name());
        String text = r.error().text();
        assertTrue(text.startsWith("ArithmeticException: / by zero"), text);
        assertTrue(text.contains("at f (line 1 of its declaration)") && text.contains("at cell line 3"), text);
        assertFalse(text.contains("jdk.jshell") || text.contains("org.jgrad.kernel") || text.contains("reflect"), text);
    }

    @Test
    void anInfiniteLoopStopsWithinASecondAndStateSurvives() {
        evaluator.eval("int survivor = 7;");
        long start = System.nanoTime();
        TIMER.schedule(evaluator::interrupt, 200, TimeUnit.MILLISECONDS);
        Evaluator.Result r = evaluator.eval("while (true) { }");
        double seconds = (System.nanoTime() - start) / 1e9 - 0.2;
        assertEquals("Interrupted", r.error().name());
        assertTrue(seconds < 1.0, "stopped after " + seconds + " s");
        assertEquals(7, evaluator.eval("survivor").value());
    }

    @Test
    void sleepingIsInterruptedToo() {
        TIMER.schedule(evaluator::interrupt, 200, TimeUnit.MILLISECONDS);
        Evaluator.Result r = evaluator.eval("Thread.sleep(60_000);");
        assertTrue(r.failed(), "interrupted");
    }

    @Test
    void systemExitEndsTheCellNotTheKernel() {
        evaluator.eval("int before = 5;");
        Evaluator.Result r = evaluator.eval("System.out.print(\"\"); System.exit(3);");
        assertEquals("SystemExit", r.error().name());
        assertTrue(r.error().text().contains("System.exit(3)") && r.error().text().contains("kept"), r.error().text());
        assertEquals(5, evaluator.eval("before").value());
        assertEquals("SystemExit", evaluator.eval("Runtime.getRuntime().halt(1);").error().name());
    }

    @Test
    void stackOverflowAndOutOfMemoryAreReported() {
        Evaluator.Result so = evaluator.eval("int down(int n) { return down(n + 1) + 1; }\ndown(0)");
        assertEquals("java.lang.StackOverflowError", so.error().name());
        Evaluator.Result oom = evaluator.eval("var huge = new long[Integer.MAX_VALUE - 16];");
        assertEquals("java.lang.OutOfMemoryError", oom.error().name());
        assertEquals(2, evaluator.eval("1 + 1").value());
    }

    @Test
    void isCompleteCompletionAndInspection() {
        assertEquals("incomplete", evaluator.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("complete", evaluator.isComplete("int q = 1;"));
        Evaluator.Completions c = evaluator.complete("new Value(1).bac", 16);
        assertTrue(c.matches().contains("backward()"), c.matches().toString());
        assertEquals(13, c.start());
        String doc = evaluator.inspect("new Value(1).backward(", 22);
        assertTrue(doc.contains("backward()"), doc);
    }
}
