"""Reports for people: a readable text summary and a self-contained HTML provenance map.

``summary`` (in :mod:`newsprov.report.text`) is what ``newsprov run`` prints;
``to_html`` (in :mod:`newsprov.report.page`) writes one offline page with every
cluster's articles side by side, each paragraph coloured by its origin.

Example:
    >>> from newsprov.model import Result
    >>> summary(Result((), (), ())).startswith("newsprov: 0 articles")
    True
    >>> to_html(Result((), (), ())).startswith("<!doctype html>")
    True
"""

from newsprov.report.page import to_html
from newsprov.report.text import origin_label, summary

__all__ = ["origin_label", "summary", "to_html"]
