package org.jgrad.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only snapshot of a computational graph, for drawing: its nodes in topological
 * order (inputs first, the output last) and its edges from each parent to its child.
 *
 * @param nodes every node, each after all of its parents
 * @param edges one edge for each (parent, child) argument; a node used twice by the same
 *              operation, as in {@code x.mul(x)}, has two edges
 */
public record Graph(List<Node> nodes, List<Edge> edges) {

    /**
     * One node.
     *
     * @param id    its index in {@link #nodes()}
     * @param label the user's name for it, or empty
     * @param op    the operation that made it, empty for a leaf (an input or parameter)
     * @param data  the forward value (for a tensor: its only element, or NaN if it has more)
     * @param grad  the gradient (same rule as data; 0 before backward)
     * @param shape empty for a scalar {@link Value}; for a tensor its shape, such as "[2, 3]"
     */
    public record Node(int id, String label, String op, double data, double grad, String shape) {
        public boolean isLeaf() {
            return op.isEmpty();
        }
    }

    /** An edge from the node that is an argument to the node computed from it. */
    public record Edge(int from, int to) {
    }

    public Graph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** The graph of everything {@code root} was computed from. */
    public static Graph of(Value root) {
        List<Value> order = root.topologicalOrder();
        Map<Value, Integer> ids = new IdentityHashMap<>();
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (Value v : order) {
            int id = nodes.size();
            ids.put(v, id);
            nodes.add(new Node(id, v.label(), v.op(), v.data(), v.grad(), ""));
            for (Value p : v.parents()) {
                edges.add(new Edge(ids.get(p), id));
            }
        }
        return new Graph(nodes, edges);
    }

    /** The graph of everything the tensor {@code root} was computed from (with gradient tracking on). */
    public static Graph of(Tensor root) {
        List<Tensor> order = root.topologicalOrder();
        Map<Tensor, Integer> ids = new IdentityHashMap<>();
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (Tensor t : order) {
            int id = nodes.size();
            ids.put(t, id);
            boolean single = t.size() == 1;
            double data = single ? t.item() : Double.NaN;
            double grad = single && t.grad() != null ? t.grad().item() : single ? 0 : Double.NaN;
            nodes.add(new Node(id, t.label(), t.op(), data, grad, Arrays.toString(t.shape())));
            for (Tensor p : t.parents()) {
                edges.add(new Edge(ids.get(p), id));
            }
        }
        return new Graph(nodes, edges);
    }
}
