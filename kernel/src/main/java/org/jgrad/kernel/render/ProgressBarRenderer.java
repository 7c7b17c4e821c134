package org.jgrad.kernel.render;

import java.util.Map;
import org.jgrad.plot.ProgressBar;

/** A loop's progress: a native HTML bar in notebooks, a text line elsewhere. */
public final class ProgressBarRenderer implements Renderer<ProgressBar> {
    @Override
    public Class<ProgressBar> type() {
        return ProgressBar.class;
    }

    @Override
    public void render(ProgressBar bar, Map<String, Object> bundle) {
        bundle.put("text/html", bar.html());
        bundle.put("text/plain", bar.text());
    }
}
