"""The landing page's stylesheet, inlined in its `<head>` (the page loads nothing).

Readable on a phone (no sideways scroll: tables scroll in their own box) and printable
(navigation hidden, charts and table rows not split across pages). Not here: markup.
"""

STYLE = """\
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #d0d0d0;
  --accent: #0072B2; --soft: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: .5rem 0; }
h2 { font-size: 1.4rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
  margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
a { color: #005a8c; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: .9em; }
code.hash { font-size: .8em; word-break: break-all; }
ul.files { list-style: none; padding: 0; margin: .5rem 0 1rem; }
ul.files li { border-bottom: 1px solid var(--line); padding: .4rem 0; }
a.file { font-weight: 600; overflow-wrap: anywhere; }
.meta { color: var(--muted); font-size: .9rem; }
.release { color: var(--muted); }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
  gap: .75rem; margin: 1rem 0; }
.cards div { background: var(--soft); border-radius: .4rem; padding: .6rem .8rem; }
.cards dt { color: var(--muted); font-size: .9rem; }
.cards dd { margin: 0; }
.cards .big { font-size: 1.6rem; font-weight: 600; display: block; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--soft); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
blockquote { margin: .5rem 0; padding: .5rem 1rem; border-left: 4px solid var(--accent);
  background: var(--soft); }
figure.chart { margin: 1.5rem 0; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
figure svg { display: block; width: 100%; height: auto; max-width: 40rem; }
.note { color: var(--muted); font-size: .9rem; margin: .3rem 0; }
details summary { cursor: pointer; color: #005a8c; }
footer { margin-top: 3rem; color: var(--muted); font-size: .9rem;
  border-top: 1px solid var(--line); }
@media (max-width: 40rem) { body { padding: .6rem; font-size: 15px; }
  th, td { padding: .25rem .3rem; } }
@media print { nav, details { display: none; } body { max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; } h2 { break-after: avoid; }
  figure, tr { break-inside: avoid; } .scroll { overflow: visible; } }
"""
