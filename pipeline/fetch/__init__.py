"""Fetching the sources from the web into immutable snapshots (reserved; not built yet).

What will live here: the crawler behind `commitments fetch` (robots.txt, sitemaps, the
members directory, member pages and the commitment pages they link, OGP's bulk files),
polite and incremental (conditional requests, retries with backoff), writing each body
once, content-addressed, with a `<file>.meta.json` sidecar that pipeline/raw/discovery.py
already reads. It runs before raw: raw reads the newest snapshot of each address.

Modules: none yet. Not here: reading the files (pipeline/raw/).
"""
