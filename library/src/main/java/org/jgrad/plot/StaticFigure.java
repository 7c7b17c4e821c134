package org.jgrad.plot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.plotly.components.Figure;

/**
 * A Tablesaw {@link Figure} as a static SVG picture, drawn in Java: no browser, no network.
 *
 * <p>The figure is read back from the JavaScript Tablesaw writes for it (Tablesaw has no data
 * getters) into plotly's JSON ({@link #plotlyJson(Figure)}), which is then drawn. Supported:
 * scatter traces (lines, markers, both; dashes; gaps at missing values), bars (grouped, horizontal),
 * histograms (binned here on nice bin widths; histnorm), heatmaps and contours (marching squares;
 * levels from {@code contours.start/end/size} or nice steps over the data) with a colour bar,
 * a legend for several traces, titles, linear, logarithmic and category axes with nice ticks,
 * fixed axis ranges (on a log axis, as in plotly, in powers of ten), several panels through
 * {@code grid} or axis domains, and width and height from the layout (700 × 450 otherwise).
 *
 * <p>The same figure always gives the same bytes; ids inside the SVG are derived from its content,
 * so several pictures can sit in one HTML page.
 */
public final class StaticFigure {

    private StaticFigure() {
    }

    /** The figure as a standalone SVG document. */
    public static String svg(Figure figure) {
        return new FigureRenderer(tree(figure)).render();
    }

    /** A plotly figure given as JSON ({@code {"data": [...], "layout": {...}}}) as SVG. */
    public static String svg(String plotlyJson) {
        JsonNode node = PlotlyScript.read(plotlyJson);
        if (!(node instanceof ObjectNode o)) {
            throw new IllegalArgumentException("a plotly figure is a JSON object with data and layout");
        }
        return new FigureRenderer(o).render();
    }

    /**
     * The figure as plotly JSON, {@code {"data": [...], "layout": {...}}}, for {@code Plotly.newPlot}.
     * Strings are unescaped (Tablesaw's templates HTML-escape them) and traces are in figure order.
     */
    public static String plotlyJson(Figure figure) {
        try {
            return PlotlyScript.MAPPER.writeValueAsString(tree(figure));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The figure as a plotly JSON tree (a fresh copy each call). */
    public static ObjectNode tree(Figure figure) {
        Objects.requireNonNull(figure, "figure");
        return PlotlyScript.parse(figure.asJavascript("jgrad_figure"));
    }

    private static final Pattern SIZE = Pattern.compile("^<svg[^>]*? width=\"([0-9.]+)\" height=\"([0-9.]+)\"");

    /**
     * Several figures side by side, {@code columns} to a row, as one SVG; each keeps its own size
     * and the cells of a row are as tall as its tallest figure.
     */
    public static String grid(int columns, Figure... figures) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, not " + columns);
        }
        List<String> parts = new ArrayList<>();
        List<double[]> sizes = new ArrayList<>();
        for (Figure f : figures) {
            String s = svg(f);
            Matcher m = SIZE.matcher(s);
            if (!m.find()) {
                throw new IllegalStateException("no size in the SVG");
            }
            parts.add(s);
            sizes.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        int rows = (parts.size() + columns - 1) / columns;
        double[] colW = new double[columns];
        double[] rowH = new double[Math.max(1, rows)];
        for (int i = 0; i < parts.size(); i++) {
            colW[i % columns] = Math.max(colW[i % columns], sizes.get(i)[0]);
            rowH[i / columns] = Math.max(rowH[i / columns], sizes.get(i)[1]);
        }
        double totalW = 0;
        for (double w : colW) {
            totalW += w;
        }
        double totalH = 0;
        for (double h : rowH) {
            totalH += h;
        }
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(Svg.num(totalW)).append("\" height=\"")
                .append(Svg.num(totalH)).append("\" viewBox=\"0 0 ").append(Svg.num(totalW)).append(' ').append(Svg.num(totalH))
                .append("\">\n");
        double y = 0;
        for (int r = 0; r < rows; r++) {
            double x = 0;
            for (int c = 0; c < columns && r * columns + c < parts.size(); c++) {
                String s = parts.get(r * columns + c);
                // the nested svg keeps its own coordinates; only its position is added
                b.append("<svg x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(y)).append('"')
                        .append(s, "<svg".length(), s.length());
                x += colW[c];
            }
            y += rowH[r];
        }
        b.append("</svg>\n");
        return b.toString();
    }
}
