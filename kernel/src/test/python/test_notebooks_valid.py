"""Every committed notebook is valid nbformat 4.5 by nbformat's own validator, with no warning
(a cell without an id is a MissingIDFieldWarning today and an error in future nbformat)."""
import glob
import re
import os
import unittest
import warnings

import nbformat

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


# The catalogue ids of ../shared/course/CATALOGUE.md that the lecture notebooks cover so far:
# part I of the course (A, B, C, D, E1-E5, F); part II's ids join as its notebooks land.
PART_ONE = (["A%d" % i for i in range(1, 8)] + ["B%d" % i for i in range(1, 4)] + ["C%d" % i for i in range(1, 6)]
            + ["D%d" % i for i in range(1, 5)] + ["E%d" % i for i in range(1, 6)] + ["F%d" % i for i in range(1, 5)])


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

    def test_every_catalogue_id_of_part_one_is_covered_by_a_notebook_that_checks_its_values(self):
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
        missing = [cid for cid in PART_ONE if cid not in covered]
        self.assertEqual([], missing, "catalogue ids of part I that no notebook covers")

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
