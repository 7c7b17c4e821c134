package org.jgrad.plot;

/** The SVG text of one figure as it is written, with the elements and attributes several writers share. */
final class SvgWriter {

    private final StringBuilder out = new StringBuilder(8192);

    SvgWriter append(CharSequence s) {
        out.append(s);
        return this;
    }

    SvgWriter append(char c) {
        out.append(c);
        return this;
    }

    SvgWriter append(int i) {
        out.append(i);
        return this;
    }

    /** A {@code <line>}; {@code extra} is more attributes, or null. */
    void line(double x1, double y1, double x2, double y2, String extra) {
        out.append("<line x1=\"").append(Svg.num(x1)).append("\" y1=\"").append(Svg.num(y1)).append("\" x2=\"")
                .append(Svg.num(x2)).append("\" y2=\"").append(Svg.num(y2)).append('"');
        if (extra != null) {
            out.append(' ').append(extra);
        }
        out.append("/>");
    }

    /** The stroke-dasharray attribute for a plotly dash name, with its leading space; "" for solid. */
    static String dash(String d) {
        return switch (d) {
            case "dash" -> " stroke-dasharray=\"8,5\"";
            case "dot" -> " stroke-dasharray=\"2,4\"";
            case "dashdot" -> " stroke-dasharray=\"8,4,2,4\"";
            case "longdash" -> " stroke-dasharray=\"14,6\"";
            default -> "";
        };
    }

    /** The opacity attribute, with its leading space; "" when the element is opaque or no opacity is given. */
    static String opacity(double o) {
        return Double.isNaN(o) || o >= 1 ? "" : " opacity=\"" + Svg.num(Math.max(0, o)) + "\"";
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
