"""The state of the sources folders as content hashes, for noticing real changes cheaply.

A sensor polls the folders: a file whose size and modification time are unchanged keeps
its recorded hash (no re-read of a multi-gigabyte export every tick); any other file is
hashed. The state's fingerprint changes only when bytes change (a file added, removed,
renamed or edited, sidecars included), so a `touch` that changes no byte changes
nothing. Hidden files and folders are ignored, as the readers ignore them, and so is the
history of a snapshots folder (discovery.AddressFolders): a fetch whose pages all
answered 304 adds history lines and changes no source.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.digests import file_digest
from pipeline.raw.discovery import AddressFolders

#: path -> (size, mtime_ns, sha256)
State = dict[str, tuple[int, int, str]]


def current_state(roots: Sequence[Path], previous: Mapping[str, Sequence[object]]) -> State:
    """Every visible file under `roots`, hashed unless its size and mtime are as recorded."""
    state: State = {}
    addresses = AddressFolders()
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if any(part.startswith(".") for part in relative.parts) or not path.is_file():
                continue
            if addresses.is_history(path):
                continue
            key = f"{root}/{relative.as_posix()}"
            stat = path.stat()
            known = previous.get(key)
            if known is not None and tuple(known[:2]) == (stat.st_size, stat.st_mtime_ns):
                state[key] = (stat.st_size, stat.st_mtime_ns, str(known[2]))
            else:
                state[key] = (stat.st_size, stat.st_mtime_ns, file_digest(path)[0])
    return state


def fingerprint(state: Mapping[str, Sequence[object]]) -> str:
    """One hash of which files there are and their contents (sizes and times left out)."""
    listing = json.dumps(sorted((path, str(entry[2])) for path, entry in state.items()))
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()
