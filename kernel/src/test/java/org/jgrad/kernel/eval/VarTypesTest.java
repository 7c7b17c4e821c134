package org.jgrad.kernel.eval;

import org.jgrad.kernel.display.Recorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** `var x = new T(...)` evaluated as `T x = new T(...)`: only where that is the same declaration. */
class VarTypesTest {
    @Test
    void aVarOfANewObjectGetsTheCreatedType() {
        assertEquals("Value w1 = new Value(0.3, \"w1\");", VarTypes.explicit("var w1 = new Value(0.3, \"w1\");"));
        assertEquals("java.util.ArrayList<String> xs = new java.util.ArrayList<String>()",
                VarTypes.explicit("var xs = new java.util.ArrayList<String>()"));
        assertEquals("Map<String, List<Integer>> m = new Map<String, List<Integer>>(f(\")\"), g(1, 2));",
                VarTypes.explicit("var m = new Map<String, List<Integer>>(f(\")\"), g(1, 2));"));
        assertEquals("  Adam opt = new Adam(net.parameters());", VarTypes.explicit("  var opt = new Adam(net.parameters());"));
    }

    @Test
    void anythingLessCertainKeepsVar() {
        for (String s : new String[] {
                "var xs = new ArrayList<>();",                 // diamond: the type is inferred
                "var a = new Object() { int f = 3; };",         // anonymous class: its own type
                "var n = new StringBuilder(\"a\").length();",   // a call on the new object
                "var v = new int[3];",                          // array
                "var s = new Foo(1) + \"x\";",
                "var t = new Foo(1); // note",                  // a comment: left alone
                "var u = make(new Foo());",
                "variable = new Foo();",
                "var == new Foo()",
                "Value w = new Value(1);",
                "var w = new Value((1);"}) {
            assertNull(VarTypes.explicit(s), s);
        }
    }

    static Evaluator ev;

    @BeforeAll static void start() { ev = new Evaluator(); }

    @AfterAll static void stop() { ev.close(); }

    static String run(String code) {
        Map<String, Object> b = ev.eval(code, new Recorder());
        return b == null ? null : (String) b.get("text/plain");
    }

    @Test
    void theDeclarationBehavesAsWritten() {
        run("var sb = new StringBuilder(\"a\");\nsb.append(\"b\");");
        assertEquals("ab", run("sb.toString()"));
        assertEquals("StringBuilder", ev.declarations().stream().filter(d -> d.name().equals("sb")).findFirst().orElseThrow()
                .source().split(" ")[0], "declared with the created type");
        run("var anon = new Object() { int f = 3; };");
        assertEquals("3", run("anon.f"), "an anonymous class's members stay reachable through var");
        run("var list = new ArrayList<>(List.of(1, 2));");
        assertEquals("[1, 2]", run("list"));
    }

    @Test
    void aRejectedRewriteReportsTheLineAsWritten() {
        CellError e = assertThrows(CellError.class, () -> ev.eval("int a = 1;\n  var w = new NoSuchType(a);", new Recorder()));
        assertEquals("CompilationError", e.ename);
        assertTrue(e.evalue.startsWith("line 2, column "), e.evalue);
        assertTrue(e.traceback.get(1).contains("var w = new NoSuchType(a);"), String.join("\n", e.traceback));
    }

    @Test
    void anExceptionInTheConstructorNamesTheCellLine() {
        run("class Boom { Boom(int x) { if (x > 0) throw new IllegalStateException(\"boom \" + x); } }");
        CellError e = assertThrows(CellError.class, () -> ev.eval("int k = 2;\nvar b = new Boom(k);", new Recorder()));
        assertEquals("IllegalStateException", e.ename);
        assertEquals("boom 2", e.evalue);
        assertTrue(String.join("\n", e.traceback).contains("cell line 2"), String.join("\n", e.traceback));
    }
}
