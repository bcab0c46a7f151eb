"""The landing page's sections, one module each.

Modules: about, downloads, charts, members, years, quality and changes. Each returns a
`<section>` as HTML text from facts already read; none reads files or runs queries.
Not here: the page around them (frame.py).
"""
