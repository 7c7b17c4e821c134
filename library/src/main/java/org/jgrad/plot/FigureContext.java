package org.jgrad.plot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What trace drawers see of the whole figure: the layout, all traces, the running sums of stacked
 * bars and the SVG being written.
 */
final class FigureContext {

    final JsonNode layout;
    final List<FigureTrace> traces;
    final SvgWriter out;
    private final Map<String, double[]> stacks = new LinkedHashMap<>();

    FigureContext(JsonNode layout, List<FigureTrace> traces, SvgWriter out) {
        this.layout = layout;
        this.traces = traces;
        this.out = out;
    }

    /** The sums {positive, negative} of the bars stacked so far at {@code position} in the trace's subplot. */
    double[] stackSums(FigureTrace t, double position) {
        return stacks.computeIfAbsent(t.xa.id + t.ya.id + "@" + position, key -> new double[2]);
    }
}
