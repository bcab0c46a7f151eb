"""`commitments fetch` against a stand-in OGP site on 127.0.0.1 (tests/fixtures/ogp_site.py).

Each test runs the real command in a subprocess and checks two things: what the crawler
REQUESTED (the server's log: paths, Host, conditional headers, User-Agent, timing) and
what it STORED (the snapshot layout of the contract: one folder per address, history.jsonl,
`<sha256>.<ext>` bodies and their sidecars). The last two tests are the "done when" cases:
a re-fetch of an unchanged site is all 304s and releases byte-identically; one changed page
gives one new snapshot and a changes.csv about that commitment only.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import os
import re
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.fixtures.ogp_site import (
    DISALLOWED_ID,
    EXPORT_PATH,
    FREEDONIA,
    UK_ID,
    UNITED_KINGDOM,
    OgpSite,
    StandInSite,
    commitment_path,
    export_csv,
    member_path,
    ogp_site,
)
from tests.integration.graph import EPOCH, commitments

pytestmark = pytest.mark.slow

#: The project's name and version, and where to reach its maintainers (pipeline/fetch/settings.py).
USER_AGENT = re.compile(
    r"^ogp-commitments-fetch/\S+ \(\+https://github\.com/ogp-commitments/\S+\)$"
)
PUBLISHER = "Open Government Partnership"
HISTORY = "history.jsonl"
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$")
HISTORY_KEYS = {
    "checked_at",
    "url",
    "final_url",
    "status",
    "outcome",
    "reason",
    "sha256",
    "file",
    "etag",
    "last_modified",
}
SIDECAR_KEYS = {
    "url",
    "final_url",
    "retrieved_at",
    "status",
    "etag",
    "last_modified",
    "content_type",
    "sha256",
    "bytes",
    "publisher",
}
# A further commitment each misbehaviour is put on (linked from Freedonia's English page).
ODD_ID, ODD_ID_2 = "FD0901", "FD0902"


# --- running ------------------------------------------------------------------------------


def cli_env_in(home: Path) -> dict[str, str]:
    """The command's environment: own DAGSTER_HOME, fixed epoch, tiny backoff base."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    return {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "SOURCE_DATE_EPOCH": EPOCH,
        "OGP_FETCH_BACKOFF": "0.01",
    }


def fetch(
    site: StandInSite,
    snapshots: Path,
    *more: str,
    languages: str = "en,es,fr",
    export: bool = True,
    work: Path,
) -> subprocess.CompletedProcess[str]:
    """`commitments fetch` of `site` into `snapshots`, fast (--rate 200, backoff 0.01 s)."""
    args = ["fetch", "--site", site.origin, "--snapshots", str(snapshots), "--rate", "200"]
    args += ["--languages", languages]
    if export:
        args += ["--export-url", site.url(EXPORT_PATH)]
    return commitments(*args, *more, env=cli_env_in(work / "home"), cwd=work)


def fetch_en(
    site: StandInSite, snapshots: Path, work: Path, *more: str
) -> subprocess.CompletedProcess[str]:
    """An English-only crawl that tolerates failures (--max-failures 1): for misbehaviours."""
    return fetch(site, snapshots, "--max-failures", "1", *more, languages="en", work=work)


def release(
    sources: Path, releases: Path, version: str, work: Path
) -> subprocess.CompletedProcess[str]:
    """`commitments release` of a snapshots folder, with a DAGSTER_HOME of its own."""
    home = work / f"home-{releases.name}-{version}"
    return commitments(
        "release", "--sources", str(sources), "--releases", str(releases), "--version", version,
        "--work-dir", str(work / "runs"), env=cli_env_in(home), cwd=work,
    )  # fmt: skip


def ok(done: subprocess.CompletedProcess[str], code: int = 0) -> str:
    assert done.returncode == code, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


# --- reading the snapshots ----------------------------------------------------------------


def folder(snapshots: Path, site: StandInSite, path: str) -> Path:
    """The address folder of a site path (`/members/x/` → DIR/127.0.0.1_<port>/members/x)."""
    return snapshots / site.snapshot_host / path.strip("/")


def history(address: Path) -> list[dict]:
    lines = (address / HISTORY).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def bodies(address: Path) -> list[Path]:
    """The stored bodies of an address folder (no history, sidecars or hidden files)."""
    if not address.is_dir():
        return []
    return sorted(
        p
        for p in address.iterdir()
        if p.is_file()
        and p.name != HISTORY
        and not p.name.endswith(".meta.json")
        and not p.name.startswith(".")
    )


def address_folders(snapshots: Path, site: StandInSite) -> set[str]:
    """Site paths (`/a/b/`) of every folder holding a history.jsonl."""
    host = snapshots / site.snapshot_host
    return {"/" + str(h.parent.relative_to(host)) + "/" for h in host.rglob(HISTORY)}


def as_folder_path(path: str) -> str:
    """A site path as address_folders() names it (the export URL has no final slash)."""
    return "/" + path.strip("/") + "/"


def file_list(snapshots: Path) -> set[str]:
    return {str(p.relative_to(snapshots)) for p in snapshots.rglob("*") if p.is_file()}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def assert_failed(snapshots: Path, site: StandInSite, path: str, reason: str) -> None:
    """The address has no body and its last history line is a failure with `reason`."""
    address = folder(snapshots, site, path)
    assert bodies(address) == [], f"{path}: a failure stored a body"
    assert list(address.glob("*.meta.json")) == []
    last = history(address)[-1]
    assert (last["outcome"], last["reason"], last["sha256"], last["file"]) == (
        "failed",
        reason,
        None,
        None,
    )


def assert_stored(snapshots: Path, site: StandInSite, path: str) -> dict:
    """The address holds exactly the served page as its newest body; returns the line."""
    address = folder(snapshots, site, path)
    served = site.pages[path].body
    last = history(address)[-1]
    assert last["outcome"] in {"new", "unchanged", "not_modified"}, last
    assert last["sha256"] == sha256(served)
    assert (address / last["file"]).read_bytes() == served
    return last


def summary_count(stdout: str, label: str) -> int:
    """The number after `label` in the printed summary (0 when the label is absent)."""
    found = re.search(rf"{re.escape(label)} (\d+)", stdout)
    return int(found.group(1)) if found else 0


# --- one full crawl of the stand-in site, shared by the read-only checks -----------------


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[OgpSite, Path, str]]:
    """The whole site (three languages, the export) fetched once: site, snapshots, stdout."""
    work = tmp_path_factory.mktemp("crawl")
    site = ogp_site()
    try:
        snapshots = work / "snapshots"
        stdout = ok(fetch(site, snapshots, work=work))
        yield site, snapshots, stdout
    finally:
        site.stop()


def expected_paths(site: OgpSite) -> set[str]:
    return site.crawl_paths() | {EXPORT_PATH}


def test_crawl_asks_for_directory_members_and_commitments_in_three_languages_once_each(
    crawled: tuple[OgpSite, Path, str],
) -> None:
    """Directory → member → commitment pages, en/es/fr, each address asked for exactly once,
    whatever form its links took; no other same-site address (nav links, /members/)."""
    site, _, _ = crawled
    asked = Counter(site.paths())
    assert asked == Counter(expected_paths(site)), sorted(asked.items())
    assert site.paths()[0] == "/robots.txt"
    assert all(h.method == "GET" and h.query == "" for h in site.hits())


def test_every_address_form_is_stored_under_one_normalised_folder(
    crawled: tuple[OgpSite, Path, str],
) -> None:
    """Relative, absolute, no final slash, lower-case ID, query and fragment: one folder each,
    upper-case ID, final slash added, query dropped; only the site's own host folder."""
    site, snapshots, _ = crawled
    assert [p.name for p in snapshots.iterdir()] == [site.snapshot_host]
    stored = address_folders(snapshots, site)
    assert stored == {as_folder_path(p) for p in expected_paths(site) - {"/robots.txt"}}
    for language in ("en", "es", "fr"):
        assert commitment_path(language, FREEDONIA, "FD0045") in stored  # linked `fd0045`
        assert commitment_path(language, UNITED_KINGDOM, UK_ID) in stored  # linked `uk0073`
    assert not [p for p in stored if "?" in p or re.search(r"/[a-z]{2,4}\d{4}/$", p)]


def test_each_body_its_history_line_and_sidecar(crawled: tuple[OgpSite, Path, str]) -> None:
    """One `new` line per address, the body named by its sha256, and a sidecar citing OGP."""
    site, snapshots, _ = crawled
    for path in expected_paths(site) - {"/robots.txt"}:
        address = folder(snapshots, site, path)
        page = site.pages[path]
        (line,) = history(address)
        assert set(line) >= HISTORY_KEYS, path  # the contract's keys (more are allowed)
        digest = sha256(page.body)
        ext = "csv" if path == EXPORT_PATH else "html"
        assert line["outcome"] == "new" and line["status"] == 200 and line["reason"] is None
        assert (line["sha256"], line["file"]) == (digest, f"{digest}.{ext}")
        assert line["url"] == site.url(path) and line["final_url"] == site.url(path)
        assert (line["etag"], line["last_modified"]) == (page.etag, page.last_modified_header)
        assert ISO_UTC.match(line["checked_at"]), line["checked_at"]
        assert [b.name for b in bodies(address)] == [line["file"]]
        assert (address / line["file"]).read_bytes() == page.body
        meta = json.loads((address / f"{line['file']}.meta.json").read_text(encoding="utf-8"))
        assert set(meta) >= SIDECAR_KEYS, path
        assert meta["url"] == site.url(path) and meta["status"] == 200
        assert (meta["sha256"], meta["bytes"]) == (digest, len(page.body))
        assert (meta["etag"], meta["last_modified"]) == (page.etag, page.last_modified_header)
        assert meta["content_type"].split(";")[0] == page.content_type.split(";")[0]
        assert meta["publisher"] == PUBLISHER
        assert ISO_UTC.match(meta["retrieved_at"]), meta["retrieved_at"]


def test_robots_disallow_is_honoured_and_counted(crawled: tuple[OgpSite, Path, str]) -> None:
    """FD0013 is linked from all three member pages and disallowed in each language."""
    site, snapshots, stdout = crawled
    disallowed = {site.disallowed(language) for language in ("en", "es", "fr")}
    assert not disallowed & set(site.paths())
    assert not any(DISALLOWED_ID in p or DISALLOWED_ID.lower() in p for p in site.paths())
    assert not (
        snapshots / site.snapshot_host / "members" / FREEDONIA / "commitments" / "FD0013"
    ).exists()
    assert summary_count(stdout, "skipped by robots.txt") == 3, stdout
    assert "robots.txt" not in "".join(file_list(snapshots))  # fetched, never stored


def test_links_to_other_hosts_are_never_requested(crawled: tuple[OgpSite, Path, str]) -> None:
    """`localhost:<port>` is this very server under another name: it must see no request."""
    site, _, stdout = crawled
    assert {h.host for h in site.hits()} == {f"127.0.0.1:{site.port}"}
    assert not [h for h in site.hits() if h.host == site.other_host]
    assert "/members/x/" not in site.paths()
    assert summary_count(stdout, "off-site links ignored") >= 2, stdout


def test_export_csv_is_stored_as_is(crawled: tuple[OgpSite, Path, str]) -> None:
    site, snapshots, _ = crawled
    address = folder(snapshots, site, EXPORT_PATH)
    assert address == snapshots / site.snapshot_host / "data" / "ogp_export.csv"
    (body,) = bodies(address)
    assert body.suffix == ".csv" and body.read_bytes() == export_csv()


def test_user_agent_names_the_project(crawled: tuple[OgpSite, Path, str]) -> None:
    site, _, _ = crawled
    agents = {h.user_agent for h in site.hits()}
    assert len(agents) == 1 and all(a and USER_AGENT.match(a) for a in agents), agents


def test_no_temporary_file_is_left(crawled: tuple[OgpSite, Path, str]) -> None:
    _, snapshots, _ = crawled
    assert not [f for f in file_list(snapshots) if any(s.startswith(".") for s in f.split("/"))]


def test_summary_reports_the_crawl(crawled: tuple[OgpSite, Path, str]) -> None:
    site, snapshots, stdout = crawled
    assert stdout.startswith(f"fetch complete: {site.origin} -> "), stdout
    assert str(snapshots) in stdout.splitlines()[0]
    fetched = len(expected_paths(site)) - 1  # all but robots.txt are snapshot addresses
    assert summary_count(stdout, "fetched (200)") in {fetched, fetched + 1}, stdout
    assert summary_count(stdout, "new") == fetched, stdout
    assert summary_count(stdout, "failed") == 0, stdout


# --- the options --------------------------------------------------------------------------


def test_members_option_limits_the_member_pages(tmp_path: Path) -> None:
    with ogp_site() as site:
        ok(fetch(site, tmp_path / "s", "--members", UNITED_KINGDOM, export=False, work=tmp_path))
        assert not [p for p in site.paths() if f"/{FREEDONIA}/" in p]
        for language in ("en", "es", "fr"):
            assert member_path(language, UNITED_KINGDOM) in site.paths()
            assert commitment_path(language, UNITED_KINGDOM, UK_ID) in site.paths()


def test_crawl_delay_is_honoured(tmp_path: Path) -> None:
    """Crawl-delay: 1 slows even a --rate 200 crawl to one request a second."""
    with ogp_site() as site:
        site.set_page("/robots.txt", site.robots(crawl_delay=1))
        ok(
            fetch(
                site, tmp_path / "s", "--members", UNITED_KINGDOM,
                languages="en", export=False, work=tmp_path,
            )
        )  # fmt: skip
        times = [h.at for h in site.hits()]
        assert len(times) == 4, site.paths()  # robots, directory, member page, UK0073
        gaps = [b - a for a, b in itertools.pairwise(times[1:])]  # after robots.txt
        assert min(gaps) >= 0.9, gaps


@pytest.mark.parametrize("args", [["--rate", "0"], ["--languages", "de"]])
def test_usage_error_exits_2_before_any_request(tmp_path: Path, args: list[str]) -> None:
    with ogp_site() as site:
        done = fetch(site, tmp_path / "s", *args, work=tmp_path)
        assert done.returncode == 2, done.stdout + done.stderr
        assert site.hits() == []
        assert not (tmp_path / "s").exists() or not any((tmp_path / "s").iterdir())


def test_nothing_fetched_exits_1(tmp_path: Path) -> None:
    """A site answering 404 everywhere: no 200, no 304."""
    with StandInSite().start() as site:
        done = fetch(site, tmp_path / "s", "--max-failures", "1", export=False, work=tmp_path)
        assert done.returncode == 1, done.stdout + done.stderr
        assert site.hits(), "the crawler asked for nothing"


@pytest.mark.parametrize(("threshold", "code"), [("0.5", 0), ("50%", 0), ("0", 1)])
def test_exit_code_follows_max_failures(tmp_path: Path, threshold: str, code: int) -> None:
    """One soft 404 among ~10 addresses: allowed at 50%, not at 0."""
    with ogp_site() as site:
        site.soft_404(site.add_commitment(ODD_ID))
        done = fetch(
            site, tmp_path / "s", "--max-failures", threshold, languages="en", work=tmp_path
        )
        stdout = ok(done, code)
        assert summary_count(stdout, "soft 404") == 1, stdout
        assert_stored(tmp_path / "s", site, commitment_path("en", UNITED_KINGDOM, UK_ID))


# --- misbehaviours ------------------------------------------------------------------------


def test_429_waits_for_retry_after_then_stores(tmp_path: Path) -> None:
    with ogp_site() as site:
        path = site.add_commitment(ODD_ID)
        site.throttle(path, retry_after=1)
        ok(fetch_en(site, tmp_path / "s", tmp_path))
        first, second = site.hits(path)
        assert (first.status, second.status) == (429, 200)
        assert second.at - first.at >= 0.95, second.at - first.at
        line = assert_stored(tmp_path / "s", site, path)
        assert (line["outcome"], line["status"]) == ("new", 200)
        assert len(history(folder(tmp_path / "s", site, path))) == 1  # one fetch, two tries


def test_500_is_retried_then_stores(tmp_path: Path) -> None:
    with ogp_site() as site:
        path = site.add_commitment(ODD_ID)
        site.fail(path, 500, times=1)
        stdout = ok(fetch_en(site, tmp_path / "s", tmp_path))
        assert [h.status for h in site.hits(path)] == [500, 200]
        assert assert_stored(tmp_path / "s", site, path)["outcome"] == "new"
        assert summary_count(stdout, "failed") == 0, stdout


def test_500_for_good_is_retried_then_reported(tmp_path: Path) -> None:
    with ogp_site() as site:
        path = site.add_commitment(ODD_ID)
        site.fail(path, 500, times=None)
        stdout = ok(fetch_en(site, tmp_path / "s", tmp_path, "--retries", "2"))
        assert [h.status for h in site.hits(path)] == [500, 500, 500]
        assert_failed(tmp_path / "s", site, path, "http 500")
        assert summary_count(stdout, "http 500") == 1, stdout


def test_404_is_not_retried_and_reported(tmp_path: Path) -> None:
    with ogp_site() as site:
        path = site.add_commitment(ODD_ID)
        site.remove_page(path)
        stdout = ok(fetch_en(site, tmp_path / "s", tmp_path))
        assert [h.status for h in site.hits(path)] == [404]
        assert_failed(tmp_path / "s", site, path, "http 404")
        assert summary_count(stdout, "http 404") == 1, stdout


def test_timeout_is_reported(tmp_path: Path) -> None:
    """A page that answers after 2 s, with --timeout 0.5 and one retry: two tries, no body."""
    with ogp_site() as site:
        path = site.add_commitment(ODD_ID)
        site.stall(path, 2.0)
        stdout = ok(fetch_en(site, tmp_path / "s", tmp_path, "--timeout", "0.5", "--retries", "1"))
        assert len(site.hits(path)) == 2
        assert_failed(tmp_path / "s", site, path, "timeout")
        assert summary_count(stdout, "timeout") == 1, stdout
        assert_stored(tmp_path / "s", site, commitment_path("en", FREEDONIA, "FD0012"))


def test_redirect_off_site_is_not_followed(tmp_path: Path) -> None:
    with ogp_site() as site:
        path = site.add_commitment(ODD_ID)
        site.redirect(path, f"http://{site.other_host}{path}")
        stdout = ok(fetch_en(site, tmp_path / "s", tmp_path))
        assert [h.status for h in site.hits(path)] == [302]
        assert not [h for h in site.hits() if h.host == site.other_host]
        assert_failed(tmp_path / "s", site, path, "redirect off-site")
        assert summary_count(stdout, "redirect off-site") == 1, stdout


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "streamed"])
def test_oversize_body_is_refused_and_not_stored(tmp_path: Path, declared: bool) -> None:
    with ogp_site() as site:
        path = site.add_commitment(ODD_ID)
        limit = max(len(p.body) for p in site.pages.values()) + 1024
        site.oversize(path, limit * 3, declared=declared)
        stdout = ok(fetch_en(site, tmp_path / "s", tmp_path, "--max-bytes", str(limit)))
        assert_failed(tmp_path / "s", site, path, "too large")
        assert summary_count(stdout, "too large") == 1, stdout
        assert_stored(tmp_path / "s", site, EXPORT_PATH)  # the largest real file still fits


def test_cut_short_body_is_reported_and_not_stored(tmp_path: Path) -> None:
    with ogp_site() as site:
        path = site.add_commitment(ODD_ID)
        site.cut_short(path)
        stdout = ok(fetch_en(site, tmp_path / "s", tmp_path))
        assert site.hits(path)
        assert_failed(tmp_path / "s", site, path, "incomplete body")
        assert summary_count(stdout, "incomplete body") == 1, stdout


def test_soft_404_and_bot_challenge_are_reported_never_stored(tmp_path: Path) -> None:
    with ogp_site() as site:
        soft, challenged = site.add_commitment(ODD_ID), site.add_commitment(ODD_ID_2)
        site.soft_404(soft)
        site.challenge(challenged)
        stdout = ok(fetch_en(site, tmp_path / "s", tmp_path))
        assert_failed(tmp_path / "s", site, soft, "soft 404")
        assert_failed(tmp_path / "s", site, challenged, "bot challenge")
        assert summary_count(stdout, "soft 404") == 1, stdout
        assert summary_count(stdout, "bot challenge") == 1, stdout
        assert summary_count(stdout, "failed") == 2, stdout


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda site, path: site.fail(path, 500, times=None), "http 500"),
        (lambda site, path: site.soft_404(path), "soft 404"),
        (lambda site, path: site.cut_short(path), "incomplete body"),
        (lambda site, path: site.challenge(path), "bot challenge"),
    ],
    ids=["http-500", "soft-404", "cut-short", "challenge"],
)
def test_a_failure_never_replaces_an_earlier_good_snapshot(
    tmp_path: Path, spoil: Callable[[OgpSite, str], None], reason: str
) -> None:
    with ogp_site() as site:
        path = commitment_path("en", FREEDONIA, "FD0012")
        snapshots = tmp_path / "s"
        ok(fetch_en(site, snapshots, tmp_path))
        address = folder(snapshots, site, path)
        before = {p.name: p.read_bytes() for p in address.iterdir() if p.name != HISTORY}
        good = history(address)[-1]
        site.set_page(path, site.body(path).replace(b"Inactive", b"Active"))  # a new version…
        spoil(site, path)  # …that the site fails to deliver
        ok(fetch_en(site, snapshots, tmp_path, "--retries", "1"))
        after = {p.name: p.read_bytes() for p in address.iterdir() if p.name != HISTORY}
        assert after == before
        lines = history(address)
        assert len(lines) == 2 and lines[0] == good
        assert (lines[1]["outcome"], lines[1]["reason"]) == ("failed", reason)
        newest_good = [line for line in lines if line["sha256"]][-1]
        assert newest_good == good and (address / good["file"]).exists()


def test_site_ignoring_conditions_gives_unchanged_and_no_new_file(tmp_path: Path) -> None:
    """A server that never answers 304: the same bytes again are `unchanged`, not rewritten."""
    with ogp_site() as site:
        snapshots = tmp_path / "s"
        ok(fetch_en(site, snapshots, tmp_path))
        files = file_list(snapshots)
        site.conditional = False
        site.clear_log()
        ok(fetch_en(site, snapshots, tmp_path))
        assert file_list(snapshots) == files
        for path in site.commitment_paths(["en"]):
            last = history(folder(snapshots, site, path))[-1]
            assert (last["outcome"], last["status"]) == ("unchanged", 200), path
            assert last["sha256"] == sha256(site.body(path))


# --- done when ------------------------------------------------------------------------------


def test_refetch_of_an_unchanged_site_is_all_304_and_releases_identically(
    tmp_path: Path,
) -> None:
    with ogp_site() as site:
        snapshots = tmp_path / "snapshots"
        ok(fetch(site, snapshots, work=tmp_path))
        files = {f: (snapshots / f).read_bytes() for f in file_list(snapshots)}
        ok(release(snapshots, tmp_path / "R1", "v1", tmp_path))
        site.clear_log()
        ok(fetch(site, snapshots, work=tmp_path))

        pages = [h for h in site.hits() if h.path != "/robots.txt"]
        assert {h.path for h in pages} == expected_paths(site) - {"/robots.txt"}
        for hit in pages:
            page = site.pages[hit.path]
            assert hit.if_none_match == page.etag, hit
            assert hit.if_modified_since == page.last_modified_header, hit
            assert hit.status == 304, hit
        assert file_list(snapshots) == set(files)
        changed = [f for f, data in files.items() if (snapshots / f).read_bytes() != data]
        assert all(f.endswith(HISTORY) for f in changed), changed
        for path in expected_paths(site) - {"/robots.txt"}:
            first, second = history(folder(snapshots, site, path))
            assert (second["outcome"], second["status"]) == ("not_modified", 304), path
            assert (second["sha256"], second["file"]) == (first["sha256"], first["file"])

        ok(release(snapshots, tmp_path / "R2", "v1", tmp_path))
        sums1 = (tmp_path / "R1" / "v1" / "SHA256SUMS").read_bytes()
        assert (tmp_path / "R2" / "v1" / "SHA256SUMS").read_bytes() == sums1


def source_ids_of(release_dir: Path, needle: str) -> set[str]:
    """The ids of the release's sources whose path or url contains `needle`."""
    with (release_dir / "csv" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["source_id"]
            for row in csv.DictReader(handle)
            if needle in row["path"] or needle in (row["url"] or "")
        }


def test_one_changed_page_gives_one_new_snapshot_and_only_its_changes(tmp_path: Path) -> None:
    """UK0073's English page turns starred: one new body in its folder, one `new` line, and a
    changes.csv about UK0073 alone (its rows, and the rows of its file's sources/rejects)."""
    with ogp_site() as site:
        snapshots, releases = tmp_path / "snapshots", tmp_path / "releases"
        ok(fetch(site, snapshots, work=tmp_path))
        ok(release(snapshots, releases, "v1", tmp_path))
        path = commitment_path("en", UNITED_KINGDOM, UK_ID)
        old = site.body(path)
        assert old.count(b"Starred: No") == 1
        site.set_page(path, old.replace(b"Starred: No", b"Starred: Yes"))
        ok(fetch(site, snapshots, work=tmp_path))

        address = folder(snapshots, site, path)
        assert [b.read_bytes() for b in bodies(address)] == sorted(
            [old, site.body(path)], key=sha256
        )
        lines = history(address)
        assert [line["outcome"] for line in lines] == ["new", "new"]
        assert lines[1]["sha256"] == sha256(site.body(path)) and lines[1]["status"] == 200
        for other in expected_paths(site) - {"/robots.txt", path}:
            others = history(folder(snapshots, site, other))
            assert [line["outcome"] for line in others] == ["new", "not_modified"], other
            assert len(bodies(folder(snapshots, site, other))) == 1, other

        ok(release(snapshots, releases, "v2", tmp_path))
        needle = f"/{UNITED_KINGDOM}/commitments/{UK_ID}/"
        own = source_ids_of(releases / "v1", needle) | source_ids_of(releases / "v2", needle)
        with (releases / "v2" / "changes.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert {"table": "commitments", "key": UK_ID, "change": "changed", "field": "starred",
                "old_value": "false", "new_value": "true"} in rows  # fmt: skip
        strays = [
            r
            for r in rows
            if UK_ID not in r["key"].split(" | ")[0] and r["key"].split(" | ")[0] not in own
        ]
        assert strays == [], strays
