"""A classroom on a real JupyterHub (`./course bench classroom 2`): the kernel installed
system-wide, two users log in, each opens a lecture notebook and runs all of it at the same time,
and both finish with no failed cell. Needs root (for `install --system`) and npm (for the proxy)."""
import os
import re
import shutil
import subprocess
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
MISSING = [what for what, ok in (("root (install --system)", os.geteuid() == 0), ("npm", shutil.which("npm")),
                                  (".venv (./course venv)", os.path.exists(os.path.join(ROOT, ".venv", "bin", "jupyterhub"))))
           if not ok]


class Classroom(unittest.TestCase):
    def setUp(self):
        if MISSING:
            if os.environ.get("CI") == "true":
                self.fail("classroom test needs " + ", ".join(MISSING))
            self.skipTest("needs " + ", ".join(MISSING))

    def test_two_students_run_a_lecture_notebook_at_once_on_jupyterhub(self):
        run = subprocess.run([os.path.join(ROOT, "course"), "bench", "classroom", "2", "--timeout", "300"],
                             capture_output=True, text=True, timeout=900)
        line = next((l for l in run.stdout.splitlines() if l.startswith("classroom ")), None)
        self.assertIsNotNone(line, run.stdout[-2000:] + run.stderr[-3000:])
        fields = dict(re.findall(r"(\w+)=(\S+)", line))
        self.assertEqual("0", fields["failures"], run.stderr[-3000:])
        self.assertEqual("2", fields["kernels"], "one jgrad kernel per student")
        self.assertEqual(0, run.returncode, run.stderr[-3000:])
        self.assertGreater(float(fields["kernel_rss_mb"]), 50)
        shutil.rmtree("/usr/local/share/jupyter/kernels/jgrad-classroom", ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
