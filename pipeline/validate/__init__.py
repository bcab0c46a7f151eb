"""Validation: a release folder checked against its own Frictionless descriptor.

`validate_release` is the release's blocking check (asset check `release_candidate_valid`
in the release group) and the `commitments validate` command. It reads what was written
to disk, never the database, so it checks what users download.

Modules: validator (validate_release: descriptor, data, bytes and hashes, SHA256SUMS,
Parquet beside CSV), constraints/ (the Table Schemas compiled to DuckDB queries, with
frictionless' verdicts), violations (the report: violations located and grouped),
parquet_mirror (a Parquet file holds its CSV's rows). File hashes come from
pipeline/digests.py. Not here: writing releases (pipeline/release/), the file
names of a release (pipeline/release/layout.py), reading a published CSV as text
(pipeline/release/reading.py).
"""

from pipeline.digests import file_digest
from pipeline.validate.validator import ENGINES, validate_release
from pipeline.validate.violations import ValidationReport, Violation

__all__ = ["ENGINES", "ValidationReport", "Violation", "file_digest", "validate_release"]
