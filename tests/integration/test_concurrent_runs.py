"""Two runs at once never mix: each works in its own folder and publishes its own records.

The situation of a scheduled run and a person running by hand from one checkout: two
real `commitments release` processes started together from the same folder, with the
default working folder (`build/runs/`) and one Dagster instance (`.dagster_home`, as
`make run` sets it), one on the UK0073 page, the other on OGP's export sample. Each
run's release must be byte for byte the release the same run makes alone (so it holds
exactly its own records), print its own ledger, and validate; a run killed by SIGKILL
must not harm the other one, nor the next run; two runs publishing to one releases
folder take turns; a process spilling into the spill folder every run shared before
must not disturb a release, nor be disturbed by it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.locks import try_lock_folder
from pipeline.validate import validate_release
from tests.fixtures.samples import ROOT, SAMPLE_EXPORT, SAMPLE_PAGE
from tests.integration.graph import EPOCH

pytestmark = pytest.mark.slow

VERSION = "2026-01-01"
ROUNDS = 5


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


def start(
    cwd: Path, sources: Path, releases: Path, version: str = VERSION, *options: str
) -> subprocess.Popen:
    """`commitments release` in its own process, from `cwd` (the shared checkout)."""
    return subprocess.Popen(
        [sys.executable, "-m", "assets.cli", "release", "--sources", str(sources),
         "--releases", str(releases), "--version", version, *options],
        cwd=cwd,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SOURCE_DATE_EPOCH": EPOCH,
            "DAGSTER_HOME": str(cwd / ".dagster_home"),  # one instance, as `make run` has
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def finish(process: subprocess.Popen) -> Outcome:
    out, err = process.communicate(timeout=600)
    return Outcome(process.returncode, out, err)


def ledger_line(out: str) -> str:
    [line] = [line for line in out.splitlines() if "raw records in:" in line]
    return line.strip()


def sums(release: Path) -> str:
    return (release / "SHA256SUMS").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Checkout:
    """A folder runs start from, two sources folders, and each one's release made alone."""

    cwd: Path
    pages: Path
    export: Path
    alone: dict[str, tuple[str, str]]  # sources name → (SHA256SUMS, ledger line)

    @property
    def runs(self) -> Path:
        return self.cwd / "build" / "runs"

    def sources(self, name: str) -> Path:
        return self.pages if name == "pages" else self.export


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Checkout:
    cwd = tmp_path_factory.mktemp("checkout")
    (cwd / ".dagster_home").mkdir()
    (cwd / ".dagster_home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    pages, export = cwd / "pages", cwd / "export"
    for folder, sample in ((pages, SAMPLE_PAGE), (export, SAMPLE_EXPORT)):
        folder.mkdir()
        for path in (sample, sample.with_name(sample.name + ".meta.json")):
            shutil.copy(path, folder / path.name)
    alone = {}
    for name, sources in (("pages", pages), ("export", export)):
        done = finish(start(cwd, sources, cwd / "alone" / name))
        assert done.code == 0, done.err
        alone[name] = (sums(cwd / "alone" / name / VERSION), ledger_line(done.out))
    assert alone["pages"][1] != alone["export"][1]  # the two runs are told apart
    return Checkout(cwd, pages, export, alone)


def assert_own_release(
    checkout: Checkout,
    name: str,
    done: Outcome,
    releases: Path,
    states: tuple[str, ...] = ("published",),
) -> None:
    """The run published exactly what it publishes alone, said so, and it validates."""
    assert done.code == 0, done.err
    expected_sums, expected_ledger = checkout.alone[name]
    assert ledger_line(done.out) == expected_ledger
    said = [f"release {VERSION} {state}: {releases / VERSION}" for state in states]
    assert any(line in done.out for line in said), done.out
    assert sums(releases / VERSION) == expected_sums
    assert validate_release(releases / VERSION).valid


def test_two_releases_started_together_each_publish_their_own_records(
    checkout: Checkout,
) -> None:
    for number in range(ROUNDS):
        releases = {name: checkout.cwd / f"round-{number}" / name for name in ("pages", "export")}
        first = start(checkout.cwd, checkout.pages, releases["pages"])
        time.sleep(0.5 * (number % 3))  # together, or a moment apart
        second = start(checkout.cwd, checkout.export, releases["export"])
        outcomes = {"pages": finish(first), "export": finish(second)}
        for name, done in outcomes.items():
            assert_own_release(checkout, name, done, releases[name])
        # Both succeeded: their working folders are gone.
        assert list(checkout.runs.iterdir()) == []


def kill_at_step(process: subprocess.Popen, step: str) -> None:
    """SIGKILL the run as its step `step` starts (read from its --verbose step log)."""
    assert process.stderr is not None
    for line in process.stderr:
        if f" - {step} - STEP_START - " in line:
            process.send_signal(signal.SIGKILL)
            break
    else:
        pytest.fail(f"the run ended before step {step} started")
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL


@pytest.mark.parametrize("step", ["raw_export", "choices", "release_candidate", "release"])
def test_a_run_killed_beside_another_harms_neither_it_nor_the_next_run(
    checkout: Checkout, step: str
) -> None:
    base = checkout.cwd / f"killed-at-{step}"
    before = set(checkout.runs.iterdir())
    victim = start(checkout.cwd, checkout.export, base / "victim", VERSION, "--verbose")
    survivor = start(checkout.cwd, checkout.pages, base / "survivor")
    kill_at_step(victim, step)
    assert_own_release(checkout, "pages", finish(survivor), base / "survivor")
    # The killed run left its working folder (kept, as a failed run's is), unlocked.
    [left] = set(checkout.runs.iterdir()) - before
    lock = try_lock_folder(left)
    assert lock is not None
    lock.release()
    # The next run on the victim's sources and releases starts cleanly and publishes (the
    # kill may have come just after the victim's release went in place: then it is there).
    again = finish(start(checkout.cwd, checkout.export, base / "victim"))
    states = ("published", "already published with identical content")
    assert_own_release(
        checkout, "export", again, base / "victim", states[: 1 + (step == "release")]
    )
    hidden = [p.name for p in (base / "victim").iterdir() if p.name.startswith(".")]
    assert hidden == []  # what the killed run was staging is gone
    assert os.readlink(base / "victim" / "latest") == VERSION


def test_two_runs_publishing_to_one_releases_folder_take_turns(checkout: Checkout) -> None:
    releases = checkout.cwd / "shared"
    first = start(checkout.cwd, checkout.pages, releases, version="2026-01-01")
    second = start(checkout.cwd, checkout.export, releases, version="2026-01-02")
    outcomes = [finish(first), finish(second)]
    assert [o.code for o in outcomes] == [0, 0], [o.err for o in outcomes]
    index = json.loads((releases / "index.json").read_text(encoding="utf-8"))
    assert [r["version"] for r in index["releases"]] == ["2026-01-01", "2026-01-02"]
    assert index["latest"] == "2026-01-02" == os.readlink(releases / "latest")
    assert (releases / "LATEST").read_text(encoding="utf-8") == "2026-01-02\n"
    for entry in index["releases"]:
        folder = releases / entry["version"]
        assert validate_release(folder).valid
        assert entry["files"] == {
            path: digest
            for digest, _, path in (line.partition("  ") for line in sums(folder).splitlines())
            if path != "SHA256SUMS"
        }
    assert sorted(p.name for p in releases.iterdir()) == [
        "2026-01-01", "2026-01-02", "LATEST", "index.json", "latest",
    ]  # fmt: skip


HOLDER = """
import sys, duckdb
con = duckdb.connect(config={"memory_limit": "100MB", "threads": "1",
                             "temp_directory": sys.argv[1]})
con.execute("CREATE TABLE t AS SELECT range AS i, md5(range::VARCHAR) AS s FROM range(3000000)")
print("ready", flush=True)
sys.stdin.readline()
print(con.execute("SELECT count(*), min(s) FROM t").fetchone(), flush=True)
"""


def test_a_release_beside_a_process_spilling_into_the_old_shared_spill_folder(
    checkout: Checkout,
) -> None:
    # Every process used to spill into <tmp>/ogp-duckdb-spill: a second process (another
    # checkout's tests, an older version) spilling there holds it while a release runs.
    shared = Path(tempfile.gettempdir()) / "ogp-duckdb-spill"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(shared)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
        spilled = sorted(p.name for p in shared.iterdir())
        assert spilled, "the holder did not spill"
        releases = checkout.cwd / "beside-a-spill"
        done = finish(start(checkout.cwd, checkout.export, releases))
        assert_own_release(checkout, "export", done, releases)
        assert sorted(p.name for p in shared.iterdir()) == spilled  # untouched
        out, err = holder.communicate("go\n", timeout=120)
    finally:
        if holder.poll() is None:
            holder.kill()
    assert holder.returncode == 0, err
    assert out.strip().startswith("(3000000, '")
