"""A non-editable install (`pip install .`) into a fresh virtual environment releases the
samples: the contract, the SQL files and the vocabularies ship as package data.

The tree installed is what a clean clone holds (git's tracked files, samples/ left out,
so nothing is read from the checkout), and the command runs outside it; its release must
be byte-identical to the one the checkout's own code makes of the same sources.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.fixtures.samples import SAMPLES
from tests.integration.graph import commitments

ROOT = Path(__file__).resolve().parents[2]
VERSION = "2026.1"

pytestmark = pytest.mark.slow


def _clean_clone(target: Path) -> Path:
    """Copy the files a clean clone has (tracked or new, not ignored), samples/ aside."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        source = ROOT / name
        if name.startswith("samples/") or not (source.exists() or source.is_symlink()):
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            (target / name).symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the project installed from a clean copy (not editable)."""
    base = tmp_path_factory.mktemp("install")
    source = _clean_clone(base / "src")
    environment = base / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    python = environment / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-c", str(source / "constraints.txt"), str(source)],
        check=True, timeout=900,
    )  # fmt: skip
    shutil.rmtree(source)  # nothing may be read from the copy once installed
    return environment


def _env(home: Path) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    drop = {"PYTHONPATH", "VIRTUAL_ENV"}
    return {**{k: v for k, v in os.environ.items() if k not in drop}, "DAGSTER_HOME": str(home)}


def test_the_installed_package_holds_its_data_files(installed: Path, tmp_path: Path) -> None:
    script = (
        "import pathlib, pipeline, pipeline.contract as c, pipeline.vocabulary as v;"
        "from pipeline.sql_steps import sql_text;"
        "print(pathlib.Path(pipeline.__file__).parent);"
        "print(len(c.table_names()), len(sql_text('pipeline.core', 'commitments')) > 0,"
        " len(v.read_vocab('members')) > 0, len(sql_text('pipeline.stage', 'choices')) > 0)"
    )
    done = subprocess.run(
        [str(installed / "bin" / "python"), "-c", script],
        cwd=tmp_path, env=_env(tmp_path / "home"), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    where, counts = done.stdout.splitlines()
    assert Path(where).is_relative_to(installed), where  # not the checkout
    assert counts == "13 True True True"


def test_the_installed_command_releases_the_samples_as_the_checkout_does(
    installed: Path, tmp_path: Path
) -> None:
    args = ["release", "--sources", str(SAMPLES), "--version", VERSION]
    done = subprocess.run(
        [str(installed / "bin" / "commitments"), *args, "--releases", "installed"],
        cwd=tmp_path, env=_env(tmp_path / "home-installed"), capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"release {VERSION} published" in done.stdout
    checkout = commitments(
        *args, "--releases", "checkout", env=_env(tmp_path / "home-checkout"), cwd=tmp_path
    )
    assert checkout.returncode == 0, checkout.stderr
    installed_sums = (tmp_path / "installed" / VERSION / "SHA256SUMS").read_text()
    checkout_sums = (tmp_path / "checkout" / VERSION / "SHA256SUMS").read_text()
    assert installed_sums == checkout_sums
    assert len(installed_sums.splitlines()) == 32  # 13 CSV, 13 Parquet, 6 documents
    assert sys.executable != str(installed / "bin" / "python")
