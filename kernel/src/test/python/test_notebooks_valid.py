"""Every committed notebook is valid nbformat 4.5 by nbformat's own validator, with no warning
(a cell without an id is a MissingIDFieldWarning today and an error in future nbformat)."""
import glob
import re
import os
import unittest
import warnings

import nbformat

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


# Every catalogue id of the course's CATALOGUE.md (61): part I (A-F) and part II (E6, G-L).
SECTIONS = {"A": 7, "B": 3, "C": 5, "D": 4, "E": 6, "F": 4, "G": 8, "H": 6, "I": 4, "J": 4, "K": 4, "L": 6}
CATALOGUE = ["%s%d" % (letter, i) for letter, n in SECTIONS.items() for i in range(1, n + 1)]

# The numbers the catalogue gives, as a notebook prints them: each must be in the code of a notebook
# that covers the id (where it is checked) and in that notebook's committed outputs (where the reader
# sees it). Alternatives are separated by "|" (Java prints 4.766e-6 as 4.766e-06 with %.3e).
CATALOGUE_VALUES = {
    "A1": ["35", "24"], "A3": ["-12"], "A4": ["0.7311", "0.1966", "0.3932", "0.5898"], "A5": ["36", "81"],
    "B2": ["8"], "C2": ["1.1113", "1.0507"],
    "C4": ["0.257", "0.172", "0.314", "0.067", "0.183", "0.498", "0.149", "0.405"],
    "F3": ["1000"], "J1": ["0.8808", "4.766e-6|4.766e-06"],
}


class NotebooksAreValid(unittest.TestCase):
    def test_every_committed_notebook_validates_without_warnings(self):
        paths = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb"))
                       + glob.glob(os.path.join(ROOT, "exercises", "source", "**", "*.ipynb"), recursive=True)
                       + glob.glob(os.path.join(ROOT, "exercises", "release", "**", "*.ipynb"), recursive=True))
        # (the grader's hostile fixtures in exercises/src/test are broken on purpose)
        self.assertGreaterEqual(len(paths), 3)
        for path in paths:
            with self.subTest(notebook=os.path.relpath(path, ROOT)):
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    with open(path, encoding="utf-8") as f:
                        nb = nbformat.read(f, as_version=nbformat.NO_CONVERT)
                    self.assertEqual((4, 5), (nb.nbformat, nb.nbformat_minor))
                    nbformat.validate(nb)
                ids = [cell.get("id") for cell in nb.cells]
                self.assertEqual(len(ids), len(set(ids)), "cell ids are unique")

    def test_every_catalogue_id_is_covered_by_a_notebook_that_checks_its_values(self):
        covered = {}
        for path in sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb"))):
            with open(path, encoding="utf-8") as f:
                nb = nbformat.read(f, as_version=4)
            ids = nb.metadata.get("jgrad", {}).get("catalogue", [])
            code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
            text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
            named = set(re.findall(r"\b([A-L]\d)\b", text))
            for letter, first, last in re.findall(r"\b([A-L])(\d)\s*[–-]\s*(?:[A-L])?(\d)\b", text):   # "H1–H6"
                named.update("%s%d" % (letter, i) for i in range(int(first), int(last) + 1))
            for cid in ids:
                covered.setdefault(cid, []).append(os.path.basename(path))
                self.assertIn(cid, named, "%s: %s is in the metadata but not named in the text" % (path, cid))
            if ids:
                self.assertRegex(code, r"throw new (AssertionError|IllegalStateException)",
                                 "%s: a notebook that covers catalogue ids checks its values" % path)
        self.assertEqual(61, len(CATALOGUE))
        missing = [cid for cid in CATALOGUE if cid not in covered]
        self.assertEqual([], missing, "catalogue ids that no notebook covers")

    def test_every_catalogue_value_is_checked_in_code_and_printed(self):
        for path in sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb"))):
            with open(path, encoding="utf-8") as f:
                nb = nbformat.read(f, as_version=4)
            code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
            shown = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                              for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
            for cid in nb.metadata.get("jgrad", {}).get("catalogue", []):
                for value in CATALOGUE_VALUES.get(cid, []):
                    forms = value.split("|")
                    name = os.path.basename(path)
                    self.assertTrue(any(v in code for v in forms), "%s: %s's value %s is not checked" % (name, cid, value))
                    self.assertTrue(any(v in shown for v in forms), "%s: %s's value %s is not printed" % (name, cid, value))

    def test_every_picture_in_a_committed_notebook_is_also_a_png(self):
        """A viewer that shows only image outputs (a code host's preview, PDF export) still shows
        every figure, graph and progress bar: each such output carries image/png."""
        pictures = 0
        for path in sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb"))):
            with open(path, encoding="utf-8") as f:
                nb = nbformat.read(f, as_version=4)
            for i, cell in enumerate(nb.cells):
                for output in cell.get("outputs", []):
                    data = output.get("data", {})
                    html = "".join(data.get("text/html", ""))
                    drawn = "image/svg+xml" in data or "<svg" in html or "jgrad-figure" in html or "image/png" in data
                    if drawn:
                        pictures += 1
                        self.assertIn("image/png", data, "%s cell %d: a picture without image/png" % (
                            os.path.basename(path), i))
        self.assertGreater(pictures, 10, "the lecture notebooks have figures and graphs")


if __name__ == "__main__":
    unittest.main()
