package org.jgrad.grading;

import org.jgrad.autodiff.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckTest {
    /** A student's number that claims to be anything: its methods must never be called. */
    static final class Liar extends Number {
        public int intValue() { throw new AssertionError("called"); }
        public long longValue() { throw new AssertionError("called"); }
        public float floatValue() { throw new AssertionError("called"); }
        public double doubleValue() { throw new AssertionError("called"); }
        @Override public boolean equals(Object o) { throw new AssertionError("called"); }
        @Override public int hashCode() { throw new AssertionError("called"); }
        @Override public String toString() { throw new AssertionError("called"); }
    }

    @Test
    void passesAndFailsByValue() {
        assertDoesNotThrow(() -> Check.that("x", 7.0).isCloseTo(7, 1e-9));
        assertDoesNotThrow(() -> Check.that("t", Tensor.of(1, 2)).hasShape(2).isCloseTo(new double[] {1, 2}, 0));
        CheckFailed f = assertThrows(CheckFailed.class, () -> Check.that("∂y/∂a", 6.0).isCloseTo(7, 1e-9));
        assertEquals("∂y/∂a: expected 7 ± 1e-9, got 6", f.getMessage());
        assertEquals(0, f.getStackTrace().length, "no stack trace in the cell's error");
        assertThrows(CheckFailed.class, () -> Check.that("nan", Double.NaN).isCloseTo(0, Double.POSITIVE_INFINITY));
        assertThrows(CheckFailed.class, () -> Check.that("nan", Double.NaN).isAtLeast(0));
        assertThrows(CheckFailed.class, () -> Check.that("shape", Tensor.zeros(2, 3)).hasShape(3, 2).isCloseTo(new double[6], 0));
    }

    @Test
    void neverCallsTheStudentsMethods() {
        CheckFailed f = assertThrows(CheckFailed.class, () -> Check.that("x", new Liar()).isCloseTo(1, 1));
        assertTrue(f.getMessage().contains("expected a number, got a Liar"), f.getMessage());
        assertThrows(CheckFailed.class, () -> Check.that("x", new Liar()).isAtLeast(0));
        assertThrows(CheckFailed.class, () -> Check.that("x", (Object) new Liar()).isEqualTo("7"));
    }

    @Test
    void anExceptionFromTheStudentsCodeIsAFailedCheck() {
        CheckFailed f = assertThrows(CheckFailed.class, () -> Check.that("f(0)", () -> {
            throw new UnsupportedOperationException("exercise not done yet: f");
        }).isCloseTo(0, 0));
        assertTrue(f.getMessage().contains("your code threw UnsupportedOperationException: exercise not done yet: f"), f.getMessage());
    }

    @Test
    void junitAssertionsGiveExpectedAndActual() {
        CheckFailed f = assertThrows(CheckFailed.class, () -> Check.check("by JUnit", () -> org.junit.jupiter.api.Assertions.assertEquals(0.25, 0.5, 1e-12)));
        assertTrue(f.getMessage().contains("expected 0.25, got 0.5"), f.getMessage());
        assertDoesNotThrow(() -> Check.check("ok", () -> org.junit.jupiter.api.Assertions.assertTrue(true)));
    }

    @Test
    void cardsSayWhatFailedAndTheHint() {
        CheckResult r = new CheckResult("∂y/∂b", false, "24 ± 1e-9", "12", "both paths through g count", null);
        assertTrue(r.text().contains("expected: 24 ± 1e-9") && r.text().contains("hint:     both paths"));
        assertTrue(new CheckResult("<b>", true, null, null, null, null).html().contains("&lt;b&gt;"));
    }
}
