package org.jgrad.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jgrad.autodiff.Graph;
import org.jgrad.autodiff.Tensor;
import org.jgrad.autodiff.Value;

/**
 * A computational graph drawn as SVG, left to right from the inputs to the output, in the style
 * of micrograd's {@code draw_dot}: every value is a rounded box {@code label | data 4.0000 | grad
 * 24.0000}, every operation a small ellipse ({@code +}, {@code *}, {@code tanh}, ...) between its
 * arguments and its result.
 *
 * <p>Layout: each box and ellipse gets a column (the longest path from a leaf, then moved right
 * to just before its first use, so that leaves and side expressions sit next to their use);
 * edges that skip columns get invisible bends; a few barycenter sweeps order each column to cut
 * crossings; sizes come from the text. The same graph always gives the same bytes.
 */
public final class GraphView {

    /**
     * What to show.
     *
     * @param gradients show each node's gradient
     * @param title     a caption above the graph, or empty
     */
    public record Options(boolean gradients, String title) {
        public static final Options DEFAULT = new Options(true, "");

        public Options {
            title = title == null ? "" : title;
        }

        /** The default options without gradients (before backward they are all 0). */
        public static Options withoutGradients() {
            return new Options(false, "");
        }

        public Options title(String caption) {
            return new Options(gradients, caption);
        }
    }

    private static final double FONT = 12;
    private static final double BOX_H = 28;
    private static final double OP_H = 26;
    private static final double ROW_GAP = 14;
    private static final double COL_GAP = 36;
    private static final double MARGIN = 12;

    private GraphView() {
    }

    /** The graph of everything {@code root} was computed from. */
    public static String svg(Value root) {
        return svg(Graph.of(root), Options.DEFAULT);
    }

    public static String svg(Value root, Options options) {
        return svg(Graph.of(root), options);
    }

    /** The graph of a tensor expression (gradient tracking on); a tensor of several elements shows its shape. */
    public static String svg(Tensor root) {
        return svg(Graph.of(root), Options.DEFAULT);
    }

    public static String svg(Tensor root, Options options) {
        return svg(Graph.of(root), options);
    }

    public static String svg(Graph graph) {
        return svg(graph, Options.DEFAULT);
    }

    /** One drawn thing: a value box, an operation ellipse, or an invisible bend of a long edge. */
    private static final class Item {
        final int kind; // 0 value, 1 op, 2 bend
        final int node;
        final String[] fields;
        double w;
        double h;
        int layer;
        double order;
        int rank;
        double x;
        double y;
        final List<Item> in = new ArrayList<>();
        final List<Item> out = new ArrayList<>();

        Item(int kind, int node, String[] fields) {
            this.kind = kind;
            this.node = node;
            this.fields = fields;
        }

        double cy() {
            return y + h / 2;
        }
    }

    public static String svg(Graph graph, Options options) {
        List<Graph.Node> nodes = graph.nodes();
        int n = nodes.size();
        Item[] value = new Item[n];
        Item[] op = new Item[n];
        List<Item> items = new ArrayList<>();
        for (Graph.Node node : nodes) {
            List<String> f = new ArrayList<>();
            if (!node.label().isEmpty()) {
                f.add(node.label());
            }
            boolean tensor = !node.shape().isEmpty();
            if (tensor && Double.isNaN(node.data())) {
                f.add("shape " + node.shape());
            } else {
                f.add("data " + Svg.value(node.data()));
                if (options.gradients()) {
                    f.add("grad " + Svg.value(node.grad()));
                }
            }
            Item v = new Item(0, node.id(), f.toArray(new String[0]));
            double w = 0;
            for (String s : v.fields) {
                w += Svg.textWidth(s, FONT) + 16;
            }
            v.w = Math.max(40, w);
            v.h = BOX_H;
            value[node.id()] = v;
            items.add(v);
            if (!node.isLeaf()) {
                Item o = new Item(1, node.id(), new String[] {node.op()});
                o.w = Math.max(OP_H, Svg.textWidth(node.op(), FONT) + 16);
                o.h = OP_H;
                op[node.id()] = o;
                items.add(o);
                link(o, v);
            }
        }
        for (Graph.Edge e : graph.edges()) {
            link(value[e.from()], op[e.to()]);
        }
        // layers: longest path from a leaf; ops and values alternate
        for (Graph.Node node : nodes) {
            Item v = value[node.id()];
            if (node.isLeaf()) {
                v.layer = 0;
            } else {
                Item o = op[node.id()];
                int l = 0;
                for (Item p : o.in) {
                    l = Math.max(l, p.layer + 1);
                }
                o.layer = l;
                v.layer = l + 1;
            }
        }
        // then everything but the output moves right to just before its first use, so that a leaf
        // or a side expression is drawn next to where it is used, not far left of it (output last)
        for (int id = n - 1; id >= 0; id--) {
            Item v = value[id];
            if (!v.out.isEmpty()) {
                int first = Integer.MAX_VALUE;
                for (Item c : v.out) {
                    first = Math.min(first, c.layer);
                }
                v.layer = first - 1;
            }
            if (op[id] != null) {
                op[id].layer = v.layer - 1;
            }
        }
        // long edges get a bend in every column they cross
        List<Item> bends = new ArrayList<>();
        for (Item from : new ArrayList<>(items)) {
            for (int k = 0; k < from.out.size(); k++) {
                Item to = from.out.get(k);
                if (to.layer - from.layer > 1) {
                    Item prev = from;
                    Item first = null;
                    for (int l = from.layer + 1; l < to.layer; l++) {
                        Item b = new Item(2, -1, new String[0]);
                        b.layer = l;
                        b.w = 0;
                        b.h = 6;
                        if (first == null) {
                            first = b;
                        } else {
                            prev.out.add(b);
                        }
                        b.in.add(prev);
                        prev = b;
                        bends.add(b);
                    }
                    from.out.set(k, first);
                    prev.out.add(to);
                    to.in.set(to.in.indexOf(from), prev);
                }
            }
        }
        items.addAll(bends);
        int layers = 0;
        for (Item it : items) {
            layers = Math.max(layers, it.layer + 1);
        }
        List<List<Item>> cols = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            cols.add(new ArrayList<>());
        }
        for (Item it : items) {
            cols.get(it.layer).add(it);
        }
        for (List<Item> col : cols) {
            for (int i = 0; i < col.size(); i++) {
                col.get(i).order = i;
            }
        }
        // barycenter sweeps, right to left and left to right; ties keep the current order
        for (int sweep = 0; sweep < 8; sweep++) {
            boolean back = sweep % 2 == 0;
            for (int s = 0; s < layers; s++) {
                int l = back ? layers - 1 - s : s;
                List<Item> col = cols.get(l);
                for (Item it : col) {
                    List<Item> nb = back ? it.out : it.in;
                    if (!nb.isEmpty()) {
                        double sum = 0;
                        for (Item o : nb) {
                            sum += o.order;
                        }
                        it.order = sum / nb.size();
                    }
                }
                for (int i = 0; i < col.size(); i++) {
                    col.get(i).rank = i;
                }
                List<Item> sorted = new ArrayList<>(col);
                sorted.sort(Comparator.comparingDouble((Item it) -> it.order).thenComparingInt(it -> it.rank));
                col.clear();
                col.addAll(sorted);
                for (int i = 0; i < col.size(); i++) {
                    col.get(i).order = i;
                }
            }
        }
        // x: columns as wide as their widest item
        double x = MARGIN;
        double[] colX = new double[layers];
        double[] colW = new double[layers];
        for (int l = 0; l < layers; l++) {
            double w = 0;
            for (Item it : cols.get(l)) {
                w = Math.max(w, it.w);
            }
            colX[l] = x;
            colW[l] = w;
            x += w + COL_GAP;
        }
        double totalW = x - COL_GAP + MARGIN;
        // y: stacked, then pulled toward the mean height of their neighbours without overlapping
        for (List<Item> col : cols) {
            double y = 0;
            for (Item it : col) {
                it.y = y;
                y += it.h + ROW_GAP;
            }
        }
        for (int round = 0; round < 6; round++) {
            boolean back = round % 2 == 1;
            for (int s = 0; s < layers; s++) {
                int l = back ? layers - 1 - s : s;
                List<Item> col = cols.get(l);
                double[] want = new double[col.size()];
                for (int i = 0; i < col.size(); i++) {
                    Item it = col.get(i);
                    List<Item> nb = new ArrayList<>(it.in);
                    nb.addAll(it.out);
                    if (nb.isEmpty()) {
                        want[i] = it.y;
                    } else {
                        double sum = 0;
                        for (Item o : nb) {
                            sum += o.cy();
                        }
                        want[i] = sum / nb.size() - it.h / 2;
                    }
                }
                place(col, want);
            }
        }
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Item it : items) {
            minY = Math.min(minY, it.y);
            maxY = Math.max(maxY, it.y + it.h);
        }
        if (items.isEmpty()) {
            minY = 0;
            maxY = 0;
        }
        double titleH = options.title().isEmpty() ? 0 : 26;
        double shift = MARGIN + titleH - minY;
        for (Item it : items) {
            it.y += shift;
            it.x = colX[it.layer] + (colW[it.layer] - it.w) / 2;
        }
        double totalH = maxY - minY + 2 * MARGIN + titleH;
        return write(graph, items, Math.max(totalW, 2 * MARGIN), totalH, options);
    }

    private static void link(Item from, Item to) {
        from.out.add(to);
        to.in.add(from);
    }

    /** Puts the items of a column as near their wished tops as their order and spacing allow. */
    private static void place(List<Item> col, double[] want) {
        int n = col.size();
        if (n == 0) {
            return;
        }
        // forward pass keeps the gaps, then a backward pass moves blocks up toward their wishes
        double[] y = want.clone();
        for (int i = 1; i < n; i++) {
            double min = y[i - 1] + col.get(i - 1).h + ROW_GAP;
            if (y[i] < min) {
                y[i] = min;
            }
        }
        for (int i = n - 2; i >= 0; i--) {
            double max = y[i + 1] - col.get(i).h - ROW_GAP;
            if (y[i] > max) {
                y[i] = max;
            }
        }
        // the backward pass may break the forward constraints at the top; restore them
        for (int i = 1; i < n; i++) {
            double min = y[i - 1] + col.get(i - 1).h + ROW_GAP;
            if (y[i] < min) {
                y[i] = min;
            }
        }
        for (int i = 0; i < n; i++) {
            col.get(i).y = y[i];
        }
    }

    private static String write(Graph graph, List<Item> items, double w, double h, Options options) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(Svg.num(w)).append("\" height=\"").append(Svg.num(h))
                .append("\" viewBox=\"0 0 ").append(Svg.num(w)).append(' ').append(Svg.num(h))
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        b.append("<defs><marker id=\"jgrad-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" ")
                .append("orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#555555\"/></marker></defs>\n");
        b.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").append(Svg.num(w)).append("\" height=\"").append(Svg.num(h))
                .append("\" fill=\"#ffffff\"/>\n");
        if (!options.title().isEmpty()) {
            b.append("<text class=\"title\" x=\"").append(Svg.num(w / 2)).append("\" y=\"").append(Svg.num(MARGIN + 14))
                    .append("\" text-anchor=\"middle\" font-size=\"15\">").append(Svg.escape(options.title())).append("</text>\n");
        }
        // edges: from each real item along its bends to the next real item
        b.append("<g class=\"edges\" fill=\"none\" stroke=\"#555555\" stroke-width=\"1.2\">\n");
        for (Item from : items) {
            if (from.kind == 2) {
                continue;
            }
            for (Item next : from.out) {
                List<double[]> pts = new ArrayList<>();
                pts.add(new double[] {from.x + from.w, from.cy()});
                Item cur = next;
                while (cur.kind == 2) {
                    pts.add(new double[] {cur.x, cur.cy()});
                    cur = cur.out.get(0);
                }
                pts.add(new double[] {cur.x, cur.cy()});
                StringBuilder d = new StringBuilder();
                d.append('M').append(Svg.num(pts.get(0)[0])).append(',').append(Svg.num(pts.get(0)[1]));
                for (int i = 1; i < pts.size(); i++) {
                    double[] p = pts.get(i - 1);
                    double[] q = pts.get(i);
                    double mx = (p[0] + q[0]) / 2;
                    d.append('C').append(Svg.num(mx)).append(',').append(Svg.num(p[1])).append(' ').append(Svg.num(mx)).append(',')
                            .append(Svg.num(q[1])).append(' ').append(Svg.num(q[0])).append(',').append(Svg.num(q[1]));
                }
                b.append("<path class=\"edge\" data-from=\"").append(ref(from)).append("\" data-to=\"").append(ref(cur))
                        .append("\" d=\"").append(d).append("\" marker-end=\"url(#jgrad-arrow)\"/>\n");
            }
        }
        b.append("</g>\n");
        List<Item> sorted = new ArrayList<>(items);
        sorted.removeIf(it -> it.kind == 2);
        sorted.sort(Comparator.comparingInt((Item it) -> it.node).thenComparingInt(it -> -it.kind));
        for (Item it : sorted) {
            if (it.kind == 1) {
                b.append("<g class=\"op\" data-node=\"").append(it.node).append("\"><ellipse cx=\"").append(Svg.num(it.x + it.w / 2))
                        .append("\" cy=\"").append(Svg.num(it.cy())).append("\" rx=\"").append(Svg.num(it.w / 2)).append("\" ry=\"")
                        .append(Svg.num(it.h / 2)).append("\" fill=\"#fff4d6\" stroke=\"#b8860b\"/><text x=\"")
                        .append(Svg.num(it.x + it.w / 2)).append("\" y=\"").append(Svg.num(it.cy() + 4))
                        .append("\" text-anchor=\"middle\" font-weight=\"bold\">").append(Svg.escape(it.fields[0])).append("</text></g>\n");
            } else {
                Graph.Node node = graph.nodes().get(it.node);
                boolean leaf = node.isLeaf();
                b.append("<g class=\"value\" data-node=\"").append(it.node).append("\"><rect x=\"").append(Svg.num(it.x))
                        .append("\" y=\"").append(Svg.num(it.y)).append("\" width=\"").append(Svg.num(it.w)).append("\" height=\"")
                        .append(Svg.num(it.h)).append("\" rx=\"6\" fill=\"").append(leaf ? "#e8f1fb" : "#f4f4f4")
                        .append("\" stroke=\"#4a6a8a\"/>");
                double tx = it.x;
                for (int i = 0; i < it.fields.length; i++) {
                    double fw = Svg.textWidth(it.fields[i], FONT) + 16;
                    if (i > 0) {
                        b.append("<line x1=\"").append(Svg.num(tx)).append("\" y1=\"").append(Svg.num(it.y)).append("\" x2=\"")
                                .append(Svg.num(tx)).append("\" y2=\"").append(Svg.num(it.y + it.h)).append("\" stroke=\"#4a6a8a\"/>");
                    }
                    String cls = it.fields[i].startsWith("data ") ? "data" : it.fields[i].startsWith("grad ") ? "grad" : "label";
                    b.append("<text class=\"").append(cls).append("\" x=\"").append(Svg.num(tx + fw / 2)).append("\" y=\"")
                            .append(Svg.num(it.cy() + 4)).append("\" text-anchor=\"middle\"")
                            .append(cls.equals("label") ? " font-weight=\"bold\"" : cls.equals("grad") ? " fill=\"#a0302a\"" : "")
                            .append('>').append(Svg.escape(it.fields[i])).append("</text>");
                    tx += fw;
                }
                b.append("</g>\n");
            }
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static String ref(Item it) {
        return (it.kind == 1 ? "op" : "v") + it.node;
    }
}
