package org.jgrad.kernel.eval;

import org.jgrad.kernel.display.CellOutput;
import org.jgrad.kernel.display.Recorder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
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

    /** The PNG of a bundle, decoded. */
    static BufferedImage png(Map<String, Object> b) throws IOException {
        String base64 = (String) b.get("image/png");
        assertNotNull(base64, "an image/png output: " + b.keySet());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        assertNotNull(img, "decodes as a PNG");
        return img;
    }

    /** Fraction of the picture's pixels that are not near white. */
    static double inked(BufferedImage img) {
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (((p >> 16 & 255) + (p >> 8 & 255) + (p & 255)) / 3 < 235) dark++;
            }
        }
        return dark / (double) (img.getWidth() * img.getHeight());
    }

    @Test
    void aFigureIsAPngInInteractiveHtmlAndABarePng() throws IOException {
        Map<String, Object> b = ev.eval("LinePlot.create(\"sin\", \"x\", new double[] {0, 1, 2}, \"y\", new double[] {0, 0.8, 0.9})",
                new Recorder());
        assertNotNull(b);
        String html = (String) b.get("text/html");
        assertTrue(html.contains("jgrad-figure") && html.contains("Plotly.newPlot"), html);
        assertTrue(html.contains("<img src=\"data:image/png;base64," + b.get("image/png") + "\""),
                "the HTML's static picture is the PNG: it survives the sanitizers of untrusted notebooks");
        assertFalse(html.contains("<svg"), "no inline SVG: a sanitizer would leave its labels as loose text");
        assertFalse(b.containsKey("image/svg+xml"), "nbconvert < 7.7 would pick it over the PNG and strip it");
        BufferedImage img = png(b);
        var size = java.util.regex.Pattern.compile("<img [^>]*width=\"(\\d+)\" height=\"(\\d+)\"").matcher(html);
        assertTrue(size.find(), "the <img> has the figure's size");
        assertEquals(Integer.parseInt(size.group(1)), img.getWidth(), "shown at its own size: no size metadata needed");
        assertEquals(Integer.parseInt(size.group(2)), img.getHeight());
        assertTrue(img.getWidth() >= 700 && img.getHeight() >= 400, img.getWidth() + "x" + img.getHeight());
        assertTrue(inked(img) > 0.01, "drawn: " + inked(img));
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
    void drawShowsTheGraphAsAPngOnly() throws IOException {
        Map<String, Object> b = ev.eval("var a = new Value(1, \"a\"); var b = new Value(2, \"b\"); var c = new Value(3, \"c\");\n"
                + "var g = b.mul(2); var y = a.add(g).mul(g.add(c)); y.backward();\ndraw(y)", new Recorder());
        assertEquals(java.util.Set.of("image/png", "text/plain"), b.keySet(), "nothing a front end would pick over the PNG");
        BufferedImage img = png(b);
        assertTrue(img.getWidth() > 500 && img.getHeight() > 80, img.getWidth() + "x" + img.getHeight());
        assertTrue(inked(img) > 0.02, "boxes, arrows and labels drawn: " + inked(img));
        assertTrue(((String) b.get("text/plain")).startsWith("computational graph"), String.valueOf(b.get("text/plain")));
    }

    @Test
    void progressRedrawsInPlaceAndEndsComplete() throws IOException {
        Recorder r = new Recorder();
        ev.eval("var bar = progress(3, \"epochs\");\nfor (double loss : new double[] {0.5, 0.25, 0.125}) bar.step(loss);", r);
        Object[] first = r.displays.get(0);
        Object[] last = r.displays.get(r.displays.size() - 1);
        assertEquals(Boolean.FALSE, first[2]);
        assertEquals(Boolean.TRUE, last[2], "updates the same output");
        assertEquals(first[1], last[1], "same display id");
        String text = (String) bundle(last).get("text/plain");
        assertTrue(text.contains("3/3") && text.contains("loss 0.1250"), text);
        assertEquals(java.util.Set.of("image/png", "text/plain"), bundle(last).keySet());
        BufferedImage done = png(bundle(last));
        BufferedImage started = png(bundle(first));
        assertTrue(blue(done) > blue(started) + 200, "the bar fills: " + blue(started) + " -> " + blue(done) + " blue pixels");
    }

    private static int blue(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if ((p & 255) - (p >> 16 & 255) > 80) n++;
            }
        }
        return n;
    }

    @Test
    void aLiveLossCurveRedrawsEveryKSteps() throws IOException {
        Recorder r = new Recorder();
        ev.eval("var curve = lossCurve(\"training\", 2);\n"
                + "for (int i = 1; i <= 5; i++) { curve.add(1.0 / i); Thread.sleep(120); }", r);
        assertEquals(1 + 2, r.displays.size(), "a placeholder, then a redraw after 2 and 4 losses");
        assertTrue(inked(png(bundle(r.displays.get(2)))) > 0.01);
        assertEquals(r.displays.get(0)[1], r.displays.get(2)[1]);
    }

    @Test
    void aLiveLossCurveCountsStepsUnlessToldItCountsEpochs() {
        Recorder r = new Recorder();
        ev.eval("var steps = lossCurve(\"per step\", 1);\nsteps.add(2).add(1).finish();\n"
                + "var epochs = lossCurve(\"per epoch\", 1, \"epoch\");\nepochs.add(2).add(1).finish();", r);
        List<String> scripts = r.displays.stream().map(d -> String.valueOf(bundle(d).get("text/html")))
                .filter(html -> html.contains("\"xaxis\":{\"title\"")).toList();
        assertTrue(scripts.stream().anyMatch(h -> h.contains("\"title\":\"per step\"") && h.contains("\"xaxis\":{\"title\":\"step\"}")),
                "the per-step curve's x axis says step");
        assertTrue(scripts.stream().anyMatch(h -> h.contains("\"title\":\"per epoch\"") && h.contains("\"xaxis\":{\"title\":\"epoch\"}")),
                "the per-epoch curve's x axis says epoch");
    }

    @Test
    void aFastLoopRedrawsTheCurveAtMostTenTimesASecondAndFinishDrawsTheEnd() throws IOException {
        Recorder r = new Recorder();
        long start = System.nanoTime();
        ev.eval("var fast = lossCurve(\"fast\", 1);\nfor (int i = 1; i <= 2000; i++) fast.add(1.0 / i);\nfast.finish();", r);
        double seconds = (System.nanoTime() - start) / 1e9;
        int redraws = r.displays.size() - 1;
        assertTrue(redraws >= 2, "the first redraw and the final one");
        assertTrue(redraws <= 2 + seconds * 10, redraws + " redraws in " + seconds + " s");
    }
}
