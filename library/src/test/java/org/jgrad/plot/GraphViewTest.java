package org.jgrad.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.autodiff.Graph;
import org.jgrad.autodiff.Tensor;
import org.jgrad.autodiff.Value;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class GraphViewTest {

    /** The lectures' y = (a + 2b)(2b + c) at a = 1, b = 2, c = 3, with 2b computed once. */
    private static Value lecture() {
        Value a = new Value(1, "a");
        Value b = new Value(2, "b");
        Value c = new Value(3, "c");
        Value g = b.mul(2);
        Value y = a.add(g).mul(g.add(c)).label("y");
        y.backward();
        return y;
    }

    private static Element box(SvgDoc svg, String label) {
        for (Element g : svg.all("g", "value")) {
            for (Element t : SvgDoc.all(g, "text", "label")) {
                if (t.getTextContent().equals(label)) {
                    return (Element) g.getElementsByTagName("rect").item(0);
                }
            }
        }
        throw new AssertionError("no box labelled " + label);
    }

    private static double num(Element e, String attr) {
        return Double.parseDouble(e.getAttribute(attr));
    }

    @Test
    void lectureGraphShowsEveryValueAndGradient() {
        Value y = lecture();
        String s = GraphView.svg(y);
        SvgDoc svg = new SvgDoc(s);
        String text = svg.text();
        for (String expected : List.of("data 1.0000", "grad 7.0000", "data 2.0000", "grad 24.0000", "data 3.0000",
                "grad 5.0000", "data 4.0000", "grad 12.0000", "data 5.0000", "data 7.0000", "data 35.0000", "grad 1.0000")) {
            assertTrue(text.contains(expected), expected + " in " + text);
        }
        Graph graph = Graph.of(y);
        for (Graph.Node n : graph.nodes()) {
            assertTrue(text.contains("data " + Svg.value(n.data())), "node " + n);
            assertTrue(text.contains("grad " + Svg.value(n.grad())), "node " + n);
        }
        // one box per value, one ellipse per operation, one arrow per argument and per result
        long ops = graph.nodes().stream().filter(n -> !n.isLeaf()).count();
        assertEquals(graph.nodes().size(), svg.all("g", "value").size());
        assertEquals(ops, svg.all("g", "op").size());
        assertEquals(graph.edges().size() + ops, svg.all("path", "edge").size());
        List<String> symbols = svg.all("g", "op").stream().map(Element::getTextContent).sorted().toList();
        assertEquals(List.of("*", "*", "+", "+"), symbols);
    }

    @Test
    void inputsAreLeftOfTheOutput() {
        SvgDoc svg = new SvgDoc(GraphView.svg(lecture()));
        double yx = num(box(svg, "y"), "x");
        for (String input : List.of("a", "b", "c")) {
            Element r = box(svg, input);
            assertTrue(num(r, "x") + num(r, "width") < yx, input + " left of y");
        }
        // b feeds 2b which feeds a + 2b: b is left of a
        assertTrue(num(box(svg, "b"), "x") < num(box(svg, "a"), "x"));
    }

    @Test
    void sameGraphSameBytes() {
        assertEquals(GraphView.svg(lecture()), GraphView.svg(lecture()));
    }

    @Test
    void tinyValuesAreScientific() {
        Value h = new Value(4.766e-6, "h");
        Value y = h.mul(h).label("y");
        String text = new SvgDoc(GraphView.svg(y)).text();
        assertTrue(text.contains("data 4.766e-6"), text);
        assertTrue(text.contains("data 2.271e-11"), text);
        assertEquals("-0.5000", Svg.value(-0.5));
        assertEquals("0.0000", Svg.value(0));
        assertEquals("1.235e7", Svg.value(12_345_678));
    }

    @Test
    void gradientsCanBeHidden() {
        String s = GraphView.svg(lecture(), GraphView.Options.withoutGradients().title("before backward"));
        SvgDoc svg = new SvgDoc(s);
        assertFalse(svg.text().contains("grad"));
        assertTrue(svg.text().contains("data 35.0000"));
        assertEquals("before backward", svg.all("text", "title").get(0).getTextContent());
    }

    @Test
    void tensorGraphShowsShapes() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}}).label("x");
        Tensor w = Tensor.of(new double[][] {{0.5}, {-1}}).requiresGrad(true).label("w");
        Tensor loss = x.matmul(w).tanh().sum().label("loss");
        loss.backward();
        SvgDoc svg = new SvgDoc(GraphView.svg(loss));
        String text = svg.text();
        assertTrue(text.contains("shape [2, 2]"), text);
        assertTrue(text.contains("shape [2, 1]"), text);
        assertTrue(text.contains("loss"), text);
        assertTrue(text.contains("grad 1.0000"), text);
        List<String> ops = svg.all("g", "op").stream().map(Element::getTextContent).toList();
        assertTrue(ops.containsAll(List.of("matmul", "tanh", "sum")), ops.toString());
    }

    /** A two-layer net of scalars with a squared error: more than 60 nodes. */
    private static Value network() {
        List<Value> xs = List.of(new Value(0.5, "x1"), new Value(-1.5, "x2"), new Value(2.0, "x3"));
        List<Value> hidden = new ArrayList<>();
        int k = 0;
        for (int n = 0; n < 4; n++) {
            Value sum = new Value(0.1 * n, "b" + n);
            for (Value x : xs) {
                sum = sum.add(new Value(Math.sin(++k), "w" + k).mul(x));
            }
            hidden.add(sum.tanh());
        }
        Value out = new Value(0.2, "bo");
        for (Value h : hidden) {
            out = out.add(new Value(Math.cos(++k), "v" + k).mul(h));
        }
        Value loss = out.tanh().sub(new Value(1, "target")).pow(2).label("loss");
        loss.backward();
        return loss;
    }

    @Test
    void sixtyNodesWithoutOverlappingBoxes() {
        Value loss = network();
        int nodes = Graph.of(loss).nodes().size();
        assertTrue(nodes >= 60, "nodes: " + nodes);
        SvgDoc svg = new SvgDoc(GraphView.svg(loss));
        List<double[]> boxes = new ArrayList<>();
        for (Element g : svg.all("g", "value")) {
            Element r = (Element) g.getElementsByTagName("rect").item(0);
            boxes.add(new double[] {num(r, "x"), num(r, "y"), num(r, "width"), num(r, "height")});
        }
        for (Element g : svg.all("g", "op")) {
            Element e = (Element) g.getElementsByTagName("ellipse").item(0);
            double rx = num(e, "rx");
            double ry = num(e, "ry");
            boxes.add(new double[] {num(e, "cx") - rx, num(e, "cy") - ry, 2 * rx, 2 * ry});
        }
        assertEquals(nodes + Graph.of(loss).nodes().stream().filter(n -> !n.isLeaf()).count(), boxes.size());
        double width = num(svg.doc.getDocumentElement(), "width");
        double height = num(svg.doc.getDocumentElement(), "height");
        for (int i = 0; i < boxes.size(); i++) {
            double[] a = boxes.get(i);
            assertTrue(a[0] >= 0 && a[1] >= 0 && a[0] + a[2] <= width && a[1] + a[3] <= height, "inside the picture");
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] b = boxes.get(j);
                boolean apart = a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1];
                assertTrue(apart, "boxes " + i + " and " + j + " overlap");
            }
        }
        // the loss is the rightmost box
        double lossX = num(box(svg, "loss"), "x");
        for (double[] b : boxes) {
            assertTrue(b[0] <= lossX + 1e-9);
        }
    }
}
