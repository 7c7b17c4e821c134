package org.jgrad.autodiff;

/** Prints tensors as nested brackets, eliding the middle of long dimensions as torch does. */
final class Printer {

    private static final int EDGE = 3;
    private static final int LONG = 2 * EDGE + 1;

    private Printer() {
    }

    static void append(StringBuilder sb, double[] data, int[] shape) {
        if (shape.length == 0) {
            sb.append(format(data[0]));
            return;
        }
        append(sb, data, shape, 0, 0, Shapes.strides(shape));
    }

    private static void append(StringBuilder sb, double[] data, int[] shape, int dim, int offset, int[] strides) {
        sb.append('[');
        int n = shape[dim];
        for (int i = 0; i < n; i++) {
            if (n > LONG && i == EDGE) {
                sb.append("...");
                i = n - EDGE - 1;
                sb.append(dim == shape.length - 1 ? ", " : ",\n" + " ".repeat(dim + 8));
                continue;
            }
            if (dim == shape.length - 1) {
                sb.append(format(data[offset + i]));
            } else {
                append(sb, data, shape, dim + 1, offset + i * strides[dim], strides);
            }
            if (i < n - 1) {
                sb.append(dim == shape.length - 1 ? ", " : ",\n" + " ".repeat(dim + 8));
            }
        }
        sb.append(']');
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e6) || Double.isNaN(v) || Double.isInfinite(v)) {
            return String.format("%.4e", v);
        }
        return String.format("%.4f", v);
    }
}
