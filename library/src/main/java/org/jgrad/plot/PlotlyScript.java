package org.jgrad.plot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the JavaScript Tablesaw writes for a figure ({@code var layout = {...}; var trace0 = {...};
 * ... Plotly.newPlot(...)}) back into a plotly JSON tree {@code {data: [...], layout: {...}}}.
 *
 * <p>What Tablesaw 0.44.4 really emits, and how it is handled:
 * <ul>
 *   <li>object literals with unquoted keys and trailing commas ({@code [[1.0,2.0,],]}): Jackson's
 *       lenient read features;</li>
 *   <li>single-quoted strings whose text is HTML-escaped by the template engine
 *       ({@code 'f&#39;(x)'}): turned into JSON strings with the entities decoded;</li>
 *   <li>numbers as strings ({@code x: ["1.0","NaN","null"]}) and {@code NaN}: kept; the
 *       renderer reads numbers leniently;</li>
 *   <li>every heatmap and contour trace is named {@code trace0} whatever its index, so traces
 *       are taken in the order they appear, not by name.</li>
 * </ul>
 */
final class PlotlyScript {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    private PlotlyScript() {
    }

    /** The {data, layout} tree of a figure's script; layout is empty if the script has none. */
    static ObjectNode parse(String script) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode data = root.putArray("data");
        ObjectNode layout = root.putObject("layout");
        int i = 0;
        while (true) {
            int v = script.indexOf("var ", i);
            if (v < 0) {
                break;
            }
            int p = v + 4;
            int nameStart = p;
            while (p < script.length() && Character.isJavaIdentifierPart(script.charAt(p))) {
                p++;
            }
            String name = script.substring(nameStart, p);
            while (p < script.length() && Character.isWhitespace(script.charAt(p))) {
                p++;
            }
            if (p >= script.length() || script.charAt(p) != '=') {
                i = p;
                continue;
            }
            p++;
            while (p < script.length() && Character.isWhitespace(script.charAt(p))) {
                p++;
            }
            if (p >= script.length() || script.charAt(p) != '{') {
                i = p;
                continue;
            }
            int end = matchingEnd(script, p);
            String literal = script.substring(p, end);
            i = end;
            if (name.equals("layout")) {
                layout.setAll((ObjectNode) read(literal));
            } else if (name.startsWith("trace")) {
                data.add(read(literal));
            }
        }
        return root;
    }

    /** Parses one JavaScript object or array literal. */
    static JsonNode read(String literal) {
        try {
            return MAPPER.readTree(toJson(literal));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read the figure's JavaScript: " + e.getOriginalMessage(), e);
        }
    }

    /** The index just after the bracket that closes the one at {@code start}, skipping strings. */
    static int matchingEnd(String s, int start) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        throw new IllegalArgumentException("unbalanced brackets in the figure's JavaScript");
    }

    /** Rewrites single-quoted strings as JSON strings, decoding the HTML entities the templates put in them. */
    static String toJson(String js) {
        StringBuilder out = new StringBuilder(js.length());
        for (int i = 0; i < js.length(); i++) {
            char c = js.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < js.length() && js.charAt(j) != '"') {
                    if (js.charAt(j) == '\\') {
                        j++;
                    }
                    j++;
                }
                out.append(js, i, Math.min(j + 1, js.length()));
                i = j;
            } else if (c == '\'') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < js.length() && js.charAt(j) != '\'') {
                    char d = js.charAt(j);
                    if (d == '\\' && j + 1 < js.length()) {
                        char e = js.charAt(++j);
                        switch (e) {
                            case 'n' -> text.append('\n');
                            case 't' -> text.append('\t');
                            case 'r' -> text.append('\r');
                            default -> text.append(e);
                        }
                    } else {
                        text.append(d);
                    }
                    j++;
                }
                quoteJson(decodeEntities(text.toString()), out);
                i = j;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void quoteJson(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Decodes the entities of HTML escaping: &amp;amp; &amp;lt; &amp;gt; &amp;quot; &amp;apos; and numeric ones. */
    static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi > i && semi - i <= 10) {
                String name = s.substring(i + 1, semi);
                String decoded = switch (name) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "nbsp" -> "\u00a0";
                    default -> numeric(name);
                };
                if (decoded != null) {
                    b.append(decoded);
                    i = semi;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String numeric(String name) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            }
            if (name.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
