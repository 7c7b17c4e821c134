"""Real-protocol tests of the jgrad kernel (run by kernel/src/test/python/run.sh in `mvn verify`).

The kernelspec to test is named by $JGRAD_KERNEL_NAME (default jgrad-test), found on $JUPYTER_PATH.
"""
import os
import time
import unittest

import jupyter_kernel_test as jkt
import nbformat
import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session
from nbclient import NotebookClient

KERNEL = os.environ.get("JGRAD_KERNEL_NAME", "jgrad-test")


class JGradKernelTests(jkt.KernelTests):
    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    completion_samples = [{"text": "System.out.prin", "matches": {"println(", "print(", "printf("}}]
    complete_code_samples = ["1 + 1", "int x = 1;", "%%time\n1 + 1"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "void f() {"]
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": 'var a = new Value(2.0);\na.data()', "result": "2.0"}]
    code_display_data = [{"code": 'display("hi");', "mime": "text/plain"},
                         {"code": 'display(Table.create("t"));', "mime": "text/html"}]
    code_clear_output = "clearOutput();"
    code_inspect_sample = "Math.max"
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 * 7"


def run(kc, code, timeout=30):
    """Executes code; returns (reply content, list of iopub messages)."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    msgs = []
    while True:
        m = kc.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return reply["content"], msgs


def result_text(msgs):
    for m in msgs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"]["text/plain"]
    return None


class SturdinessOverProtocol(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def test_interrupt_stops_tight_loop_and_keeps_state(self):
        run(self.kc, "int kept = 41;")
        msg_id = self.kc.execute("while (true) {}")
        time.sleep(1.0)
        t0 = time.time()
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=10)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=10)
        latency = time.time() - t0
        self.assertEqual(reply["content"]["status"], "error")
        self.assertLess(latency, 1.0, "interrupt took %.2f s" % latency)
        print("\ninterrupt latency over the protocol: %.0f ms" % (latency * 1000))
        _, msgs = run(self.kc, "kept + 1")
        self.assertEqual(result_text(msgs), "42")

    def test_system_exit_keeps_kernel_and_state(self):
        run(self.kc, "int keep = 5;")
        content, msgs = run(self.kc, "System.exit(0);")
        self.assertEqual(content["status"], "error")
        errors = [m for m in msgs if m["msg_type"] == "error"]
        self.assertTrue(errors and "kept" in errors[0]["content"]["evalue"], errors)
        self.assertTrue(self.km.is_alive())
        _, msgs = run(self.kc, "keep * 2")
        self.assertEqual(result_text(msgs), "10")

    def test_stdout_streams_and_no_kernel_stderr(self):
        content, msgs = run(self.kc, 'for (int i = 0; i < 3; i++) System.out.println("line " + i);')
        self.assertEqual(content["status"], "ok")
        out = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
        self.assertEqual(out, "line 0\nline 1\nline 2\n")
        self.assertFalse([m for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"])

    def test_update_display(self):
        content, msgs = run(self.kc, 'display("a", "d1");\nupdateDisplay("d1", "b");')
        self.assertEqual(content["status"], "ok")
        types = [m["msg_type"] for m in msgs]
        self.assertIn("display_data", types)
        self.assertIn("update_display_data", types)

    def test_wrong_signature_is_refused(self):
        ci = self.km.get_connection_info()
        bad = Session(key=b"not-the-key", username="attacker")
        ctx = zmq.Context.instance()
        sock = ctx.socket(zmq.DEALER)
        sock.linger = 0
        sock.connect("%s://%s:%d" % (ci["transport"], ci["ip"], ci["shell_port"]))
        msg = bad.msg("execute_request", {"code": "int forged = 1;", "silent": False, "store_history": True,
                                          "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        bad.send(sock, msg)
        poller = zmq.Poller()
        poller.register(sock, zmq.POLLIN)
        self.assertFalse(poller.poll(1500), "a reply came to a forged message")
        sock.close()
        content, msgs = run(self.kc, "forged")
        self.assertEqual(content["status"], "error", "the forged cell must not have run")


class NbclientRun(unittest.TestCase):
    def test_notebook_executes(self):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell('var v = new Value(3.0);\nv.data()'),
                    nbformat.v4.new_code_cell('System.out.println("printed");'),
                    nbformat.v4.new_code_cell('Table.create("t", IntColumn.indexColumn("i", 30, 0))')]
        NotebookClient(nb, kernel_name=KERNEL, timeout=60).execute()
        self.assertEqual(nb.cells[0].outputs[0]["data"]["text/plain"], "3.0")
        self.assertEqual(nb.cells[1].outputs[0]["text"], "printed\n")
        self.assertIn("20 of 30 rows", nb.cells[2].outputs[0]["data"]["text/html"])
        nbformat.validate(nb)


if __name__ == "__main__":
    unittest.main()


class RestartAndShutdown(unittest.TestCase):
    """A restart gives a fresh kernel that works; a shutdown request ends the process."""

    def test_restart_then_shutdown(self):
        km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)
        try:
            run(kc, "int before = 41;")
            first_pid = km.provisioner.pid
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=60)
            self.assertNotEqual(first_pid, km.provisioner.pid, "a new kernel process")
            _, msgs = run(kc, "2 + 2")
            self.assertEqual("4", result_text(msgs))
            reply, _ = run(kc, "before")
            self.assertEqual("error", reply["status"], "state is gone after a restart")
            km.shutdown_kernel(now=False)
            self.assertFalse(km.is_alive(), "the kernel process ended on shutdown_request")
        finally:
            kc.stop_channels()
            if km.is_alive():
                km.shutdown_kernel(now=True)


def interrupt_and_wait(km, kc, code, after=0.5, timeout=30):
    """Runs code, interrupts it after `after` s; returns (reply content, seconds from interrupt to reply)."""
    msg_id = kc.execute(code)
    time.sleep(after)
    t0 = time.time()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"], time.time() - t0


# measures, inside the kernel, the CPU time the other jgrad-cell threads (current and abandoned) use in 500 ms
CELL_THREADS_CPU_MS = """
var mx = java.lang.management.ManagementFactory.getThreadMXBean();
var others = Thread.getAllStackTraces().keySet().stream()
    .filter(t -> t.getName().startsWith("jgrad-cell") && t != Thread.currentThread()).toList();
long before = others.stream().mapToLong(t -> Math.max(0, mx.getThreadCpuTime(t.getId()))).sum();
Thread.sleep(500);
(others.stream().mapToLong(t -> Math.max(0, mx.getThreadCpuTime(t.getId()))).sum() - before) / 1_000_000
"""


class CellGuardOverProtocol(unittest.TestCase):
    """Every execute_request gets its reply; interrupts stop the cell and only the cell; exit/halt end only the cell."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def error_of(self, msgs):
        errors = [m["content"] for m in msgs if m["msg_type"] == "error"]
        self.assertTrue(errors, [m["msg_type"] for m in msgs])
        return errors[0]

    def test_value_whose_to_string_overflows_gets_a_reply(self):
        run(self.kc, "record N(String name, List<N> kids) {}")
        run(self.kc, 'var root = new N("r", new ArrayList<>()); root.kids().add(root);')
        content, msgs = run(self.kc, "root", timeout=30)
        self.assertEqual(content["status"], "error")
        err = self.error_of(msgs)
        self.assertIn("could not show the value: its toString() overflowed the stack", err["evalue"])
        run(self.kc, "List<Object> a = new ArrayList<>(), b = new ArrayList<>(); a.add(b); b.add(a);")
        content, msgs = run(self.kc, "a", timeout=30)
        self.assertEqual(content["status"], "error")
        _, msgs = run(self.kc, "1 + 1")
        self.assertEqual(result_text(msgs), "2")

    def test_interrupt_during_rendering_gives_an_error_reply(self):
        run(self.kc, "class Spin { public String toString() { while (true) {} } }")
        content, latency = interrupt_and_wait(self.km, self.kc, "new Spin()")
        self.assertEqual(content["status"], "error")
        self.assertIn("Interrupted", content["evalue"])   # jjava sends ename CellError, evalue "Interrupted: …"
        self.assertLess(latency, 10)
        _, msgs = run(self.kc, "2 + 2")
        self.assertEqual(result_text(msgs), "4")

    def test_interrupt_stops_a_loop_inside_jdk_code(self):
        content, latency = interrupt_and_wait(self.km, self.kc, "Stream.generate(() -> 1).forEach(x -> {});")
        self.assertEqual(content["status"], "error")
        self.assertLess(latency, 2.0, "interrupt took %.2f s" % latency)
        content, msgs = run(self.kc, CELL_THREADS_CPU_MS)
        self.assertEqual(content["status"], "ok", msgs)
        self.assertLess(int(result_text(msgs)), 100, "cell threads still busy after the interrupt")

    def test_interrupt_leaves_background_threads_alone(self):
        content, msgs = run(self.kc, "var ticks = new java.util.concurrent.atomic.AtomicLong();\n"
                            "Thread bg = new Thread(() -> { while (true) { ticks.incrementAndGet();"
                            " try { Thread.sleep(1); } catch (InterruptedException e) { return; } } });\n"
                            "bg.setDaemon(true); bg.start();")
        self.assertEqual(content["status"], "ok", msgs)
        for code in ["Thread.sleep(60_000);", "while (true) {}", "Thread.sleep(60_000);"]:
            content, _ = interrupt_and_wait(self.km, self.kc, code, after=0.3)
            self.assertIn("Interrupted", content["evalue"])
        _, msgs = run(self.kc, "bg.isAlive()")
        self.assertEqual(result_text(msgs), "true")
        _, msgs = run(self.kc, "long t0 = ticks.get(); Thread.sleep(200); ticks.get() > t0")
        self.assertEqual(result_text(msgs), "true")
        texts = [m["content"].get("text", "") for m in msgs if m["msg_type"] == "stream"]
        self.assertFalse([t for t in texts if "Interrupted" in t], texts)
        run(self.kc, "bg.interrupt();")

    def test_halt_and_reflective_exit_end_only_the_cell(self):
        run(self.kc, "int survivor = 7;")
        content, msgs = run(self.kc, "Runtime.getRuntime().halt(3);")
        self.assertEqual(content["status"], "error")
        self.assertIn("Runtime.halt(3) called", self.error_of(msgs)["evalue"])
        for code in ['Runtime.class.getMethod("halt", int.class).invoke(Runtime.getRuntime(), 1);',
                     'System.class.getMethod("exit", int.class).invoke(null, 0);',
                     'java.lang.invoke.MethodHandles.lookup().findStatic(System.class, "exit",'
                     ' java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(0);']:
            content, msgs = run(self.kc, code)
            self.assertEqual(content["status"], "error", code)
            self.assertIn("SystemExit", self.error_of(msgs)["evalue"], code)
            self.assertTrue(self.km.is_alive())
        _, msgs = run(self.kc, "survivor * 6")
        self.assertEqual(result_text(msgs), "42")

    def test_notebook_with_a_self_containing_value_finishes(self):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("record N(String name, List<N> kids) {}"),
                    nbformat.v4.new_code_cell('var root = new N("r", new ArrayList<>()); root.kids().add(root);'),
                    nbformat.v4.new_code_cell("root"),
                    nbformat.v4.new_code_cell("root.name()")]
        NotebookClient(nb, kernel_name=KERNEL, timeout=60, allow_errors=True).execute()
        self.assertEqual(nb.cells[2].outputs[0]["output_type"], "error")
        self.assertIn("overflowed the stack", nb.cells[2].outputs[0]["evalue"])
        self.assertEqual(nb.cells[3].outputs[0]["data"]["text/plain"], "r")


class WarmUpOverProtocol(unittest.TestCase):
    """While the student reads, the kernel warms up plots, Values and tensors, invisibly; the first plot then renders."""

    def test_idle_kernel_warms_up_then_first_plot_renders(self):
        import tempfile
        from jupyter_client.manager import KernelManager
        with tempfile.TemporaryFile(mode="w+") as log:
            km = KernelManager(kernel_name=KERNEL)
            km.start_kernel(stderr=log)
            kc = km.client()
            kc.start_channels()
            try:
                kc.wait_for_ready(timeout=60)
                reply, msgs = run(kc, "1 + 1")
                self.assertEqual("ok", reply["status"])
                deadline = time.time() + 60
                text = ""
                while time.time() < deadline and "warmed up" not in text:
                    time.sleep(0.2)
                    log.seek(0)
                    text = log.read()
                self.assertIn("warmed up tablesaw, plot, value, tensor in ", text)
                reply, msgs = run(kc, 'double[] px = {0, 1, 2}, py = {1, 0, 2};\n'
                                      'LinePlot.create("first plot", Table.create("t").addColumns('
                                      'DoubleColumn.create("x", px), DoubleColumn.create("y", py)), "x", "y")')
                self.assertEqual("ok", reply["status"])
                data = [m["content"]["data"] for m in msgs if m["msg_type"] == "execute_result"][0]
                self.assertTrue(data["image/svg+xml"].startswith("<svg"))
                self.assertIn("first plot", data["text/html"])
                # the warm-up's own figure, table and values never reach a cell
                self.assertEqual(["execute_input", "execute_result"],
                                 [m["msg_type"] for m in msgs if m["msg_type"] != "status"])
                self.assertNotIn("warm-up", data["text/html"])
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=True)
