"""`./course site`: the course as static HTML, opened from file:// in Chromium with the network
off: the contents page lists every lecture notebook with its title and catalogue ids, pages
link to their neighbours, and figures are interactive (plotly.js from the site's own folder)."""
import glob
import json
import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
CI = os.environ.get("CI") == "true"
MISSING = [t for t in ("chromium", "chromedriver", "npm") if shutil.which(t) is None]
if MISSING and CI:
    raise SystemExit("CI=true but the site test cannot run, missing: " + ", ".join(MISSING))


@unittest.skipIf(MISSING, "missing: " + ", ".join(MISSING))
class CourseSite(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.mkdtemp(prefix="jgrad-site-")
        run = subprocess.run([os.path.join(ROOT, "course"), "site", "--out", cls.out],
                             capture_output=True, text=True, timeout=900)
        if run.returncode != 0:
            raise AssertionError("./course site failed:\n" + run.stdout[-2000:] + run.stderr[-3000:])
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        options = webdriver.ChromeOptions()
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900",
                    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"):   # no network at all
            options.add_argument(arg)
        cls.driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.out, ignore_errors=True)

    def test_contents_page_lists_every_notebook_in_order_with_its_catalogue_ids(self):
        from selenium.webdriver.common.by import By
        self.driver.get("file://" + os.path.join(self.out, "index.html"))
        links = self.driver.find_elements(By.CSS_SELECTOR, "li > a")
        notebooks = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
        self.assertEqual([os.path.basename(n)[:-6] + ".html" for n in notebooks],
                         [a.get_attribute("href").rsplit("/", 1)[1] for a in links])
        text = self.driver.find_element(By.TAG_NAME, "body").text
        for path in notebooks:
            with open(path, encoding="utf-8") as f:
                ids = json.load(f)["metadata"].get("jgrad", {}).get("catalogue", [])
            self.assertIn("Catalogue: " + ", ".join(ids), text)

    def test_pages_link_to_their_neighbours_and_figures_are_interactive_offline(self):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        self.driver.get("file://" + os.path.join(self.out, "index.html"))
        self.driver.find_elements(By.CSS_SELECTOR, "li > a")[0].click()
        nav = self.driver.find_elements(By.CSS_SELECTOR, "nav.jgrad-nav a")
        self.assertIn("contents", nav[0].text)
        self.assertTrue(any("→" in a.text for a in nav), "a link to the next notebook")
        pages = 0
        hovers = 0
        while True:
            plots = WebDriverWait(self.driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".js-plotly-plot")
                                                         or d.find_elements(By.CSS_SELECTOR, "body"))
            plotly = self.driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot")
            pictures = self.driver.find_elements(By.CSS_SELECTOR, ".jgrad-figure")
            self.assertEqual(len(pictures), len(plotly), self.driver.current_url + ": every figure became a plotly plot")
            for plot in plotly:
                # hover over a point of the first line trace, through plotly's own API (a mouse
                # position is a data point only by luck)
                hovered = self.driver.execute_script("""
                    var gd = arguments[0];
                    var k = gd.data.findIndex(t => (t.type || 'scatter') === 'scatter' && t.x && t.x.length);
                    if (k < 0) { return false; }
                    gd.scrollIntoView({block: 'center'});
                    Plotly.Fx.hover(gd, [{curveNumber: k, pointNumber: Math.floor(gd.data[k].x.length / 2)}]);
                    return true;""", plot)
                if hovered:
                    WebDriverWait(self.driver, 10).until(
                        lambda d: plot.find_elements(By.CSS_SELECTOR, ".hoverlayer .hovertext"))
                    hovers += 1
                    break
            pages += 1
            following = [a for a in self.driver.find_elements(By.CSS_SELECTOR, "nav.jgrad-nav a") if "→" in a.text]
            if not following:
                break
            following[0].click()
        self.assertEqual(len(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb"))), pages, "every page reached by 'next'")
        self.assertGreater(hovers, 3, "pages whose plots show a value on hover")


if __name__ == "__main__":
    unittest.main()
