"""Each run's own folder (pipeline/run_state.py) and the folder locks under it (locks.py).

Locks are held by other real processes here: flock(2) is between open files, so a lock
taken twice in one process would not show what two runs see.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from pipeline.db import config, connect
from pipeline.locks import lock_folder, try_lock_folder
from pipeline.run_state import open_run_state, prune_run_states, run_folder
from tests.fixtures.samples import ROOT

HOLD = """
import sys
from pathlib import Path
from pipeline.run_state import open_run_state
state = open_run_state(Path(sys.argv[1]), sys.argv[2])
print("held", flush=True)
sys.stdin.readline()
state.close(remove=sys.argv[3] == "remove")
print("done", flush=True)
sys.stdin.readline()
"""


class Holder:
    """Another process holding a run's folder until told to let it go."""

    def __init__(self, work_dir: Path, run_id: str, remove: bool = False) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(work_dir), run_id, "remove" if remove else "keep"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.readline() == "held\n"

    def readline(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline()

    def let_go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        assert self.readline() == "done\n"

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=30)


@pytest.fixture
def holders():
    started: list[Holder] = []
    yield lambda *args, **kwargs: started.append(Holder(*args, **kwargs)) or started[-1]
    for holder in started:
        holder.stop()


@pytest.mark.parametrize("run_id", ["", "../up", "a/b", ".hidden", "a b", "run\n"])
def test_a_run_id_that_is_no_plain_folder_name_is_refused(tmp_path: Path, run_id: str) -> None:
    with pytest.raises(ValueError, match="not usable as a folder name"):
        run_folder(tmp_path, run_id)


def test_a_run_gets_its_own_folder_locked_while_it_runs(tmp_path: Path) -> None:
    state = open_run_state(tmp_path / "runs", "run-a")
    assert state.folder == tmp_path / "runs" / "run-a" and state.folder.is_dir()
    assert state.database == state.folder / "commitments.duckdb"
    assert state.spill == state.folder / "spill"
    other = open_run_state(tmp_path / "runs", "run-b")  # another run: never waits
    assert other.folder != state.folder
    state.close(remove=False)
    assert state.folder.is_dir()
    other.close(remove=True)
    assert not other.folder.exists()
    other.close(remove=True)  # again: nothing happens


def test_another_process_cannot_take_a_held_folder_until_it_is_let_go(
    tmp_path: Path, holders
) -> None:
    holder = holders(tmp_path, "run-a")
    assert try_lock_folder(tmp_path / "run-a") is None
    holder.let_go()
    lock = try_lock_folder(tmp_path / "run-a")
    assert lock is not None
    lock.release()


def test_a_lock_dies_with_its_holder_even_by_sigkill(tmp_path: Path, holders) -> None:
    holder = holders(tmp_path, "run-a")
    holder.stop()  # SIGKILL
    lock = try_lock_folder(tmp_path / "run-a")
    assert lock is not None
    lock.release()


def test_a_second_process_of_one_run_waits_and_says_so(tmp_path: Path, holders) -> None:
    holder = holders(tmp_path, "run-a")
    waits: list[float] = []
    letting_go = threading.Timer(0.5, holder.let_go)
    letting_go.start()
    started = time.monotonic()
    state = open_run_state(tmp_path, "run-a", on_wait=lambda: waits.append(time.monotonic()))
    letting_go.join()  # the holder has said it is done (before the fixture stops it)
    assert len(waits) == 1 and waits[0] - started < 0.5  # told before waiting
    assert try_lock_folder(state.folder) is None  # held by this run now
    state.close(remove=False)


def test_a_folder_removed_while_waiting_is_taken_again_under_its_name(
    tmp_path: Path, holders
) -> None:
    holder = holders(tmp_path, "run-a", remove=True)
    letting_go = threading.Timer(0.3, holder.let_go)
    letting_go.start()
    lock = lock_folder(tmp_path / "run-a", create=True)
    letting_go.join()
    assert (tmp_path / "run-a").is_dir()  # made anew, and the lock is on that one
    assert os.stat(tmp_path / "run-a").st_ino == os.fstat(lock._fd).st_ino  # type: ignore[arg-type]
    lock.release()
    with pytest.raises(FileNotFoundError):
        lock_folder(tmp_path / "gone")


def test_pruning_removes_old_folders_no_process_holds_and_nothing_else(
    tmp_path: Path, holders
) -> None:
    runs = tmp_path / "runs"
    for name in ("old-free", "old-held", "recent", ".hidden"):
        (runs / name).mkdir(parents=True)
        (runs / name / "commitments.duckdb").write_bytes(b"x")
    (runs / "notes.txt").write_text("not a run")
    holder = holders(runs, "old-held")
    eight_days_ago = time.time() - 8 * 86_400
    for name in ("old-free", "old-held", ".hidden", "notes.txt"):
        os.utime(runs / name, (eight_days_ago, eight_days_ago))
    assert prune_run_states(runs) == ["old-free"]
    assert sorted(p.name for p in runs.iterdir()) == [".hidden", "notes.txt", "old-held", "recent"]
    holder.let_go()
    assert prune_run_states(runs, now=time.time() + 8 * 86_400) == ["old-held", "recent"]
    assert prune_run_states(tmp_path / "nowhere") == []


def test_every_connection_spills_into_a_folder_of_its_own(tmp_path: Path) -> None:
    folders = {config()["temp_directory"] for _ in range(100)}
    assert len(folders) == 100
    shared = str(Path(tempfile.gettempdir()) / "ogp-duckdb-spill")
    assert shared not in folders
    assert all(Path(f).parent == Path(tempfile.gettempdir()) for f in folders)
    assert config(tmp_path / "spill")["temp_directory"] == str(tmp_path / "spill")
    with connect() as first, connect() as second:
        setting = "SELECT current_setting('temp_directory')"
        assert first.execute(setting).fetchone() != second.execute(setting).fetchone()
