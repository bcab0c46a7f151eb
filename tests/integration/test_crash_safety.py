"""A release process killed (SIGKILL) at random moments while publishing never leaves a
half-written release in sight, and the next run succeeds and clears what it left.

The tables are built once by the real graph on the samples; each trial then starts a
real release process (tests/integration/crash_publisher.py: stage, validate, install)
for a new version and kills it at a random moment after it starts publishing (a third of the trials
within the short install step, which a uniform moment would rarely hit). After
every kill: `latest` and `LATEST` name a complete release (every file matches its
SHA256SUMS, no file missing or extra), every visible version folder is complete, and
index.json is whole. Then the same version is published again, to the end: it must
succeed, become `latest`, and leave no staging folder or temporary file behind.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.digests import file_digest
from tests.fixtures.samples import ROOT, SAMPLES
from tests.integration.graph import Built, run_graph

pytestmark = pytest.mark.slow

TRIALS = 50
SEED = 20261125


def publisher(built: Built, releases: Path, version: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.crash_publisher", str(built.database),
         str(releases), version],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def publish(built: Built, releases: Path, version: str) -> float:
    """Publish `version` to the end; the seconds it took from `ready`."""
    process = publisher(built, releases, version)
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    started = time.monotonic()
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0 and out == "installing\npublished\n", err
    return time.monotonic() - started


def complete(folder: Path) -> bool:
    """Every file of the release folder is listed in its SHA256SUMS and matches it."""
    sums = folder / "SHA256SUMS"
    if not sums.is_file():
        return False
    listed = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, relative = line.partition("  ")
        listed[relative] = digest
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    return files - {"SHA256SUMS"} == set(listed) and all(
        file_digest(folder / relative)[0] == digest for relative, digest in listed.items()
    )


def leftovers(releases: Path) -> list[str]:
    return sorted(p.name for p in releases.iterdir() if p.name.startswith((".staging-", ".tmp-")))


def check_what_is_visible(releases: Path) -> list[str]:
    """The invariants after a kill; the visible versions."""
    versions = sorted(
        p.name for p in releases.iterdir() if p.is_dir() and not p.is_symlink()
        and not p.name.startswith(".")
    )  # fmt: skip
    for version in versions:
        assert complete(releases / version), f"{version} is visible but not complete"
    latest = releases / "latest"
    assert latest.is_symlink() and os.readlink(latest) in versions
    assert (releases / "LATEST").read_text(encoding="utf-8").strip() in versions
    index = json.loads((releases / "index.json").read_text(encoding="utf-8"))
    assert {entry["version"] for entry in index["releases"]} <= set(versions)
    return versions


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = run_graph([SAMPLES], tmp_path_factory.mktemp("crash-graph"))
    assert built.success
    return built


def test_sigkill_while_publishing_never_leaves_a_half_written_release(
    built: Built, tmp_path: Path
) -> None:
    releases = tmp_path / "releases"
    duration = publish(built, releases, "2026.01.000")  # a first release to keep safe
    chooser = random.Random(SEED)
    outcomes = {"published before the kill": 0, "killed before the version appeared": 0}
    for trial in range(1, TRIALS + 1):
        version = f"2026.01.{trial:03d}"
        process = publisher(built, releases, version)
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
        if trial % 3:  # anywhere in publishing: building, validating, installing
            time.sleep(chooser.uniform(0, duration * 1.1))
        else:  # within the short install: rename, `latest`, `LATEST`, index.json
            assert process.stdout.readline() == "installing\n"
            time.sleep(chooser.uniform(0, 0.03))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        visible = check_what_is_visible(releases)
        outcomes[
            "published before the kill" if version in visible
            else "killed before the version appeared"
        ] += 1  # fmt: skip
        publish(built, releases, version)  # the next run finishes the job
        assert leftovers(releases) == []
        assert os.readlink(releases / "latest") == version
        assert version in check_what_is_visible(releases)
    print(f"\n{TRIALS} SIGKILL trials: {outcomes}")
    assert sum(outcomes.values()) == TRIALS
