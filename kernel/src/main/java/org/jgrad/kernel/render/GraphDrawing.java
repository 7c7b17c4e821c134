package org.jgrad.kernel.render;

import org.jgrad.autodiff.Graph;
import org.jgrad.autodiff.Tensor;
import org.jgrad.autodiff.Value;

/**
 * What {@code draw(y)} returns: the computational graph of a {@link Value} or {@link Tensor},
 * captured when drawn (its values and gradients at that moment), shown as a picture.
 */
public record GraphDrawing(Graph graph) {

    public static GraphDrawing of(Object root) {
        if (root instanceof Value v) {
            return new GraphDrawing(v.graph());
        }
        if (root instanceof Tensor t) {
            return new GraphDrawing(t.graph());
        }
        if (root instanceof Graph g) {
            return new GraphDrawing(g);
        }
        throw new IllegalArgumentException("draw: expected a Value, a Tensor or a Graph, got "
                + (root == null ? "null" : root.getClass().getName()));
    }

    @Override
    public String toString() {
        return "computational graph: " + graph.nodes().size() + " nodes, " + graph.edges().size() + " edges";
    }
}
