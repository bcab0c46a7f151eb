"""Benchmark: `commitments fetch` crawling a stand-in OGP site, first crawl and re-crawl.

Why: the crawler makes one request at a time and records every response in the snapshot
store (a body, a sidecar and a history line per address). Against the real site the
polite rate (1 request/s) bounds a crawl; this measures what the crawler itself costs
per page when the site answers at once: its wall time, its CPU, its peak memory (which
must not grow with the number of pages) and what it leaves on disk.

How: a site of N commitments × 3 languages (en, es, fr) is served on 127.0.0.1 by a
separate process (a ThreadingHTTPServer, HTTP/1.1 keep-alive), so the crawler's CPU is
measured alone. Pages are made on the fly from their path (deterministic, nothing held
in memory):

    /robots.txt                                  everything allowed
    /[es/|fr/]our-members/                       links to every member page
    /[es/|fr/]members/member-001/                links to the member's commitment pages
    /[es/|fr/]members/member-001/commitments/AA0001/   `<h1>Title (AA0001)</h1>` + text

M members (default 100) share the N commitments (60 each at 6,000); a member's IDs are
two letters from its index and a 4-digit number, so every ID is unique. Each page is
about --page-bytes of HTML (navigation, paragraphs, off-site links), served with an
ETag; a request whose If-None-Match matches gets 304.

For each size the real command runs twice in a child process, under GNU `time -v` when
installed (else through this script's `--child` wrapper, which reports its own
getrusage): into a fresh snapshots folder (every page new), then again with nothing
changed (every page 304). `--rate 100000` and OGP_FETCH_BACKOFF=0.01 take the pacing out.

    .venv/bin/python bench/crawl.py [--commitments 6000] [--members 100]
        [--sizes 1500,6000] [--out results.json]

Without --sizes it runs N/4 and N. Prints a Markdown table (and the JSON to --out).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
GNU_TIME = "/usr/bin/time"
LANGUAGES = ("en", "es", "fr")
TITLE_WORD = {"en": "Commitment", "es": "Compromiso", "fr": "Engagement"}
STATS_PATH = "/__bench/stats"
LAST_MODIFIED = "Mon, 07 Dec 2026 10:00:00 GMT"
_TEXT = (
    "open government partnership commitment ministry public access information citizens "
    "transparency accountability budget participation civil society national action plan "
    "implementation milestone data portal procurement beneficial ownership justice digital "
    "municipal oversight reform audit report consultation legislation integrity services "
    "gobierno abierto compromiso ciudadanía transparencia rendición de cuentas participación "
    "gouvernement ouvert engagement transparence redevabilité société civile données"
)
WORDS = tuple(_TEXT.split())
_PAGE = re.compile(
    r"^/(?:(?P<lang>es|fr)/)?(?:(?P<directory>our-members)/"
    r"|members/(?P<member>member-\d{3})/(?:commitments/(?P<id>[A-Z]{2}\d{4})/)?)$"
)


# --- the stand-in site ------------------------------------------------------------------


class SiteShape:
    """Which members and commitments the site has: N commitments spread over M members."""

    def __init__(self, commitments: int, members: int, page_bytes: int) -> None:
        if not 1 <= members <= 26 * 26:
            raise ValueError("members must be from 1 to 676 (two letters per member)")
        self.per_member = -(-commitments // members)
        if self.per_member > 9999:
            raise ValueError("at most 9,999 commitments per member")
        self.commitments, self.members, self.page_bytes = commitments, members, page_bytes

    def slug(self, index: int) -> str:
        return f"member-{index + 1:03d}"

    def member_index(self, slug: str) -> int | None:
        index = int(slug.removeprefix("member-")) - 1
        return index if 0 <= index < self.members else None

    def ids(self, index: int) -> list[str]:
        """The commitment IDs of member `index`: its two letters and 0001, 0002, ..."""
        letters = chr(65 + index // 26) + chr(65 + index % 26)
        first = index * self.per_member
        count = max(0, min(self.per_member, self.commitments - first))
        return [f"{letters}{k:04d}" for k in range(1, count + 1)]

    @property
    def pages(self) -> int:
        """Pages the crawl should visit: directories, member and commitment pages."""
        return len(LANGUAGES) * (1 + self.members + self.commitments)


def _prefix(language: str) -> str:
    return "" if language == "en" else f"/{language}"


def _filler(rng: random.Random, size: int) -> str:
    """Paragraphs of words (seeded) until about `size` characters."""
    parts: list[str] = []
    length = 0
    while length < size:
        words = rng.choices(WORDS, k=rng.randint(25, 60))
        paragraph = f"<p>{' '.join(words).capitalize()}.</p>\n"
        parts.append(paragraph)
        length += len(paragraph)
    return "".join(parts)


def _document(language: str, title: str, body: str, rng: random.Random, size: int) -> str:
    """A page with the site's chrome (navigation, footer links) around `body`."""
    prefix = _prefix(language)
    nav = "".join(
        f'<li><a href="{prefix}/{part}/">{part.replace("-", " ").title()}</a></li>'
        for part in ("about", "our-members", "news", "events", "resources", "contact")
    )
    head = (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{title} | Open Government Partnership</title>"
        '<link rel="stylesheet" href="/static/site.css"></head>\n<body>\n'
        f'<header><a href="{prefix}/">OGP</a><nav><ul>{nav}</ul></nav></header>\n<main>\n'
    )
    tail = (
        "</main>\n<footer>"
        '<a href="https://twitter.com/opengovpart">Twitter</a> '
        '<a href="https://www.facebook.com/OpenGovernmentPartnership">Facebook</a> '
        '<a href="/privacy-policy/">Privacy</a></footer>\n</body></html>\n'
    )
    room = size - len(head) - len(body) - len(tail)
    return head + body + (_filler(rng, room) if room > 0 else "") + tail


def render(shape: SiteShape, path: str) -> bytes | None:
    """The page at `path` (same bytes every time), or None when the site has none."""
    match = _PAGE.match(path)
    if not match:
        return None
    language = match["lang"] or "en"
    prefix = _prefix(language)
    rng = random.Random(zlib.crc32(path.encode("ascii")))
    if match["directory"]:
        links = "".join(
            f'<li><a href="{prefix}/members/{shape.slug(i)}/">Member {i + 1}</a></li>\n'
            for i in range(shape.members)
        )
        body = f"<h1>{TITLE_WORD[language]}s / Members</h1>\n<ul>\n{links}</ul>\n"
        return _document(language, "Our members", body, rng, shape.page_bytes).encode()
    index = shape.member_index(match["member"])
    if index is None:
        return None
    ids = shape.ids(index)
    slug = shape.slug(index)
    if not match["id"]:
        links = "".join(
            f'<li><a href="{prefix}/members/{slug}/commitments/{cid}/">'
            f"{TITLE_WORD[language]} {cid}</a></li>\n"
            for cid in ids
        )
        body = f"<h1>Member {index + 1}</h1>\n<ul>\n{links}</ul>\n"
        return _document(language, f"Member {index + 1}", body, rng, shape.page_bytes).encode()
    if match["id"] not in ids:
        return None
    number = index * shape.per_member + ids.index(match["id"]) + 1
    title = f"{TITLE_WORD[language]} title {number} ({match['id']})"
    body = (
        f"<h1>{title}</h1>\n"
        f'<p class="member"><a href="{prefix}/members/{slug}/">Member {index + 1}</a></p>\n'
        f"<dl><dt>Status</dt><dd>{rng.choice(('Active', 'Inactive', 'Complete'))}</dd>"
        f"<dt>Action plan</dt><dd>{rng.randint(2012, 2026)}</dd></dl>\n"
    )
    return _document(language, title, body, rng, shape.page_bytes).encode()


class _Stats:
    """What the site served: requests, 200s, 304s, 404s and body bytes, thread-safe."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts = {"requests": 0, "200": 0, "304": 0, "404": 0, "bytes": 0}

    def add(self, status: int, size: int) -> None:
        with self.lock:
            self.counts["requests"] += 1
            self.counts[str(status)] = self.counts.get(str(status), 0) + 1
            self.counts["bytes"] += size

    def snapshot(self) -> dict[str, float]:
        times = os.times()
        with self.lock:
            return {**self.counts, "cpu": times.user + times.system}


def _handler(shape: SiteShape, stats: _Stats) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the crawler's pool reuses a connection
        # Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm
        # holds the body until the client's delayed ACK (40 ms a page), timing the stand-in.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: no line per request."""

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == STATS_PATH:
                self._send(200, json.dumps(stats.snapshot()).encode(), {})
                return
            if path == "/robots.txt":
                body = b"User-agent: *\nAllow: /\n"
                stats.add(200, len(body))
                self._send(200, body, {"Content-Type": "text/plain"})
                return
            page = render(shape, path)
            if page is None:
                stats.add(404, 9)
                self._send(404, b"not found", {"Content-Type": "text/plain"})
                return
            etag = '"' + hashlib.sha1(page).hexdigest() + '"'
            if self.headers.get("If-None-Match") == etag:
                stats.add(304, 0)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            stats.add(200, len(page))
            headers = {
                "Content-Type": "text/html; charset=utf-8",
                "ETag": etag,
                "Last-Modified": LAST_MODIFIED,
            }
            self._send(200, page, headers)

    return Handler


def serve(shape: SiteShape, ready: Connection) -> None:
    """Serve the site until killed (in its own process); send the port when listening."""
    stats = _Stats()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(shape, stats))
    server.daemon_threads = True
    ready.send(server.server_address[1])
    ready.close()
    server.serve_forever()


def site_stats(port: int) -> dict[str, float]:
    """The site's counters and its process's CPU seconds so far."""
    with urlopen(f"http://127.0.0.1:{port}{STATS_PATH}", timeout=10) as response:
        return json.loads(response.read())


# --- measuring one crawl ------------------------------------------------------------------


def child(argv: list[str]) -> int:
    """Run `commitments fetch` in this process and print its peak RSS and CPU to stderr
    (the wrapper used when GNU time is not installed)."""
    sys.path.insert(0, str(ROOT))
    from assets.cli import main

    code = main(argv)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    line = {"maxrss_kib": usage.ru_maxrss, "user": usage.ru_utime, "sys": usage.ru_stime}
    print("BENCH-RUSAGE " + json.dumps(line), file=sys.stderr)
    return code


def folder_size(folder: Path) -> dict[str, int]:
    """Files, apparent bytes and bytes on disk (allocated blocks, directories included)."""
    files = apparent = disk = 0
    for base, _dirs, names in os.walk(folder):
        disk += os.lstat(base).st_blocks * 512
        for name in names:
            info = os.lstat(os.path.join(base, name))
            files += 1
            apparent += info.st_size
            disk += info.st_blocks * 512
    return {"files": files, "bytes": apparent, "disk_bytes": disk}


def parse_summary(text: str) -> dict[str, int]:
    """The counts of the crawl's printed summary."""
    numbers: dict[str, int] = {}
    patterns = {
        "seen": r"addresses seen (\d+)",
        "fetched": r"fetched \(200\) (\d+)",
        "new": r"\(new (\d+)",
        "unchanged": r"unchanged (\d+)\)",
        "not_modified": r"not modified \(304\) (\d+)",
        "failed": r"failed (\d+)",
    }
    for key, pattern in patterns.items():
        found = re.search(pattern, text)
        if found:
            numbers[key] = int(found[1])
    return numbers


def measure_crawl(port: int, snapshots: Path, log: Path, timeout: float) -> dict[str, Any]:
    """One `commitments fetch` of the site in a child: time, CPU, peak RSS, counts."""
    fetch = ["fetch", "--site", f"http://127.0.0.1:{port}", "--snapshots", str(snapshots)]
    fetch += ["--rate", "100000"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OGP_FETCH_BACKOFF": "0.01"}
    gnu = Path(GNU_TIME).exists()
    rusage_file = log.with_suffix(".time")
    if gnu:
        command = [GNU_TIME, "-v", "-o", str(rusage_file), sys.executable, "-m", "assets.cli"]
    else:
        command = [sys.executable, str(Path(__file__).resolve()), "--child"]
    command += fetch
    served_before = site_stats(port)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with log.open("w") as out:
        try:
            done = subprocess.run(
                command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                timeout=timeout, check=False,
            )  # fmt: skip
            code: int | None = done.returncode
        except subprocess.TimeoutExpired:
            code = None
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    served_after = site_stats(port)
    text = log.read_text(errors="replace")
    user = after.ru_utime - before.ru_utime
    system = after.ru_stime - before.ru_stime
    peak_kib: float | None = None
    if gnu and rusage_file.exists():
        timing = rusage_file.read_text(errors="replace")
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing)
        peak_kib = int(found[1]) if found else None
        user_found = re.search(r"User time \(seconds\): ([\d.]+)", timing)
        sys_found = re.search(r"System time \(seconds\): ([\d.]+)", timing)
        if user_found and sys_found:  # the crawler's own, without GNU time's
            user, system = float(user_found[1]), float(sys_found[1])
    elif found := re.search(r"BENCH-RUSAGE (\{.*\})", text):
        usage = json.loads(found[1])
        peak_kib, user, system = usage["maxrss_kib"], usage["user"], usage["sys"]
    served = {k: served_after.get(k, 0) - served_before.get(k, 0) for k in served_after}
    result: dict[str, Any] = {
        "exit": code,
        "timed_out": code is None,
        "wall_s": wall,
        "user_s": user,
        "sys_s": system,
        "cpu_s": user + system,
        "peak_rss_mib": peak_kib / 1024 if peak_kib is not None else None,
        "summary": parse_summary(text),
        "served": served,
        "stored": folder_size(snapshots) if snapshots.exists() else {},
    }
    pages = result["summary"].get("fetched", 0) + result["summary"].get("not_modified", 0)
    result["pages"] = pages
    if pages:
        result["ms_per_page"] = 1000 * wall / pages
        result["cpu_ms_per_page"] = 1000 * (user + system) / pages
        result["pages_per_s"] = pages / wall
    return result


# --- the run --------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
        check=False,
    ).stdout.strip()  # fmt: skip
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "memory_gib": round(memory, 1),
        "python": platform.python_version(),
        "commit": commit,
        "gnu_time": Path(GNU_TIME).exists(),
        "date": time.strftime("%Y-%m-%d"),
    }


def run_size(
    commitments: int, members: int, page_bytes: int, work: Path, timeout: float
) -> dict[str, Any]:
    """Serve a site of this size; crawl it into a fresh folder, then crawl it again."""
    shape = SiteShape(commitments, members, page_bytes)
    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(target=serve, args=(shape, send), daemon=True)
    server.start()
    send.close()
    try:
        port = receive.recv()
        snapshots = work / f"snapshots-{commitments}"
        shutil.rmtree(snapshots, ignore_errors=True)
        runs = {}
        for name in ("first", "again"):
            log = work / f"crawl-{commitments}-{name}.log"
            runs[name] = measure_crawl(port, snapshots, log, timeout)
            runs[name]["log"] = str(log)
            print(f"  {commitments:,} {name}: {_brief(runs[name])}", file=sys.stderr)
            if runs[name]["timed_out"]:
                break
        sample = render(shape, f"/members/{shape.slug(0)}/commitments/{shape.ids(0)[0]}/")
    finally:
        server.kill()
        server.join()
    return {
        "commitments": commitments,
        "members": members,
        "expected_pages": shape.pages,
        "commitment_page_bytes": len(sample or b""),
        "runs": runs,
    }


def _brief(run: dict[str, Any]) -> str:
    return (
        f"exit {run['exit']}, {run['wall_s']:.1f} s wall, {run['cpu_s']:.1f} s CPU, "
        f"{run['pages']} pages, {run['summary']}"
    )


def _mib(value: float | None) -> str:
    return "?" if value is None else f"{value:,.0f} MiB"


def table(results: list[dict[str, Any]]) -> str:
    """The Markdown table of every size's two crawls."""
    lines = [
        "| commitments (pages) | crawl | wall | CPU user + sys | peak RSS | 200 / 304 / failed "
        "| per page: wall, CPU | site's CPU | stored: files, bytes (on disk) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for size in results:
        for name, run in size["runs"].items():
            counts = run["summary"]
            stored = run["stored"]
            label = "first (all new)" if name == "first" else "again (nothing changed)"
            lines.append(
                f"| {size['commitments']:,} ({size['expected_pages']:,}) | {label} "
                f"| {run['wall_s']:.1f} s | {run['user_s']:.1f} + {run['sys_s']:.1f} s "
                f"| {_mib(run['peak_rss_mib'])} "
                f"| {counts.get('fetched', 0):,} / {counts.get('not_modified', 0):,} / "
                f"{counts.get('failed', 0):,} "
                f"| {run.get('ms_per_page', 0):.2f} ms, {run.get('cpu_ms_per_page', 0):.2f} ms "
                f"| {run['served'].get('cpu', 0):.1f} s "
                f"| {stored.get('files', 0):,}, {stored.get('bytes', 0) / 2**20:,.1f} MiB "
                f"({stored.get('disk_bytes', 0) / 2**20:,.1f} MiB) |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run every size, print the table, write the JSON."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--child"]:
        return child(args[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commitments", type=int, default=6000, help="largest site size")
    parser.add_argument("--members", type=int, default=100, help="members of the site")
    parser.add_argument("--sizes", help="comma-separated sizes (default: N/4,N)")
    parser.add_argument("--page-bytes", type=int, default=5000, help="about this much HTML")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    parser.add_argument("--work", type=Path, help="folder for snapshots and logs (kept)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per crawl")
    options = parser.parse_args(args)
    if options.sizes:
        sizes = [int(s.replace("_", "")) for s in options.sizes.split(",") if s.strip()]
    else:
        sizes = [max(1, options.commitments // 4), options.commitments]
    work = options.work or Path(tempfile.mkdtemp(prefix="ogp-bench-crawl-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for size in sizes:
            results.append(
                run_size(size, options.members, options.page_bytes, work, options.timeout)
            )
    finally:
        if options.work is None:
            shutil.rmtree(work, ignore_errors=True)
    report = {"machine": machine(), "page_bytes": options.page_bytes, "sizes": results}
    if options.out:
        options.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
