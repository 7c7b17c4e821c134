package org.jgrad.kernel.render;

import org.jgrad.autodiff.Tensor;

import java.util.Map;

/** A Tensor as its readable text form, in a preformatted HTML block too. */
public final class TensorRenderer implements Renderer<Tensor> {
    @Override public Class<Tensor> type() { return Tensor.class; }

    @Override
    public void render(Tensor t, Map<String, Object> bundle) {
        String text = t.toString();
        bundle.put("text/plain", text);
        bundle.put("text/html", "<pre>" + Renderers.html(text) + "</pre>");
    }
}
