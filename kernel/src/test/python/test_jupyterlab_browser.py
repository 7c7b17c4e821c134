"""A student's hour in a real JupyterLab 4, driven in headless Chromium with Selenium.

The test starts the pinned JupyterLab (the project's .venv) on a temporary copy of notebooks/
(with plotly.js in _jgrad/, as ./course install puts it) and the jgrad kernel installed into a
private prefix, then does what a student does, through the page only (menus, toolbar, keys):

 1. opens a lecture notebook, clears it, Run → Run All Cells: every code cell gets an
    execution count and no cell shows an error;
 2. every figure is interactive (plotly.js drew it) and hovering a point shows its value;
 3. a progress bar advances live while its cell runs (sampled in the page);
 4. draw(y) shows the computational graph (an SVG with the nodes' labels);
 5. Tab after `Tensor.` pops up the completer with `zeros`;
 6. Shift-Tab in `Tensor.zeros(` shows the signature in the tooltip;
 7. a compile error shows its line and a caret;
 8. the toolbar's ■ stops `while (true) {}` and the next cell runs;
 9. Kernel → Restart Kernel… gives a fresh kernel: earlier variables are gone.
Also an unrun committed notebook is opened trusted and untrusted and captured (no assertion).

Configuration comes from the environment (run.sh sets it):
  JGRAD_LAUNCHER     command that starts jgrad's launcher, e.g. "java -cp ... org.jgrad.kernel.Launcher"
  JGRAD_PLOTLY       path of plotly.min.js
  JGRAD_SCREENSHOTS  a directory to keep screenshots in (optional): jupyterlab-*.png
  JGRAD_JUPYTER      the jupyter command (default: jupyter next to this python, else on PATH)
Without Chromium, chromedriver, JupyterLab, selenium or plotly.js the test is skipped with the
reason, unless CI=true, where it fails.
"""
import glob
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

try:
    from selenium import webdriver
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:          # reported (skip, or fail under CI) by missing_tools()
    webdriver = None

CI = os.environ.get("CI") == "true"
HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", "notebooks"))
WAIT = 120          # seconds: generous, for a slow machine shared with other builds
WINDOW = (1280, 800)


def jupyter_command():
    if os.environ.get("JGRAD_JUPYTER"):
        return os.environ["JGRAD_JUPYTER"]
    beside = os.path.join(os.path.dirname(sys.executable), "jupyter")
    return beside if os.access(beside, os.X_OK) else shutil.which("jupyter")


def missing_tools():
    missing = []
    for tool in ("chromium", "chromedriver"):
        if shutil.which(tool) is None:
            missing.append(tool)
    jupyter = jupyter_command()
    if not jupyter or subprocess.run([jupyter, "lab", "--version"], capture_output=True).returncode != 0:
        missing.append("JupyterLab (./course venv)")
    if webdriver is None:
        missing.append("python module selenium")
    if not os.environ.get("JGRAD_LAUNCHER"):
        missing.append("JGRAD_LAUNCHER")
    if not os.path.isfile(os.environ.get("JGRAD_PLOTLY", "")):
        missing.append("plotly.js (npm pack plotly.js-dist-min)")
    return missing


MISSING = missing_tools()
if MISSING and CI:
    raise SystemExit(f"CI=true but the JupyterLab browser test cannot run, missing: {', '.join(MISSING)}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(message):
    print(f"  [lab {time.strftime('%H:%M:%S')}] {message}", flush=True)


# The page's state, read in one round trip each.
JS_CELLS = """
var panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
if (!panel) { return null; }
return Array.from(panel.querySelectorAll('.jp-Notebook .jp-Cell')).map(function (c) {
  var prompt = c.querySelector('.jp-InputArea-prompt');
  return {code: c.classList.contains('jp-CodeCell'), prompt: prompt ? prompt.textContent.trim() : '',
          text: c.querySelector('.jp-OutputArea') ? c.querySelector('.jp-OutputArea').innerText : ''};
});
"""
# the outputs that are pictures but not figures: PNG images, or the inline SVG of a graph
JS_GRAPHS = """
var panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
return Array.from(panel.querySelectorAll(
  '.jp-OutputArea-output[data-mime-type="image/png"] img, .jp-OutputArea .jgrad-graph svg'));
"""
# how much of a picture is drawn (not near-white), and the fraction of a progress bar's track that is
# filled (#1f77b4 over #1f77b4 + #e8e8e8 on the row through the bar's middle), read from its pixels
JS_PIXELS = """
var img = arguments[0], done = arguments[arguments.length - 1];
function measure(im) {
  var c = document.createElement('canvas'); c.width = im.naturalWidth; c.height = im.naturalHeight;
  var g = c.getContext('2d'); g.drawImage(im, 0, 0);
  var d = g.getImageData(0, 0, c.width, c.height).data, drawn = 0;
  for (var i = 0; i < d.length; i += 4) { if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) drawn++; }
  var row = Math.floor(c.height / 2), blue = 0, track = 0;
  for (var x = 0; x < c.width; x++) {
    var k = (row * c.width + x) * 4, r = d[k], gr = d[k + 1], b = d[k + 2];
    if (Math.abs(r - 0x1f) < 40 && Math.abs(gr - 0x77) < 40 && Math.abs(b - 0xb4) < 40) blue++;
    else if (Math.abs(r - 0xe8) < 12 && Math.abs(gr - 0xe8) < 12 && Math.abs(b - 0xe8) < 12) track++;
  }
  return {width: c.width, height: c.height, drawn: drawn / Math.max(1, c.width * c.height),
          filled: blue + track ? blue / (blue + track) : null};
}
var im = typeof img === 'string' ? new Image() : img;
if (typeof img === 'string') { im.onload = function () { done(measure(im)); }; im.onerror = function () { done(null); }; im.src = img; }
else if (im.complete) { done(measure(im)); } else { im.onload = function () { done(measure(im)); }; }
"""

# the kernel's status as the status bar shows it ("Java (jgrad) | Idle"): idle only once connected
JS_STATUS = """
var bar = document.querySelector('#jp-main-statusbar');
var m = bar && bar.innerText.match(/\\(jgrad\\)\\s*\\|\\s*(\\w+)/);
return m ? m[1].toLowerCase() : null;
"""


@unittest.skipIf(MISSING, f"JupyterLab browser test skipped, missing: {', '.join(MISSING)}")
class JupyterLabStudentTest(unittest.TestCase):
    """One JupyterLab server and one browser for all steps; the steps run in their numbered order."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="jgrad-lab-")
        cls.server = cls.server_log = cls.driver = None
        try:
            cls.start()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def start(cls):
        root = os.path.join(cls.tmp, "root")
        os.makedirs(os.path.join(root, "_jgrad"))
        for nb in glob.glob(os.path.join(NOTEBOOKS, "*.ipynb")):
            shutil.copy(nb, root)
        shutil.copy(os.environ["JGRAD_PLOTLY"], os.path.join(root, "_jgrad", "plotly.min.js"))
        # the unrun views: one copy trusted by this server's notary, one not
        first = os.path.join(NOTEBOOKS, "01-computational-graphs.ipynb")
        shutil.copy(first, os.path.join(root, "unrun-trusted.ipynb"))
        with open(first) as f:
            untrusted = json.load(f)
        # not the same content as the trusted copy: the notary trusts a signature, not a file name
        untrusted["metadata"]["jgrad_test"] = "untrusted copy"
        with open(os.path.join(root, "unrun-untrusted.ipynb"), "w") as f:
            json.dump(untrusted, f, indent=1)
        with open(os.path.join(root, "scratch.ipynb"), "w") as f:
            json.dump({"nbformat": 4, "nbformat_minor": 5,
                       "metadata": {"kernelspec": {"name": "jgrad", "display_name": "Java (jgrad)", "language": "java"},
                                    "language_info": {"name": "java"}},
                       "cells": [{"cell_type": "code", "id": "first", "metadata": {}, "source": "",
                                  "outputs": [], "execution_count": None}]}, f)
        prefix = os.path.join(cls.tmp, "prefix")
        subprocess.run(shlex.split(os.environ["JGRAD_LAUNCHER"]) + ["install", "--prefix", prefix, "--name", "jgrad", "--no-cds"],
                       check=True, capture_output=True, timeout=300)
        settings = os.path.join(cls.tmp, "settings")
        os.makedirs(os.path.join(settings, "@jupyterlab", "apputils-extension"))
        with open(os.path.join(settings, "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings"), "w") as f:
            json.dump({"fetchNews": "false", "checkForUpdates": False}, f)   # no news toast over the notebook
        env = dict(os.environ, JUPYTER_PATH=os.path.join(prefix, "share", "jupyter"),
                   JUPYTER_CONFIG_DIR=os.path.join(cls.tmp, "config"), JUPYTER_DATA_DIR=os.path.join(cls.tmp, "data"),
                   JUPYTER_RUNTIME_DIR=os.path.join(cls.tmp, "runtime"), JUPYTERLAB_SETTINGS_DIR=settings,
                   JUPYTERLAB_WORKSPACES_DIR=os.path.join(cls.tmp, "workspaces"))
        jupyter = jupyter_command()
        subprocess.run([jupyter, "trust", os.path.join(root, "unrun-trusted.ipynb")], env=env, check=True,
                       capture_output=True, timeout=120)
        port = free_port()
        cls.base = f"http://127.0.0.1:{port}"
        cls.server_log = open(os.path.join(cls.tmp, "server.log"), "w+")
        cls.server = subprocess.Popen(
            [jupyter, "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1", "--ServerApp.token=",
             "--ServerApp.password=", f"--ServerApp.root_dir={root}", "--allow-root"],
            env=env, stdout=cls.server_log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + WAIT
        while True:
            try:
                urllib.request.urlopen(cls.base + "/api/status", timeout=5).read()
                break
            except OSError:
                if time.time() > deadline or cls.server.poll() is not None:
                    raise AssertionError("JupyterLab did not start:\n" + cls.server_output())
                time.sleep(0.5)
        cls.driver = cls.chrome()

    @classmethod
    def chrome(cls):
        options = webdriver.ChromeOptions()
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--hide-scrollbars", f"--window-size={WINDOW[0]},{WINDOW[1]}"):
            options.add_argument(flag)
        options.binary_location = shutil.which("chromium")
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        driver.set_script_timeout(WAIT)
        # the page itself (what a screenshot shows) is 1280×800, whatever the window's frame takes
        inner = driver.execute_script("return [window.innerWidth, window.innerHeight];")
        size = driver.get_window_size()
        driver.set_window_size(size["width"] + WINDOW[0] - inner[0], size["height"] + WINDOW[1] - inner[1])
        return driver

    @classmethod
    def tearDownClass(cls):
        if cls.driver:
            cls.driver.quit()
        if cls.server and cls.server.poll() is None:
            # SIGTERM: the server shuts its kernels down (each runs in a process group of its own)
            os.killpg(cls.server.pid, signal.SIGTERM)
            try:
                cls.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(cls.server.pid, signal.SIGKILL)
                cls.server.wait(timeout=30)
        if cls.server_log:
            cls.server_log.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def server_output(cls):
        cls.server_log.flush()
        cls.server_log.seek(0)
        return cls.server_log.read()[-4000:]

    def setUp(self):
        self.started = time.time()

    def tearDown(self):
        log(f"{self.id().split('.')[-1]}: {time.time() - self.started:.1f} s")

    # ------------------------------------------------------------------ helpers

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def wait(self, condition, what, timeout=WAIT):
        try:
            # a cell re-rendered between two looks is looked at again
            return WebDriverWait(self.driver, timeout, poll_frequency=0.2,
                                 ignored_exceptions=(StaleElementReferenceException, NoSuchElementException, IndexError)
                                 ).until(lambda d: condition())
        except TimeoutException:
            self.screenshot("failed-" + re.sub(r"\W+", "-", what)[:40])
            raise AssertionError(f"timed out after {timeout} s waiting for: {what}\n"
                                 f"cells: {self.js(JS_CELLS)}\nserver:\n{self.server_output()}") from None

    def settle(self, condition, timeout):
        """Waits up to `timeout` s for `condition` without failing: True if it held."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if condition():
                return True
            time.sleep(0.2)
        return False

    def screenshot(self, name):
        target = os.environ.get("JGRAD_SCREENSHOTS")
        if target:
            os.makedirs(target, exist_ok=True)
            self.driver.save_screenshot(os.path.join(target, f"jupyterlab-{name}.png"))

    def cells(self):
        return self.js(JS_CELLS) or []

    def open_notebook(self, name, kernel=True):
        """Opens a notebook alone (a fresh workspace), the file browser collapsed; waits for its kernel."""
        if self.driver.current_url.startswith(f"{self.base}/lab/tree/{name}") and self.cells():
            return                 # already open (the scratch notebook keeps its cells between steps)
        if self.driver.current_url.startswith(self.base):
            # leaving a notebook with unsaved outputs: no "leave the page?" prompt (capture listeners run first)
            self.js("window.addEventListener('beforeunload', function (e) { e.stopImmediatePropagation(); }, true);")
        self.driver.get(f"{self.base}/lab/tree/{name}?reset")
        self.wait(lambda: len(self.cells()) > 0, f"{name} open")
        # more room for the notebook: collapse the left sidebar (click its open tab)
        tabs = self.driver.find_elements(By.CSS_SELECTOR, ".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if tabs:
            tabs[0].click()
        if kernel:
            self.wait(lambda: self.js(JS_STATUS) == "idle", f"{name}: kernel idle")

    def menu(self, menu, command):
        """Clicks a menu of the menu bar, then the item running `command`."""
        labels = self.driver.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-item")
        item = next(e for e in labels if e.text.strip() == menu)
        item.click()
        selector = f'.lm-Menu .lm-Menu-item[data-command="{command}"]'
        self.wait(lambda: self.driver.find_elements(By.CSS_SELECTOR, selector), f"menu {menu} → {command}")
        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def toolbar(self, item_name):
        self.driver.find_element(
            By.CSS_SELECTOR, f'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar-item[data-jp-item-name="{item_name}"]'
            ' .jp-ToolbarButtonComponent').click()

    def editor(self, index):
        cells = self.driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")
        return cells[index].find_element(By.CSS_SELECTOR, ".cm-content")

    def new_cell(self, code):
        """Types `code` into a new cell at the end (the toolbar's +) and returns its index; not run."""
        n = len(self.cells())
        last = self.cells()[-1]
        if last["code"] and last["prompt"] in ("", "[ ]:") and not last["text"] and not self.editor(n - 1).text.strip():
            index = n - 1          # an empty cell is waiting at the end (after Shift-Enter): use it
        else:
            self.editor(n - 1).click()
            self.toolbar("insert")
            self.wait(lambda: len(self.cells()) == n + 1, "a new cell")
            index = n
        self.editor(index).click()
        ActionChains(self.driver).send_keys(code).perform()
        self.wait(lambda: self.editor(index).text.replace("\u200b", "") == code,
                  f"cell {index} shows what was typed: {code!r} (has {self.editor(index).text!r})", timeout=30)
        return index

    def run_cell(self, index):
        """Shift-Enter in cell `index`."""
        self.editor(index).click()
        ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()

    def finished(self, index):
        return re.fullmatch(r"\[\d+\]:", self.cells()[index]["prompt"]) is not None

    def run_and_wait(self, code):
        index = self.new_cell(code)
        self.run_cell(index)
        self.wait(lambda: self.finished(index), f"cell {index} ran: {code!r}")
        return index, self.cells()[index]

    def scroll_to(self, element):
        self.js("arguments[0].scrollIntoView({block: 'center'});", element)

    def run_all(self, name):
        """Step 1: Edit → Clear Outputs of All Cells, Run → Run All Cells; every code cell gets a count."""
        self.open_notebook(name)
        self.menu("Edit", "editmenu:clear-all")
        self.wait(lambda: all(c["prompt"] in ("", "[ ]:") for c in self.cells() if c["code"]), f"{name} cleared")
        started = time.time()
        self.menu("Run", "runmenu:run-all")
        self.wait(lambda: all(re.fullmatch(r"\[\d+\]:", c["prompt"]) for c in self.cells() if c["code"])
                  and self.js(JS_STATUS) == "idle", f"{name}: every code cell has an execution count")
        log(f"{name}: Run All took {time.time() - started:.1f} s")
        cells = self.cells()
        errors = self.js("""return Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) '
            + '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')).map(e => e.innerText);""")
        self.assertEqual([], errors, f"{name}: no cell shows an error")
        counts = [int(c["prompt"][1:-2]) for c in cells if c["code"]]
        self.assertEqual(list(range(1, len(counts) + 1)), counts, f"{name}: cells ran in order, each once")

    def check_figures_interactive(self, name):
        """Step 2: each figure output became a plotly.js plot; hovering a point shows its value."""
        figures = self.driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea .jgrad-figure")
        # every picture the committed lecture carries (image/png) is on the page: a figure (HTML that
        # plotly.js takes over) or a graph (a PNG, or inline SVG where the kernel cannot rasterize)
        with open(os.path.join(NOTEBOOKS, name)) as f:
            committed = sum(1 for cell in json.load(f)["cells"] for out in cell.get("outputs", [])
                            if "image/png" in out.get("data", {}))
        graphs = self.js(JS_GRAPHS)
        self.assertGreater(len(figures), 0, f"{name} has figures")
        self.assertEqual(committed, len(figures) + len(graphs),
                         f"{name}: every picture of the lecture is shown ({len(figures)} figures, {len(graphs)} graphs)")
        self.wait(lambda: all(f.find_elements(By.CSS_SELECTOR, ".main-svg") for f in figures)
                  and len(self.driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jgrad-figure.js-plotly-plot .plot-container")) == len(figures),
                  f"{name}: all {len(figures)} figures drawn by plotly.js")
        for i, figure in enumerate(figures):
            # up to three tries: a figure whose script moves its legend or resizes after the first
            # draw (08's contours) can shift under the pointer while the machine is busy
            label = None
            for attempt in range(3):
                self.scroll_to(figure)
                # where the first trace's points are in the viewport (plotly's own axes, from the plot's top-left corner)
                points = self.js("""
                    var gd = arguments[0], full = gd._fullData[0], xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
                    var rect = gd.querySelector('.main-svg').getBoundingClientRect(), out = [];
                    var n = (full.x || []).length, step = Math.max(1, Math.floor(n / 12));
                    for (var k = Math.floor(step / 2); k < n; k += step) {
                      var y = full.y ? full.y[k] : null;
                      if (full.type === 'contour' || full.type === 'heatmap') { y = full.y[Math.floor(full.y.length / 2)]; }
                      if (y == null) continue;
                      var px = rect.left + xa._offset + xa.d2p(full.x[k]), py = rect.top + ya._offset + ya.d2p(y);
                      if (px > 0 && py > 0 && px < window.innerWidth && py < window.innerHeight) out.push([px, py]);
                    }
                    return out;""", figure)
                self.assertTrue(points, f"{name} figure {i}: points to hover")
                label = None
                for x, y in points:
                    mouse = ActionBuilder(self.driver)
                    mouse.pointer_action.move_to_location(int(x), int(y))
                    mouse.perform()
                    if self.settle(lambda: self.js("return !!arguments[0].querySelector('.hoverlayer .hovertext');", figure), 5):
                        label = self.js("return arguments[0].querySelector('.hoverlayer .hovertext').textContent;", figure)
                        break
                if label is not None:
                    break
            self.assertIsNotNone(label, f"{name} figure {i}: hovering its points shows a label")
            self.assertRegex(label, r"\d", f"{name} figure {i}: the hover label has a value")
            log(f"{name} figure {i}: hover label {label!r}")
            if i == 0:
                self.screenshot(f"2-interactive-{name[:2]}")

    # ------------------------------------------------------------------ the steps

    def test_1_lecture_01_run_all_figures_and_graph(self):
        """Steps 1, 2 and 4 on lecture 1: Run All, the interactive figure, the computational graphs."""
        name = "01-computational-graphs.ipynb"
        self.run_all(name)
        self.js("document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer').scrollTop = 0;")
        self.screenshot("1-run-all")
        # 4: draw(y): the graph is a drawn picture (a PNG; inline SVG with node texts where the kernel cannot rasterize)
        graphs = self.js(JS_GRAPHS)
        self.assertGreaterEqual(len(graphs), 3, "the lecture's three draw(...) cells show graphs")
        self.scroll_to(graphs[0])
        self.assertGreater(graphs[0].size["width"], 200, "the graph is drawn at a readable size")
        if graphs[0].tag_name == "img":
            pixels = self.driver.execute_async_script(JS_PIXELS, graphs[0])
            log(f"graph picture: {pixels}")
            self.assertGreater(pixels["width"], 200, "the graph's PNG has a readable size")
            self.assertGreater(pixels["drawn"], 0.02, "the graph's PNG is drawn (not blank)")
        else:
            texts = self.js("return Array.from(arguments[0].querySelectorAll('text')).map(t => t.textContent);", graphs[0])
            words = set(w for t in texts for w in re.findall(r"[A-Za-z]\w*", t))
            self.assertTrue({"a", "b", "c", "g", "e", "f", "y"} <= words, f"node labels in the graph: {texts}")
            self.assertTrue(any("grad" in t for t in texts), f"gradients shown on the nodes: {texts}")
        self.screenshot("4-graph")
        self.check_figures_interactive(name)

    def test_2_lecture_08_run_all_figures(self):
        """Steps 1 and 2 on chapter 8: Run All, the contour with optimizer paths and the loss curves."""
        name = "08-optimizers.ipynb"
        self.run_all(name)
        self.check_figures_interactive(name)

    def test_3_progress_bar_advances_live(self):
        self.open_notebook("scratch.ipynb")
        code = "var bar = progress(20); for (int i = 0; i < 20; i++) { Thread.sleep(150); bar.step(1.0 / (i + 1)); }"
        index = self.new_cell(code)
        cell = self.driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")[index]
        # sample the bar in the page every 20 ms while the cell runs (the output is replaced on each
        # redraw): each new picture (a PNG's data, or an HTML <progress>'s value) and the prompt then
        self.js("""
            var cell = arguments[0]; window.jgradSeen = []; var last = null;
            function key() {
              var p = cell.querySelector('.jp-OutputArea progress');
              if (p) return 'progress:' + p.value / p.max;
              var img = cell.querySelector('.jp-OutputArea-output[data-mime-type="image/png"] img');
              return img ? img.src : null;
            }
            window.jgradKey = key;
            window.jgradSampler = setInterval(function () {
              var k = key();
              if (k && k !== last) {
                last = k;
                window.jgradSeen.push([k, cell.querySelector('.jp-InputArea-prompt').textContent.trim()]);
              }
            }, 20);""", cell)
        shot = []

        def mid_run_screenshot():
            if not shot and self.js("return window.jgradSeen.length;") >= 6 and not self.finished(index):
                self.screenshot("3-progress")
                shot.append(True)
            return self.finished(index)
        self.run_cell(index)
        self.wait(mid_run_screenshot, "the progress cell finished")
        seen = self.js("clearInterval(window.jgradSampler); return window.jgradSeen;")
        final = self.js("return window.jgradKey();")

        def filled(key):
            if key.startswith("progress:"):
                return float(key[len("progress:"):])
            return self.driver.execute_async_script(JS_PIXELS, key)["filled"]
        running = [round(filled(k), 3) for k, prompt in seen if prompt == "[*]:"]
        changes = sum(1 for a, b in zip(running, running[1:]) if a != b)
        log(f"progress: {len(seen)} pictures, filled while running {running}, {changes} changes")
        self.assertGreaterEqual(changes, 2, f"the bar advances while the cell runs: {running}")
        self.assertEqual(sorted(running), running, "the bar only grows")
        end = round(filled(final), 3)   # from pixels: the rounded, antialiased ends count for a few %
        self.assertGreaterEqual(end, max(running), "the bar ends where it got to, or further")
        self.assertGreaterEqual(end, 0.9, "the bar ends full")
        if not shot:
            self.screenshot("3-progress")

    def test_5_tab_completion(self):
        self.open_notebook("scratch.ipynb")
        self.new_cell("Tensor.")
        ActionChains(self.driver).send_keys(Keys.TAB).perform()
        items = lambda: [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, ".jp-Completer:not(.lm-mod-hidden) .jp-Completer-item")]
        self.wait(lambda: any(re.match(r"zeros\b", t) for t in items()), "the completer shows Tensor.zeros")
        log(f"completer: {len(items())} items, e.g. {items()[:8]}")
        self.screenshot("5-completion")
        ActionChains(self.driver).send_keys(Keys.ESCAPE).perform()
        self.wait(lambda: not self.driver.find_elements(By.CSS_SELECTOR, ".jp-Completer:not(.lm-mod-hidden)"), "the completer closed")

    def test_6_shift_tab_shows_the_signature(self):
        self.open_notebook("scratch.ipynb")
        self.new_cell("Tensor.zeros(")
        ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        tip = lambda: " ".join(e.text for e in self.driver.find_elements(By.CSS_SELECTOR, ".jp-Tooltip"))
        self.wait(lambda: "zeros(" in tip(), "the tooltip shows Tensor.zeros's signature")
        log(f"tooltip: {tip()!r}")
        self.assertRegex(tip(), r"Tensor\s.*zeros\(", "the signature names the return type and the method")
        self.screenshot("6-inspect")
        ActionChains(self.driver).send_keys(Keys.ESCAPE).perform()

    def test_6b_question_mark_shows_the_documentation(self):
        # JupyterLab shows the execute_reply's "page" payload under the cell, as for IPython's `len?`
        self.open_notebook("scratch.ipynb")
        index, cell = self.run_and_wait("Tensor.matmul?")
        log(f"help output: {cell['text'][:160]!r}")
        self.assertIn("The matrix product of two 2-D tensors", cell["text"])
        self.screenshot("6b-help")

    def test_7_compile_error_shows_line_and_caret(self):
        self.open_notebook("scratch.ipynb")
        index, cell = self.run_and_wait('int x = "a";')
        log(f"error output: {cell['text']!r}")
        self.assertIn("line 1", cell["text"])
        self.assertRegex(cell["text"], r"(?m)^\s*\^", "a caret under the error")
        self.assertIn("incompatible types", cell["text"])
        self.screenshot("7-error")

    def test_8_interrupt_stops_an_endless_loop(self):
        self.open_notebook("scratch.ipynb")
        index = self.new_cell('System.out.println("looping"); while (true) {}')
        self.run_cell(index)
        # interrupt once the loop runs (its first line printed), as a student would
        self.wait(lambda: "looping" in self.cells()[index]["text"] and self.js(JS_STATUS) == "busy", "the loop runs")
        self.assertFalse(self.finished(index))
        self.toolbar("interrupt")
        interrupted = time.time()
        self.wait(lambda: self.finished(index), "the interrupted cell ended")
        log(f"interrupt: the loop stopped {time.time() - interrupted:.1f} s after the click; output {self.cells()[index]['text']!r}")
        self.wait(lambda: self.js(JS_STATUS) == "idle", "the kernel idle after the interrupt")
        after, cell = self.run_and_wait('System.out.println("after interrupt " + (6 * 7))')
        self.assertIn("after interrupt 42", cell["text"])
        self.screenshot("8-interrupt")

    def test_9_restart_forgets_variables(self):
        self.open_notebook("scratch.ipynb")
        index, cell = self.run_and_wait('String kept = "before restart"; System.out.println(kept)')
        self.assertIn("before restart", cell["text"])
        self.menu("Kernel", "kernelmenu:restart")
        self.wait(lambda: self.driver.find_elements(By.CSS_SELECTOR, ".jp-Dialog .jp-mod-accept"), "the restart dialog")
        self.driver.find_element(By.CSS_SELECTOR, ".jp-Dialog .jp-mod-accept").click()
        self.wait(lambda: not self.driver.find_elements(By.CSS_SELECTOR, ".jp-Dialog"), "the dialog closed")
        self.wait(lambda: self.js(JS_STATUS) == "idle", "the restarted kernel idle")
        gone, cell = self.run_and_wait("System.out.println(kept)")
        log(f"after restart: {cell['prompt']} {cell['text']!r}")
        self.assertEqual("[1]:", cell["prompt"], "a fresh kernel counts from 1 again")
        self.assertIn("cannot find symbol", cell["text"], "the variable is gone")
        fresh, cell = self.run_and_wait('System.out.println("fresh kernel")')
        self.assertIn("fresh kernel", cell["text"])
        self.screenshot("9-restart")

    def committed_pictures(self, name):
        with open(os.path.join(NOTEBOOKS, name)) as f:
            return sum(1 for c in json.load(f)["cells"] for o in c.get("outputs", []) if "image/png" in o.get("data", {}))

    def assert_pictures_drawn(self, label, expected):
        """Every committed picture is on the page as a decoded image, and no figure's text is loose."""
        images = self.js("""var p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)') || document;
            return Array.from(p.querySelectorAll('.jp-OutputArea img'))
                .filter(i => i.complete && i.naturalWidth > 0).length;""")
        self.assertGreaterEqual(images, expected, f"{label}: every committed picture drawn")
        text = self.js("return document.body.innerText;")
        self.assertNotIn("grad 7.0000", text, f"{label}: a graph's labels as loose text")

    def test_notebook_7_shows_pictures_unrun_and_interactive_plots_after_run_all(self):
        """Notebook 7 (the same server, its own front end): the unrun, untrusted notebook shows every
        picture; after Run → Run All Cells every figure is an interactive plotly plot."""
        name = "unrun-untrusted.ipynb"
        if self.driver.current_url.startswith(self.base):
            self.js("window.addEventListener('beforeunload', function (e) { e.stopImmediatePropagation(); }, true);")
        self.driver.get(f"{self.base}/notebooks/{name}")
        expected = self.committed_pictures("01-computational-graphs.ipynb")
        self.wait(lambda: self.js("return Array.from(document.querySelectorAll('.jp-OutputArea img'))"
                                  ".filter(i => i.complete && i.naturalWidth > 0).length;") >= expected,
                  "Notebook 7: the committed pictures shown")
        self.assert_pictures_drawn("Notebook 7, unrun", expected)
        self.screenshot("notebook7-unrun")
        # Notebook 7 shows the kernel's state its own way: ask the server
        def kernels_idle():
            with urllib.request.urlopen(self.base + "/api/kernels", timeout=5) as r:
                kernels = json.load(r)
            return bool(kernels) and all(k["execution_state"] == "idle" for k in kernels)
        self.wait(kernels_idle, "Notebook 7: kernel idle")
        # Notebook 7's menu item runs another command id than JupyterLab's: pick it by its label
        next(e for e in self.driver.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-item") if e.text.strip() == "Run").click()
        label = ".lm-Menu .lm-Menu-item .lm-Menu-itemLabel"
        self.wait(lambda: any(e.text.strip() == "Run All Cells" for e in self.driver.find_elements(By.CSS_SELECTOR, label)),
                  "Notebook 7: Run → Run All Cells")
        next(e for e in self.driver.find_elements(By.CSS_SELECTOR, label) if e.text.strip() == "Run All Cells").click()
        self.wait(lambda: self.js("""var cells = document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt');
            return cells.length > 0 && Array.from(cells).every(p => /\[\d+\]/.test(p.textContent));"""),
                  "Notebook 7: every cell run")
        self.wait(lambda: self.js("return document.querySelectorAll('.jgrad-figure').length > 0 && "
                                  "document.querySelectorAll('.jgrad-figure').length === "
                                  "document.querySelectorAll('.jgrad-figure .js-plotly-plot, .jgrad-figure.js-plotly-plot').length;"),
                  "Notebook 7: every figure interactive after Run All")
        self.screenshot("notebook7-run-all")

    def test_unrun_views_trusted_and_untrusted(self):
        """An unrun committed notebook as a student first sees it: every picture drawn, trusted or not."""
        with open(os.path.join(NOTEBOOKS, "01-computational-graphs.ipynb")) as f:
            cells = [c for c in json.load(f)["cells"] if c["cell_type"] == "code"]
        # JupyterLab shows consecutive stream outputs of one name as one
        outputs = [sum(1 for k, o in enumerate(c["outputs"])
                       if not (k > 0 and o["output_type"] == "stream" and c["outputs"][k - 1]["output_type"] == "stream"
                               and c["outputs"][k - 1].get("name") == o.get("name"))) for c in cells]
        for kind in ("trusted", "untrusted"):
            self.open_notebook(f"unrun-{kind}.ipynb", kernel=False)
            # every committed output is on the page (rendering is lazy: wait for the last cells' too)
            self.wait(lambda: self.js("""return Array.from(document.querySelectorAll(
                    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')).map(c => c.querySelectorAll('.jp-OutputArea-child').length);""")
                      == outputs, f"unrun-{kind}: the committed outputs shown")
            # let plotly.js load where the page runs the outputs' scripts (only a trusted notebook does)
            if kind == "trusted":
                self.settle(lambda: self.js("return document.querySelectorAll("
                                            "'.jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot .main-svg').length > 0;"), 30)
            seen = self.js("""var p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
                return {figures: p.querySelectorAll('.jgrad-figure').length,
                        figureSvgs: p.querySelectorAll('.jgrad-figure svg').length,
                        plotly: p.querySelectorAll('.js-plotly-plot').length,
                        graphs: p.querySelectorAll('.jgrad-graph svg').length,
                        images: p.querySelectorAll('.jp-OutputArea img').length,
                        svgOutputs: p.querySelectorAll('.jp-RenderedSVG, .jp-OutputArea-output[data-mime-type="image/svg+xml"]').length};""")
            log(f"unrun {kind}: {seen}")
            graphs = self.driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output")
            if graphs:
                self.scroll_to(graphs[0])
            self.assert_pictures_drawn(f"JupyterLab, unrun, {kind}", self.committed_pictures("01-computational-graphs.ipynb"))
            self.screenshot(f"unrun-{kind}")
            figures = self.driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jgrad-figure")
            if figures:
                self.scroll_to(figures[0])
                self.screenshot(f"unrun-{kind}-figure")


if __name__ == "__main__":
    unittest.main(verbosity=2)
