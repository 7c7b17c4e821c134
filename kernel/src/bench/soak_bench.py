#!/usr/bin/env python3
"""Soak: many mixed cells in one kernel through the real Jupyter protocol.

usage: soak_bench.py KERNEL_NAME [N] [--seed S] [--rss-every K]

Runs N cells (default 1000) in one kernel, a seeded mix of what a student does in a term:
declarations (fresh names and redeclarations), 10-100 MB arrays set to null in the next
cell, Tablesaw figures, draw(...) of a Value graph, prints of 1 to 10,000 lines, tensor work
(matmul, a few training steps of a small MLP), compile errors, exceptions, and `while (true) {}`
interrupted after 200 ms with an interrupt_request. Each cell's reply is checked against
what it should be (an expected error is a success when it is the expected error); its
latency is execute_request -> execute_reply. The kernel's RSS (VmRSS) is read every K cells
(default 50).

prints on stdout one line:
  soak seconds=... cells=N failures=... p50_ms=... p95_ms=... max_ms=... rss_start_mb=... rss_max_mb=... rss_end_mb=...
and on stderr the RSS trace, a latency table per kind of cell, and each failure.
"""
import random
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

import zmq
from jupyter_client.manager import KernelManager

REPLY_TIMEOUT = 180   # s: a reply that takes longer is a failure (and the run stops if the kernel died)


@dataclass
class Cell:
    kind: str
    code: str
    ok: bool = True                        # expects status ok; else an error named ename
    ename: Optional[str] = None
    check: Optional[Callable[["Outcome"], Optional[str]]] = None   # returns what is wrong, or None
    interrupt_after: Optional[float] = None


@dataclass
class Outcome:
    status: Optional[str] = None           # the execute_reply's status; None: no reply
    ename: Optional[str] = None
    evalue: str = ""
    traceback: list = field(default_factory=list)   # the iopub error's
    result: dict = field(default_factory=dict)   # execute_result data
    stdout: str = ""
    stderr: str = ""
    latency_ms: float = 0.0


@dataclass
class SoakResult:
    cells: int
    seconds: float
    latencies: list                        # (kind, ms) per cell
    failures: list                         # (index, kind, why)
    rss_mb: list                           # (cells done, MB)
    alive: bool
    replied: int


# ---------------------------------------------------------------- the cells

def _plain(o):
    return o.result.get("text/plain")


def expect_result(text):
    return lambda o: None if _plain(o) == text else "result %r, expected %r" % (_plain(o), text)


def expect_finite_number(o):
    try:
        v = float(_plain(o))
    except (TypeError, ValueError):
        return "result %r is not a number" % _plain(o)
    return None if v == v and abs(v) != float("inf") else "result %r is not finite" % v


def expect_mime(mime):
    return lambda o: None if mime in o.result else "no %s in the result (got %s)" % (mime, sorted(o.result))


def expect_lines(n):
    def check(o):
        lines = o.stdout.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if len(lines) != n:
            return "%d stdout lines, expected %d" % (len(lines), n)
        if lines[-1] != "line %d" % (n - 1):
            return "last line %r" % lines[-1][:80]
        return None
    return check


class CellMaker:
    """A seeded stream of cells; cells that need state (a release, a read of an earlier
    variable) refer only to what earlier cells declared."""

    def __init__(self, seed, max_print_lines=10000):
        self.rng = random.Random(seed)
        self.max_print_lines = max_print_lines
        self.i = 0
        self.ints = []          # (name, value) of fresh int variables
        self.pending = []       # cells that must come next (the release of a big array)

    KINDS = [   # kind, weight
        ("expression", 8), ("declaration", 12), ("redeclaration", 8), ("big_array", 5),
        ("figure", 5), ("draw", 5), ("print", 12), ("matmul", 6), ("mlp", 4),
        ("compile_error", 7), ("exception", 7), ("interrupt", 3), ("state_read", 6),
    ]

    def next(self):
        self.i += 1
        if self.pending:
            return self.pending.pop(0)
        kinds, weights = zip(*self.KINDS)
        kind = self.rng.choices(kinds, weights)[0]
        return getattr(self, kind)()

    def expression(self):
        a, b = self.rng.randint(1, 1000), self.rng.randint(1, 1000)
        return Cell("expression", "%d * %d + 1" % (a, b), check=expect_result(str(a * b + 1)))

    def declaration(self):
        name, value = "v%d" % self.i, self.rng.randint(-10**6, 10**6)
        self.ints.append((name, value))
        r = self.rng.random()
        if r < 0.6:
            return Cell("declaration", "int %s = %d;" % (name, value))
        if r < 0.8:
            return Cell("declaration", "int %s = %d;\nString s%s = \"v\" + %s;\nList<Integer> l%s = List.of(%s, 1);"
                        % (name, value, name, name, name, name))
        return Cell("declaration", "int %s() { return %d; }\nint %s = %s();" % ("f" + name, value, name, "f" + name))

    def redeclaration(self):
        k = self.i
        r = self.rng.random()
        if r < 0.3:
            return Cell("redeclaration", "int shared = %d;" % k)
        if r < 0.5:
            return Cell("redeclaration", "String shared = \"s%d\";\nshared.length()" % k,
                        check=expect_result(str(len("s%d" % k))))
        if r < 0.7:
            return Cell("redeclaration", "int helper(int x) { return x + %d; }\nhelper(1)" % k,
                        check=expect_result(str(k + 1)))
        if r < 0.85:
            fields = "int x, int y" if k % 2 else "int x, int y, int z"
            args = "1, 2" if k % 2 else "1, 2, 3"
            return Cell("redeclaration", "record Pt(%s) {}\nvar pt = new Pt(%s);\npt.x()" % (fields, args),
                        check=expect_result("1"))
        return Cell("redeclaration", "class Box { int v = %d; }\nnew Box().v" % k, check=expect_result(str(k)))

    def big_array(self):
        mb = self.rng.randint(10, 100)
        n = mb * 1024 * 1024 // 8
        name = "big%d" % self.i
        self.pending.append(Cell("release", "%s = null;" % name))
        return Cell("big_array", "double[] %s = new double[%d];\nArrays.fill(%s, 1.0);\n%s.length"
                    % (name, n, name, name), check=expect_result(str(n)))

    def figure(self):
        k = self.i
        if self.rng.random() < 0.5:
            return Cell("figure", "double[] losses%d = new double[40];\n"
                        "for (int t = 0; t < 40; t++) losses%d[t] = Math.exp(-t / 10.0) + %d * 1e-4;\n"
                        "Plots.lossCurve(\"loss %d\", losses%d)" % (k, k, k, k, k),
                        check=expect_mime("image/png"))
        return Cell("figure", "double[] xs%d = new double[100], ys%d = new double[100];\n"
                    "for (int t = 0; t < 100; t++) { xs%d[t] = t; ys%d[t] = Math.sin(t / 10.0 + %d); }\n"
                    "var pts%d = Table.create(\"pts\").addColumns(DoubleColumn.create(\"x\", xs%d), DoubleColumn.create(\"y\", ys%d));\n"
                    "%s.create(\"plot %d\", pts%d, \"x\", \"y\")"
                    % (k, k, k, k, k, k, k, k, self.rng.choice(["ScatterPlot", "LinePlot"]), k, k),
                    check=expect_mime("image/png"))

    def draw(self):
        k = self.i
        return Cell("draw", "var a%d = new Value(%d, \"a\");\nvar b%d = new Value(-2, \"b\");\n"
                    "var y%d = a%d.mul(b%d).add(a%d).tanh().label(\"y\");\ny%d.backward();\ndraw(y%d)"
                    % (k, k % 7, k, k, k, k, k, k, k), check=expect_mime("image/png"))

    def print(self):
        n = min(self.max_print_lines, self.rng.choice([1, 1, 10, 100, 1000, 10000]))
        return Cell("print", "for (int k = 0; k < %d; k++) System.out.println(\"line \" + k);" % n,
                    check=expect_lines(n))

    def matmul(self):
        k, n = self.i, self.rng.choice([32, 64, 128, 256])
        return Cell("matmul", "var m%d = Tensor.randn(new Random(%d), %d, %d);\nm%d.matmul(m%d).sum().item()"
                    % (k, k, n, n, k, k), check=expect_finite_number)

    def mlp(self):
        return Cell("mlp", """var net@ = new Sequential(new Linear(2, 16), Activation.relu(), new Linear(16, 1));
var opt@ = new Adam(net@.parameters()).lr(0.01);
var x@ = Tensor.randn(new Random(@), 64, 2);
var target@ = x@.mul(x@).sum(1, true);
double last@ = 0;
for (int step = 0; step < 5; step++) {
    opt@.zeroGrad();
    var loss = Loss.mse(net@.forward(x@), target@);
    last@ = loss.item();
    loss.backward();
    opt@.step();
}
last@""".replace("@", str(self.i)), check=expect_finite_number)

    def compile_error(self):
        return Cell("compile_error", self.rng.choice([
            "int bad%d = \"text\";" % self.i,
            "undefinedName%d + 1" % self.i,
            "String s = 1 +;",
            "void m() { return 1; }",
        ]), ok=False, ename="CompilationError")

    def exception(self):
        code, ename = self.rng.choice([
            ("throw new IllegalStateException(\"soak %d\");" % self.i, "IllegalStateException"),
            ("int[] arr = new int[2];\narr[5] = 1;", "ArrayIndexOutOfBoundsException"),
            ("String none = null;\nnone.length()", "NullPointerException"),
            ("Integer.parseInt(\"x%d\")" % self.i, "NumberFormatException"),
            # a frame inside a multi-line lambda names its own line, not the snippet's first
            ("int before = 1;\nList.of(1, 2).forEach(x -> {\n  if (x > before)\n    throw new ArithmeticException(\"two\");\n});",
             "ArithmeticException"),
        ])
        check = None
        if ename == "ArithmeticException":
            check = lambda o: None if any("at <lambda> (cell line 4)" in t for t in o.traceback) \
                else "traceback %s lacks 'at <lambda> (cell line 4)'" % o.traceback
        return Cell("exception", code, ok=False, ename=ename, check=check)

    def interrupt(self):
        return Cell("interrupt", "while (true) {}", ok=False, ename="Interrupted", interrupt_after=0.2)

    def state_read(self):
        if not self.ints:
            return self.expression()
        name, value = self.rng.choice(self.ints)
        return Cell("state_read", "%s * 2" % name, check=expect_result(str(value * 2)))


# ---------------------------------------------------------------- running them

def kernel_pid(km):
    prov = getattr(km, "provisioner", None)
    if prov is not None and getattr(prov, "pid", None):
        return prov.pid
    return km.kernel.pid


def rss_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def run_cell(km, kc, poller, cell):
    """Runs one cell, reading iopub while it runs as a front end does (read only after the
    reply, a 10,000-line cell would overflow ZeroMQ's queues and lose messages)."""
    out = Outcome()
    stdout, stderr = [], []
    got_reply = got_idle = False
    t0 = time.perf_counter()
    msg_id = kc.execute(cell.code, store_history=True, allow_stdin=False)
    interrupt_at = t0 + cell.interrupt_after if cell.interrupt_after is not None else None
    deadline = t0 + REPLY_TIMEOUT
    while not (got_reply and got_idle):
        now = time.perf_counter()
        if now >= deadline:
            if got_reply:
                out.stderr = "".join(stderr) + "\n[no idle status on iopub]"
            return out
        if interrupt_at is not None and now >= interrupt_at:
            km.interrupt_kernel()
            interrupt_at = None
        wait = (interrupt_at if interrupt_at is not None else deadline) - now
        ready = dict(poller.poll(max(1, int(wait * 1000))))
        if kc.shell_channel.socket in ready:
            reply = kc.get_shell_msg(timeout=0)
            if reply["parent_header"].get("msg_id") == msg_id:
                out.latency_ms = (time.perf_counter() - t0) * 1000
                out.status = reply["content"]["status"]
                out.ename = reply["content"].get("ename")
                out.evalue = reply["content"].get("evalue", "")
                got_reply = True
        if kc.iopub_channel.socket in ready:
            m = kc.get_iopub_msg(timeout=0)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            t = m["msg_type"]
            if t == "stream":
                (stdout if m["content"]["name"] == "stdout" else stderr).append(m["content"]["text"])
            elif t == "execute_result":
                out.result = m["content"]["data"]
            elif t == "error":
                out.traceback = m["content"].get("traceback", [])
            elif t == "status" and m["content"]["execution_state"] == "idle":
                got_idle = True
    out.stdout, out.stderr = "".join(stdout), "".join(stderr)
    return out


def error_name(out):
    """The error's name: jjava's ename is CellError for every cell error, and the evalue
    starts with the name the student sees (IllegalStateException: ...)."""
    if out.ename and out.ename != "CellError":
        return out.ename
    return out.evalue.split(":", 1)[0]


def judge(cell, out):
    """What is wrong with the outcome, or None."""
    if out.status is None:
        return "no execute_reply within %d s" % REPLY_TIMEOUT
    if cell.ok:
        if out.status != "ok":
            return "status %s: %s: %s" % (out.status, out.ename, out.evalue[:200])
    else:
        if out.status != "error":
            return "status %s, expected the error %s" % (out.status, cell.ename)
        if error_name(out) != cell.ename:
            return "error %s: %s, expected %s" % (out.ename, out.evalue[:200], cell.ename)
    if out.stderr.strip():
        return "stderr: %r" % out.stderr[:200]
    return cell.check(out) if cell.check else None


def soak(kernel_name, n=1000, seed=1, rss_every=50, log=None, max_print_lines=10000):
    """Runs n cells in one kernel; returns a SoakResult. log(str) gets progress lines."""
    log = log or (lambda s: None)
    km = KernelManager(kernel_name=kernel_name)
    t_start = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    poller = zmq.Poller()
    maker = CellMaker(seed, max_print_lines)
    latencies, failures, rss = [], [], []
    replied = 0
    alive = True
    try:
        kc.wait_for_ready(timeout=120)
        poller.register(kc.shell_channel.socket, zmq.POLLIN)
        poller.register(kc.iopub_channel.socket, zmq.POLLIN)
        pid = kernel_pid(km)
        rss.append((0, rss_mb(pid)))
        log("rss after 0 cells: %.0f MB" % rss[-1][1])
        for i in range(1, n + 1):
            cell = maker.next()
            out = run_cell(km, kc, poller, cell)
            if out.status is not None:
                replied += 1
                latencies.append((cell.kind, out.latency_ms))
            why = judge(cell, out)
            if why:
                failures.append((i, cell.kind, why))
                log("cell %d (%s) failed: %s\n    %s" % (i, cell.kind, why, cell.code.replace("\n", "\n    ")))
            if out.status is None and not km.is_alive():
                alive = False
                failures.extend((j, "not run", "the kernel died") for j in range(i + 1, n + 1))
                log("the kernel died at cell %d" % i)
                break
            if i % rss_every == 0 or i == n:
                rss.append((i, rss_mb(pid)))
                log("rss after %d cells: %.0f MB (%.0f s)" % (i, rss[-1][1], time.perf_counter() - t_start))
        alive = alive and km.is_alive()
        return SoakResult(n, time.perf_counter() - t_start, latencies, failures, rss, alive, replied)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def kind_table(result):
    kinds = {}
    for kind, ms in result.latencies:
        kinds.setdefault(kind, []).append(ms)
    failed = {}
    for _, kind, _ in result.failures:
        failed[kind] = failed.get(kind, 0) + 1
    rows = ["%-14s %6s %6s %9s %9s %9s" % ("kind", "cells", "failed", "p50_ms", "p95_ms", "max_ms")]
    for kind in sorted(kinds, key=lambda k: -len(kinds[k])):
        v = kinds[kind]
        rows.append("%-14s %6d %6d %9.0f %9.0f %9.0f" % (kind, len(v), failed.get(kind, 0),
                                                       percentile(v, 50), percentile(v, 95), max(v)))
    return "\n".join(rows)


def summary(result):
    ms = [m for _, m in result.latencies]
    mbs = [m for _, m in result.rss_mb]
    return ("soak seconds=%.1f cells=%d failures=%d p50_ms=%.0f p95_ms=%.0f max_ms=%.0f "
            "rss_start_mb=%.0f rss_max_mb=%.0f rss_end_mb=%.0f"
            % (result.seconds, result.cells, len(result.failures), percentile(ms, 50), percentile(ms, 95),
               max(ms) if ms else float("nan"), mbs[0], max(mbs), mbs[-1]))


def main(argv):
    args = list(argv)
    seed, rss_every = 1, 50
    if "--seed" in args:
        k = args.index("--seed")
        seed = int(args[k + 1])
        del args[k:k + 2]
    if "--rss-every" in args:
        k = args.index("--rss-every")
        rss_every = int(args[k + 1])
        del args[k:k + 2]
    if not args or not (len(args) == 1 or (len(args) == 2 and args[1].isdigit())):
        print(__doc__, file=sys.stderr)
        return 2
    n = int(args[1]) if len(args) == 2 else 1000
    result = soak(args[0], n, seed, rss_every, log=lambda s: print(s, file=sys.stderr, flush=True))
    print(kind_table(result), file=sys.stderr)
    if not result.alive:
        print("the kernel was not alive at the end", file=sys.stderr)
    print(summary(result), flush=True)
    return 0 if not result.failures and result.alive else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
