"""Fetch: the sources fetched from the web into immutable snapshots, politely and
incrementally (`commitments fetch`; assets/fetch.py, Dagster group `fetch`).

It runs before raw: a release reads a snapshots folder like any sources folder, taking
the newest snapshot of each address (pipeline/raw/discovery.py).

Modules: settings (what a crawl is asked to do: site, languages, members, rate, caps),
addresses (every form of a page's address normalised to one, and told apart), robots
(robots.txt honoured), client (one polite GET: pacing, retries, redirects, size cap),
links (links of a page, entries of a sitemap), snapshots (the store: bodies by content,
sidecars, history; newest_snapshot), crawl (the crawl and its report). Not here: reading
what was fetched (pipeline/raw/).
"""
