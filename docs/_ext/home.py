"""A mkdocs hook: the getting-started page is the site's home page.

``docs/index.md`` documents newsprov's ``Index`` (the persistent signature
store), so it is published under ``signature-index/`` instead of the site root,
and ``getting-started.md`` takes the root. Links between pages are written to
the Markdown files and resolve either way.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import Files

HOME = "getting-started.md"
MOVED = {"index.md": "signature-index"}


def on_files(files: Files, config: Any) -> Files:
    """Publish ``HOME`` at the root and the pages of ``MOVED`` under their new folders."""
    for file in files:
        if file.src_uri in MOVED:
            folder = MOVED[file.src_uri]
            file.dest_uri = f"{folder}/index.html"
            file.url = f"{folder}/"
        elif file.src_uri == HOME:
            file.dest_uri = "index.html"
            file.url = "./"
    return files
