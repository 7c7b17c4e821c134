package org.jgrad.kernel.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The registry: picks the most specific renderer for a value. */
public final class Renderers {
    private static final List<Renderer<?>> RENDERERS = new ArrayList<>();

    static {
        for (ServiceLoader.Provider<Renderer> p : ServiceLoader.load(Renderer.class, Renderers.class.getClassLoader()).stream().toList()) {
            try {
                RENDERERS.add(p.get());
            } catch (Throwable e) {
                // a renderer whose class is missing (e.g. optional library package) is skipped
            }
        }
        Pictures.warmUpInBackground();
    }

    private Renderers() {}

    public static synchronized void register(Renderer<?> renderer) { RENDERERS.add(0, renderer); }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Map<String, Object> render(Object value) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        if (value != null) {
            Renderer best = null;
            for (Renderer<?> r : snapshot()) {
                if (r.type().isInstance(value) && (best == null || best.type().isAssignableFrom(r.type()))) best = r;
            }
            if (best != null) {
                try {
                    best.render(value, bundle);
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    // the cell's interrupt and System.exit are other Errors: they pass and end the cell
                    // the cell's interrupt and System.exit (other Errors) pass and end the cell
                    bundle.clear();   // falls back to text/plain
                }
            }
        }
        bundle.putIfAbsent("text/plain", value != null && value.getClass().isArray() ? ArrayText.of(value) : String.valueOf(value));
        return bundle;
    }

    private static synchronized List<Renderer<?>> snapshot() { return new ArrayList<>(RENDERERS); }

    /** Escapes text for HTML: element content and attribute values, quoted either way. */
    public static String html(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
