package org.jgrad.grading;

import org.jgrad.kernel.display.Display;
import org.opentest4j.AssertionFailedError;

import java.util.Arrays;

/**
 * One check in a test cell, with a result card. Use:
 * <pre>
 *   Check.that("∂y/∂a", a.grad()).isCloseTo(7, 1e-9);
 *   Check.that("sigmoid(0)", () -> sigmoid(0)).hint("σ(0) = 1/(1 + e⁰)").isCloseTo(0.5, 1e-12);
 *   Check.check("by JUnit", () -> Assertions.assertEquals(0.25, w, 1e-12));
 *   Check.tests(MyTests.class);
 * </pre>
 * The terminal comparison runs the check at once: it shows the card and, when the check fails,
 * throws {@link CheckFailed}, which fails the cell with a one-line error. Values are compared by
 * value ({@link Values}), never through the student's equals, hashCode or toString.
 */
public final class Check {

    /** The student's code that gives the value to check; what it throws fails the check, with a card. */
    @FunctionalInterface
    public interface Actual {
        Object get() throws Throwable;
    }

    /** JUnit Jupiter's own shape for a block of assertions. */
    @FunctionalInterface
    public interface Block {
        void run() throws Throwable;
    }

    private final String name;
    private final Object actual;
    private final Throwable thrown;
    private String hint;
    private int[] shape;

    private Check(String name, Object actual, Throwable thrown) {
        this.name = name;
        this.actual = actual;
        this.thrown = thrown;
    }

    /** A check of a value computed before the check. */
    public static Check that(String name, Object actual) { return new Check(name, actual, null); }

    /** A check of what the student's code gives; an exception it throws is a failed check, not a stack trace. */
    public static Check that(String name, Actual actual) {
        try {
            return new Check(name, actual.get(), null);
        } catch (Throwable t) {
            rethrowIfKernelControl(t);
            return new Check(name, null, t);
        }
    }

    /** Shown on the card when the check fails. */
    public Check hint(String hint) {
        this.hint = hint;
        return this;
    }

    /** The tensor or array must have exactly this shape (checked with the next comparison). */
    public Check hasShape(int... shape) {
        this.shape = shape.clone();
        return this;
    }

    /** The tensor or array has exactly this shape (its values are not compared). */
    public void isOfShape(int... expected) {
        String shown = "shape " + Arrays.toString(expected);
        if (failedToRun(shown)) return;
        Values.Numbers n = Values.numbers(actual);
        if (n == null) fail(shown, "expected a tensor or an array, got " + Values.kind(actual));
        else if (!Arrays.equals(expected, n.shape())) fail(shown, "the shape is " + Arrays.toString(n.shape()));
        else pass(shown);
    }

    /** |actual − expected| ≤ tolerance, for a number (or every element of an array or tensor). */
    public void isCloseTo(double expected, double tolerance) {
        compare(new double[] {expected}, null, tolerance, Values.fmt(expected) + (tolerance == 0 ? "" : " ± " + Values.fmt(tolerance)));
    }

    /** Element by element |actual − expected| ≤ tolerance; shapes must match (a flat array matches any shape of that size unless {@link #hasShape} says otherwise). */
    public void isCloseTo(double[] expected, double tolerance) {
        compare(expected.clone(), new int[] {expected.length}, tolerance, Values.list(expected) + (tolerance == 0 ? "" : " ± " + Values.fmt(tolerance)));
    }

    /** Exactly this whole number. */
    public void isEqualTo(long expected) {
        compare(new double[] {expected}, null, 0, Long.toString(expected));
    }

    /** Exactly these whole numbers. */
    public void isEqualTo(int[] expected) {
        compare(Arrays.stream(expected).asDoubleStream().toArray(), new int[] {expected.length}, 0, Arrays.toString(expected));
    }

    /** Exactly this boolean. */
    public void isEqualTo(boolean expected) {
        if (failedToRun(Boolean.toString(expected))) return;
        if (actual == null || actual.getClass() != Boolean.class) {
            fail(Boolean.toString(expected), "expected a boolean, got " + Values.kind(actual));
        } else if ((Boolean) actual != expected) {
            fail(Boolean.toString(expected), null);
        } else {
            pass(Boolean.toString(expected));
        }
    }

    /** Exactly this text (compared with String's own equals: String is final). */
    public void isEqualTo(String expected) {
        String shown = "\"" + expected + "\"";
        if (failedToRun(shown)) return;
        if (actual == null || actual.getClass() != String.class) fail(shown, "expected a String, got " + Values.kind(actual));
        else if (!expected.equals(actual)) fail(shown, null);
        else pass(shown);
    }

    public void isTrue() { isEqualTo(true); }

    public void isFalse() { isEqualTo(false); }

    /** actual ≥ min. */
    public void isAtLeast(double min) { bounds(min, Double.POSITIVE_INFINITY, "≥ " + Values.fmt(min)); }

    /** actual ≤ max. */
    public void isAtMost(double max) { bounds(Double.NEGATIVE_INFINITY, max, "≤ " + Values.fmt(max)); }

    /** min ≤ actual ≤ max. */
    public void isBetween(double min, double max) { bounds(min, max, "between " + Values.fmt(min) + " and " + Values.fmt(max)); }

    /**
     * Runs JUnit Jupiter assertions (any of {@code org.junit.jupiter.api.Assertions}); a failed
     * assertion becomes a failed card with JUnit's expected and actual values.
     */
    public static void check(String name, Block assertions) {
        try {
            assertions.run();
            reportResult(new CheckResult(name, true, null, null, null, null));
        } catch (AssertionFailedError e) {
            String expected = e.isExpectedDefined() ? String.valueOf(e.getExpected().getStringRepresentation()) : null;
            String actual = e.isActualDefined() ? String.valueOf(e.getActual().getStringRepresentation()) : null;
            reportResult(new CheckResult(name, false, expected, actual, null, firstLine(e.getMessage())));
        } catch (Throwable t) {
            rethrowIfKernelControl(t);
            reportResult(new CheckResult(name, false, null, null, null, threw(t)));
        }
    }

    /** {@link #check(String, Block)} with a hint for the card. */
    public static void check(String name, String hint, Block assertions) {
        try {
            check(name, assertions);
        } catch (CheckFailed f) {
            throw new CheckFailed(f.getMessage() + " (hint: " + hint + ")");
        }
    }

    /** Runs a class's @Test methods through the JUnit Platform launcher: one card per test. */
    public static void tests(Class<?> testClass) { JUnitTests.run(testClass); }

    // ----------------------------------------------------------------------------------------

    private void bounds(double min, double max, String expected) {
        if (failedToRun(expected)) return;
        Values.Numbers n = Values.numbers(actual);
        if (n == null || n.shape().length != 0) {
            fail(expected, "expected a number, got " + Values.kind(actual));
            return;
        }
        double v = n.values()[0];
        if (v >= min && v <= max) pass(expected);   // NaN fails both comparisons
        else fail(expected, null);
    }

    private void compare(double[] expected, int[] expectedShape, double tolerance, String shownExpected) {
        if (shape != null) shownExpected += " with shape " + Arrays.toString(shape);
        if (failedToRun(shownExpected)) return;
        Values.Numbers n = Values.numbers(actual);
        if (n == null) {
            fail(shownExpected, "expected " + (expectedShape == null ? "a number" : "numbers") + ", got " + Values.kind(actual));
            return;
        }
        if (shape != null && !Arrays.equals(shape, n.shape())) {
            fail(shownExpected, "the shape is " + Arrays.toString(n.shape()) + ", expected " + Arrays.toString(shape));
            return;
        }
        if (expectedShape == null && n.shape().length != 0 && n.values().length != 1) {
            fail(shownExpected, "expected one number, got " + n.values().length + " values");
            return;
        }
        if (n.values().length != expected.length) {
            fail(shownExpected, "expected " + expected.length + " values, got " + n.values().length);
            return;
        }
        for (int i = 0; i < expected.length; i++) {
            double a = n.values()[i];
            // written so that NaN never passes
            if (!(Math.abs(a - expected[i]) <= tolerance) && !(a == expected[i])) {
                fail(shownExpected, expected.length == 1 ? null
                        : "element " + i + " is " + Values.fmt(a) + ", expected " + Values.fmt(expected[i]));
                return;
            }
        }
        pass(shownExpected);
    }

    /** When the student's code threw, the check fails with what it threw. */
    private boolean failedToRun(String expected) {
        if (thrown == null) return false;
        reportResult(new CheckResult(name, false, expected, null, hint, threw(thrown)));
        return true;
    }

    private void pass(String expected) {
        reportResult(new CheckResult(name, true, expected, Values.describe(actual), hint, null));
    }

    private void fail(String expected, String problem) {
        reportResult(new CheckResult(name, false, expected, Values.describe(actual), hint, problem));
    }

    /** Shows the card; a failed one ends the cell. */
    static void reportResult(CheckResult result) {
        try {
            Display.display(result);
        } catch (IllegalStateException notInACell) {
            // outside a notebook (a unit test, a plain program): the exception below still tells
        }
        if (!result.passed()) {
            String msg = result.name() + ": " + (result.expected() != null ? "expected " + result.expected() : "failed")
                    + (result.actual() != null ? ", got " + result.actual() : "")
                    + (result.problem() != null ? " (" + result.problem() + ")" : "");
            throw new CheckFailed(Values.shorten(msg.replace('\n', ' '), 500));
        }
    }

    static String threw(Throwable t) {
        String msg = t.getMessage();
        return "your code threw " + t.getClass().getSimpleName() + (msg != null ? ": " + firstLine(msg) : "");
    }

    private static String firstLine(String s) {
        if (s == null) return null;
        int nl = s.indexOf('\n');
        return Values.shorten(nl < 0 ? s : s.substring(0, nl), 300);
    }

    /** An interrupt or timeout (the kernel's Guard) must stop the cell, not become a failed check. */
    static void rethrowIfKernelControl(Throwable t) {
        if (t instanceof org.jgrad.kernel.eval.Guard.Interrupted i) throw i;
        if (t instanceof ThreadDeath d) throw d;
    }
}
