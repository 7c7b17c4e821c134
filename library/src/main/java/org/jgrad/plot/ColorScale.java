package org.jgrad.plot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A colour scale: stops from 0 to 1 with colours between which it interpolates in RGB. */
final class ColorScale {

    private final double[] at;
    private final int[][] rgb;

    private ColorScale(double[] at, int[][] rgb) {
        this.at = at;
        this.rgb = rgb;
    }

    static final ColorScale VIRIDIS = even("#440154", "#482878", "#3e4989", "#31688e", "#26828e",
            "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725");

    /** The scale a trace asks for ({@code colorscale}: a name or [[0, colour], ...]), Viridis otherwise. */
    static ColorScale of(JsonNode spec, boolean reverse) {
        ColorScale s = VIRIDIS;
        if (spec != null && spec.isTextual()) {
            String name = spec.asText().trim();
            if (name.startsWith("[")) {
                try {
                    spec = PlotlyScript.read(name);
                } catch (IllegalArgumentException e) {
                    spec = null;
                }
            } else {
                s = named(name);
            }
        }
        if (spec != null && spec.isArray() && spec.size() >= 2) {
            List<double[]> stops = new ArrayList<>();
            List<int[]> colors = new ArrayList<>();
            for (JsonNode stop : spec) {
                if (stop.isArray() && stop.size() == 2) {
                    int[] c = parse(stop.get(1).asText());
                    if (c != null) {
                        stops.add(new double[] {Lenient.num(stop.get(0))});
                        colors.add(c);
                    }
                }
            }
            if (stops.size() >= 2) {
                double[] a = new double[stops.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = stops.get(i)[0];
                }
                s = new ColorScale(a, colors.toArray(new int[0][]));
            }
        }
        return reverse ? s.reversed() : s;
    }

    static ColorScale named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "greys", "grays" -> even("#000000", "#ffffff");
            case "blues" -> even("#08306b", "#2171b5", "#6baed6", "#c6dbef", "#f7fbff");
            case "reds" -> even("#fff5f0", "#fcbba1", "#fb6a4a", "#cb181d", "#67000d");
            case "rdbu" -> even("#053061", "#4393c3", "#f7f7f7", "#d6604d", "#67001f");
            case "hot" -> even("#000000", "#e60000", "#ffd200", "#ffffff");
            case "jet" -> even("#000083", "#003caa", "#05ffff", "#ffff00", "#fa0000", "#800000");
            case "ylorrd" -> even("#800026", "#e31a1c", "#fd8d3c", "#fed976", "#ffffcc");
            case "bluered" -> even("#0000ff", "#ff0000");
            default -> VIRIDIS;
        };
    }

    private static ColorScale even(String... hex) {
        double[] a = new double[hex.length];
        int[][] c = new int[hex.length][];
        for (int i = 0; i < hex.length; i++) {
            a[i] = i / (double) (hex.length - 1);
            c[i] = parse(hex[i]);
        }
        return new ColorScale(a, c);
    }

    ColorScale reversed() {
        int n = at.length;
        double[] a = new double[n];
        int[][] c = new int[n][];
        for (int i = 0; i < n; i++) {
            a[i] = 1 - at[n - 1 - i];
            c[i] = rgb[n - 1 - i];
        }
        return new ColorScale(a, c);
    }

    /** The colour at {@code t} in [0, 1] (clamped), as #rrggbb. */
    String color(double t) {
        if (Double.isNaN(t)) {
            t = 0;
        }
        t = Math.max(at[0], Math.min(at[at.length - 1], t));
        int i = 0;
        while (i < at.length - 2 && t > at[i + 1]) {
            i++;
        }
        double span = at[i + 1] - at[i];
        double f = span <= 0 ? 0 : (t - at[i]) / span;
        int r = (int) Math.round(rgb[i][0] + f * (rgb[i + 1][0] - rgb[i][0]));
        int g = (int) Math.round(rgb[i][1] + f * (rgb[i + 1][1] - rgb[i][1]));
        int b = (int) Math.round(rgb[i][2] + f * (rgb[i + 1][2] - rgb[i][2]));
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    /** Parses #rgb, #rrggbb, rgb(r,g,b) and rgba(...); null if it cannot. */
    static int[] parse(String s) {
        if (s == null) {
            return null;
        }
        s = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("#") && s.length() == 7) {
                return new int[] {Integer.parseInt(s.substring(1, 3), 16), Integer.parseInt(s.substring(3, 5), 16),
                    Integer.parseInt(s.substring(5, 7), 16)};
            }
            if (s.startsWith("#") && s.length() == 4) {
                int r = Integer.parseInt(s.substring(1, 2), 16);
                int g = Integer.parseInt(s.substring(2, 3), 16);
                int b = Integer.parseInt(s.substring(3, 4), 16);
                return new int[] {r * 17, g * 17, b * 17};
            }
            if (s.startsWith("rgb")) {
                String[] p = s.substring(s.indexOf('(') + 1, s.indexOf(')')).split(",");
                return new int[] {(int) Double.parseDouble(p[0].trim()), (int) Double.parseDouble(p[1].trim()),
                    (int) Double.parseDouble(p[2].trim())};
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }
}
