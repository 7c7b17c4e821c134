package org.jgrad.kernel.render;

import java.util.Map;

/**
 * Renders objects of one type as a MIME bundle. To show a new class richly, write one class
 * implementing this interface and list it in
 * {@code kernel/src/main/resources/META-INF/services/org.jgrad.kernel.render.Renderer}.
 * The most specific type wins (a renderer for a subclass beats one for its superclass).
 */
public interface Renderer<T> {
    /** The class this renderer handles (its subclasses too). */
    Class<T> type();

    /** Put one or more representations (e.g. "text/html", "image/svg+xml") into bundle; "text/plain" is added if missing. */
    void render(T value, Map<String, Object> bundle);
}
