package org.jgrad.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Small helpers shared by the SVG writers: escaping, number formatting, text widths. */
final class Svg {

    private Svg() {
    }

    /** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        continue;
                    }
                    if (c == 0xFFFE || c == 0xFFFF) {
                        continue;
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** A coordinate with at most two decimals, no trailing zeros, never "-0"; clamped to ±1e9. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        v = Math.max(-1e9, Math.min(1e9, v));
        long r = Math.round(v * 100);
        if (r == 0) {
            return "0";
        }
        String sign = r < 0 ? "-" : "";
        r = Math.abs(r);
        long whole = r / 100;
        long frac = r % 100;
        if (frac == 0) {
            return sign + whole;
        }
        if (frac % 10 == 0) {
            return sign + whole + "." + (frac / 10);
        }
        return sign + whole + "." + (frac < 10 ? "0" : "") + frac;
    }

    /** A value for data attributes: six significant digits, plain notation, no trailing zeros. */
    static String plain(double v) {
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A rough width in pixels of {@code text} in a sans-serif font of {@code size} pixels. */
    static double textWidth(String text, double size) {
        double w = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            double f;
            if ("il.,:;|!'`".indexOf(c) >= 0) {
                f = 0.30;
            } else if ("fjtrI()[]{} -".indexOf(c) >= 0) {
                f = 0.38;
            } else if ("mwMW@%".indexOf(c) >= 0) {
                f = 0.88;
            } else if (Character.isUpperCase(c)) {
                f = 0.68;
            } else if (Character.isDigit(c)) {
                f = 0.56;
            } else {
                f = 0.56;
            }
            w += f * size;
        }
        return w;
    }

    /** A value for humans: 4 decimals, scientific (4.766e-6) for tiny or huge magnitudes. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e7)) {
            return scientific(v, 3);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.equals("-0.0000") ? "0.0000" : s;
    }

    /** {@code v} as mantissa with {@code decimals} decimals and a plain exponent: 4.766e-6. */
    static String scientific(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "e", v);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e);
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }
}
