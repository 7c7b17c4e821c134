package org.jgrad.kernel.render;

import java.util.Map;
import org.jgrad.plot.InteractiveFigure;
import org.jgrad.plot.StaticFigure;
import tech.tablesaw.plotly.components.Figure;

/**
 * A Tablesaw figure for every kind of reader: HTML that shows the static SVG and becomes an
 * interactive plotly.js plot where the Jupyter server has plotly.js (JupyterLab, the classic
 * Notebook), and the bare SVG for front ends that take no HTML.
 */
public final class FigureRenderer implements Renderer<Figure> {
    @Override
    public Class<Figure> type() {
        return Figure.class;
    }

    @Override
    public void render(Figure figure, Map<String, Object> bundle) {
        bundle.put("text/html", InteractiveFigure.html(figure));
        bundle.put("image/svg+xml", StaticFigure.svg(figure));
        bundle.put("text/plain", "Figure (shown as a picture in Jupyter)");
    }
}
