package org.jgrad.plot;

/** Heatmap traces: a coloured cell per value, with a colour bar. */
final class HeatmapDrawer implements TraceDrawer {

    private ZGrid grid;

    @Override
    public void layOut(FigureTrace t, FigureContext figure) {
        grid = new ZGrid(t);
        // the outer cells reach half a step beyond the outer centres
        grid.extendAxes(ZGrid.edges(grid.cx), ZGrid.edges(grid.cy));
    }

    @Override
    public void draw(FigureTrace t, FigureContext figure) {
        grid.drawCells(figure.out);
    }

    @Override
    public ZGrid colorBar() {
        return grid;
    }
}
