package org.jgrad.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The depth-first walk both engines use to order a graph for backpropagation. */
final class GraphWalk {

    private GraphWalk() {
    }

    /**
     * Every node {@code root} depends on, itself last, each after all of its parents.
     * Iterative, with an explicit stack, so that a chain of any length fits: a recursive
     * walk overflows the thread's stack near ten thousand nodes.
     */
    static <T> List<T> topologicalOrder(T root, Function<T, List<T>> parentsOf) {
        List<T> order = new ArrayList<>();
        Set<T> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<T, Integer> nextParent = new IdentityHashMap<>();
        Deque<T> stack = new ArrayDeque<>();
        stack.push(root);
        visited.add(root);
        while (!stack.isEmpty()) {
            T node = stack.peek();
            List<T> parents = parentsOf.apply(node);
            int i = nextParent.getOrDefault(node, 0);
            if (i < parents.size()) {
                nextParent.put(node, i + 1);
                T parent = parents.get(i);
                if (visited.add(parent)) {
                    stack.push(parent);
                }
            } else {
                stack.pop();
                order.add(node);
            }
        }
        return order;
    }
}
