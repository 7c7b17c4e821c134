package org.jgrad.grading;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Runs of expression statements in the instructor's cells become one block; nothing else changes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementBlocksTest {
    private final StatementBlocks blocks = new StatementBlocks();

    @AfterAll
    void close() {
        blocks.close();
    }

    @Test
    void checksInARowBecomeOneBlockOnTheSameLines() {
        String cell = "Check.that(\"a\", () -> f(1)).isCloseTo(3, 1e-12);\n"
                + "Check.that(\"b\", g)\n    .hint(\"x; y\")\n    .isEqualTo(4); // trailing; comment\n";
        String joined = blocks.join(cell);
        assertEquals("{ Check.that(\"a\", () -> f(1)).isCloseTo(3, 1e-12);\n"
                + "Check.that(\"b\", g)\n    .hint(\"x; y\")\n    .isEqualTo(4); } // trailing; comment\n", joined);
        assertEquals(cell.lines().count(), joined.lines().count());
    }

    @Test
    void declarationsOtherStatementsAndALastValueStayAsTheyAre() {
        assertEquals("var v = 3;\n{ v++;\nassertEquals(4, v); }\nif (v > 3) throw new RuntimeException();\n{ a();\nb(); }\nv\n",
                blocks.join("var v = 3;\nv++;\nassertEquals(4, v);\nif (v > 3) throw new RuntimeException();\na();\nb();\nv\n"));
        String setUp = "import static org.junit.jupiter.api.Assertions.*;\n\nboolean close(double a, double b) { return Math.abs(a - b) < 1e-9; }\n";
        assertEquals(setUp, blocks.join(setUp));
        assertEquals("assertTrue(ok);\n", blocks.join("assertTrue(ok);\n"));   // one statement: nothing to gain
    }

    @Test
    void studentCellsAreNeverTouched() {
        GradingPlan.Step answer = new GradingPlan.Step(1, "a", GradingPlan.Kind.SOLUTION, 0,
                List.of(new GradingPlan.Part("f(1);\nf(2);\n", false)), true, null);
        GradingPlan.Step test = new GradingPlan.Step(2, "t", GradingPlan.Kind.TEST, 1,
                List.of(new GradingPlan.Part("f(1);\nf(2);\n", false), new GradingPlan.Part("g(1);\ng(2);\n", true)), false, null);
        GradingPlan out = blocks.apply(new GradingPlan(List.of(answer, test), List.of("a note")));
        assertSame(answer, out.steps().get(0));
        assertEquals(List.of(new GradingPlan.Part("{ f(1);\nf(2); }\n", false), new GradingPlan.Part("{ g(1);\ng(2); }\n", true)),
                out.steps().get(1).parts());
        assertEquals(List.of("a note"), out.notes());
    }
}
