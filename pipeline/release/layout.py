"""The release folder's layout: every file and folder name that a writer or a reader of
releases uses, named once.

```
<releases>/<version>/   DESCRIPTOR, README, LANDING_PAGE, CHANGELOG, CHANGES, QUALITY,
                        CHECKSUMS, csv/<table>.csv, PARQUET_DIR/<table>.parquet
<releases>/             RELEASES_INDEX, LATEST_LINK (symlink), LATEST_FILE (text)
```
The CSV paths are the contract's (`resources[].path` in `datapackage.json`).
"""

from __future__ import annotations

DESCRIPTOR = "datapackage.json"
README = "README.md"
LANDING_PAGE = "index.html"
CHANGELOG = "CHANGELOG.md"
CHANGES = "changes.csv"
QUALITY = "quality.json"
CHECKSUMS = "SHA256SUMS"
PARQUET_DIR = "parquet"

RELEASES_INDEX = "index.json"
LATEST_LINK = "latest"
LATEST_FILE = "LATEST"
#: Names in a releases folder that are not versions, so no version may take them.
RESERVED = frozenset({LATEST_LINK, LATEST_FILE, RELEASES_INDEX})
