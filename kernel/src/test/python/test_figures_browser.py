"""Figures and graphs show for every kind of user: proof in a real browser.

1. Offline reader: a notebook with a line plot, a contour with an optimizer path, a
   computational graph and a progress bar is executed by jgrad's headless runner, exported with
   `jupyter nbconvert --to html`, with and without `--sanitize-html` (what static viewers do),
   opened from file:// in headless Chromium with no network, and every picture must be drawn
   (non-blank pixels inside each picture's box), with no loose label text or escaped markup.
2. Someone opens a committed notebook before running it: the classic Notebook marks it
   "Not Trusted" and sanitizes its HTML outputs; every picture must still be drawn.
3. Student: the classic Notebook server runs the jgrad kernel; after "run all" the plot
   must be interactive (plotly.js loaded from the server: a `.js-plotly-plot` element).

Configuration comes from the environment (set by the kernel module's pom.xml):
  JGRAD_LAUNCHER   command that starts jgrad's launcher, e.g. "java -cp ... org.jgrad.kernel.Launcher"
  JGRAD_PLOTLY     path of plotly.min.js (for the live notebook)
  JGRAD_SCREENSHOTS  a directory to keep screenshots in (optional)
Without Chromium, chromedriver, nbconvert or selenium the tests are skipped with the reason,
unless CI=true, where they fail.
"""
import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

CI = os.environ.get("CI") == "true"
HERE = os.path.dirname(os.path.abspath(__file__))


# Debian's classic Notebook 6 (the pinned .venv has Notebook 7, which is JupyterLab's front end)
CLASSIC_NOTEBOOK = "/usr/bin/jupyter-notebook" if os.path.exists("/usr/bin/jupyter-notebook") else "jupyter-notebook"


def nbconverts():
    """The pinned nbconvert (this Python's, 7.x) and, where installed, Debian's 6.5: (label, command)."""
    found = [("nbconvert " + __import__("nbconvert").__version__, [sys.executable, "-m", "nbconvert"])]
    if os.path.exists("/usr/bin/jupyter-nbconvert") and not sys.executable.startswith("/usr/bin/"):
        found.append(("Debian's nbconvert", ["/usr/bin/jupyter-nbconvert"]))
    return found


def missing_tools():
    missing = []
    for tool in ("chromium", "chromedriver", CLASSIC_NOTEBOOK):
        if shutil.which(tool) is None:
            missing.append(tool)
    try:
        import nbconvert  # noqa: F401
    except ImportError:
        missing.append("python module (nbconvert)")
    try:
        import selenium  # noqa: F401
        from PIL import Image  # noqa: F401
    except ImportError as e:
        missing.append(f"python module ({e.name})")
    if not os.environ.get("JGRAD_LAUNCHER"):
        missing.append("JGRAD_LAUNCHER")
    if not os.path.isfile(os.environ.get("JGRAD_PLOTLY", "")):
        missing.append("plotly.js (npm pack plotly.js-dist-min)")
    return missing


MISSING = missing_tools()
if MISSING and CI:
    raise SystemExit(f"CI=true but the browser tests cannot run, missing: {', '.join(MISSING)}")


def code_cell(source):
    return {"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}


FIGURES_NOTEBOOK = {
    "nbformat": 4, "nbformat_minor": 5,
    "metadata": {"kernelspec": {"name": "jgrad", "display_name": "Java (jgrad)", "language": "java"},
                 "language_info": {"name": "java"}},
    "cells": [
        code_cell('var xs = new double[50]; var ys = new double[50];\n'
                  'for (int i = 0; i < 50; i++) { xs[i] = i / 10.0; ys[i] = Math.sin(xs[i]); }\n'
                  'LinePlot.create("sin", "x", xs, "sin x", ys)'),
        code_cell('java.util.List<double[]> path = new java.util.ArrayList<>();\n'
                  'double px = -1.5, py = 1.5;\n'
                  'for (int k = 0; k < 30; k++) { path.add(new double[] {px, py}); px -= 0.2 * px; py -= 0.2 * 10 * py; }\n'
                  'Plots.contourWithPaths((x, y) -> x * x + 10 * y * y, -2, 2, -2, 2, java.util.Map.of("GD", path))'),
        code_cell('var a = new Value(1, "a"); var b = new Value(2, "b"); var c = new Value(3, "c");\n'
                  'var g = b.mul(2).label("g"); var y = a.add(g).mul(g.add(c)).label("y");\n'
                  'y.backward();\n'
                  'draw(y)'),
        code_cell('var bar = progress(10, "epochs");\n'
                  'for (int i = 0; i < 10; i++) bar.step(1.0 / (i + 1));'),
    ],
}

# Text that shows on the page only when a picture failed: the graph's node labels left loose after
# a sanitizer dropped the <svg> around them, or the markup of an output printed as text.
GARBLED = ("grad 24.0000", "data 35.0000", "data:image/png", "<img", "<svg", "Plotly.newPlot")


def launcher():
    return shlex.split(os.environ["JGRAD_LAUNCHER"])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chrome(headless_window="1200,1600"):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--window-size={headless_window}"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium")
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def drawn_fraction(png_bytes):
    """The fraction of pixels that are not (near) white: 0 for a blank box."""
    import io
    from PIL import Image
    img = Image.open(io.BytesIO(png_bytes)).convert("L")
    pixels = list(img.getdata())
    return sum(1 for p in pixels if p < 235) / max(1, len(pixels))


def keep_screenshot(driver, name):
    target = os.environ.get("JGRAD_SCREENSHOTS")
    if target:
        os.makedirs(target, exist_ok=True)
        driver.save_screenshot(os.path.join(target, name))


def run_figures_notebook(test, directory):
    """FIGURES_NOTEBOOK executed by jgrad's headless runner into directory; its path."""
    nb = os.path.join(directory, "figures.ipynb")
    with open(nb, "w") as f:
        json.dump(FIGURES_NOTEBOOK, f)
    run = subprocess.run(launcher() + ["run", nb], capture_output=True, text=True, timeout=300)
    test.assertEqual(0, run.returncode, run.stdout + run.stderr)
    with open(nb) as f:
        executed = json.load(f)
    for cell in executed["cells"]:
        kinds = [o["output_type"] for o in cell["outputs"]]
        test.assertFalse("error" in kinds, cell["outputs"])
        data = [o.get("data", {}) for o in cell["outputs"] if "data" in o]
        test.assertTrue(any("image/png" in d for d in data), f"no image/png in {kinds}")
    return nb


def check_pictures(test, driver, selector, count, label):
    """At least count drawn pictures match selector; no garbled text on the page."""
    from selenium.webdriver.common.by import By
    pictures = [p for p in driver.find_elements(By.CSS_SELECTOR, selector)
                if p.find_elements(By.XPATH, "ancestor::*[local-name()='svg']") == []]
    test.assertGreaterEqual(len(pictures), count, f"{label}: a line plot, a contour, a graph and a progress bar")
    for i, picture in enumerate(pictures):
        driver.execute_script("arguments[0].scrollIntoView(true);", picture)
        size = picture.size
        test.assertGreater(size["width"], 200, f"{label}: picture {i} has a size")
        test.assertGreater(size["height"], 15, f"{label}: picture {i} has a size")
        if picture.tag_name == "img":
            test.assertTrue(driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0;", picture),
                            f"{label}: image {i} decoded")
        fraction = drawn_fraction(picture.screenshot_as_png)
        test.assertGreater(fraction, 0.01, f"{label}: picture {i} is blank ({fraction:.3%} drawn)")
    text = driver.execute_script("return document.body.innerText;")
    for garbled in GARBLED:
        test.assertNotIn(garbled, text, f"{label}: loose text or markup shows instead of a picture")
    return pictures


@unittest.skipIf(MISSING, f"browser tests skipped, missing: {', '.join(MISSING)}")
class OfflineExportTest(unittest.TestCase):
    """A reader opens the exported HTML offline, sanitized or not: every picture is drawn."""

    def export_and_check(self, sanitize):
        with tempfile.TemporaryDirectory() as tmp:
            nb = run_figures_notebook(self, tmp)
            flags = ["--sanitize-html"] if sanitize else []
            for name, command in nbconverts():
                label = name + (" --sanitize-html" if sanitize else "")
                with self.subTest(label):
                    subprocess.run(command + ["--to", "html", *flags, nb], check=True, capture_output=True, timeout=300)
                    html = os.path.join(tmp, "figures.html")
                    driver = chrome()
                    try:
                        driver.get("file://" + html)
                        time.sleep(1.5)
                        check_pictures(self, driver, ".jp-OutputArea-output img, .output_area img, "
                                       ".jp-OutputArea-output svg, .output_area svg", 4, label)
                        driver.execute_script("window.scrollTo(0, 0);")
                        if command[0] == sys.executable:
                            keep_screenshot(driver, "nbconvert-sanitized.png" if sanitize else "nbconvert-offline.png")
                    finally:
                        driver.quit()

    def test_exported_html_shows_every_picture_offline(self):
        self.export_and_check(sanitize=False)

    def test_sanitized_html_shows_every_picture(self):
        self.export_and_check(sanitize=True)


def classic_notebook(root, tmp):
    """A classic Notebook server on root with the jgrad kernel installed; (process, port)."""
    prefix = os.path.join(tmp, "prefix")
    subprocess.run(launcher() + ["install", "--prefix", prefix, "--no-cds"], check=True, capture_output=True, timeout=120)
    env = dict(os.environ, JUPYTER_PATH=os.path.join(prefix, "share", "jupyter"),
               JUPYTER_CONFIG_DIR=os.path.join(tmp, "config"), JUPYTER_RUNTIME_DIR=os.path.join(tmp, "rt"),
               JUPYTER_DATA_DIR=os.path.join(tmp, "data"))
    port = free_port()
    server = subprocess.Popen(
        [CLASSIC_NOTEBOOK, "--no-browser", f"--port={port}", "--ip=127.0.0.1", "--NotebookApp.token=",
         "--NotebookApp.password=", f"--notebook-dir={root}", "--allow-root"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.5)
    return server, port


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


@unittest.skipIf(MISSING, f"browser tests skipped, missing: {', '.join(MISSING)}")
class UntrustedNotebookTest(unittest.TestCase):
    """Someone opens a committed notebook without running it: Not Trusted, and every picture shows."""

    def test_classic_notebook_shows_pictures_of_an_untrusted_notebook(self):
        from selenium.webdriver.support.ui import WebDriverWait
        with tempfile.TemporaryDirectory() as tmp:
            root = os.path.join(tmp, "root")
            os.makedirs(root)
            run_figures_notebook(self, root)
            server, port = classic_notebook(root, tmp)
            driver = None
            try:
                driver = chrome("1200,900")
                driver.get(f"http://127.0.0.1:{port}/notebooks/figures.ipynb")
                WebDriverWait(driver, 90).until(lambda d: d.execute_script(
                    "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded);"))
                self.assertFalse(driver.execute_script("return Jupyter.notebook.trusted;"),
                                 "a notebook nobody here signed opens as Not Trusted")
                time.sleep(1)
                check_pictures(self, driver, ".output_area img, .output_area svg", 4, "untrusted classic Notebook")
                driver.execute_script("window.scrollTo(0, 0);")
                keep_screenshot(driver, "notebook-untrusted.png")
            finally:
                if driver:
                    driver.quit()
                stop(server)


@unittest.skipIf(MISSING, f"browser tests skipped, missing: {', '.join(MISSING)}")
class LiveNotebookTest(unittest.TestCase):
    """A student runs a cell in the classic Notebook: the plot is interactive."""

    def test_classic_notebook_shows_an_interactive_plot(self):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        with tempfile.TemporaryDirectory() as tmp:
            root = os.path.join(tmp, "root")
            os.makedirs(os.path.join(root, "_jgrad"))
            shutil.copy(os.environ["JGRAD_PLOTLY"], os.path.join(root, "_jgrad", "plotly.min.js"))
            notebook = {**FIGURES_NOTEBOOK, "cells": FIGURES_NOTEBOOK["cells"][:1]}
            with open(os.path.join(root, "live.ipynb"), "w") as f:
                json.dump(notebook, f)
            server, port = classic_notebook(root, tmp)
            driver = None
            try:
                driver = chrome("1200,900")
                driver.get(f"http://127.0.0.1:{port}/notebooks/live.ipynb")
                WebDriverWait(driver, 90).until(lambda d: d.execute_script(
                    "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
                    " && Jupyter.notebook.kernel.is_connected());"))
                driver.execute_script("Jupyter.notebook.execute_all_cells();")
                WebDriverWait(driver, 120).until(
                    lambda d: d.find_elements(By.CSS_SELECTOR, ".output_area .js-plotly-plot .main-svg"))
                plot = driver.find_element(By.CSS_SELECTOR, ".output_area .js-plotly-plot")
                self.assertGreater(drawn_fraction(plot.screenshot_as_png), 0.01, "the interactive plot is drawn")
                keep_screenshot(driver, "notebook-interactive.png")
            finally:
                if driver:
                    driver.quit()
                stop(server)


if __name__ == "__main__":
    unittest.main(verbosity=2)
