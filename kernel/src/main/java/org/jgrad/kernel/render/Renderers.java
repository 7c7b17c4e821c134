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
                } catch (org.jgrad.kernel.Guard.Interrupted | org.jgrad.kernel.Guard.ExitCalled e) {
                    throw e;   // the cell's interrupt or exit: ends the cell, as in the cell's own code
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    bundle.clear();   // falls back to text/plain
                }
            }
        }
        bundle.putIfAbsent("text/plain", value != null && value.getClass().isArray() ? ArrayText.of(value) : String.valueOf(value));
        return bundle;
    }

    private static synchronized List<Renderer<?>> snapshot() { return new ArrayList<>(RENDERERS); }

    /** Escapes text for HTML. */
    public static String html(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
