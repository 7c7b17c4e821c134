package org.jgrad.autodiff;

import java.util.Arrays;

/** Shape arithmetic for {@link Tensor}: sizes, axes, broadcasting and index maps. */
final class Shapes {

    private Shapes() {
    }

    /** The number of elements; a shape with more than a Java array can hold is refused by name. */
    static int size(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements (2³¹ − 1), the most a tensor can hold; it would also need "
                        + "more than 16 GB of memory");
            }
        }
        return (int) n;
    }

    /** Row-major strides. */
    static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    /** An axis that may be negative (−1 is the last), checked against the rank. */
    static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IndexOutOfBoundsException(op + ": axis " + axis + " is out of range for a tensor with "
                    + rank + " dimension" + (rank == 1 ? "" : "s"));
        }
        return a;
    }

    static int offset(int[] shape, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of shape "
                    + Arrays.toString(shape));
        }
        int offset = 0;
        int[] strides = strides(shape);
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " is out of range for dimension " + d
                        + " of size " + shape[d] + " (shape " + Arrays.toString(shape) + ")");
            }
            offset += index[d] * strides[d];
        }
        return offset;
    }

    /** NumPy's broadcasting: align trailing dimensions; each pair must be equal or contain a 1. */
    static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            int da = d - (rank - a.length) >= 0 ? a[d - (rank - a.length)] : 1;
            int db = d - (rank - b.length) >= 0 ? b[d - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shape mismatch in '" + op + "': " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " cannot be broadcast (dimension " + d + ": " + da + " vs " + db + ")");
            }
            out[d] = da == 1 ? db : da;
        }
        return out;
    }

    /** For every element of {@code outShape}, the element of the broadcast input it reads. */
    static int[] broadcastIndex(int[] inShape, int[] outShape) {
        int rank = outShape.length;
        int[] inStrides = new int[rank];
        int[] own = strides(inShape);
        for (int d = 0; d < inShape.length; d++) {
            int od = d + rank - inShape.length;
            inStrides[od] = inShape[d] == 1 ? 0 : own[d];
        }
        return walk(outShape, inStrides);
    }

    /** For every element of the transposed shape, the element of the original it comes from. */
    static int[] transposeIndex(int[] shape, int d0, int d1) {
        int[] outShape = shape.clone();
        outShape[d0] = shape[d1];
        outShape[d1] = shape[d0];
        int[] s = strides(shape);
        int[] sourceStrides = s.clone();
        sourceStrides[d0] = s[d1];
        sourceStrides[d1] = s[d0];
        return walk(outShape, sourceStrides);
    }

    /** Visits the shape in row-major order, returning Σ index[d]·strides[d] for each element. */
    private static int[] walk(int[] shape, int[] strides) {
        int n = size(shape);
        int[] result = new int[n];
        int[] index = new int[shape.length];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            result[i] = offset;
            for (int d = shape.length - 1; d >= 0; d--) {
                index[d]++;
                offset += strides[d];
                if (index[d] < shape[d]) {
                    break;
                }
                offset -= strides[d] * index[d];
                index[d] = 0;
            }
        }
        return result;
    }

    static int[] reduce(int[] shape, int axis, boolean keepDim) {
        if (keepDim) {
            int[] out = shape.clone();
            out[axis] = 1;
            return out;
        }
        int[] out = new int[shape.length - 1];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (d != axis) {
                out[j++] = shape[d];
            }
        }
        return out;
    }

    static int[] inferReshape(int[] shape, int[] requested) {
        int[] out = requested.clone();
        int unknown = -1;
        int known = 1;
        for (int d = 0; d < out.length; d++) {
            if (out[d] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("reshape: only one dimension may be -1, got "
                            + Arrays.toString(requested));
                }
                unknown = d;
            } else if (out[d] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension in " + Arrays.toString(requested));
            } else {
                known *= out[d];
            }
        }
        int total = size(shape);
        if (unknown >= 0 && known != 0 && total % known == 0) {
            out[unknown] = total / known;
            known = total;
        }
        if (known != total || (unknown >= 0 && out[unknown] == -1)) {
            throw new IllegalArgumentException("reshape: cannot view shape " + Arrays.toString(shape) + " (" + total
                    + " elements) as " + Arrays.toString(requested));
        }
        return out;
    }
}
