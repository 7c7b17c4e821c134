package org.jgrad.kernel.render;

import java.util.Map;
import org.jgrad.plot.GraphView;
import org.jgrad.plot.Rasterizer;

/**
 * A computational graph (inputs on the left, values and gradients on every node) as a PNG only:
 * every front end shows {@code image/png}, trusted or not, sanitized or not. Nothing richer goes
 * beside it, because a front end that finds HTML or SVG picks it over the PNG: untrusted HTML loses
 * an inline SVG's drawing (its labels stay as loose text), and nbconvert before 7.7 cleans bare SVG
 * the same way. Table in docs/plotting.md.
 */
public final class GraphDrawingRenderer implements Renderer<GraphDrawing> {
    @Override
    public Class<GraphDrawing> type() {
        return GraphDrawing.class;
    }

    @Override
    public void render(GraphDrawing drawing, Map<String, Object> bundle) {
        String svg = GraphView.svg(drawing.graph());
        Rasterizer.Png png = Pictures.png(svg);
        if (png != null) {
            bundle.put("image/png", png.base64());
        } else {
            bundle.put("text/html", "<div class=\"jgrad-graph\">" + svg + "</div>");
            bundle.put("image/svg+xml", svg);
        }
        bundle.put("text/plain", drawing.toString());
    }
}
