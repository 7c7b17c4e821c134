package org.jgrad.kernel.render;

import tech.tablesaw.api.Table;

import java.util.Map;

/** A Tablesaw Table as an HTML table; beyond MAX_ROWS rows only the first ones, with the row count. */
public final class TableRenderer implements Renderer<Table> {
    static final int MAX_ROWS = 20;

    @Override public Class<Table> type() { return Table.class; }

    @Override
    public void render(Table t, Map<String, Object> bundle) {
        int rows = t.rowCount();
        int shown = Math.min(rows, MAX_ROWS);
        StringBuilder h = new StringBuilder("<table class=\"jgrad-table\">");
        if (t.name() != null && !t.name().isEmpty()) h.append("<caption>").append(Renderers.html(t.name())).append("</caption>");
        h.append("<thead><tr>");
        for (String c : t.columnNames()) h.append("<th>").append(Renderers.html(c)).append("</th>");
        h.append("</tr></thead><tbody>");
        for (int r = 0; r < shown; r++) {
            h.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) h.append("<td>").append(Renderers.html(t.getString(r, c))).append("</td>");
            h.append("</tr>");
        }
        h.append("</tbody></table>");
        if (shown < rows) h.append("<p>").append(shown).append(" of ").append(rows).append(" rows shown</p>");
        bundle.put("text/html", h.toString());
        String text = shown < rows ? t.first(shown).print() + "\n" + shown + " of " + rows + " rows shown" : t.print();
        bundle.put("text/plain", text);
    }
}
