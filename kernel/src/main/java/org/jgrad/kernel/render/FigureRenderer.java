package org.jgrad.kernel.render;

import java.util.Map;
import org.jgrad.plot.InteractiveFigure;
import org.jgrad.plot.Rasterizer;
import org.jgrad.plot.StaticFigure;
import tech.tablesaw.plotly.components.Figure;

/**
 * A Tablesaw figure for every kind of reader (the table is in docs/plotting.md):
 * <ul>
 *   <li>{@code text/html}: a PNG picture ({@code <img>} with a data URI) that becomes an interactive
 *   plotly.js plot where scripts run and the Jupyter server has plotly.js. JupyterLab, Notebook 7 and
 *   the classic Notebook choose HTML whether or not the notebook is trusted; untrusted, their
 *   sanitizer drops the script and keeps the picture (an inline SVG would lose its drawing and leave
 *   its labels as loose text);</li>
 *   <li>{@code image/png}, the same picture, for front ends that show no HTML and for PDF export.</li>
 * </ul>
 * No bare {@code image/svg+xml}: wherever a front end would pick it over the PNG, nbconvert before 7.7
 * passes it through an HTML cleaner that strips the drawing. With {@code -Djgrad.figures=static}
 * the bundle is the PNG alone: the one form that also survives nbconvert 7's {@code --sanitize-html}.
 */
public final class FigureRenderer implements Renderer<Figure> {
    @Override
    public Class<Figure> type() {
        return Figure.class;
    }

    @Override
    public void render(Figure figure, Map<String, Object> bundle) {
        String json = StaticFigure.plotlyJson(figure);
        String svg = StaticFigure.svg(json);
        Rasterizer.Png png = Pictures.png(svg);
        if (png == null) {
            // no PNG on this machine (no fonts for Java2D): the inline SVG, as before
            bundle.put("text/html", InteractiveFigure.html(json, svg));
            bundle.put("image/svg+xml", svg);
        } else {
            if (!"static".equals(System.getProperty("jgrad.figures"))) {
                bundle.put("text/html", InteractiveFigure.html(json, png.imgTag("figure")));
            }
            bundle.put("image/png", png.base64());
        }
        bundle.put("text/plain", "Figure (shown as a picture in Jupyter)");
    }
}
