"""The house's layout: one package per stage in flow order, a map in every package, and
no reference in code or docs to a module or file that does not exist.

A newcomer finds their way by the maps (`Modules: … Not here: …`) and by the names
comments cite; a stale name sends them looking for a file that is gone, so every
reference is checked here rather than by eye.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import subprocess
import tokenize
from functools import cache
from pathlib import Path

import pytest

import pipeline
from pipeline import STAGES
from pipeline.release import layout

ROOT = Path(__file__).resolve().parents[2]
#: Top-level folders a path reference may start with.
FOLDERS = ("pipeline", "assets", "tests", "bench", "scripts", "docs", "deploy", "samples")
#: A path into the repository: `pipeline/raw/readers/page.py`, `docs/sources.md`.
PATH = re.compile(r"(?<![\w./-])(?:" + "|".join(FOLDERS) + r")/[\w./-]*[\w/]")
#: A dotted module reference: `pipeline.raw.discovery`, `assets.resources.RunDuckDB`.
DOTTED = re.compile(r"(?<![\w./-])(?:pipeline|assets)(?:\.[A-Za-z_]\w*)+")
#: A file named without its folder: `install.py`, `SOURCES.md`.
BARE = re.compile(r"(?<![\w./{-])[\w-]+\.(?:py|md|sql)\b")


@cache
def tracked() -> tuple[str, ...]:
    """The repository's files (what a clean clone has), as POSIX paths."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return tuple(p for p in listed if (ROOT / p).exists())


def _texts() -> list[str]:
    """Files whose text may cite modules and files: code, docs, SQL, configuration (this
    file is left out: it names stale references on purpose)."""
    suffixes = {".py", ".md", ".sql", ".yaml", ".toml", ""}
    here = Path(__file__).resolve().relative_to(ROOT).as_posix()
    return [
        p
        for p in tracked()
        if Path(p).suffix in suffixes
        and not p.startswith("samples/")
        and p != here
        and (ROOT / p).is_file()
    ]


def prose(path: Path) -> str:
    """The text of a file that may cite names: for Python its comments and strings only
    (`con.sql(...)` is code, not a reference to a file)."""
    if path.suffix != ".py":
        return path.read_text(encoding="utf-8", errors="replace")
    with path.open("rb") as handle:
        tokens = tokenize.tokenize(handle.readline)
        kept = [t.string for t in tokens if t.type in (tokenize.COMMENT, tokenize.STRING)]
    return "\n".join(kept)


def _exists_path(reference: str) -> bool:
    if any(mark in reference for mark in "<>{}*"):
        return True  # a pattern (`pipeline/core/sql/<table>.sql`), not one file
    reference = reference.rstrip(".")
    files = tracked()
    return reference in files or any(p.startswith(reference.rstrip("/") + "/") for p in files)


def _exists_dotted(reference: str) -> bool:
    parts = reference.split(".")
    for end in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        for name in parts[end:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


def _bare_names() -> set[str]:
    release_files = {v for k, v in vars(layout).items() if k.isupper() and isinstance(v, str)}
    return {Path(p).name for p in tracked()} | release_files


def dangling(text: str) -> list[str]:
    """References in `text` to paths, modules or file names that do not exist."""
    missing = [r for r in PATH.findall(text) if not _exists_path(r)]
    missing += [r for r in DOTTED.findall(text) if not _exists_dotted(r)]
    names = _bare_names()
    missing += [r for r in BARE.findall(text) if r not in names]
    return missing


def test_no_reference_to_a_module_or_file_that_does_not_exist() -> None:
    found = {}
    for relative in _texts():
        missing = dangling(prose(ROOT / relative))
        if missing:
            found[relative] = sorted(set(missing))
    assert found == {}


def test_the_reference_check_finds_stale_names() -> None:
    """Guards the check above: each kind of stale reference is caught, live ones are not."""
    stale = "see pipeline/transform.py, pipeline.publish.publish_release and SOURCES.md"
    assert dangling(stale) == [
        "pipeline/transform.py",
        "pipeline.publish.publish_release",
        "SOURCES.md",
    ]
    live = "see pipeline/raw/readers/page.py, pipeline.release.install.make_release, README.md"
    assert dangling(live) == []


def _packages() -> list[str]:
    found = pkgutil.walk_packages(pipeline.__path__, "pipeline.")
    return ["pipeline", "assets", *(m.name for m in found if m.ispkg)]


@pytest.mark.parametrize("package", _packages())
def test_every_package_has_its_map(package: str) -> None:
    doc = ast.get_docstring(ast.parse(Path(importlib.import_module(package).__file__).read_text()))
    assert doc, f"{package} has no docstring"
    assert "Modules:" in doc, f"{package}'s docstring has no `Modules:`"
    assert "Not here:" in doc, f"{package}'s docstring has no `Not here:`"


def test_every_module_is_in_its_package_map() -> None:
    """Each module of a package is named in the package's map (a new module gets a line)."""
    unnamed = {}
    for package in _packages():
        module = importlib.import_module(package)
        doc = ast.get_docstring(ast.parse(Path(module.__file__).read_text())) or ""
        if not hasattr(module, "__path__"):
            continue
        children = [m.name.rpartition(".")[2] for m in pkgutil.iter_modules(module.__path__)]
        missing = [c for c in children if not re.search(rf"\b{re.escape(c)}\b", doc)]
        if missing:
            unnamed[package] = missing
    assert unnamed == {}


def test_stages_are_folders_in_flow_order_named_as_their_dagster_groups() -> None:
    assert [s.name for s in STAGES] == [
        "fetch",
        "raw",
        "stage",
        "core",
        "release",
        "validate",
        "publish",
    ]
    for stage in STAGES:
        assert stage.package == f"pipeline.{stage.name}"
        importlib.import_module(stage.package)
        if stage.group is not None:
            assets_file = importlib.import_module(f"assets.{stage.group}")
            assert stage.group == assets_file.GROUP
    flow = ast.get_docstring(ast.parse(Path(pipeline.__file__).read_text())) or ""
    positions = [flow.index(f"pipeline/{s.name}/") for s in STAGES]
    assert positions == sorted(positions), "the flow map lists the stages out of order"


@pytest.mark.parametrize("stage", ["stage", "core"])
def test_a_stages_sql_writes_only_its_own_schema(stage: str) -> None:
    written = set()
    for path in (ROOT / "pipeline" / stage / "sql").glob("*.sql"):
        text = path.read_text(encoding="utf-8")
        written |= set(re.findall(r"(?:TABLE|INTO|VIEW)\s+(?:IF NOT EXISTS\s+)?(\w+)\.", text))
    assert written == {stage}


def test_no_stage_imports_a_later_stage() -> None:
    """The data flows one way: a stage's modules import earlier stages and shared modules,
    never a later stage (validate and release read each other's files: one step)."""
    order = {s.name: i for i, s in enumerate(STAGES)}
    order["validate"] = order["release"]
    backwards = []
    for path in (ROOT / "pipeline").rglob("*.py"):
        parts = path.relative_to(ROOT / "pipeline").parts
        if len(parts) < 2 or parts[0] not in order:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                target = node.module.split(".")
                later = target[0] == "pipeline" and len(target) > 1 and target[1] in order
                if later and order[target[1]] > order[parts[0]]:
                    backwards.append(f"{path.relative_to(ROOT)} imports {node.module}")
    assert backwards == []


def test_shared_modules_import_no_stage() -> None:
    """What every stage uses (pipeline/*.py) depends on no stage, so any stage may use it."""
    stages = {s.name for s in STAGES}
    found = []
    for path in (ROOT / "pipeline").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                target = node.module.split(".")
                if target[0] == "pipeline" and len(target) > 1 and target[1] in stages:
                    found.append(f"{path.name} imports {node.module}")
    assert found == []
