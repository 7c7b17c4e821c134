"""nbgrader 0.9 (pinned in requirements.txt) runs the course workflow with the jgrad kernel —
generate_assignment, autograde of correct, partial, wrong and unchanged submissions,
generate_feedback — and its scores, per cell and in total, equal those of ./course grade on the
same files. The kernelspec is installed from the exercises' class path, which puts the grading
classes and JUnit on the kernel's class path (no change to the kernel for it)."""
import json, os, re, shutil, subprocess, sys, tempfile, time, unittest

EX = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
FIX = os.path.join(EX, "src", "test", "resources", "grading")
CP = os.path.join(EX, "target", "jgrad-exercises-0.1.0-SNAPSHOT.jar") + os.pathsep + os.path.join(EX, "target", "lib", "*")
JAVA = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
NBGRADER = [sys.executable, "-m", "nbgrader"]
STUDENTS = ["correct", "partial", "wrong", "unchanged"]

CONFIG = r'''
c = get_config()
c.CourseDirectory.course_id = "jgrad"
c.CourseDirectory.db_url = "sqlite:///{root}/gradebook.db"
c.ClearSolutions.code_stub = {{"java": '// YOUR CODE HERE\nthrow new UnsupportedOperationException("not done yet");'}}
c.ExecutePreprocessor.timeout = 120
c.Execute.timeout = 120
'''


def run(cmd, cwd, env):
    t = time.time()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout[-3000:]}\n{p.stderr[-5000:]}")
    return p, time.time() - t


def venv_env():
    """nbgrader runs alembic and jupyter from PATH: this python's bin directory first."""
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    return env


def nbgrader_scores(course, assignment="sigmoid", notebook="sigmoid"):
    """student -> grade_id -> points, read from nbgrader's gradebook with nbgrader's own API."""
    from nbgrader.api import Gradebook
    scores = {}
    with Gradebook("sqlite:///" + os.path.join(course, "gradebook.db")) as gb:
        for student in gb.students:
            nb = gb.find_submission_notebook(notebook, assignment, student.id)
            scores[student.id] = {g.name: g.score for g in nb.grades}
    return scores


class NbgraderAgreesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="jgrad-nbgrader-")
        cls.course = os.path.join(cls.root, "course")
        os.makedirs(os.path.join(cls.course, "source", "sigmoid"))
        shutil.copy(os.path.join(FIX, "sigmoid", "sigmoid.ipynb"), os.path.join(cls.course, "source", "sigmoid"))
        with open(os.path.join(cls.course, "nbgrader_config.py"), "w") as f:
            f.write(CONFIG.format(root=cls.course))
        cls.env = venv_env()
        subprocess.run([JAVA, "-cp", CP, "org.jgrad.kernel.Launcher", "install", "--prefix", os.path.join(cls.root, "jupyter"),
                        "--name", "jgrad", "--no-cds"], check=True, capture_output=True)
        cls.env["JUPYTER_PATH"] = os.path.join(cls.root, "jupyter", "share", "jupyter")
        run(NBGRADER + ["generate_assignment", "sigmoid", "--force"], cls.course, cls.env)
        cls.release = os.path.join(cls.course, "release", "sigmoid", "sigmoid.ipynb")
        with open(cls.release) as f:
            release = json.load(f)
        # each student's answers, put into nbgrader's own release (as a student would)
        for s in STUDENTS:
            with open(os.path.join(FIX, "submissions", s, "sigmoid.ipynb")) as f:
                theirs = {c["metadata"].get("nbgrader", {}).get("grade_id"): c["source"] for c in json.load(f)["cells"]}
            nb = json.loads(json.dumps(release))
            for c in nb["cells"]:
                meta = c["metadata"].get("nbgrader", {})
                if meta.get("solution") and meta.get("grade_id") in theirs:
                    c["source"] = theirs[meta["grade_id"]]
            d = os.path.join(cls.course, "submitted", s, "sigmoid")
            os.makedirs(d)
            with open(os.path.join(d, "sigmoid.ipynb"), "w") as f:
                json.dump(nb, f, indent=1)
        _, cls.nbgrader_seconds = run(NBGRADER + ["autograde", "sigmoid", "--force"], cls.course, cls.env)
        run(NBGRADER + ["generate_feedback", "sigmoid", "--force"], cls.course, cls.env)
        cls.ours_dir = os.path.join(cls.root, "ours")
        _, cls.ours_seconds = run([JAVA, "-cp", CP, "org.jgrad.grading.GradeCommand", os.path.join(cls.course, "source", "sigmoid"),
                                   os.path.join(cls.course, "submitted"), "--out", cls.ours_dir, "--timeout", "60"], cls.root, cls.env)
        print(f"\nnbgrader autograde: {cls.nbgrader_seconds:.1f} s, ./course grade: {cls.ours_seconds:.1f} s "
              f"({len(STUDENTS)} submissions)", file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.root, ignore_errors=True)

    def nbgrader_scores(self):
        return nbgrader_scores(self.course)

    def ours(self):
        with open(os.path.join(self.ours_dir, "gradebook.json")) as f:
            book = json.load(f)
        out = {}
        for s in book["students"]:
            for nb in s["notebooks"]:
                for p in nb["parts"]:
                    if p["kind"] == "test":
                        out.setdefault(s["student"], {})[p["gradeId"]] = p["points"]
        return out

    def test_release_has_stubs_and_no_hidden_tests(self):
        with open(self.release) as f:
            text = f.read()
        self.assertIn("// YOUR CODE HERE", text)
        self.assertIn("UnsupportedOperationException", text)
        self.assertNotIn("HIDDEN-SECRET", text)
        self.assertNotIn("return 1 / (1 + Math.exp(-x))", text)

    def test_scores_per_cell_equal_ours(self):
        theirs = self.nbgrader_scores()
        self.assertEqual(sorted(theirs), sorted(STUDENTS))
        self.assertEqual(theirs, self.ours())

    def test_totals_are_the_expected_ones(self):
        with open(os.path.join(FIX, "expected.json")) as f:
            expected = json.load(f)
        totals = {s: sum(cells.values()) for s, cells in self.nbgrader_scores().items()}
        self.assertEqual(totals, {s: expected[s]["score"] for s in STUDENTS})

    def test_feedback_is_generated(self):
        for s in STUDENTS:
            page = os.path.join(self.course, "feedback", s, "sigmoid", "sigmoid.html")
            self.assertTrue(os.path.isfile(page), page)
            ours = os.path.join(self.ours_dir, "feedback", s, "sigmoid.html")
            with open(ours) as f:
                self.assertNotIn("HIDDEN-SECRET", f.read())
        with open(os.path.join(self.course, "feedback", "wrong", "sigmoid", "sigmoid.html")) as f:
            leaks = "HIDDEN-SECRET" in f.read()
        print(f"nbgrader's own feedback page shows the hidden tests: {leaks}", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
