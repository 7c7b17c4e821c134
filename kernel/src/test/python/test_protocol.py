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
    code_page_something = "Math.max?"
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


class OneKernel(unittest.TestCase):
    """Test cases that share one kernel, started before the first test and shut down after the last."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)


class SturdinessOverProtocol(OneKernel):
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

    def test_many_lines_go_out_in_few_messages(self):
        # one message a line was 10,000 messages (1.3 s to idle) and tripped the Notebook's
        # "IOPub message rate exceeded"
        content, msgs = run(self.kc, 'for (int i = 0; i < 10_000; i++) System.out.println("line " + i);', timeout=60)
        self.assertEqual(content["status"], "ok")
        streams = [m for m in msgs if m["msg_type"] == "stream"]
        self.assertEqual("".join(m["content"]["text"] for m in streams),
                         "".join("line %d\n" % i for i in range(10_000)))
        self.assertLessEqual(len(streams), 50, "stream messages for 10,000 lines")
        print("\n10,000 lines: %d stream messages" % len(streams))

    def test_stdout_and_stderr_keep_their_order(self):
        content, msgs = run(self.kc, 'System.out.println("a");\nSystem.err.println("b");\nSystem.out.print("c");\n'
                                     'display("d");\nSystem.out.println("e");\nSystem.err.print("f");')
        self.assertEqual(content["status"], "ok")
        seen = []
        for m in msgs:
            if m["msg_type"] == "stream":
                item = (m["content"]["name"], m["content"]["text"])
            elif m["msg_type"] == "display_data":
                item = ("display", m["content"]["data"]["text/plain"])
            else:
                continue
            if seen and seen[-1][0] == item[0] != "display":
                seen[-1] = (item[0], seen[-1][1] + item[1])
            else:
                seen.append(item)
        self.assertEqual([("stdout", "a\n"), ("stderr", "b\n"), ("stdout", "c"), ("display", "d"),
                          ("stdout", "e\n"), ("stderr", "f")], seen)

    def arrival_of_first_output(self, code):
        """Seconds from the request to the first stream message, and the reply's status."""
        t0 = time.time()
        msg_id = self.kc.execute(code)
        first = None
        while True:
            m = self.kc.get_iopub_msg(timeout=30)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "stream" and first is None:
                first = (time.time() - t0, m["content"]["text"])
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        reply = self.kc.get_shell_msg(timeout=30)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=30)
        return first, reply["content"]["status"]

    def test_a_line_before_a_sleep_shows_at_once(self):
        run(self.kc, "int warm = 1;")
        first, status = self.arrival_of_first_output('System.out.println("working");\nThread.sleep(2000);')
        self.assertEqual("ok", status)
        self.assertEqual("working\n", first[1])
        self.assertLess(first[0], 1.0, "the line printed before a 2 s sleep arrived after %.2f s" % first[0])

    def test_an_unfinished_line_shows_while_the_cell_runs(self):
        run(self.kc, "int warm = 1;")
        first, status = self.arrival_of_first_output('System.out.print(".");\nThread.sleep(2000);')
        self.assertEqual("ok", status)
        self.assertEqual(".", first[1])
        self.assertLess(first[0], 1.0, "print(\".\") before a 2 s sleep arrived after %.2f s" % first[0])

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


class StudentMessagesOverProtocol(OneKernel):
    """Notes, errors, completion and inspection as a student sees them through Jupyter."""

    @staticmethod
    def streams(msgs, name):
        return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == name)

    def test_redefined_class_notes_reset_variables_on_stdout(self):
        run(self.kc, "class Node { int v; }\nNode root = new Node();")
        content, msgs = run(self.kc, "class Node { int v; Node next; }")
        self.assertEqual(content["status"], "ok")
        self.assertEqual(self.streams(msgs, "stdout"), "note: class Node was redefined: variable root was reset to null\n")
        self.assertEqual(self.streams(msgs, "stderr"), "")

    def test_null_pointer_names_the_variable(self):
        content, msgs = run(self.kc, "String old = null;\nold.length()")
        self.assertEqual(content["status"], "error")
        errors = [m["content"] for m in msgs if m["msg_type"] == "error"]
        self.assertIn('Cannot invoke "String.length()" because "old" is null', errors[0]["evalue"])
        self.assertNotIn("$JShell$", errors[0]["evalue"] + "\n".join(errors[0]["traceback"]))

    def test_time_magic_splits_compile_and_run(self):
        content, msgs = run(self.kc, "%%time\nThread.sleep(200);")
        self.assertEqual(content["status"], "ok")
        self.assertRegex(self.streams(msgs, "stdout"), r"^Wall time: [0-9.]+ ms \(compile [0-9.]+ ms, run [0-9.]+ ms\)\n$")

    def test_completion_sees_a_variable_of_the_unrun_cell(self):
        code = "var tensorX = Tensor.zeros(3);\ntensorX.mat"
        reply = self.kc.complete(code, len(code), reply=True, timeout=30)
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        self.assertIn("matmul(", reply["content"]["matches"])
        self.assertEqual(reply["content"]["cursor_start"], len(code) - 3)

    def test_inspect_shows_the_library_javadoc(self):
        for code in ("Tensor.matmul", "var w = Tensor.zeros(2, 2);\nw.matmul"):
            reply = self.kc.inspect(code, len(code), reply=True, timeout=30)["content"]
            self.assertEqual(reply["status"], "ok", reply)
            self.assertTrue(reply["found"], code)
            self.assertIn("The matrix product of two 2-D tensors", reply["data"]["text/plain"])


class HelpOverProtocol(OneKernel):
    """`name?` as in IPython: the help goes to the pager (execute_reply's "page" payload)."""

    def page(self, code):
        content, msgs = run(self.kc, code)
        self.assertEqual(content["status"], "ok", content)
        self.assertEqual(content["execution_count"], next(m["content"]["execution_count"] for m in msgs if m["msg_type"] == "execute_input"))
        self.assertEqual([m["msg_type"] for m in msgs], ["status", "execute_input", "status"], "no result, no output: " + code)
        self.assertEqual(len(content["payload"]), 1, content)
        payload = content["payload"][0]
        self.assertEqual((payload["source"], payload["start"]), ("page", 0))
        return payload["data"]["text/plain"]

    def test_library_method_help_shows_its_javadoc(self):
        for code in ("Tensor.matmul?", "  ?Tensor.matmul\n", "Tensor.matmul??"):
            text = self.page(code)
            self.assertIn("matmul(Tensor other)", text)
            self.assertIn("The matrix product of two 2-D tensors", text)

    def test_variable_help_shows_type_and_value(self):
        run(self.kc, 'var helpMe = new Value(2.5, "w");')
        text = self.page("helpMe?")
        self.assertIn("Type: Value", text)
        self.assertIn("Value: Value(w=data=2.5, grad=0.0)", text)

    def test_unknown_name_says_so_in_the_pager(self):
        text = self.page("Tensr?")
        self.assertIn("Tensr: no documentation found", text)

    def test_ternary_operator_is_java_not_help(self):
        run(self.kc, "boolean flag = true;\nint one = 1, two = 2;")
        for code in ("flag ? one : two", "flag\n?one\n:two"):
            content, msgs = run(self.kc, code)
            self.assertEqual(content["status"], "ok", content)
            self.assertEqual(content.get("payload", []), [], code)
            self.assertEqual(result_text(msgs), "1", code)

    def test_help_line_among_code_is_a_compile_error_that_says_why(self):
        content, msgs = run(self.kc, "int standAlone = 3;\nstandAlone?")
        self.assertEqual(content["status"], "error")
        error = next(m["content"] for m in msgs if m["msg_type"] == "error")
        self.assertIn("note: standAlone? shows help only in a cell of its own", "\n".join(error["traceback"]))


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS for process %d" % pid)


class MemoryGivenBack(unittest.TestCase):
    """A cell's big arrays, once dropped, do not keep the kernel's memory at its peak."""

    def test_idle_kernel_gives_memory_back(self):
        km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)
        try:
            pid = km.provisioner.pid
            run(kc, "List<double[]> keep = new ArrayList<>();")
            for i in range(100):   # 100 cells of 10 MB each, kept: 1 GB live
                content, _ = run(kc, "keep.add(new double[1_310_720]);")
                self.assertEqual("ok", content["status"], content)
            peak = rss_mb(pid)
            run(kc, "keep = null;")
            for i in range(100):   # 100 more, dropped at once
                run(kc, "double[] scratch = new double[1_310_720];\nscratch = null;")
            peak = max(peak, rss_mb(pid))
            self.assertGreater(peak, 900, "the test should have made the kernel big (RSS %.0f MB)" % peak)
            deadline = time.time() + 15
            rss = rss_mb(pid)
            while rss >= 400 and time.time() < deadline:
                time.sleep(0.5)
                rss = rss_mb(pid)
            print("\nRSS at the peak %.0f MB, idle %.0f MB" % (peak, rss))
            self.assertLess(rss, 400, "RSS %.0f MB 15 s after dropping 1 GB (peak %.0f MB)" % (rss, peak))
            _, msgs = run(kc, "6 * 7")
            self.assertEqual("42", result_text(msgs))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


class KernelEndsWithItsServer(unittest.TestCase):
    """A Jupyter server killed hard (or a hub stopping a student's server) leaves no kernel behind:
    the kernel watches the process jupyter_client names in JPY_PARENT_PID, as ipykernel does."""

    def test_the_kernel_ends_when_the_process_that_started_it_is_killed(self):
        import signal
        import subprocess
        from jupyter_client import BlockingKernelClient
        from jupyter_client.kernelspec import KernelSpecManager
        from jupyter_client.connect import write_connection_file
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
        cf, _ = write_connection_file()
        argv = [a.replace("{connection_file}", cf) for a in spec.argv]
        env = dict(os.environ, **(spec.env or {}))
        # a stand-in server: a shell that names itself in JPY_PARENT_PID and waits for the kernel
        server = subprocess.Popen(["sh", "-c", 'export JPY_PARENT_PID=$$; "$@"; exit 0', "sh"] + argv, env=env)
        kc = BlockingKernelClient(connection_file=cf)
        kc.load_connection_file()
        # no heartbeat: without a kernel manager, wait_for_ready calls a kernel dead whose heartbeat
        # has not answered within a second of its start (a JVM on a loaded machine)
        kc.start_channels(hb=False)
        kernel_pids = []
        try:
            kc.wait_for_ready(timeout=60)
            kernel_pids = [int(p) for p in os.listdir("/proc") if p.isdigit() and ppid(int(p)) == server.pid]
            self.assertEqual(1, len(kernel_pids), "the kernel is the stand-in server's child")
            server.send_signal(signal.SIGKILL)
            server.wait()
            deadline = time.time() + 20
            while running(kernel_pids[0]) and time.time() < deadline:
                time.sleep(0.2)
            self.assertFalse(running(kernel_pids[0]), "the kernel still runs 20 s after its server was killed")
        finally:
            kc.stop_channels()
            server.kill()
            server.wait()
            for pid in kernel_pids:
                if running(pid):
                    os.kill(pid, signal.SIGKILL)
            os.remove(cf)


def ppid(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1


def running(pid):
    """Alive and not a zombie (an orphan's exit may wait for a reaper that never comes in a container)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


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


class CellGuardOverProtocol(OneKernel):
    """Every execute_request gets its reply; interrupts stop the cell and only the cell; exit/halt end only the cell."""

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
                self.assertTrue(data["image/png"].startswith("iVBORw0KGgo"))
                self.assertIn("first plot", data["text/html"])
                # the warm-up's own figure, table and values never reach a cell
                self.assertEqual(["execute_input", "execute_result"],
                                 [m["msg_type"] for m in msgs if m["msg_type"] != "status"])
                self.assertNotIn("warm-up", data["text/html"])
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=True)
