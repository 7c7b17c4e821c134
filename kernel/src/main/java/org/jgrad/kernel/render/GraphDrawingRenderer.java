package org.jgrad.kernel.render;

import java.util.Map;
import org.jgrad.kernel.GraphDrawing;
import org.jgrad.plot.GraphView;

/** A computational graph as SVG (in HTML, and bare): inputs on the left, values and gradients on every node. */
public final class GraphDrawingRenderer implements Renderer<GraphDrawing> {
    @Override
    public Class<GraphDrawing> type() {
        return GraphDrawing.class;
    }

    @Override
    public void render(GraphDrawing drawing, Map<String, Object> bundle) {
        String svg = GraphView.svg(drawing.graph());
        // HTML first: nbconvert's HTML export sanitizes image/svg+xml outputs down to their text
        // (Debian's nbconvert 6.5 with lxml's cleaner), but keeps HTML outputs as they are.
        bundle.put("text/html", "<div class=\"jgrad-graph\">" + svg + "</div>");
        bundle.put("image/svg+xml", svg);
        bundle.put("text/plain", drawing.toString());
    }
}
