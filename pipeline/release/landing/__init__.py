"""A release's landing page, `index.html`: one self-contained, deterministic file.

People open the page from a download, a file share or a static host, often offline, so
it loads nothing: inline CSS, inline SVG charts (bar_charts.py), no script, and a
Content Security Policy that forbids any network load should one slip in. Links to the
release's own files are relative. The same release renders the same bytes: the only
date is the descriptor's `created`, every query ends in a full ORDER BY, every list is
sorted, numbers are formatted one way. The numbers come from DuckDB reading the
release's own CSV files, so the page shows what was published, not what was intended.

Modules: page (render_landing_page), facts (DuckDB counts), files (the downloads),
descriptor (tables, fields, codes), report_values (typed reads of the quality and
change dicts), html_parts (formatting), frame and style (the page around the
sections), sections/ (one module per section). Not here: writing the file or
SHA256SUMS (pipeline/release/build.py).
"""

from pipeline.release.landing.page import render_landing_page

__all__ = ["render_landing_page"]
