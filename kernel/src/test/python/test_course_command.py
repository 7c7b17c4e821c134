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
        self.assertIn("jgrad", spec["spec"]["display_name"])
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


if __name__ == "__main__":
    unittest.main()
