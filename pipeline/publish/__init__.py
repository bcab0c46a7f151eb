"""Publishing releases to hosts where users download them (reserved; not built yet).

What will live here: `commitments publish RELEASE_DIR --to TARGET`, copying a validated
release folder to S3-compatible object storage or a folder served over HTTP, each version
under its own prefix that is never overwritten, verified against SHA256SUMS, with the
pointers (`index.json`, `latest.json`) written last. It runs after release.

Modules: none yet. Not here: making a release in a local releases folder
(pipeline/release/install.py).
"""
