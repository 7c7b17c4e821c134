package org.jgrad.grading;

import org.jgrad.autodiff.Tensor;
import org.jgrad.autodiff.Value;

import java.util.Arrays;

/**
 * Reads a student's value by value: only the JDK's own number, boolean, string and array types
 * and jgrad's final {@code Tensor} and {@code Value} are accepted, so no check ever calls a
 * student's equals, hashCode, toString or doubleValue (a subclass of Number could lie).
 */
final class Values {
    private Values() {}

    /** A numeric value flattened, with its shape ([] for a scalar). */
    record Numbers(double[] values, int[] shape) {}

    /** The numbers of v, or null when v is not one of the accepted numeric types. */
    static Numbers numbers(Object v) {
        if (v == null) return null;
        Class<?> c = v.getClass();
        if (c == Double.class || c == Float.class || c == Integer.class || c == Long.class || c == Short.class || c == Byte.class) {
            return new Numbers(new double[] {((Number) v).doubleValue()}, new int[0]);
        }
        if (c == Value.class) return new Numbers(new double[] {((Value) v).data()}, new int[0]);
        if (c == Tensor.class) {
            Tensor t = (Tensor) v;
            return new Numbers(t.toArray(), t.shape());
        }
        if (c == double[].class) return new Numbers(((double[]) v).clone(), new int[] {((double[]) v).length});
        if (c == float[].class) {
            float[] f = (float[]) v;
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) d[i] = f[i];
            return new Numbers(d, new int[] {f.length});
        }
        if (c == int[].class) return new Numbers(Arrays.stream((int[]) v).asDoubleStream().toArray(), new int[] {((int[]) v).length});
        if (c == long[].class) return new Numbers(Arrays.stream((long[]) v).asDoubleStream().toArray(), new int[] {((long[]) v).length});
        if (c == double[][].class) {
            double[][] rows = (double[][]) v;
            int cols = rows.length == 0 || rows[0] == null ? 0 : rows[0].length;
            double[] d = new double[rows.length * cols];
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] == null || rows[i].length != cols) return null;   // ragged: not a matrix
                System.arraycopy(rows[i], 0, d, i * cols, cols);
            }
            return new Numbers(d, new int[] {rows.length, cols});
        }
        return null;
    }

    /** What v is, in words, for a failed card. */
    static String kind(Object v) {
        if (v == null) return "null";
        Class<?> c = v.getClass();
        String name = c.isArray() ? c.getComponentType().getSimpleName() + "[]" : c.getSimpleName();
        return "a " + (name.isEmpty() ? c.getName() : name);
    }

    /** v as a card shows it, built from its numbers (or "a MyThing" for a type we do not read). */
    static String describe(Object v) {
        if (v == null) return "null";
        if (v.getClass() == String.class) return "\"" + shorten((String) v, 200) + "\"";
        if (v.getClass() == Boolean.class || v.getClass() == Character.class) return String.valueOf(v);
        Numbers n = numbers(v);
        if (n == null) return kind(v);
        if (n.shape().length == 0) return fmt(n.values()[0]);
        String body = list(n.values());
        return v.getClass() == Tensor.class ? "tensor of shape " + Arrays.toString(n.shape()) + " " + body : body;
    }

    static String list(double[] values) {
        StringBuilder b = new StringBuilder("[");
        int shown = Math.min(values.length, 12);
        for (int i = 0; i < shown; i++) b.append(i > 0 ? ", " : "").append(fmt(values[i]));
        if (values.length > shown) b.append(", … (").append(values.length).append(" values)");
        return b.append(']').toString();
    }

    /** A number as people write it: 7, 0.5, 1e-9, NaN. */
    static String fmt(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return Double.toString(x);
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        String s = Double.toString(x);
        int e = s.indexOf('E');
        if (e < 0) return s;
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return mantissa + "e" + s.substring(e + 1);
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "… (" + s.length() + " characters)";
    }
}
