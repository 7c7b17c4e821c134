"""The course as a book for readers: static HTML of every lecture notebook, in course order.

  build_site.py OUT_DIR EXECUTED_DIR NOTEBOOK...

EXECUTED_DIR holds the notebooks as the headless runner wrote them with interactive figures
(`./course site` runs them first); the committed notebooks carry pictures only. Each page is
nbconvert's HTML (JupyterLab's look) with a bar of links (contents, previous, next) and
plotly.js and MathJax from the site's own `_jgrad/` folder, so the figures are interactive and
the formulas typeset from `file://` with no network. `index.html` lists the notebooks with their title, summary and catalogue ids.
"""
import html
import json
import os
import re
import shutil
import sys

import nbconvert
import nbformat

NAV_STYLE = """
<style>
  .jgrad-nav { display: flex; gap: 1.5em; align-items: baseline; padding: 0.6em 1.2em;
               border-bottom: 1px solid #ddd; font: 15px/1.4 system-ui, sans-serif; background: #fafafa; }
  .jgrad-nav .course { font-weight: 600; margin-right: auto; }
  .jgrad-nav a { color: #1f5fa8; text-decoration: none; }
  .jgrad-nav a:hover { text-decoration: underline; }
</style>
"""

MATHJAX_CONFIG = """
<script>
window.MathJax = {tex: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]], displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
                        processEscapes: true, processEnvironments: true, tags: "ams"}};
</script>
"""

INDEX = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>jgrad — how neural networks learn, in Java</title>
<style>
  body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em; color: #222; }}
  h1 {{ font-size: 1.8em; margin-bottom: 0.2em; }}
  ul {{ padding-left: 0; list-style: none; }} li {{ margin: 1.1em 0; }}
  li a {{ font-size: 1.15em; font-weight: 600; color: #1f5fa8; text-decoration: none; }}
  .ids {{ color: #666; font-size: 0.9em; }} .summary {{ margin: 0.2em 0; }}
</style></head><body>
<h1>jgrad — how neural networks learn, in Java</h1>
<p>The lecture notebooks of the course, in order, as they look after “Run → Run All Cells”.
Figures are interactive: hover for values, drag to zoom. To run and change them, start the
course with <code>./course lab</code>.</p>
<ul>
{items}
</ul>
</body></html>
"""


def title_and_summary(nb):
    """The notebook's first heading and the first paragraph of text after it."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        heading = next((l for l in lines if l.startswith("# ")), None)
        if heading is None:
            continue
        rest = "\n".join(lines[lines.index(heading) + 1:]).strip()
        paragraph = rest.split("\n\n")[0] if rest else ""
        return heading[2:].strip(), re.sub(r"\s+", " ", paragraph)
    return "Untitled", ""


def markdown_to_text(text):
    """A summary fit for the index: Markdown's emphasis and links reduced to their words."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def nav(index, pages, i):
    links = ['<span class="course"><a href="index.html">jgrad: contents</a></span>']
    if i > 0:
        links.append('<a href="%s">← %s</a>' % (pages[i - 1][0], html.escape(pages[i - 1][1])))
    if i + 1 < len(pages):
        links.append('<a href="%s">%s →</a>' % (pages[i + 1][0], html.escape(pages[i + 1][1])))
    return '<nav class="jgrad-nav">' + " ".join(links) + "</nav>"


def main():
    out, executed, notebooks = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(os.path.join(out, "_jgrad"), exist_ok=True)
    plotly = os.path.join(os.path.dirname(notebooks[0]), "_jgrad", "plotly.min.js")
    if not os.path.exists(plotly):
        sys.exit("site: %s is missing (./course install puts it there with npm)" % plotly)
    shutil.copy(plotly, os.path.join(out, "_jgrad", "plotly.min.js"))
    exporter = nbconvert.HTMLExporter(template_name="lab")
    if os.path.exists(os.path.join(out, "_jgrad", "mathjax", "tex-mml-chtml.js")):
        # formulas typeset offline, from the site's own copy (nbconvert's default is a CDN)
        exporter.mathjax_url = "_jgrad/mathjax/tex-mml-chtml.js"
    pages = []
    books = []
    for path in notebooks:
        nb = nbformat.read(os.path.join(executed, os.path.basename(path)), as_version=4)
        title, summary = title_and_summary(nb)
        name = os.path.splitext(os.path.basename(path))[0] + ".html"
        pages.append((name, title))
        books.append((nb, title, summary, nb.metadata.get("jgrad", {}).get("catalogue", [])))
    items = []
    for i, (nb, title, summary, ids) in enumerate(books):
        body, _ = exporter.from_notebook_node(nb)
        head = NAV_STYLE + '<script src="_jgrad/plotly.min.js"></script>\n'
        body = body.replace("</head>", head + "</head>", 1)
        # MathJax 3 reads its configuration from window.MathJax, set before it loads; nbconvert's own
        # configuration block is written for MathJax 2 and is ignored
        body = re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + MATHJAX_CONFIG, body, count=1)
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav("index.html", pages, i), body, count=1)
        body = body.replace("</body>", nav("index.html", pages, i) + "</body>", 1)
        with open(os.path.join(out, pages[i][0]), "w", encoding="utf-8") as f:
            f.write(body)
        items.append('<li><a href="%s">%s</a><p class="summary">%s</p><p class="ids">Catalogue: %s</p></li>' % (
            pages[i][0], html.escape(title), html.escape(markdown_to_text(summary)), html.escape(", ".join(ids) or "—")))
        print("site: %s" % pages[i][0])
    with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as f:
        f.write(INDEX.format(items="\n".join(items)))
    print("site: %d notebooks written to %s (open %s)" % (len(pages), out, os.path.join(out, "index.html")))


if __name__ == "__main__":
    main()
