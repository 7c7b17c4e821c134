package org.jgrad.plot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import tech.tablesaw.plotly.components.Figure;

/**
 * An HTML fragment that shows a figure everywhere: the static SVG first, replaced by the
 * interactive plotly.js plot where the page can run scripts and load plotly.js from the
 * Jupyter server ({@code <base>files/_jgrad/plotly.min.js}, put there by {@code ./course install}).
 * A code host's notebook view, nbconvert HTML opened offline, or a server without that file
 * keep the static picture; nothing is fetched from the network.
 */
public final class InteractiveFigure {

    /** Where the course installs plotly.js, relative to the directory Jupyter serves. */
    public static final String PLOTLY_PATH = "_jgrad/plotly.min.js";

    private static final java.util.Map<String, AtomicLong> COPIES = new java.util.concurrent.ConcurrentHashMap<>();

    private InteractiveFigure() {
    }

    /** The fragment for a Tablesaw figure. */
    public static String html(Figure figure) {
        return html(StaticFigure.plotlyJson(figure));
    }

    /** The fragment for a plotly JSON figure ({@code {"data": [...], "layout": {...}}}). */
    public static String html(String plotlyJson) {
        return html(plotlyJson, StaticFigure.svg(plotlyJson));
    }

    /**
     * The fragment with {@code picture} (HTML: an inline SVG, or an {@code <img>} of the PNG, which
     * survives the HTML sanitizers of untrusted notebooks) as what shows until plotly.js draws.
     */
    public static String html(String plotlyJson, String picture) {
        // The hash keeps outputs stable between runs; counting copies of the same figure keeps two
        // of them on one page apart without making the id depend on anything else drawn before.
        String hash = hash(plotlyJson);
        String id = "jgrad-figure-" + hash + "-" + COPIES.computeIfAbsent(hash, h -> new AtomicLong()).incrementAndGet();
        // "</" would end the script element early; JSON allows "<\/" for it.
        String json = plotlyJson.replace("</", "<\\/");
        return "<div id=\"" + id + "\" class=\"jgrad-figure\">" + picture + "</div>\n"
                + "<script type=\"text/javascript\">\n"
                + "(function () {\n"
                + "  var box = document.getElementById('" + id + "');\n"
                + "  if (!box) { return; }\n"
                + "  var figure = " + json + ";\n"
                + "  function draw(Plotly) {\n"
                + "    var keep = box.innerHTML;\n"
                + "    box.innerHTML = '';\n"
                + "    Plotly.newPlot(box, figure.data, figure.layout || {}, {responsive: true})\n"
                + "      .catch(function () { box.innerHTML = keep; });\n"
                + "  }\n"
                + "  if (window.Plotly) { draw(window.Plotly); return; }\n"
                + "  // a page opened from a file has no Jupyter server to ask (./course site loads plotly.js itself)\n"
                + "  if (location.protocol === 'file:') { return; }\n"
                + "  var base = '/';\n"
                + "  var config = document.getElementById('jupyter-config-data');\n"
                + "  if (config) { try { base = JSON.parse(config.textContent).baseUrl || '/'; } catch (e) {} }\n"
                + "  else if (document.body && document.body.getAttribute('data-base-url')) {\n"
                + "    base = document.body.getAttribute('data-base-url');\n"
                + "  }\n"
                + "  var url = base.replace(/\\/?$/, '/') + 'files/" + PLOTLY_PATH + "';\n"
                + "  if (window.require && window.define && window.define.amd) {\n"
                + "    // classic Notebook: plotly.js registers with RequireJS instead of setting window.Plotly\n"
                + "    window.require([url], function (Plotly) { window.Plotly = Plotly; draw(Plotly); }, function () {});\n"
                + "    return;\n"
                + "  }\n"
                + "  var script = document.createElement('script');\n"
                + "  script.src = url;\n"
                + "  script.onload = function () { if (window.Plotly) { draw(window.Plotly); } };\n"
                + "  document.head.appendChild(script);\n"
                + "})();\n"
                + "</script>";
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
