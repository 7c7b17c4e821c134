package org.jgrad.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ContourTrace;
import tech.tablesaw.plotly.traces.HeatmapTrace;
import tech.tablesaw.plotly.traces.HistogramTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;

class StaticFigureTest {

    private static double[] range(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static Figure squares() {
        double[] x = range(11);
        double[] y = new double[11];
        for (int i = 0; i < 11; i++) {
            y[i] = x[i] * x[i];
        }
        Layout layout = Layout.builder().title("squares").width(700).height(450).build();
        return new Figure(layout, ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).build());
    }

    @Test
    void linePlotHasTheNiceRangeAndTicksOfItsData() {
        SvgDoc svg = new SvgDoc(StaticFigure.svg(squares()));
        // a line trace is drawn edge to edge: the range is the data's, and the ticks are 1-2-5 steps inside it
        assertEquals("0 10", svg.find("g", "xaxis", "data-axis", "x").getAttribute("data-range"));
        assertEquals("0 100", svg.find("g", "yaxis", "data-axis", "y").getAttribute("data-range"));
        assertEquals(List.of("0", "2", "4", "6", "8", "10"), svg.tickLabels("xaxis", "x"));
        assertEquals(List.of("0", "20", "40", "60", "80", "100"), svg.tickLabels("yaxis", "y"));
        assertEquals(1, svg.all("path", "line").size());
        assertTrue(svg.text().contains("squares"));
    }

    @Test
    void tablesawLinePlotWithMissingValuesStillDrawsOnePath() {
        Table t = Table.create("t", DoubleColumn.create("x", 1, 2, 3, 4, 5),
                DoubleColumn.create("y", new double[] {1, 4, Double.NaN, 16, 25}));
        String s = StaticFigure.svg(LinePlot.create("with a gap", t, "x", "y"));
        SvgDoc svg = new SvgDoc(s);
        List<Element> paths = svg.all("path", "line");
        assertEquals(1, paths.size());
        String d = paths.get(0).getAttribute("d");
        assertEquals(2, d.chars().filter(c -> c == 'M').count(), "the missing value splits the line: " + d);
        // LinePlot's layout says 800 x 600
        assertEquals("800", svg.doc.getDocumentElement().getAttribute("width"));
        assertEquals("600", svg.doc.getDocumentElement().getAttribute("height"));
    }

    @Test
    void onePathPerLineTraceAndALegendEntryPerTrace() {
        double[] x = range(30);
        double[] a = new double[30];
        double[] b = new double[30];
        double[] c = new double[30];
        for (int i = 0; i < 30; i++) {
            a[i] = Math.sin(i / 5.0);
            b[i] = Math.cos(i / 5.0);
            c[i] = i / 30.0;
        }
        Figure f = new Figure(Layout.builder().title("three").build(),
                ScatterTrace.builder(x, a).mode(ScatterTrace.Mode.LINE).name("sin").build(),
                ScatterTrace.builder(x, b).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name("cos").build(),
                ScatterTrace.builder(x, c).mode(ScatterTrace.Mode.LINE).name("ramp <x&y>").build(),
                ScatterTrace.builder(x, c).mode(ScatterTrace.Mode.MARKERS).name("dots").build());
        SvgDoc svg = new SvgDoc(StaticFigure.svg(f));
        assertEquals(3, svg.all("path", "line").size());
        assertEquals(30 + 30, svg.all("circle", null).stream().filter(e -> !e.getParentNode().getNodeName().equals("g")
                || !((Element) e.getParentNode()).getAttribute("class").equals("legend-entry")).count());
        List<Element> entries = svg.all("g", "legend-entry");
        assertEquals(4, entries.size());
        assertEquals("ramp <x&y>", entries.get(2).getTextContent());
        assertEquals("dots", entries.get(3).getTextContent());
    }

    @Test
    void logAxisTicksArePowersOfTen() {
        double[] h = new double[12];
        double[] err = new double[12];
        for (int i = 0; i < 12; i++) {
            h[i] = Math.pow(10, -i);
            err[i] = 3 * Math.pow(10, -i);
        }
        Layout layout = Layout.builder().title("error")
                .xAxis(Axis.builder().type(Axis.Type.LOG).title("h").build())
                .yAxis(Axis.builder().type(Axis.Type.LOG).title("error").build()).build();
        SvgDoc svg = new SvgDoc(StaticFigure.svg(new Figure(layout,
                ScatterTrace.builder(h, err).mode(ScatterTrace.Mode.LINE).build())));
        Element x = svg.find("g", "xaxis", "data-axis", "x");
        assertEquals("log", x.getAttribute("data-type"));
        List<Element> ticks = SvgDoc.all(x, "text", "tick");
        assertTrue(ticks.size() >= 4, "ticks: " + ticks.size());
        for (Element t : ticks) {
            double exponent = Double.parseDouble(t.getAttribute("data-value"));
            assertEquals(Math.rint(exponent), exponent, "tick at 10^" + exponent);
            assertEquals("10" + String.valueOf((long) exponent).replace('-', '\u2212'), t.getTextContent());
        }
        // the decades are evenly spaced on the page
        double x0 = Double.parseDouble(ticks.get(0).getAttribute("x"));
        double x1 = Double.parseDouble(ticks.get(1).getAttribute("x"));
        double x2 = Double.parseDouble(ticks.get(2).getAttribute("x"));
        assertEquals(x1 - x0, x2 - x1, 0.02);
        assertTrue(svg.tickLabels("yaxis", "y").contains("10\u22126"));
    }

    @Test
    void fixedRangesFromTheLayoutAreKept() {
        Layout layout = Layout.builder()
                .xAxis(Axis.builder().range(-1, 3).build())
                .yAxis(Axis.builder().type(Axis.Type.LOG).range(-2, 2).build()).build();
        SvgDoc svg = new SvgDoc(StaticFigure.svg(new Figure(layout,
                ScatterTrace.builder(new double[] {0, 1, 2, 10}, new double[] {1, 2, 3, 4}).mode(ScatterTrace.Mode.LINE).build())));
        assertEquals("-1 3", svg.find("g", "xaxis", "data-axis", "x").getAttribute("data-range"));
        assertEquals("-2 2", svg.find("g", "yaxis", "data-axis", "y").getAttribute("data-range"));
        assertEquals(List.of("10\u22122", "10\u22121", "100", "101", "102"), svg.tickLabels("yaxis", "y"));
    }

    @Test
    void heatmapHasOneCellPerValueAndAColourBar() {
        Object[] x = {0.0, 1.0, 2.0, 3.0, 4.0};
        Object[] y = {"a", "b", "c", "d"};
        double[][] z = new double[4][5];
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 5; i++) {
                z[j][i] = i * j;
            }
        }
        SvgDoc svg = new SvgDoc(StaticFigure.svg(new Figure(HeatmapTrace.builder(x, y, z).build())));
        List<Element> cells = svg.all("rect", "cell");
        assertEquals(20, cells.size());
        assertEquals(1, svg.all("g", "colorbar").size());
        assertEquals(List.of("a", "b", "c", "d"), svg.tickLabels("yaxis", "y"));
        // the smallest and the largest value get the ends of the scale
        assertNotEquals(cells.get(0).getAttribute("fill"), cells.get(19).getAttribute("fill"));
    }

    @Test
    void contourDrawsIsoLinesAtLevelsInsideTheData() {
        int n = 30;
        Object[] x = new Object[n];
        Object[] y = new Object[n];
        double[][] z = new double[n][n];
        for (int i = 0; i < n; i++) {
            x[i] = -1 + 2.0 * i / (n - 1);
            y[i] = -1 + 2.0 * i / (n - 1);
        }
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                z[j][i] = (double) x[i] * (double) x[i] + (double) y[j] * (double) y[j];
            }
        }
        SvgDoc svg = new SvgDoc(StaticFigure.svg(new Figure(ContourTrace.builder(x, y, z).build())));
        List<Element> lines = svg.all("path", "isoline");
        assertTrue(lines.size() >= 5, "iso-lines: " + lines.size());
        for (Element l : lines) {
            double level = Double.parseDouble(l.getAttribute("data-level"));
            assertTrue(level > 0 && level < 2, "level " + level);
            assertTrue(l.getAttribute("d").startsWith("M"));
        }
        assertFalse(svg.all("path", "band").isEmpty());
    }

    @Test
    void contourLevelsFromStartEndSize() {
        String json = "{\"data\":[{\"type\":\"contour\",\"z\":[[0,1,2],[1,2,3],[2,3,4]],"
                + "\"contours\":{\"start\":0.5,\"end\":3.5,\"size\":1,\"coloring\":\"lines\"}}],\"layout\":{}}";
        SvgDoc svg = new SvgDoc(StaticFigure.svg(json));
        List<String> levels = svg.all("path", "isoline").stream().map(e -> e.getAttribute("data-level")).toList();
        assertEquals(List.of("0.5", "1.5", "2.5", "3.5"), levels);
        assertTrue(svg.all("path", "band").isEmpty(), "coloring lines: no fill");
    }

    @Test
    void histogramIsBinnedHere() {
        double[] v = {0.1, 0.2, 1.1, 1.2, 1.3, 2.5};
        SvgDoc svg = new SvgDoc(StaticFigure.svg(new Figure(HistogramTrace.builder(v).nBinsX(3).build())));
        List<Element> bars = svg.all("g", "bars");
        assertEquals(1, bars.size());
        List<Element> rects = SvgDoc.all(bars.get(0), "rect", null);
        assertEquals(3, rects.size());
        double h0 = Double.parseDouble(rects.get(0).getAttribute("height"));
        double h1 = Double.parseDouble(rects.get(1).getAttribute("height"));
        double h2 = Double.parseDouble(rects.get(2).getAttribute("height"));
        assertEquals(2.0 / 3, h0 / h1, 0.01);
        assertEquals(1.0 / 3, h2 / h1, 0.01);
        assertEquals(0.0, Double.parseDouble(svg.find("g", "yaxis", "data-axis", "y").getAttribute("data-range").split(" ")[0]));
    }

    @Test
    void barsStandSideBySideOnCategories() {
        Figure f = new Figure(BarTrace.builder(new String[] {"a", "b"}, new double[] {3, 4}).name("one").build(),
                BarTrace.builder(new String[] {"a", "b"}, new double[] {1, 2}).name("two").build());
        SvgDoc svg = new SvgDoc(StaticFigure.svg(f));
        assertEquals(2, svg.all("g", "bars").size());
        assertEquals(List.of("a", "b"), svg.tickLabels("xaxis", "x"));
        assertEquals(2, svg.all("g", "legend-entry").size());
    }

    @Test
    void textIsEscapedAndTablesawsHtmlEscapingUndone() throws Exception {
        Layout layout = Layout.builder().title("f'(x) <a & b> \"q\"").xAxis(Axis.builder().title("x's").build()).build();
        Figure f = new Figure(layout, ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).name("it's").build());
        String s = StaticFigure.svg(f);
        SvgDoc svg = new SvgDoc(s);
        assertEquals("f'(x) <a & b> \"q\"", svg.all("text", "title").get(0).getTextContent());
        JsonNode json = new ObjectMapper().readTree(StaticFigure.plotlyJson(f));
        assertEquals("f'(x) <a & b> \"q\"", json.path("layout").path("title").asText());
        assertEquals("x's", json.path("layout").path("xaxis").path("title").asText());
        assertEquals("it's", json.path("data").get(0).path("name").asText());

        Figure tricky = new Figure(Layout.builder().title("var x = {['").build(),
                ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).name("α \\ β").build());
        assertEquals("var x = {['", new ObjectMapper().readTree(StaticFigure.plotlyJson(tricky)).path("layout").path("title").asText());
        assertTrue(new SvgDoc(StaticFigure.svg(tricky)).text().contains("var x = {['"));
    }

    @Test
    void plotlyJsonKeepsTraceOrderThoughTablesawNamesEveryHeatmapTrace0() throws Exception {
        Figure f = new Figure(ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).build(),
                HeatmapTrace.builder(new Object[] {1, 2}, new Object[] {1, 2}, new double[][] {{1, 2}, {3, 4}}).build());
        assertTrue(f.asJavascript("d").split("var trace0").length == 3, "Tablesaw writes trace0 twice");
        JsonNode json = new ObjectMapper().readTree(StaticFigure.plotlyJson(f));
        assertEquals(2, json.path("data").size());
        assertEquals("scatter", json.path("data").get(0).path("type").asText());
        assertEquals("heatmap", json.path("data").get(1).path("type").asText());
        assertEquals(2, json.path("data").get(1).path("z").get(1).size(), "trailing commas dropped");
    }

    @Test
    void sameFigureSameBytesAndDistinctIdsForDistinctFigures() {
        String a = StaticFigure.svg(squares());
        String b = StaticFigure.svg(squares());
        assertEquals(a, b);
        Figure other = new Figure(ScatterTrace.builder(new double[] {1, 2}, new double[] {1, 2}).build());
        String c = StaticFigure.svg(other);
        String idA = a.substring(a.indexOf("clipPath id=\"") + 13, a.indexOf("-clip0"));
        String idC = c.substring(c.indexOf("clipPath id=\"") + 13, c.indexOf("-clip0"));
        assertNotEquals(idA, idC);
    }

    @Test
    void subplotsFromAGridAndAGridOfFigures() {
        Figure f = Plots.histograms(java.util.Map.of("layer 1", new double[] {1, 2, 2, 3}));
        SvgDoc single = new SvgDoc(StaticFigure.svg(f));
        assertEquals(1, single.all("g", "bars").size());

        java.util.Map<String, double[]> layers = new java.util.LinkedHashMap<>();
        layers.put("layer 1", new double[] {1, 2, 2, 3});
        layers.put("layer 2", new double[] {-1, 0, 0, 1});
        SvgDoc panels = new SvgDoc(StaticFigure.svg(Plots.histograms(layers)));
        Element x1 = panels.find("g", "xaxis", "data-axis", "x");
        Element x2 = panels.find("g", "xaxis", "data-axis", "x2");
        double end1 = Double.parseDouble(SvgDoc.all(x1, "line", null).get(0).getAttribute("x2"));
        double start2 = Double.parseDouble(SvgDoc.all(x2, "line", null).get(0).getAttribute("x1"));
        assertTrue(end1 < start2, "panel 2 is right of panel 1: " + end1 + " < " + start2);

        SvgDoc grid = new SvgDoc(StaticFigure.grid(2, squares(), squares(), squares()));
        assertEquals("1400", grid.doc.getDocumentElement().getAttribute("width"));
        assertEquals("900", grid.doc.getDocumentElement().getAttribute("height"));
        assertEquals(3, grid.all("path", "line").size());
    }

    @Test
    void niceTicks() {
        assertEquals(2, Ticks.niceStep(10, 6));
        assertEquals(0.5, Ticks.niceStep(3, 6), 1e-12);
        assertEquals(50, Ticks.niceStep(230, 5));
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1.0"), List.of(Ticks.labels(Ticks.linear(0, 1, 5))));
        assertEquals(List.of("-1.0", "-0.5", "0", "0.5", "1.0"), List.of(Ticks.labels(Ticks.linear(-1.1, 1.1, 5))));
        assertEquals(List.of("0", "2e-5", "4e-5", "6e-5"), List.of(Ticks.labels(Ticks.linear(0, 6.5e-5, 4))));
        double[] log = Ticks.log(-6.2, 0.3, 10);
        assertEquals(7, log.length);
        assertEquals(-6, log[0]);
        assertEquals(0, log[6]);
    }

    @Test
    void isoLinesOfAConeAreCircles() {
        double[] g = Plots.linspace(-2, 2, 41);
        double[][] z = new double[41][41];
        for (int j = 0; j < 41; j++) {
            for (int i = 0; i < 41; i++) {
                z[j][i] = Math.sqrt(g[i] * g[i] + g[j] * g[j]);
            }
        }
        List<double[]> lines = Contours.isoLines(g, g, z, 1);
        assertEquals(1, lines.size(), "one closed line");
        double[] l = lines.get(0);
        assertEquals(l[0], l[l.length - 2], 1e-12);
        assertEquals(l[1], l[l.length - 1], 1e-12);
        for (int i = 0; i < l.length; i += 2) {
            assertEquals(1, Math.hypot(l[i], l[i + 1]), 0.01);
        }
    }
    @Test
    void unsupportedTracesAreNamedNotDrawn() {
        Table t = Table.create("t", tech.tablesaw.api.StringColumn.create("k", "a", "b"), DoubleColumn.create("v", 1, 2));
        SvgDoc svg = new SvgDoc(StaticFigure.svg(tech.tablesaw.plotly.api.PiePlot.create("pie", t, "k", "v")));
        assertEquals("not drawn in the static view: pie traces", svg.all("text", "note").get(0).getTextContent());
        assertTrue(svg.all("g", "trace").isEmpty());
    }

    @Test
    void secondYAxisOnTheRight() {
        Layout layout = Layout.builder()
                .yAxis2(Axis.builder().title("right").side(Axis.Side.right).overlaying(ScatterTrace.YAxis.Y).build()).build();
        Figure f = new Figure(layout,
                ScatterTrace.builder(new double[] {1, 2, 3}, new double[] {10, 20, 30}).mode(ScatterTrace.Mode.LINE).build(),
                ScatterTrace.builder(new double[] {1, 2, 3}, new double[] {0.1, 0.3, 0.2}).mode(ScatterTrace.Mode.LINE)
                        .yAxis(ScatterTrace.YAxis.Y2).build());
        SvgDoc svg = new SvgDoc(StaticFigure.svg(f));
        Element left = svg.find("g", "yaxis", "data-axis", "y");
        Element right = svg.find("g", "yaxis", "data-axis", "y2");
        double xl = Double.parseDouble(SvgDoc.all(left, "line", null).get(0).getAttribute("x1"));
        double xr = Double.parseDouble(SvgDoc.all(right, "line", null).get(0).getAttribute("x1"));
        assertTrue(xl < xr);
        assertEquals("10 30", left.getAttribute("data-range"));
        assertEquals("0.1 0.3", right.getAttribute("data-range"));
    }
}
