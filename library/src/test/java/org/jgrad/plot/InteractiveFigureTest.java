package org.jgrad.plot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

class InteractiveFigureTest {

    private static Figure figure(String title) {
        return new Figure(Layout.builder().title(title).build(),
                ScatterTrace.builder(new double[] {0, 1, 2}, new double[] {1, 3, 2}).mode(ScatterTrace.Mode.LINE).build());
    }

    @Test
    void carriesTheStaticSvgAndThePlotlyFigure() {
        String html = InteractiveFigure.html(figure("loss"));
        assertTrue(html.startsWith("<div id=\"jgrad-figure-"), html);
        assertTrue(html.contains("<svg"), "static picture first");
        assertTrue(html.contains("Plotly.newPlot(box, figure.data"), "upgrade to interactive");
        assertTrue(html.contains("files/" + InteractiveFigure.PLOTLY_PATH), "plotly.js from the Jupyter server");
        assertFalse(html.contains("cdn"), "never the network");
    }

    @Test
    void aTitleCannotCloseTheScript() {
        String html = InteractiveFigure.html(figure("</script><b>x</b>"));
        int scriptStart = html.indexOf("<script");
        assertFalse(html.substring(scriptStart + 1, html.lastIndexOf("</script>")).contains("</script>"), html);
    }

    @Test
    void twoCopiesOfOneFigureGetTheirOwnIds() {
        String a = InteractiveFigure.html(figure("same"));
        String b = InteractiveFigure.html(figure("same"));
        assertNotEquals(a.substring(0, a.indexOf('>')), b.substring(0, b.indexOf('>')));
    }
}
