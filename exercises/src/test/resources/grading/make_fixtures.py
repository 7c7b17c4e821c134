#!/usr/bin/env python3
"""Writes the grading fixtures: the instructor's notebook sigmoid/sigmoid.ipynb (nbgrader metadata,
solution and hidden-test markers), its release, and submissions: ordinary ones (correct, partial,
wrong, the release unchanged) and hostile ones. expected.json holds each submission's score and
what its feedback must say. Run it again after changing it: python3 make_fixtures.py"""
import copy, json, os, re, shutil

HERE = os.path.dirname(os.path.abspath(__file__))

def cell(kind, source, **nb):
    c = {"cell_type": kind, "id": nb.pop("id"), "metadata": {}, "source": source}
    if nb:
        meta = {"schema_version": 3, "grade": False, "solution": False, "locked": False}
        meta.update(nb)
        c["metadata"]["nbgrader"] = meta
    if kind == "code":
        c["execution_count"] = None
        c["outputs"] = []
    return c

def notebook(cells):
    return {"cells": cells, "metadata": {"kernelspec": {"name": "jgrad", "display_name": "Java (jgrad)", "language": "java"},
            "language_info": {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java"}},
            "nbformat": 4, "nbformat_minor": 5}

SIGMOID = """double sigmoid(double x) {
    // BEGIN SOLUTION
    return 1 / (1 + Math.exp(-x));
    // END SOLUTION
}
"""
GRAD = """double sigmoidGrad(double x) {
    // BEGIN SOLUTION
    double s = 1 / (1 + Math.exp(-x));
    return s * (1 - s);
    // END SOLUTION
}
"""
NORMALIZE = """List<Double> normalize(List<Double> xs) {
    // BEGIN SOLUTION
    double sum = 0;
    for (double x : xs) sum += x;
    List<Double> out = new ArrayList<>();
    for (double x : xs) out.add(x / sum);
    return out;
    // END SOLUTION
}
"""

SOURCE = notebook([
    cell("markdown", "# The sigmoid\nWrite σ, its derivative, and a normalization.", id="intro", grade_id="intro", locked=True),
    cell("code", "import static org.junit.jupiter.api.Assertions.*;\n\n"
         "boolean close(double a, double b) { return Math.abs(a - b) < 1e-9; }\n", id="setup", grade_id="setup", locked=True),
    cell("code", SIGMOID, id="sigmoid", grade_id="sigmoid", solution=True),
    cell("code", "assertTrue(close(sigmoid(0), 0.5), \"sigmoid(0) should be 0.5\");\n"
         "// BEGIN HIDDEN TESTS\n"
         "assertTrue(close(sigmoid(2), 0.8807970779778823), \"HIDDEN-SECRET sigmoid(2)\");\n"
         "assertTrue(close(sigmoid(-40), 0));\n"
         "// END HIDDEN TESTS\n", id="test_sigmoid", grade_id="test_sigmoid", grade=True, locked=True, points=2),
    cell("code", GRAD, id="grad", grade_id="grad", solution=True),
    cell("code", "assertEquals(0.25, sigmoidGrad(0), 1e-12);\n"
         "// BEGIN HIDDEN TESTS\n"
         "assertEquals(0.19661193324148185, sigmoidGrad(1), 1e-12, \"HIDDEN-SECRET grad(1)\");\n"
         "// END HIDDEN TESTS\n", id="test_grad", grade_id="test_grad", grade=True, locked=True, points=3),
    cell("code", NORMALIZE, id="normalize", grade_id="normalize", solution=True),
    cell("code", "assertEquals(List.of(0.25, 0.75), normalize(List.of(1.0, 3.0)));\n"
         "// BEGIN HIDDEN TESTS\n"
         "assertEquals(List.of(0.5, 0.5), normalize(List.of(2.0, 2.0)), \"HIDDEN-SECRET normalize\");\n"
         "assertEquals(3, normalize(List.of(1.0, 1.0, 2.0)).size());\n"
         "// END HIDDEN TESTS\n", id="test_normalize", grade_id="test_normalize", grade=True, locked=True, points=5),
])

STUB = "    // YOUR CODE HERE\n    throw new UnsupportedOperationException(\"not done yet\");\n"

def release(nb):
    nb = copy.deepcopy(nb)
    for c in nb["cells"]:
        src = c["source"]
        src = re.sub(r"[ \t]*// BEGIN SOLUTION\n.*?// END SOLUTION\n", STUB, src, flags=re.S)
        src = re.sub(r"// BEGIN HIDDEN TESTS\n.*?// END HIDDEN TESTS\n", "", src, flags=re.S)
        c["source"] = src
    return nb

def answered(nb, **answers):
    """The release with these answer cells' code (grade_id -> source; 'solution' = the instructor's)."""
    nb = copy.deepcopy(nb)
    solutions = {c["metadata"].get("nbgrader", {}).get("grade_id"): c["source"] for c in SOURCE["cells"]}
    for c in nb["cells"]:
        gid = c["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in answers:
            a = answers[gid]
            c["source"] = re.sub(r"[ \t]*// (BEGIN|END) SOLUTION\n", "", solutions[gid]) if a == "solution" else a
    return nb

def by_id(nb, gid):
    return next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == gid)

REL = release(SOURCE)
ALL = dict(sigmoid="solution", grad="solution", normalize="solution")
WRONG_SIGMOID = "double sigmoid(double x) { return 0.5; }\n"           # passes the visible test only
WRONG_GRAD = "double sigmoidGrad(double x) { return 0.25; }\n"         # passes the visible test only
WRONG_NORMALIZE = "List<Double> normalize(List<Double> xs) { return List.of(0.25, 0.75); }\n"

subs, expected = {}, {}
def add(name, nb_or_bytes, score, *feedback, group="submissions", sandboxed=()):
    """sandboxed: what the feedback says only where the grader has its sandbox (Linux namespaces)"""
    subs[(group, name)] = nb_or_bytes
    expected[name] = {"group": group, "score": score, "feedback": list(feedback)}
    if sandboxed:
        expected[name]["sandboxed"] = list(sandboxed)

add("correct", answered(REL, **ALL), 10)
add("partial", answered(REL, sigmoid="solution", grad="double sigmoidGrad(double x) { return sigmoid(x); }\n"), 2,
    "test_grad", "AssertionFailedError", "UnsupportedOperationException")
add("wrong", answered(REL, sigmoid=WRONG_SIGMOID, grad=WRONG_GRAD, normalize=WRONG_NORMALIZE), 0, "a hidden test failed")
add("unchanged", REL, 0, "UnsupportedOperationException")

H = "hostile"
add("loop_forever", answered(REL, sigmoid="solution", grad="double sigmoidGrad(double x) {\n    while (true) { x = x + 1; }\n}\n",
    normalize="solution"), 7, "stopped after", group=H)
add("system_exit", answered(REL, sigmoid="double sigmoid(double x) { System.exit(0); return 0; }\n", grad="solution",
    normalize="solution"), 8, "System.exit", group=H)
add("runtime_halt", answered(REL, sigmoid="solution", grad="double sigmoidGrad(double x) { Runtime.getRuntime().halt(3); return 0; }\n",
    normalize="solution"), 7, "test_grad", group=H)
add("throws", answered(REL, sigmoid="solution", grad="solution",
    normalize="List<Double> normalize(List<Double> xs) { throw new IllegalStateException(\"boom\"); }\n"), 5, "IllegalStateException: boom", group=H)
add("out_of_memory", answered(REL, sigmoid="solution", grad="double sigmoidGrad(double x) {\n"
    "    List<long[]> hog = new ArrayList<>();\n    while (true) hog.add(new long[1 << 24]);\n}\n", normalize="solution"),
    7, "OutOfMemoryError", group=H)
add("prints_megabytes", answered(REL, sigmoid=SIGMOID.replace("    // BEGIN SOLUTION\n", "").replace("    // END SOLUTION\n", "")
    + "for (int i = 0; i < 100_000; i++) System.out.println(\"spam spam spam spam spam spam spam spam spam spam \" + i);\n",
    grad="solution", normalize="solution"), 10, "output truncated", group=H)
add("endless_threads", answered(REL, sigmoid="solution", grad="solution", normalize="solution"
    .replace("solution", "solution")), 10, group=H)
nb = subs[(H, "endless_threads")]
by_id(nb, "setup")  # (the setup cell stays the instructor's anyway)
by_id(nb, "sigmoid")["source"] += ("for (int t = 0; t < 3; t++) {\n    Thread th = new Thread(() -> {\n        while (true) {\n"
    "            System.out.println(\"PASSED all tests 10/10\");\n            try { Thread.sleep(5); } catch (InterruptedException e) { }\n"
    "        }\n    });\n    th.setDaemon(false);\n    th.start();\n}\n")

# cells deleted, reordered, duplicated, edited
nb = answered(REL, **ALL)
nb["cells"] = [c for c in nb["cells"] if not c["metadata"].get("nbgrader", {}).get("grade")]
add("deleted_tests", nb, 10, "was deleted", group=H)
nb = answered(REL, **ALL)
tests = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]
nb["cells"] = tests + [c for c in nb["cells"] if c not in tests]
add("reordered_cells", nb, 10, "reordered", group=H)
nb = answered(REL)
for c in nb["cells"]:
    if c["metadata"].get("nbgrader", {}).get("grade"):
        c["source"] = "assertTrue(true);\n"
add("edited_tests", nb, 0, "was edited", group=H)
nb = answered(REL, sigmoid=WRONG_SIGMOID)
dup = copy.deepcopy(by_id(nb, "test_sigmoid"))
dup["id"] = "test_sigmoid_copy"
dup["source"] = "assertTrue(true);\n"
nb["cells"].insert(2, dup)
nb["cells"].append(copy.deepcopy(dup) | {"id": "test_sigmoid_copy2"})
add("duplicated_tests", nb, 0, "appears 3 times", group=H)
nb = answered(REL)
by_id(nb, "setup")["source"] = ("import static org.junit.jupiter.api.Assertions.*;\n\n"
    "boolean close(double a, double b) { return true; }\n")
add("edited_locked", nb, 0, "locked cell 'setup' was edited", group=H)
nb = answered(REL, **ALL)
for c in nb["cells"]:
    m = c["metadata"].get("nbgrader")
    if m and m.get("grade"):
        m.update(points=100, grade=False, locked=False)
by_id(nb, "sigmoid")["metadata"]["nbgrader"]["grade_id"] = "my_sigmoid"
nb["cells"].append(cell("code", "assertTrue(true);\n", id="bonus", grade_id="bonus", grade=True, points=50))
add("metadata_changed", nb, 8, "your answer cell 'sigmoid' was not found", "unknown grade_id 'bonus'", group=H)

add("invalid_json", json.dumps(answered(REL, **ALL), indent=1)[:700].encode(), 0, "not valid JSON", group=H)
add("not_a_notebook", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), 0, "not valid JSON", group=H)
add("json_not_notebook", b'{"cells": "all of them", "nbformat": 4}', 0, "has no list of cells", group=H)

# a helper's name declared by the student, to pass: shadowing under JShell
add("shadow_helpers", answered(REL,
    sigmoid=WRONG_SIGMOID + "void assertEquals(double expected, double actual, double delta) { }\n"
            "void assertEquals(double expected, double actual, double delta, String message) { }\n"
            "boolean close(double a, double b) { return true; }\n",
    grad=WRONG_GRAD + "class Assertions { static void assertEquals(Object a, Object b) { } }\n"
         "void assertTrue(boolean b) { }\n",
    normalize=WRONG_NORMALIZE + "void assertEquals(Object expected, Object actual) { }\n"
              "void assertEquals(Object expected, Object actual, String message) { }\n"),
    0, "a name the tests use", group=H)
add("shadow_math", answered(REL,
    sigmoid="double sigmoid(double x) { return 0; }\n"
            "class Math { static double abs(double x) { return 0; } static double exp(double x) { return 1; } }\n",
    grad="solution", normalize="solution"), 8, "declared Math, a name the tests use", group=H)
add("equals_override", answered(REL, sigmoid="solution", grad="solution", normalize=(
    "List<Double> normalize(List<Double> xs) {\n"
    "    return new AbstractList<Double>() {\n"
    "        public Double get(int i) { return 0.0; }\n"
    "        public int size() { return xs.size(); }\n"
    "        @Override public boolean equals(Object o) { return true; }\n"
    "        @Override public int hashCode() { return o_hash(); }\n"
    "        int o_hash() { return List.of(0.25, 0.75).hashCode(); }\n"
    "        @Override public String toString() { return \"[0.25, 0.75]\"; }\n"
    "    };\n}\n")), 5, "test_normalize", group=H)
add("fake_passed_card", answered(REL,
    sigmoid=WRONG_SIGMOID + "System.out.println(\"<div class='passed'>✔ test_sigmoid passed 2/2</div>\");\n",
    grad=WRONG_GRAD + "display(\"✔ all tests passed — 10/10 points\");\n"),
    0, "&lt;div class=&#39;passed&#39;&gt;", group=H)
add("reflection", answered(REL, sigmoid=WRONG_SIGMOID + (
    "var f = Class.forName(\"org.jgrad.grading.SubmissionMain\").getDeclaredFields();\n"),
    grad=WRONG_GRAD + "var h = \"\\u0067etDeclaredMethods\";\nObject o = String.class.\\u0067etDeclaredMethods();\n"), 0,
    "not allowed in graded code: reflection", group=H)
# the instructor's notebooks, the gradebook and the course's checkout are out of graded code's reach wherever they
# lie: searched for around the working directory, in /tmp and upwards from the class path (the checkout), and read
# straight at the checkout's own path; what graded code needs (its notebook, the class path's data) still works
add("instructor_files", answered(REL, sigmoid=(
    "// look around, in /tmp and up from the class path for the instructor's notebook (hidden tests) and the gradebook\n"
    "String found = \"\";\n"
    "int seen = 0;\n"
    "void look(java.io.File f, int depth) {\n"
    "    if (seen++ > 20000) return;\n"
    "    String n = f.getPath();\n"
    "    if (f.isDirectory()) {\n"
    "        java.io.File[] in = depth > 0 ? f.listFiles() : null;\n"
    "        if (in != null) for (java.io.File c : in) look(c, depth - 1);\n"
    "        return;\n"
    "    }\n"
    "    try {\n"
    "        if (n.endsWith(\".ipynb\") || n.endsWith(\".csv\")) {\n"
    "            String s = java.nio.file.Files.readString(f.toPath());\n"
    "            // (split, so that this notebook does not find itself)\n"
    "            if (s.contains(\"HIDDEN-\" + \"SECRET\") || s.contains(\"BEGIN \" + \"HIDDEN TESTS\") || s.startsWith(\"student,score\")) found += n + \"\\n\";\n"
    "        }\n"
    "        // (only the end-to-end test's own copies: jgrad-e2e-* folders)\n"
    "        if (n.contains(\"jgrad-e2e-\") && (n.endsWith(\".csv\") || n.endsWith(\".ipynb\") || n.endsWith(\".json\"))) java.nio.file.Files.writeString(f.toPath(), \"HACKED\");\n"
    "    } catch (Exception e) { }\n"
    "}\n"
    "Map<String, Integer> starts = new LinkedHashMap<>(Map.of(\"..\", 4, \"../..\", 4, \"../../..\", 4, \"/tmp\", 5));\n"
    "for (String e : System.getProperty(\"java.class.path\").split(java.io.File.pathSeparator)) {\n"
    "    var p = new java.io.File(e.replace(\"*\", \"\")).getAbsoluteFile().getParentFile();\n"
    "    for (int up = 0; p != null && up < 3; up++, p = p.getParentFile()) starts.put(p.getPath(), 8);\n"
    "}\n"
    "for (var s : starts.entrySet()) { seen = 0; look(new java.io.File(s.getKey()), s.getValue()); }\n"
    "double sigmoid(double x) { return 0.5; }\n"
    "System.out.println(found.isEmpty() ? \"found nothing\" : \"found: \" + found);\n"
    "// what graded code may read: its own notebook, and data sets on the class path\n"
    "System.out.println(\"own notebook: \" + (java.nio.file.Files.readString(java.nio.file.Path.of(\"sigmoid.ipynb\")).contains(\"found nothing\") ? \"yes\" : \"no\"));\n"
    "System.out.println(\"iris: \" + Datasets.iris().rowCount() + \" rows\");\n"),
    grad=(
    "double sigmoidGrad(double x) { return 0; }\n"
    "// straight at the checkout's own copy of the instructor's notebook: target/classes or target/lib/x.jar -> the checkout\n"
    "var entry = java.nio.file.Path.of(System.getProperty(\"java.class.path\").split(java.io.File.pathSeparator)[0]).toAbsolutePath();\n"
    "var checkout = entry.getParent().getParent().getParent();\n"
    "String leaked = java.nio.file.Files.readString(checkout.resolve(\"exercises/src/test/resources/grading/sigmoid/sigmoid.ipynb\"));\n")),
    0, "own notebook: yes", "iris: 150 rows", group=H,
    sandboxed=["found nothing", "NoSuchFileException", "graded code sees only its working directory"])

if __name__ == "__main__":
    for d in ("sigmoid", "release", "submissions", "hostile"):
        shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)
    os.makedirs(os.path.join(HERE, "sigmoid"))
    def dump(path, nb):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(nb if isinstance(nb, bytes) else (json.dumps(nb, indent=1, ensure_ascii=False) + "\n").encode())
    dump(os.path.join(HERE, "sigmoid", "sigmoid.ipynb"), SOURCE)
    dump(os.path.join(HERE, "release", "sigmoid.ipynb"), REL)
    for (group, name), nb in subs.items():
        dump(os.path.join(HERE, group, name, "sigmoid.ipynb"), nb)
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print(f"wrote {len(subs)} submissions")
