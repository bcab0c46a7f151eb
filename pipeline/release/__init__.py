"""Release: the core tables written as a versioned release folder, validated, then made
visible atomically (assets/release.py, Dagster group `release`).

Modules: layout (every file and folder name of a release, named once), build (the files:
CSV, Parquet, descriptor, docs, SHA256SUMS), install (staging, installing, `latest`,
`index.json`, the releases lock), provenance (sources list and creation time), index
(`<releases>/index.json`), dictionary (README.md, the data dictionary), markdown (source
text kept inert in Markdown), quality and coverage (quality.json), safe_cells (formula
cells made inert in CSV), reading and csv_pieces (reading a published CSV as text, in
pieces when large), landing/ (index.html), changes/ (CHANGELOG.md, changes.csv).
Not here: validation rules (pipeline/validate/), copying releases to hosts
(pipeline/publish/).
"""
