package org.jgrad.kernel.eval;

import org.jgrad.kernel.display.Recorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** What a student reads: errors, notes, completion and inspection in the student's own terms. */
class CellMessagesTest {
    static Evaluator ev;

    @BeforeAll static void start() { ev = new Evaluator(); }

    @AfterAll static void stop() { ev.close(); }

    static String text(Map<String, Object> bundle) { return bundle == null ? null : (String) bundle.get("text/plain"); }

    static CellError fails(String code) { return assertThrows(CellError.class, () -> ev.eval(code, new Recorder())); }

    // ---------------------------------------------------------------- 8c: no wrapper names

    @Test void nullPointerNamesTheStudentsVariable() {
        CellError e = fails("String old = null;\nold.length()");
        assertEquals("NullPointerException", e.ename);
        assertEquals("Cannot invoke \"String.length()\" because \"old\" is null", e.evalue);
        assertEquals("java.lang.NullPointerException: " + e.evalue, e.traceback.get(0));
        assertFalse(String.join("\n", e.traceback).contains("$JShell$"), e.traceback.toString());
    }

    @Test void classCastNamesTheStudentsClasses() {
        CellError e = fails("class Cat {}\nclass Dog {}\nObject pet = new Cat();\nDog d = (Dog) pet;");
        assertEquals("ClassCastException", e.ename);
        assertTrue(e.evalue.startsWith("class Cat cannot be cast to class Dog"), e.evalue);
        assertFalse(e.evalue.contains("$JShell$") || e.evalue.contains("REPL."), e.evalue);
    }

    @Test void causeAndLambdaFramesKeepNoWrapperName() {
        CellError e = fails("class Cat {}\nclass Dog {}\nvar pets = new ArrayList<Object>(List.of(new Cat()));\n"
                + "pets.forEach(p -> {\n  try { Dog d = (Dog) p; }\n"
                + "  catch (ClassCastException x) { throw new IllegalStateException(\"not a dog\", x); }\n});");
        assertEquals("IllegalStateException", e.ename);
        String tb = String.join("\n", e.traceback);
        assertTrue(tb.contains("Caused by: java.lang.ClassCastException: class Cat cannot be cast to class Dog"), tb);
        assertFalse(tb.contains("$JShell$") || tb.contains("REPL."), tb);
        assertTrue(tb.contains("at <lambda> (cell line "), tb);
    }

    @Test void aFrameInsideAMultiLineLambdaNamesItsOwnLine() {
        CellError e = fails("var xs = List.of(1, 2, 3);\n"              // line 1
                + "int calls = 0;\n"                                     // 2
                + "xs.forEach(x -> {\n"                                  // 3
                + "  int y = x * 2;\n"                                   // 4
                + "  if (x == 2)\n"                                      // 5
                + "    throw new IllegalStateException(\"at six\");\n"   // 6
                + "});");
        String tb = String.join("\n", e.traceback);
        assertTrue(tb.contains("at <lambda> (cell line 6)"), tb);
        assertTrue(tb.contains("at <cell> (cell line 3)"), tb);
    }

    @Test void aFrameInsideAMultiLineLambdaOfAMethodNamesItsOwnLine() {
        CellError e = fails("int twice(List<Integer> xs) {\n"                // line 1
                + "  return xs.stream()\n"                                  // 2
                + "      .mapToInt(x -> {\n"                                // 3
                + "          if (x > 1)\n"                                  // 4
                + "              throw new ArithmeticException(\"big\");\n" // 5
                + "          return 2 * x;\n"                               // 6
                + "      }).sum();\n"                                       // 7
                + "}\n"
                + "\n"
                + "twice(List.of(1, 2))");                                  // 10
        String tb = String.join("\n", e.traceback);
        assertTrue(tb.contains("at <lambda> (cell line 5)"), tb);
        assertTrue(tb.contains("at twice (cell line 7)"), tb);
        assertTrue(tb.contains("at <cell> (cell line 10)"), tb);
    }

    @Test void aCommentBeforeTheLambdaKeepsTheLinesRight() {
        CellError e = fails("int base = 1;\n\n// each one\nList.of(1, 2).forEach(x -> {\n  if (x > base)\n    throw new IllegalStateException(\"six\");\n});");
        String tb = String.join("\n", e.traceback);
        assertTrue(tb.contains("at <lambda> (cell line 6)"), tb);
        assertTrue(tb.contains("at <cell> (cell line 4)"), tb);
    }

    // ---------------------------------------------------------------- 8d: no empty location

    @Test void undefinedNameHasNoEmptyLocationLine() {
        CellError e = fails("int k = 1;\nk + nowhere");
        assertEquals("CompilationError", e.ename);
        assertTrue(e.evalue.startsWith("line 2, column 5: cannot find symbol"), e.evalue);
        assertTrue(e.evalue.contains("symbol:   variable nowhere"), e.evalue);
        assertFalse(e.evalue.contains("location"), e.evalue);
        for (String line : e.traceback) assertFalse(line.strip().equals("location: class"), e.traceback.toString());
    }

    @Test void locationInsideAStudentsClassIsKept() {
        CellError e = fails("class Point { int x; }\nint n = new Point().y;");
        assertTrue(e.evalue.contains("location: class Point"), e.evalue);
    }

    // ---------------------------------------------------------------- 8e: caret under the error

    @Test void caretAfterWideCharactersCountsTwoColumnsEach() {
        CellError e = fails("String 名前 = \"x\"; int z = 名前 + 1;");
        assertEquals("  String 名前 = \"x\"; int z = 名前 + 1;", e.traceback.get(1));
        // "String 名前 = \"x\"; int z = " is 25 characters, two of them wide: the caret goes in column 28
        assertEquals("  " + " ".repeat(27) + "^", e.traceback.get(2));
    }

    @Test void caretAfterTabsCopiesTheTabs() {
        CellError e = fails("if (true) {\n\t\tint t = \"s\";\n}");
        assertEquals("  \t\tint t = \"s\";", e.traceback.get(1));
        assertEquals("  \t\t" + " ".repeat(8) + "^", e.traceback.get(2));
    }

    @Test void caretAfterAnEmojiAndAnAccent() {
        // 🙂 is two UTF-16 units and two columns; é written as e + combining accent is one column
        CellError e = fails("String s = \"🙂e\u0301\"; int n = s;");
        assertEquals("  " + " ".repeat("String s = \"".length() + 2 + 1 + "\"; int n = ".length()) + "^", e.traceback.get(2));
    }

    @Test void displayWidth() {
        assertEquals(0, CellErrors.displayWidth("\u0301"));
        assertEquals(2, CellErrors.displayWidth("名"));
        assertEquals(2, CellErrors.displayWidth("Ａ"));   // fullwidth A
        assertEquals(2, CellErrors.displayWidth("한"));
        assertEquals(1, CellErrors.displayWidth("ä"));
        assertEquals(2, CellErrors.displayWidth("🙂"));
    }
    // ---------------------------------------------------------------- 8b: redefinition resets variables

    @Test void redefiningAClassSaysWhichVariablesWereReset() {
        ev.eval("class Node { int v; }\nNode root = new Node();\nNode spare = new Node();\nint depth = 3;", new Recorder());
        Recorder r = new Recorder();
        ev.eval("class Node { int v; Node next; }", r);
        assertEquals("note: class Node was redefined: variables root and spare were reset to null\n", r.stdout.toString());
        assertEquals("", r.stderr.toString(), "nbgrader fails a cell that writes to stderr");
        assertEquals("null", text(ev.eval("root", new Recorder())));
        assertEquals("3", text(ev.eval("depth", new Recorder())), "a variable not of the class keeps its value");

        Recorder same = new Recorder();
        ev.eval("class Node { int v; Node next; }", same);
        assertEquals("", same.stdout.toString(), "the same class again resets nothing");
    }

    @Test void aVariableThatCannotBeRebuiltIsNamed() {
        // a var whose type JShell inferred cannot be rebuilt; `var made = new T<…>()` is declared with
        // its type (VarTypes), so it is reset to null like `one`
        ev.eval("class Leaf { }\nvar leaves = List.of(new Leaf());\nvar made = new ArrayList<Leaf>();\nLeaf one = new Leaf();", new Recorder());
        Recorder r = new Recorder();
        ev.eval("class Leaf { int size; }", r);
        String out = r.stdout.toString();
        assertTrue(out.contains("variables made and one were reset to null"), out);
        assertTrue(out.contains("variable leaves cannot be used until it is declared again"), out);
        assertEquals("", r.stderr.toString());
    }

    @Test void aRecordsVariablesAreNamedAndOthersKept() {
        ev.eval("record Size(int w) {}\nint area = new Size(2).w();\nSize s = new Size(2);", new Recorder());
        Recorder r = new Recorder();
        ev.eval("record Size(int w) { int twice() { return 2 * w; } }", r);
        assertEquals("note: record Size was redefined: variable s was reset to null\n", r.stdout.toString());
        assertEquals("2", text(ev.eval("area", new Recorder())), "its initializer is not run again");

        Recorder r2 = new Recorder();
        ev.eval("s = new Size(3);\nrecord Size(int w, int h) {}", r2);   // `new Size(3)` no longer compiles
        assertEquals("note: record Size was redefined: variable s cannot be used until it is declared again\n", r2.stdout.toString());
    }
    // ---------------------------------------------------------------- 8h: %%time says what it measured

    @Test void timeSeparatesCompileFromRun() {
        Recorder r = new Recorder();
        assertEquals("7", text(ev.eval("%%time\nThread.sleep(300);\nint seven = 7;\nseven", r)));
        String out = r.stdout.toString();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Wall time: ([0-9.]+) ms \\(compile ([0-9.]+) ms, run ([0-9.]+) ms\\)\n").matcher(out);
        assertTrue(m.matches(), out);
        double wall = Double.parseDouble(m.group(1)), compile = Double.parseDouble(m.group(2)), run = Double.parseDouble(m.group(3));
        assertTrue(run >= 300, "the sleep is run time: " + out);
        assertTrue(compile > 0, out);
        assertEquals(wall, compile + run, 0.15, out);
    }
    // ---------------------------------------------------------------- 8g: completion sees the cell's own declarations

    @Test void completionSeesAVariableDeclaredEarlierInTheSameCell() {
        String cell = "var tensorX = Tensor.zeros(3);\ntensorX.";
        CodeAssist.Completion c = ev.complete(cell, cell.length());
        assertTrue(c.options().contains("matmul("), c.options().toString());
        assertEquals(cell.length(), c.start());

        String partial = "var tensorX = Tensor.zeros(3);\nint k = 2;\ntensorX.mat";
        CodeAssist.Completion p = ev.complete(partial, partial.length());
        assertEquals(List.of("matmul("), p.options());
        assertEquals(partial.length() - 3, p.start());

        String name = "double learningRate = 0.1;\nclass Cell {}\nCell mine = new Cell();\nSystem.out.println(learn";
        CodeAssist.Completion n = ev.complete(name, name.length());
        assertTrue(n.options().contains("learningRate"), n.options().toString());

        String local = "class Cell2 { int size() { return 1; } }\nCell2 c2 = new Cell2();\nc2.si";
        assertEquals(List.of("size()"), ev.complete(local, local.length()).options(), "a class declared in the cell");
        assertThrows(CellError.class, () -> ev.eval("tensorX", new Recorder()), "completion declared nothing");
        // JDK 25: JShell's sourceToSnippets of a class declaration left documentation() empty ever after
        assertNotNull(ev.inspect("Math.max", "Math.max".length()), "inspection still works after completing a cell with a class");
    }
    // ---------------------------------------------------------------- 8f: inspection finds the library and shows its Javadoc

    static final String MATMUL_DOC = "The matrix product of two 2-D tensors";

    @Test void inspectFindsALibraryMethodThroughItsClass() {
        String doc = ev.inspect("Tensor.matmul", "Tensor.mat".length());
        assertNotNull(doc, "Tensor.matmul not found");
        assertTrue(doc.contains("matmul(Tensor other)"), doc);
        assertTrue(doc.contains(MATMUL_DOC), doc);
    }

    @Test void inspectFindsALibraryMethodThroughAVariable() {
        ev.eval("var weights = Tensor.zeros(2, 2);", new Recorder());
        String doc = ev.inspect("weights.matmul(weights)", "weights.mat".length());
        assertNotNull(doc);
        assertTrue(doc.contains(MATMUL_DOC), doc);

        String cell = "var fresh = Tensor.zeros(2, 2);\nfresh.matmul";
        String unrun = ev.inspect(cell, cell.length());
        assertNotNull(unrun, "a variable of the same, unrun cell");
        assertTrue(unrun.contains(MATMUL_DOC), unrun);
    }

    @Test void inspectShowsTheJdksJavadocWhenItsSourcesAreInstalled() {
        String doc = ev.inspect("Math.floorMod", "Math.floorMod".length());
        assertNotNull(doc);
        assertTrue(doc.contains("floorMod("), doc);
        boolean jdkSources = java.nio.file.Files.isReadable(java.nio.file.Path.of(System.getProperty("java.home"), "lib", "src.zip"));
        if (jdkSources) {
            assertTrue(doc.contains("Returns the floor modulus of the int arguments.\n"), doc);
            assertFalse(doc.contains("@param"), "the first sentence only: " + doc);
        }
        System.out.println("JDK sources (lib/src.zip) on " + Runtime.version() + ": " + (jdkSources ? "yes" : "no, signatures only"));
    }
    // ---------------------------------------------------------------- help with ?: the pager, as IPython's

    /** The one page a help cell sent; it must have shown no result and printed nothing. */
    static String page(String cell) {
        Recorder r = new Recorder();
        assertNull(ev.eval(cell, r), "a help cell has no result: " + cell);
        assertEquals("", r.stdout.toString() + r.stderr, "a help cell prints nothing: " + cell);
        assertEquals(1, r.pages.size(), "one page for " + cell);
        return (String) r.pages.get(0).get("text/plain");
    }

    @Test void helpShowsALibraryMethodsWholeJavadocInThePager() {
        String doc = page("Tensor.matmul?");
        assertTrue(doc.contains("matmul(Tensor other)"), doc);
        assertTrue(doc.contains(MATMUL_DOC), doc);
        assertEquals(doc, page("  ?Tensor.matmul  \n"), "?name, with whitespace around, is the same");
        assertEquals(doc, page("Tensor.matmul??"));
    }

    @Test void helpShowsAClassWithMoreThanItsFirstSentence() {
        String doc = page("Value?");
        assertTrue(doc.contains("One scalar node of a computational graph"), doc);
        assertTrue(doc.contains("Every operation returns a new Value that remembers its parents"), "the whole Javadoc: " + doc);
        assertFalse(doc.contains("<p>") || doc.contains("{@code"), "Javadoc markup is taken out: " + doc);
    }

    @Test void helpShowsJdkMethods() {
        String doc = page("Math.max?");
        assertTrue(doc.contains("max(int a, int b)"), doc);
    }

    @Test void helpOnAVariableShowsItsTypeAndValue() {
        ev.eval("var helpMe = new Value(2.5, \"w\");", new Recorder());
        String doc = page("helpMe?");
        assertTrue(doc.contains("Type: Value"), doc);
        assertTrue(doc.contains("Value: Value(w=data=2.5, grad=0.0)"), doc);
        assertTrue(doc.contains("One scalar node of a computational graph"), "and its type's documentation: " + doc);
    }

    @Test void helpOnAnUnknownNameSaysSoInThePager() {
        String doc = page("Tensr.matmul?");
        assertTrue(doc.contains("Tensr.matmul"), doc);
        assertTrue(doc.contains("no documentation found"), doc);
    }

    @Test void aQuestionMarkInsideJavaIsJava() {
        Recorder r = new Recorder();
        ev.eval("boolean ternaryFlag = true;\nint ternaryA = 1, ternaryB = 2;", r);
        assertEquals("1", text(ev.eval("ternaryFlag ? ternaryA : ternaryB", r)), "the ternary operator");
        assertEquals("1", text(ev.eval("ternaryFlag\n?ternaryA\n:ternaryB", r)), "a ternary whose ?ternaryA line looks like help");
        assertEquals("why?", text(ev.eval("\"why?\"", r)));
        assertEquals("2", text(ev.eval("List<?> anyList = List.of(1, 2);\nanyList.size()", r)), "a wildcard");
        assertTrue(r.pages.isEmpty());
    }

    @Test void aHelpLineAmongCodeFailsSayingItMustStandAlone() {
        CellError e = fails("int standAlone = 3;\nstandAlone?");
        assertTrue(String.join("\n", e.traceback).contains("standAlone? shows help only in a cell of its own"), String.join("\n", e.traceback));
    }
}
