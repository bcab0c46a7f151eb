"""Size caps on what a sources folder may hand the readers, each set by an environment
variable (a count of bytes) over a safe default. One place, so the README's table of
caps and the code agree. Not here: enforcing them (discovery.py, readers/xlsx.py)."""

from __future__ import annotations

import os

#: variable -> default: any source file; a file that must be read whole (a page, a
#: workbook; a CSV export streams); what an XLSX may inflate to.
MAX_FILE_BYTES = "OGP_MAX_FILE_BYTES"
MAX_WHOLE_FILE_BYTES = "OGP_MAX_WHOLE_FILE_BYTES"
MAX_UNZIPPED_BYTES = "OGP_MAX_UNZIPPED_BYTES"
DEFAULTS = {
    MAX_FILE_BYTES: 8 << 30,
    MAX_WHOLE_FILE_BYTES: 256 << 20,
    MAX_UNZIPPED_BYTES: 1 << 30,
}


def cap(name: str) -> int:
    """The cap `name` sets: its variable's value when that is a whole number of bytes,
    else the default."""
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else DEFAULTS[name]
