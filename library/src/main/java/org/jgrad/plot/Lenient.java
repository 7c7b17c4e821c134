package org.jgrad.plot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient reading of plotly JSON as Tablesaw and hand-written figures give it: numbers as JSON
 * numbers or strings, missing values as null, "null" or "NaN", titles as text or {@code {text: …}}.
 */
final class Lenient {

    private Lenient() {
    }

    /** A number from a JSON number or a numeric string; NaN for anything else (null, "null", "NaN", text). */
    static double num(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            return parse(n.asText());
        }
        return Double.NaN;
    }

    static double parse(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return Double.NaN;
        }
        char c = t.charAt(0);
        if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'I' || c == 'N')) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** True if the node is text that is not a number and not a missing-value marker. */
    static boolean isCategory(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return false;
        }
        String t = n.asText().trim();
        return !t.isEmpty() && !t.equals("null") && !t.equals("NaN") && Double.isNaN(parse(t));
    }

    static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        if (n.isObject()) {
            return text(n.get("text"));
        }
        return n.asText();
    }

    /** The elements of an array; empty for anything else. */
    static List<JsonNode> list(JsonNode n) {
        List<JsonNode> l = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(l::add);
        }
        return l;
    }

    /** A colour given as non-blank text, trimmed; {@code dflt} otherwise. */
    static String color(JsonNode n, String dflt) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText().trim() : dflt;
    }
}
