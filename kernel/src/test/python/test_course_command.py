"""The README's first command, `./course lab`, on this machine as it is: it must use the pinned
JupyterLab of requirements.txt (in .venv), install the kernelspec there, mark the course's
notebooks trusted and serve JupyterLab on notebooks/, also as root (containers, fresh VMs),
where Jupyter refuses to start unless told."""
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode("utf-8", "replace")


class CourseLabCommand(unittest.TestCase):
    def start(self, ui):
        home = tempfile.mkdtemp(prefix="jgrad-home-")   # a user of our own: no kernelspec yet
        self.addCleanup(shutil.rmtree, home, True)
        port = free_port()
        env = dict(os.environ, HOME=home)
        for var in ("JUPYTER_PATH", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR"):
            env.pop(var, None)
        proc = subprocess.Popen(
            [os.path.join(ROOT, "course"), ui, "--no-browser", "--port=%d" % port, "--ip=127.0.0.1",
             "--ServerApp.token=", "--ServerApp.password="],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        self.addCleanup(self.stop, proc)
        base = "http://127.0.0.1:%d" % port
        deadline = time.time() + 180
        while time.time() < deadline and proc.poll() is None:
            try:
                return base, json.loads(get(base + "/api/kernelspecs")), home
            except OSError:
                time.sleep(0.5)
        proc.kill()
        self.fail("./course %s did not serve Jupyter:\n%s" % (ui, proc.communicate(timeout=10)[0][-3000:]))

    @staticmethod
    def stop(proc):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        if proc.stdout:
            proc.stdout.close()

    def test_lab_serves_jupyterlab_4_with_the_java_kernel_and_trusted_notebooks(self):
        base, specs, home = self.start("lab")
        spec = specs["kernelspecs"].get("jgrad")
        self.assertIsNotNone(spec, "kernelspecs served: %s" % list(specs["kernelspecs"]))
        self.assertRegex(spec["spec"]["display_name"], r"^Java \d+ \(jgrad\)$")
        self.assertEqual("java", spec["spec"]["language"])
        page = get(base + "/lab")
        self.assertIn("JupyterLab", page)
        self.assertIn('"appVersion": "4.', page.replace("'", '"'), "JupyterLab 4 serves /lab")
        listing = json.loads(get(base + "/api/contents"))
        names = {entry["name"] for entry in listing["content"]}
        self.assertIn("01-computational-graphs.ipynb", names, "JupyterLab opened on notebooks/")
        # trusted: the notary of the .venv's Jupyter (for that user) has signed each course notebook
        for name in sorted(n for n in names if n.endswith(".ipynb")):
            out = subprocess.run([os.path.join(ROOT, ".venv", "bin", "python"), "-c",
                                  "import nbformat, sys; from nbformat.sign import NotebookNotary;"
                                  "nb = nbformat.read(sys.argv[1], 4); print(NotebookNotary().check_signature(nb))",
                                  os.path.join(ROOT, "notebooks", name)],
                                 capture_output=True, text=True, env=dict(os.environ, HOME=home))
            self.assertEqual("True", out.stdout.strip(), name + " trusted: " + out.stderr[-500:])


class CourseInstallCommand(unittest.TestCase):
    def install(self, *options):
        prefix = tempfile.mkdtemp(prefix="jgrad-prefix-")
        self.addCleanup(shutil.rmtree, prefix, True)
        proc = subprocess.run([os.path.join(ROOT, "course"), "install", "--prefix", prefix, "--no-cds", *options],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        return proc, os.path.join(prefix, "share", "jupyter", "kernels", "jgrad", "kernel.json")

    def test_max_heap_goes_into_kernel_json(self):
        proc, spec = self.install("--max-heap", "1g")
        self.assertEqual(0, proc.returncode, proc.stdout)
        with open(spec) as f:
            argv = json.load(f)["argv"]
        self.assertEqual(["-Xmx1g"], [a for a in argv if a.startswith("-Xmx")])

    def test_a_second_jdk_gets_its_own_kernelspec(self):
        jdk25 = "/usr/lib/jvm/temurin-25-jdk-amd64"
        if not os.path.isfile(os.path.join(jdk25, "bin", "java")):
            self.skipTest("no second JDK at " + jdk25)
        prefix = tempfile.mkdtemp(prefix="jgrad-prefix-")
        self.addCleanup(shutil.rmtree, prefix, True)
        env = dict(os.environ)
        env.pop("JAVA_HOME", None)
        for java_home in (None, jdk25):
            if java_home:
                env["JAVA_HOME"] = java_home
            proc = subprocess.run([os.path.join(ROOT, "course"), "install", "--prefix", prefix, "--no-cds"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
            self.assertEqual(0, proc.returncode, proc.stdout)
        from jupyter_client.kernelspec import KernelSpecManager
        ksm = KernelSpecManager(kernel_dirs=[os.path.join(prefix, "share", "jupyter", "kernels")])
        names = {n: ksm.get_kernel_spec(n).display_name for n in ksm.find_kernel_specs() if n.startswith("jgrad")}
        first = names.pop("jgrad")
        self.assertRegex(first, r"^Java \d+ \(jgrad\)$")
        if first == "Java 25 (jgrad)":
            self.skipTest("the default java is already 25")
        self.assertEqual({"jgrad-java25": "Java 25 (jgrad)"}, names)

    def test_a_wrong_max_heap_is_refused_with_the_reason(self):
        proc, spec = self.install("--max-heap", "lots")
        self.assertNotEqual(0, proc.returncode)
        self.assertIn("--max-heap lots: not a size", proc.stdout)
        self.assertFalse(os.path.exists(spec))


if __name__ == "__main__":
    unittest.main()
