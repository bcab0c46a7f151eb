"""Table Schema constraints compiled to DuckDB queries, with frictionless 5.21's verdicts.

`check_data` validates a release's CSV files against their descriptor: types,
missing values, required, enum, pattern, bounds, lengths, unique, primary and
foreign keys (composite and self-referencing), blank rows, header labels and record
shapes, each located by row number (header = row 1), key and field like frictionless
reports it, at DuckDB speed.

Modules: spec (the schema, normalised), types (cell text to value), patterns (Python
`re` to RE2), csv_mirror/labels/reading (loading a CSV), values (parsed columns),
compile (one query per constraint), messages (their wording), screen (proving clean
tables in one pass, without loading them), parquet (the Parquet file against the
loaded CSV, by row digests), run (executing them). Not here: the descriptor and file
checks around the data (pipeline/validate/validator.py).
"""

from pipeline.validate.constraints.run import LIMIT_ERRORS, DataResult, check_data

__all__ = ["LIMIT_ERRORS", "DataResult", "check_data"]
