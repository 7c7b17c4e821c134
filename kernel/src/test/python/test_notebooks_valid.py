"""Every committed notebook is valid nbformat 4.5 by nbformat's own validator, with no warning
(a cell without an id is a MissingIDFieldWarning today and an error in future nbformat)."""
import glob
import os
import unittest
import warnings

import nbformat

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


class NotebooksAreValid(unittest.TestCase):
    def test_every_committed_notebook_validates_without_warnings(self):
        paths = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb"))
                       + glob.glob(os.path.join(ROOT, "exercises", "**", "*.ipynb"), recursive=True))
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
