"""A classroom on one server: a real JupyterHub (from the project's .venv) with N users, each
of whom opens a lecture notebook and runs all its cells at the same time, with the jgrad kernel
installed system-wide (`./course install --system`).

  classroom_bench.py N [--notebook PATH] [--kernel NAME] [--timeout S] [--keep]

Prints one line: classroom seconds=… users=N failures=… kernel_rss_mb=… total_rss_mb=…
(seconds: from the moment every user starts "Run All" until the last notebook has finished;
kernel_rss_mb: the mean resident memory of one kernel right after its notebook finished;
total_rss_mb: everything the classroom runs — hub, proxy, N servers, N kernels — at that moment;
kernel_uss_mb: the memory one kernel has to itself, what each further student really costs).
Users log in with JupyterHub's DummyAuthenticator and run under SimpleLocalProcessSpawner
(one process per user, homes under a temporary directory): the hub, proxy and servers are the
real ones, only the Unix accounts are not. Cells are sent over each server's kernel websocket,
as JupyterLab sends them.
"""
import argparse
import datetime
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

import psutil
import websocket   # websocket-client, pinned in requirements.txt

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
VENV_BIN = os.path.join(ROOT, ".venv", "bin")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, token, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Authorization": "token " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        text = r.read().decode()
        return json.loads(text) if text else None


def configurable_http_proxy():
    """The proxy JupyterHub needs, from the npm registry into kernel/target (once)."""
    prefix = os.path.join(ROOT, "kernel", "target", "chp")
    chp = os.path.join(prefix, "node_modules", ".bin", "configurable-http-proxy")
    if not os.path.exists(chp):
        print("classroom: installing configurable-http-proxy 5.3.0 from npm ...", file=sys.stderr)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", prefix,
                        "configurable-http-proxy@5.3.0"], check=True, stdout=sys.stderr)
    return chp


def code_cells(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if src.strip():
                cells.append(src)
    return cells


class Hub:
    def __init__(self, work, kernel, users, timeout):
        self.work = work
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.token = secrets.token_hex(16)
        config = os.path.join(work, "jupyterhub_config.py")
        with open(config, "w") as f:
            f.write(f"""
c.JupyterHub.ip = '127.0.0.1'
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{free_port()}'
c.ConfigurableHTTPProxy.command = [{configurable_http_proxy()!r}]
c.JupyterHub.db_url = 'sqlite:///{work}/jupyterhub.sqlite'
c.JupyterHub.cookie_secret_file = '{work}/cookie_secret'
c.JupyterHub.pid_file = '{work}/jupyterhub.pid'
c.JupyterHub.authenticator_class = 'dummy'
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = 'simple'
c.SimpleLocalProcessSpawner.home_dir_template = '{work}/home/{{username}}'
c.Spawner.cmd = [{os.path.join(VENV_BIN, "jupyterhub-singleuser")!r}]
c.Spawner.args = ['--allow-root'] if {os.geteuid() == 0} else []
c.Spawner.default_url = '/lab'
c.Spawner.start_timeout = {timeout}
c.Spawner.http_timeout = {timeout}
c.Spawner.env_keep = ['PATH', 'LANG', 'JAVA_HOME']
c.JupyterHub.concurrent_spawn_limit = {max(100, users)}
c.JupyterHub.services = [{{'name': 'classroom-bench', 'api_token': '{self.token}'}}]
c.JupyterHub.load_roles = [{{'name': 'classroom-bench', 'services': ['classroom-bench'],
    'scopes': ['admin:users', 'admin:servers', 'access:servers', 'list:users', 'read:users']}}]
""")
        self.log = open(os.path.join(work, "jupyterhub.log"), "w")
        self.proc = subprocess.Popen([os.path.join(VENV_BIN, "jupyterhub"), "-f", config], cwd=work,
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("jupyterhub exited; see " + self.log.name)
            try:
                http("GET", self.base + "/hub/api/", self.token, timeout=5)
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("jupyterhub did not start in %ss; see %s" % (timeout, self.log.name))

    def spawn(self, name, timeout):
        http("POST", self.base + "/hub/api/users/" + name, self.token)
        http("POST", self.base + "/hub/api/users/%s/server" % name, self.token, {})
        deadline = time.time() + timeout
        while time.time() < deadline:
            user = http("GET", self.base + "/hub/api/users/" + name, self.token)
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        raise RuntimeError("the server of %s was not ready in %ss" % (name, timeout))

    def processes(self):
        try:
            hub = psutil.Process(self.proc.pid)
            return [hub] + hub.children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        for p in self.processes():
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        self.log.close()


def message(msg_type, content, session):
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session, "username": "student",
                       "version": "5.3", "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell", "buffers": []}


class Student(threading.Thread):
    """Opens the notebook (a session with a jgrad kernel) and runs every cell in order, waiting for each reply."""

    def __init__(self, hub, name, notebook, kernel, cells, start, timeout):
        super().__init__(daemon=True)
        self.hub, self.name, self.notebook, self.kernel = hub, name, notebook, kernel
        self.cells, self.start_event, self.timeout = cells, start, timeout
        self.error = None
        self.finished = None
        self.kernel_pid = None

    def run(self):
        try:
            base = self.hub.base + "/user/" + self.name
            s = http("POST", base + "/api/sessions", self.hub.token,
                     {"path": self.notebook, "type": "notebook", "name": self.notebook, "kernel": {"name": self.kernel}})
            ws = websocket.create_connection(
                base.replace("http://", "ws://") + "/api/kernels/%s/channels" % s["kernel"]["id"],
                header=["Authorization: token " + self.hub.token], timeout=self.timeout)
            session = uuid.uuid4().hex
            self.start_event.wait()
            deadline = time.time() + self.timeout
            for i, source in enumerate(self.cells):
                request = message("execute_request", {"code": source, "silent": False, "store_history": True,
                                                      "user_expressions": {}, "allow_stdin": False,
                                                      "stop_on_error": True}, session)
                ws.send(json.dumps(request))
                while True:
                    ws.settimeout(max(1, deadline - time.time()))
                    reply = json.loads(ws.recv())
                    if reply.get("parent_header", {}).get("msg_id") != request["header"]["msg_id"]:
                        continue
                    if reply["msg_type"] == "execute_reply":
                        if reply["content"]["status"] != "ok":
                            raise RuntimeError("cell %d: %s %s" % (i, reply["content"].get("ename"),
                                                                   reply["content"].get("evalue")))
                        break
            self.finished = time.time()
            ws.close()
        except Exception as e:   # a failure of this student, reported in the count
            self.error = "%s: %s" % (self.name, e)


def kernel_processes(hub):
    return [p for p in hub.processes() if "org.jgrad.kernel" in " ".join(p.cmdline())]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("users", type=int)
    ap.add_argument("--notebook", default=os.path.join(ROOT, "notebooks", "01-computational-graphs.ipynb"))
    ap.add_argument("--kernel", default="jgrad-classroom")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--keep", action="store_true", help="keep the hub's directory (logs) afterwards")
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="jgrad-classroom-")
    names = ["student%02d" % i for i in range(1, a.users + 1)]
    for name in names:
        home = os.path.join(work, "home", name)
        os.makedirs(home)
        shutil.copy(a.notebook, os.path.join(home, os.path.basename(a.notebook)))
        shutil.copytree(os.path.join(ROOT, "notebooks", "_jgrad"), os.path.join(home, "_jgrad"), dirs_exist_ok=True) \
            if os.path.isdir(os.path.join(ROOT, "notebooks", "_jgrad")) else None
    hub = Hub(work, a.kernel, a.users, a.timeout)
    failures = []
    try:
        spawners = [threading.Thread(target=lambda n=n: failures.append(n) if not try_spawn(hub, n, a.timeout) else None)
                    for n in names]
        for t in spawners:
            t.start()
        for t in spawners:
            t.join()
        ready = [n for n in names if n not in failures]
        go = threading.Event()
        cells = code_cells(a.notebook)
        students = [Student(hub, n, os.path.basename(a.notebook), a.kernel, cells, go, a.timeout) for n in ready]
        for s in students:
            s.start()
        time.sleep(2)          # every student has opened the notebook and its kernel is starting
        started = time.time()
        go.set()
        for s in students:
            s.join(a.timeout + 30)
        ends = [s.finished for s in students if s.finished]
        seconds = (max(ends) - started) if ends else float("nan")
        errors = [s.error for s in students if s.error] + ["%s: server did not start" % n for n in failures]
        kernels = kernel_processes(hub)
        kernel_rss = [p.memory_info().rss for p in kernels]
        # unique set size: what one more kernel really costs, pages shared with the others
        # (the class-data-sharing archive, the JDK's mapped files) not counted
        kernel_uss = [p.memory_full_info().uss for p in kernels]
        total = sum(p.memory_info().rss for p in hub.processes())
        for e in errors:
            print("classroom: " + e, file=sys.stderr)
        mean = lambda xs: (sum(xs) / len(xs) / 2**20) if xs else float("nan")
        print("classroom seconds=%.1f users=%d failures=%d kernel_rss_mb=%.0f total_rss_mb=%.0f kernel_uss_mb=%.0f"
              " kernels=%d cells=%d" % (seconds, a.users, len(errors), mean(kernel_rss), total / 2**20, mean(kernel_uss),
                                        len(kernels), len(cells)))
        return 1 if errors else 0
    finally:
        hub.stop()
        if a.keep:
            print("classroom: hub directory kept at " + work, file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def try_spawn(hub, name, timeout):
    try:
        hub.spawn(name, timeout)
        return True
    except Exception as e:
        print("classroom: %s: %s" % (name, e), file=sys.stderr)
        return False


if __name__ == "__main__":
    sys.exit(main())
