"""./course bench grade N: N generated submissions of one exercise (correct, partial and wrong in
turn), graded by ./course grade and by nbgrader's autograde in the same run, on the same files.
Prints: grade seconds=... submissions=N per_submission_ms=... nbgrader_seconds=... and the cost
of a grading JVM's start with and without the AppCDS archive."""
import glob, json, os, re, shutil, subprocess, sys, tempfile, time

EX = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(EX, "src", "test", "python"))
import test_nbgrader as t  # the nbgrader course set-up is the test's

KINDS = ["correct", "partial", "wrong"]
GRADER_OPTS = ["-XX:+UseSerialGC", "-Xmx256m"]   # the course script's run_grading


class LoadSampler:
    """The 1-minute load average every 5 s while a grader runs: the machine may be shared."""
    def __init__(self):
        import threading
        self.samples, self.stop = [os.getloadavg()[0]], threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop.wait(5):
            self.samples.append(os.getloadavg()[0])

    def done(self):
        self.stop.set()
        self.samples.append(os.getloadavg()[0])
        return f"{min(self.samples):.1f}-{max(self.samples):.1f}"


def jvm_start_ms(cds):
    """A grading JVM that sets up JShell and runs nothing: what each submission pays before its first cell."""
    cp = os.path.join(EX, "target", "jgrad-exercises-0.1.0-SNAPSHOT.jar") + os.pathsep + os.path.join(EX, "target", "lib", "*")
    archives = sorted(glob.glob(os.path.join(EX, "target", "jgrad-grading-*.jsa")), key=os.path.getmtime)
    opts = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-Xss16m"]   # GradingJvm's
    if cds and archives:
        opts += ["-XX:SharedArchiveFile=" + archives[-1], "-Xshare:auto"]
    elif cds:
        return None
    times = []
    for _ in range(3):
        t0 = time.time()
        subprocess.run([t.JAVA] + opts + ["-cp", cp, "org.jgrad.grading.SubmissionMain"],
                       input=b'{"token":"x","steps":[{"index":0,"student":false,"parts":[{"code":"1 + 1","hidden":false}]}]}',
                       capture_output=True, check=True)
        times.append((time.time() - t0) * 1000)
    return sorted(times)[1]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    root = tempfile.mkdtemp(prefix="jgrad-grade-bench-")
    try:
        course = os.path.join(root, "course")
        os.makedirs(os.path.join(course, "source", "sigmoid"))
        shutil.copy(os.path.join(t.FIX, "sigmoid", "sigmoid.ipynb"), os.path.join(course, "source", "sigmoid"))
        with open(os.path.join(course, "nbgrader_config.py"), "w") as f:
            f.write(t.CONFIG.format(root=course))
        env = t.venv_env()
        subprocess.run([t.JAVA, "-cp", t.CP, "org.jgrad.kernel.Launcher", "install", "--prefix", os.path.join(root, "jupyter"),
                        "--name", "jgrad"], check=True, capture_output=True)
        env["JUPYTER_PATH"] = os.path.join(root, "jupyter", "share", "jupyter")
        t.run(t.NBGRADER + ["generate_assignment", "sigmoid", "--force"], course, env)
        with open(os.path.join(course, "release", "sigmoid", "sigmoid.ipynb")) as f:
            release = json.load(f)
        answers = {}
        for k in KINDS:
            with open(os.path.join(t.FIX, "submissions", k, "sigmoid.ipynb")) as f:
                answers[k] = {c["metadata"].get("nbgrader", {}).get("grade_id"): c["source"] for c in json.load(f)["cells"]}
        for i in range(n):
            nb = json.loads(json.dumps(release))
            for c in nb["cells"]:
                meta = c["metadata"].get("nbgrader", {})
                if meta.get("solution"):
                    c["source"] = answers[KINDS[i % 3]][meta["grade_id"]]
            d = os.path.join(course, "submitted", f"student{i:03d}", "sigmoid")
            os.makedirs(d)
            with open(os.path.join(d, "sigmoid.ipynb"), "w") as f:
                json.dump(nb, f, indent=1)
        # ours first (its first run also records the AppCDS archive: not timed)
        subprocess.run([t.JAVA] + GRADER_OPTS + ["-cp", t.CP, "org.jgrad.grading.GradeCommand", os.path.join(course, "source", "sigmoid"),
                        os.path.join(course, "submitted", "student000"), "--out", os.path.join(root, "warm")],
                       capture_output=True)
        t0, load = time.time(), LoadSampler()
        p = subprocess.run([t.JAVA] + GRADER_OPTS + ["-cp", t.CP, "org.jgrad.grading.GradeCommand", os.path.join(course, "source", "sigmoid"),
                            os.path.join(course, "submitted"), "--out", os.path.join(root, "ours"), "--force"],
                           capture_output=True, text=True)
        ours, load_ours = time.time() - t0, load.done()
        if p.returncode != 0:
            sys.exit("./course grade failed:\n" + p.stdout[-2000:] + p.stderr[-2000:])
        jobs = re.search(r"\((\d+) at a time", p.stdout).group(1)
        jdk = re.search(r"grading JVMs: JDK (\S+)", p.stdout).group(1)
        t0, load = time.time(), LoadSampler()
        t.run(t.NBGRADER + ["autograde", "sigmoid", "--force"], course, env)
        theirs, load_theirs = time.time() - t0, load.done()
        with open(os.path.join(root, "ours", "gradebook.json")) as f:
            book = json.load(f)
        ours_total = sum(s["score"] for s in book["students"])
        nb_total = sum(sum(c.values()) for c in t.nbgrader_scores(course).values())
        start, start_cds = jvm_start_ms(False), jvm_start_ms(True)
        print(f"grade seconds={ours:.1f} submissions={n} per_submission_ms={ours / n * 1000:.0f} nbgrader_seconds={theirs:.1f} "
              f"nbgrader_per_submission_ms={theirs / n * 1000:.0f} speedup={theirs / ours:.2f} jobs={jobs} grading_jdk={jdk} "
              f"same_total_score={ours_total == nb_total} load_ours={load_ours} load_nbgrader={load_theirs} jvm_start_ms={start:.0f} jvm_start_cds_ms={start_cds:.0f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
