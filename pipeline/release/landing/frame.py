"""The page around the sections: HTML head, title header, contents, footer.

The head carries a Content Security Policy that forbids every network load, so the
page stays self-contained even if a later change slips in an external resource.
Not here: the sections' content (sections/).
"""

from __future__ import annotations

from html import escape
from typing import Any

from pipeline.release.landing.html_parts import prose
from pipeline.release.landing.style import STYLE
from pipeline.release.layout import CHECKSUMS, DESCRIPTOR

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
#: (anchor, label) of each section, in page order.
SECTIONS = (
    ("about", "About"),
    ("downloads", "Downloads"),
    ("charts", "Charts"),
    ("members", "Members"),
    ("years", "Years"),
    ("quality", "Quality"),
    ("changes", "Changes"),
)


def document(descriptor: dict[str, Any], body: str) -> str:
    """The HTML5 shell: metadata, the security policy, inline style, then the body."""
    title = f"{descriptor.get('title') or descriptor.get('name') or 'Data release'}"
    version = descriptor.get("version")
    page_title = f"{title} — release {version}" if version else title
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<link rel="icon" href="data:,">\n<title>{escape(page_title)}</title>\n'
        f"<style>\n{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def header(descriptor: dict[str, Any]) -> str:
    """Title, version, creation date and the description."""
    title = descriptor.get("title") or descriptor.get("name") or "Data release"
    facts = [("Version", descriptor.get("version")), ("Created", descriptor.get("created"))]
    shown = " · ".join(
        f"{label} <strong>{escape(str(value))}</strong>" for label, value in facts if value
    )
    return (
        f"<header>\n<h1>{escape(str(title))}</h1>\n"
        f'<p class="release">{shown}</p>\n'
        f"<p>{prose(descriptor.get('description'))}</p>\n</header>\n"
    )


def nav() -> str:
    """Links to the page's sections; opens the main content."""
    items = "".join(f'<li><a href="#{a}">{label}</a></li>' for a, label in SECTIONS)
    return f'<nav aria-label="Contents"><ul>{items}</ul></nav>\n<main>\n'


def footer() -> str:
    """Close the main content; say how to check the files."""
    return (
        "</main>\n<footer><p>This page was generated from the release's "
        f'<a href="{DESCRIPTOR}">{DESCRIPTOR}</a> and its CSV files. Check the downloaded '
        f'files with <code>sha256sum -c <a href="{CHECKSUMS}">{CHECKSUMS}</a></code>.</p>'
        "</footer>\n"
    )
