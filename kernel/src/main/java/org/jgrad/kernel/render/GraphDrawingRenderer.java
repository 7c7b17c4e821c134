package org.jgrad.kernel.render;

import java.util.Map;
import org.jgrad.kernel.GraphDrawing;
import org.jgrad.plot.GraphView;

/** A computational graph as SVG: inputs on the left, values and gradients on every node. */
public final class GraphDrawingRenderer implements Renderer<GraphDrawing> {
    @Override
    public Class<GraphDrawing> type() {
        return GraphDrawing.class;
    }

    @Override
    public void render(GraphDrawing drawing, Map<String, Object> bundle) {
        bundle.put("image/svg+xml", GraphView.svg(drawing.graph()));
        bundle.put("text/plain", drawing.toString());
    }
}
