package org.jgrad.grading;

import org.jgrad.kernel.render.Renderer;

import java.util.Map;

/** Shows a {@link CheckResult} as its card: HTML in Jupyter, text elsewhere (registered as a service). */
public final class CheckResultRenderer implements Renderer<CheckResult> {
    @Override
    public Class<CheckResult> type() { return CheckResult.class; }

    @Override
    public void render(CheckResult result, Map<String, Object> bundle) {
        bundle.put("text/html", result.html());
        bundle.put("text/plain", result.text());
    }
}
