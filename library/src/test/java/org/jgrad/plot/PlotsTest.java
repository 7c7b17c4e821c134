package org.jgrad.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import tech.tablesaw.plotly.components.Figure;

class PlotsTest {

    private static JsonNode json(Figure f) throws Exception {
        return new ObjectMapper().readTree(StaticFigure.plotlyJson(f));
    }

    @Test
    void functionWithDerivative() throws Exception {
        Figure f = Plots.functionWithDerivative("tanh", Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x), -3, 3);
        JsonNode data = json(f).path("data");
        assertEquals(2, data.size());
        assertEquals("tanh", data.get(0).path("name").asText());
        assertEquals("tanh'", data.get(1).path("name").asText());
        assertEquals(201, data.get(0).path("x").size());
        assertEquals(1.0, FigureRenderer.num(data.get(1).path("y").get(100)), 1e-12, "tanh'(0) = 1");
        SvgDoc svg = new SvgDoc(StaticFigure.svg(f));
        assertEquals(2, svg.all("path", "line").size());
        assertEquals(2, svg.all("g", "legend-entry").size());
        assertThrows(IllegalArgumentException.class, () -> Plots.functionWithDerivative("f", x -> x, x -> 1, 1, 1));
    }

    @Test
    void lossCurves() throws Exception {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train", new double[] {1, 0.5, 0.25, 0.125});
        series.put("validation", new double[] {1.2, 0.7, 0.5, 0.45});
        Figure f = Plots.lossCurve("training", series);
        JsonNode data = json(f).path("data");
        assertEquals("train", data.get(0).path("name").asText());
        assertEquals(1.0, FigureRenderer.num(data.get(0).path("x").get(0)), "epochs count from 1");
        SvgDoc svg = new SvgDoc(StaticFigure.svg(f));
        assertEquals(2, svg.all("path", "line").size());
        SvgDoc log = new SvgDoc(StaticFigure.svg(Plots.lossCurve("log", series, true)));
        assertEquals("log", log.find("g", "yaxis", "data-axis", "y").getAttribute("data-type"));
        SvgDoc one = new SvgDoc(StaticFigure.svg(Plots.lossCurve("one", new double[] {3, 2, 1})));
        assertEquals(0, one.all("g", "legend-entry").size(), "no legend for one curve");
    }

    @Test
    void logLogErrorPlot() {
        double[] h = new double[10];
        double[] err = new double[10];
        for (int i = 0; i < 10; i++) {
            h[i] = Math.pow(10, -i);
            err[i] = Math.abs((Math.exp(h[i]) - Math.exp(-h[i])) / (2 * h[i]) - 1) + 1e-16;
        }
        SvgDoc svg = new SvgDoc(StaticFigure.svg(Plots.logLog("central difference", "h", "error", h, Map.of("error", err))));
        assertEquals("log", svg.find("g", "xaxis", "data-axis", "x").getAttribute("data-type"));
        assertEquals("log", svg.find("g", "yaxis", "data-axis", "y").getAttribute("data-type"));
        assertEquals(1, svg.all("path", "line").size());
    }

    @Test
    void decisionRegionsAreAHeatmapUnderThePoints() throws Exception {
        double[][] points = {{0, 0}, {1, 1}, {0, 1}, {1, 0}};
        int[] labels = {0, 0, 1, 1};
        Figure f = Plots.decisionRegions((x, y) -> x + y > 1 ? 1 : 0, points, labels, 25);
        JsonNode data = json(f).path("data");
        assertEquals("heatmap", data.get(0).path("type").asText());
        assertEquals("class 0", data.get(1).path("name").asText());
        assertEquals("class 1", data.get(2).path("name").asText());
        SvgDoc svg = new SvgDoc(StaticFigure.svg(f));
        assertEquals(25 * 25, svg.all("rect", "cell").size());
        assertEquals(4, svg.all("g", "markers").stream().mapToInt(g -> g.getElementsByTagName("circle").getLength()).sum());
        assertThrows(IllegalArgumentException.class, () -> Plots.decisionRegions((x, y) -> 0, points, new int[] {0}, 25));
    }

    @Test
    void contourWithOptimizerPaths() {
        Map<String, List<double[]>> paths = new LinkedHashMap<>();
        paths.put("SGD", List.of(new double[] {1.5, 1.5}, new double[] {0.8, 0.5}, new double[] {0.2, 0.1}));
        paths.put("Adam", List.of(new double[] {-1.5, 1.5}, new double[] {-0.5, 0.4}, new double[] {0, 0}));
        Figure f = Plots.contourWithPaths((x, y) -> x * x + 5 * y * y, -2, 2, -2, 2, paths);
        SvgDoc svg = new SvgDoc(StaticFigure.svg(f));
        assertTrue(svg.all("path", "isoline").size() >= 5);
        assertEquals(2, svg.all("path", "line").size());
        List<String> names = svg.all("g", "legend-entry").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("SGD", "Adam"), names);
        assertEquals("-2 2", svg.find("g", "xaxis", "data-axis", "x").getAttribute("data-range"));

        // Rosenbrock's valley: with linear levels nearly all lines crowd the rim; log levels spread them
        DoubleBinaryOperator rosenbrock = (x, y) -> (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        SvgDoc linear = new SvgDoc(StaticFigure.svg(Plots.contourWithPaths(rosenbrock, -2, 2, -1, 3, Map.of())));
        SvgDoc log = new SvgDoc(StaticFigure.svg(Plots.contourWithPaths(rosenbrock, -2, 2, -1, 3, Map.of(), true)));
        double linearLowest = linear.all("path", "isoline").stream()
                .mapToDouble(e -> Double.parseDouble(e.getAttribute("data-level"))).min().orElseThrow();
        double logLowest = log.all("path", "isoline").stream()
                .mapToDouble(e -> Double.parseDouble(e.getAttribute("data-level"))).min().orElseThrow();
        assertTrue(linearLowest >= 100, "linear levels start high: " + linearLowest);
        assertTrue(Math.pow(10, logLowest) - 1 < 10, "log levels reach into the valley: " + logLowest);
    }

    @Test
    void histogramsInPanelsOrOverlaid() {
        Map<String, double[]> layers = new LinkedHashMap<>();
        for (int l = 1; l <= 4; l++) {
            double[] v = new double[200];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.sin(i * l);
            }
            layers.put("layer " + l, v);
        }
        SvgDoc panels = new SvgDoc(StaticFigure.svg(Plots.histograms(layers)));
        assertEquals(4, panels.all("g", "bars").size());
        assertEquals(4, panels.all("g", "xaxis").size());
        SvgDoc overlaid = new SvgDoc(StaticFigure.svg(Plots.histograms(layers, true)));
        assertEquals(4, overlaid.all("g", "bars").size());
        assertEquals(1, overlaid.all("g", "xaxis").size());
        assertEquals(4, overlaid.all("g", "legend-entry").size());
    }
}
