package org.jgrad.plot;

/**
 * How one kind of plotly trace is drawn. {@link FigureRenderer} makes a drawer per trace from its
 * registry of kinds (plotly's {@code type} to a constructor) and calls it in passes, each over all
 * traces in figure order: {@link #seeCategories} before the axes' types are decided,
 * {@link #layOut} before their ranges are set, {@link #draw} once every axis has its range and
 * pixels. A drawer keeps what it computed in one pass for the next.
 */
interface TraceDrawer {

    /** Shows the axes the trace's values that may be categories; by default all its x and y. */
    default void seeCategories(FigureTrace t) {
        t.seeCategories("x");
        t.seeCategories("y");
    }

    /** Turns the trace's data into axis coordinates and widens the axes' data extents to them. */
    void layOut(FigureTrace t, FigureContext figure);

    /** Writes the trace's elements; the renderer has opened the trace's group, clipped to its subplot. */
    void draw(FigureTrace t, FigureContext figure);

    /** Writes the sample of the trace's legend entry, from {@code x}, centred vertically on {@code y}. */
    default void drawLegendSample(FigureTrace t, SvgWriter out, double x, double y) {
    }

    /** After {@link #layOut}: the values for a colour bar, or null: then the trace may have a legend entry. */
    default ZGrid colorBar() {
        return null;
    }
}
