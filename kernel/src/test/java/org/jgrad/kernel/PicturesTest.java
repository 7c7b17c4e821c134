package org.jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Figures, computational graphs and live progress, as the kernel hands them to Jupyter. */
class PicturesTest {

    private static Evaluator ev;

    @BeforeAll
    static void start() {
        ev = new Evaluator();
    }

    @AfterAll
    static void stop() {
        ev.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> bundle(Object[] display) {
        return (Map<String, Object>) display[0];
    }

    @Test
    void aFigureIsInteractiveHtmlWithAStaticSvgInsideAndABareSvg() {
        Map<String, Object> b = ev.eval("LinePlot.create(\"sin\", \"x\", new double[] {0, 1, 2}, \"y\", new double[] {0, 0.8, 0.9})",
                new Recorder());
        assertNotNull(b);
        String html = (String) b.get("text/html");
        assertTrue(html.contains("jgrad-figure") && html.contains("<svg") && html.contains("Plotly.newPlot"), html);
        assertTrue(((String) b.get("image/svg+xml")).startsWith("<svg"), "static picture for front ends without HTML");
    }

    @Test
    void aFinalExpressionWithASemicolonIsAStatement() {
        assertEquals(null, ev.eval("System.out.printf(\"\");", new Recorder()), "no PrintStream result");
        assertNotNull(ev.eval("System.out.printf(\"\")", new Recorder()));
    }

    @Test
    void expressionResultsAreNotKeptAsDollarVariables() {
        ev.eval("1 + 1", new Recorder());
        ev.eval("2 + 2", new Recorder());
        long temps = ev.shell().snippets().filter(s -> s.subKind() == jdk.jshell.Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND)
                .filter(s -> ev.shell().status(s).isActive()).count();
        assertEquals(0, temps, "each kept $n would slow every later cell");
    }

    @Test
    void anUnfinishedLineShowsWhileTheCellStillRuns() {
        java.util.List<String> seenBeforeTheEnd = new java.util.ArrayList<>();
        ev.eval("for (int i = 0; i < 3; i++) { System.out.print(\".\"); Thread.sleep(120); }", new CellOutput() {
            @Override
            public synchronized void stream(String name, String text) {
                seenBeforeTheEnd.add(text);
            }

            @Override
            public void display(Map<String, Object> bundle, String id, boolean update) {
            }

            @Override
            public void clear(boolean wait) {
            }
        });
        assertTrue(seenBeforeTheEnd.size() >= 2, "dots streamed one by one, not all at the end: " + seenBeforeTheEnd);
        assertEquals("...", String.join("", seenBeforeTheEnd));
    }

    @Test
    void drawShowsTheGraphWithValuesAndGradients() {
        Map<String, Object> b = ev.eval("var a = new Value(1, \"a\"); var b = new Value(2, \"b\"); var c = new Value(3, \"c\");\n"
                + "var g = b.mul(2); var y = a.add(g).mul(g.add(c)); y.backward();\ndraw(y)", new Recorder());
        String svg = (String) b.get("image/svg+xml");
        assertTrue(svg.contains("24.0000") && svg.contains("35.0000"), "gradient of b and value of y on the nodes");
        assertTrue(((String) b.get("text/plain")).startsWith("computational graph"), String.valueOf(b.get("text/plain")));
    }

    @Test
    void progressRedrawsInPlaceAndEndsComplete() {
        Recorder r = new Recorder();
        ev.eval("var bar = progress(3, \"epochs\");\nfor (double loss : new double[] {0.5, 0.25, 0.125}) bar.step(loss);", r);
        Object[] first = r.displays.get(0);
        Object[] last = r.displays.get(r.displays.size() - 1);
        assertEquals(Boolean.FALSE, first[2]);
        assertEquals(Boolean.TRUE, last[2], "updates the same output");
        assertEquals(first[1], last[1], "same display id");
        String text = (String) bundle(last).get("text/plain");
        assertTrue(text.contains("3/3") && text.contains("loss 0.1250"), text);
        assertTrue(((String) bundle(last).get("text/html")).contains("<progress value=\"3\" max=\"3\""));
    }

    @Test
    void aLiveLossCurveRedrawsEveryKSteps() {
        Recorder r = new Recorder();
        ev.eval("var curve = lossCurve(\"training\", 2);\nfor (int i = 1; i <= 5; i++) curve.add(1.0 / i);", r);
        assertEquals(1 + 2, r.displays.size(), "a placeholder, then a redraw after 2 and 4 losses");
        assertTrue(((String) bundle(r.displays.get(2)).get("image/svg+xml")).contains("<svg"));
        assertEquals(r.displays.get(0)[1], r.displays.get(2)[1]);
    }
}
