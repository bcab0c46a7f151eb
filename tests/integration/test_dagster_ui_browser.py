"""The Dagster UI in a real browser: the asset graph, "Materialize all", the run, the checks.

A real `dagster dev` (tests/integration/test_dagster_ui.py's fixture) on a free loopback
port, driven by Debian's headless Chromium through Playwright (test_landing_page.py's
browser). The run is launched by clicking the UI's button, as an operator would; its
progress is read from the run page, and the checks' results from the asset pages. A
screenshot of the finished run is kept in test-artifacts/.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from pipeline.contract import table_names
from tests.integration.test_dagster_ui import dagster_dev, graphql  # noqa: F401 (fixture)
from tests.integration.test_landing_page import ARTIFACTS, browser  # noqa: F401 (fixture)

pytestmark = pytest.mark.slow

ASSETS = [
    "source_files",
    "raw_pages",
    "raw_export",
    "vocabularies",
    "source_values",
    "candidates",
    "choices",
    "record_ledger",
    *table_names(),
    "release_candidate",
    "release",
]
GROUPS = ["core", "fetch", "raw", "release", "stage"]
RUNS = """
{ runsOrError(limit: 5) { ... on Runs { results { runId status tags { key value } } } } }
"""
CHECKS = """
query Checks($path: [String!]!) {
  assetNodeOrError(assetKey: {path: $path}) {
    ... on AssetNode {
      assetChecksOrError {
        ... on AssetChecks { checks { name executionForLatestMaterialization { status } } }
      }
    }
  }
}
"""


def skip_welcome(page: Page) -> None:
    """A "Join the Dagster community" pop-up greets a first visit."""
    skip = page.get_by_role("button", name="Skip")
    try:
        skip.wait_for(timeout=5_000)
        skip.click()
    except Exception:  # no pop-up this time
        pass


def expand_groups(page: Page) -> None:
    """Open every asset group, in the sidebar (a list of the assets with their status) and
    in the graph (drawn collapsed, one box per group, when there are many assets)."""
    groups = page.get_by_role("button", name=re.compile(r"^asset_group "))
    expect(groups.first).to_be_visible(timeout=30_000)
    count = groups.count()
    assert count == len(GROUPS), groups.all_inner_texts()
    for index in reversed(range(count)):  # the last first: earlier arrows keep their place
        page.get_by_role("button", name="arrow_drop_down").nth(index).click()
    folded = page.get_by_role("img", name="unfold_more")
    for _ in range(count):
        if folded.count() == 0:
            break
        folded.first.click()
        page.wait_for_timeout(500)


def wait_for_run(base: str, timeout: float = 240) -> dict:
    """The run the click launched, once it has finished."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = graphql(base, RUNS)["runsOrError"]["results"]
        if runs and runs[0]["status"] in {"SUCCESS", "FAILURE", "CANCELED"}:
            return runs[0]
        time.sleep(1)
    raise AssertionError(f"no run finished within {timeout} s: {runs}")


def test_materialize_all_from_the_ui(
    dagster_dev: str,  # noqa: F811
    browser: Browser,  # noqa: F811
    tmp_path: Path,
) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(f"{dagster_dev}/asset-groups", wait_until="networkidle")
    skip_welcome(page)
    expand_groups(page)
    for name in ASSETS:  # every asset is listed, not yet materialised
        row = page.get_by_role("button", name=re.compile(rf"^missing {name} {name}$"))
        expect(row).to_be_visible(timeout=30_000)

    # "Materialize all (23)": the count of assets it will run, snapshots (off) left out.
    page.get_by_role("button", name=re.compile(r"Materialize all( \(\d+\))?$")).click()
    run = wait_for_run(dagster_dev)
    assert run["status"] == "SUCCESS", run

    page.goto(f"{dagster_dev}/runs/{run['runId']}", wait_until="networkidle")
    skip_welcome(page)
    expect(page.get_by_text("Success").first).to_be_visible(timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dagster-materialize-all.png"), full_page=True)

    for table in table_names():
        node = graphql(dagster_dev, CHECKS, {"path": [table]})["assetNodeOrError"]
        checks = node["assetChecksOrError"]["checks"]
        assert checks and all(
            c["executionForLatestMaterialization"]["status"] == "SUCCEEDED" for c in checks
        ), (table, checks)
    page.goto(f"{dagster_dev}/assets/commitments?view=checks", wait_until="networkidle")
    expect(page.get_by_text("commitments_integrity").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile("Passed|Succeeded")).first).to_be_visible(timeout=30_000)

    tags = {t["key"]: t["value"] for t in run["tags"]}
    assert tags.get("release/version")  # the version the run built
    assert (tmp_path / "releases" / "latest" / "datapackage.json").is_file()
