"""A short soak through the real protocol (kernel/src/bench/soak_bench.py, 150 cells): every
cell gets the reply it should, the kernel lives to the end and gives its memory back.

Run by run.sh against $JGRAD_KERNEL_NAME (the build's JDK), and once more on JDK 25 when
$JGRAD_JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java) exists.
"""
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
import soak_bench  # noqa: E402

KERNEL = os.environ.get("JGRAD_KERNEL_NAME", "jgrad-test")
KDIR = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
JDK25 = os.environ.get("JGRAD_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
CELLS = 150
# generous: the kernel starts near 100 MB and the cells hold up to 100 MB arrays for one cell
RSS_END_LIMIT_MB = 1500
# prints of up to 10,000 lines: output goes out in batches, so none is lost (docs/benchmarks.md, Soak)
MAX_PRINT_LINES = 10000


class Soak(unittest.TestCase):
    def soak(self, kernel_name):
        result = soak_bench.soak(kernel_name, CELLS, seed=7, rss_every=25,
                                 log=lambda s: print(s, file=sys.stderr, flush=True),
                                 max_print_lines=MAX_PRINT_LINES)
        print("\n" + soak_bench.kind_table(result), file=sys.stderr)
        print(soak_bench.summary(result), file=sys.stderr, flush=True)
        self.assertTrue(result.alive, "the kernel was not alive at the end")
        self.assertEqual(result.replied, CELLS, "cells without an execute_reply: %s" % result.failures)
        self.assertEqual(result.failures, [])
        self.assertLess(result.rss_mb[-1][1], RSS_END_LIMIT_MB, "RSS after the soak: %s" % result.rss_mb)
        kinds = {k for k, _ in result.latencies}
        for kind in ("declaration", "big_array", "figure", "draw", "print", "matmul", "mlp",
                     "compile_error", "exception", "interrupt"):
            self.assertIn(kind, kinds)

    def test_soak(self):
        self.soak(KERNEL)

    @unittest.skipUnless(os.path.exists(JDK25), "no JDK 25 at " + JDK25)
    def test_soak_on_jdk25(self):
        cp = os.path.join(KDIR, "target", "jgrad-kernel-0.1.0-SNAPSHOT.jar") + os.pathsep + os.path.join(KDIR, "target", "lib", "*")
        # into the prefix run.sh put on JUPYTER_PATH, under a name of its own
        subprocess.run([JDK25, "-cp", cp, "org.jgrad.kernel.Launcher", "install", "--prefix",
                        os.path.join(KDIR, "target", "jupyter"), "--name", KERNEL + "-jdk25", "--no-cds"],
                       check=True, stdout=subprocess.DEVNULL)
        self.soak(KERNEL + "-jdk25")


if __name__ == "__main__":
    unittest.main()
