"""Put the landing page together: read the release once, then join frame and sections.

Not here: what any part says (frame.py, sections/) or how facts are counted (facts.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.release.landing import frame
from pipeline.release.landing.descriptor import resource_names
from pipeline.release.landing.facts import read_facts
from pipeline.release.landing.files import release_files
from pipeline.release.landing.sections.about import about_section
from pipeline.release.landing.sections.changes import changes_section
from pipeline.release.landing.sections.charts import charts_section
from pipeline.release.landing.sections.downloads import downloads_section
from pipeline.release.landing.sections.members import members_section
from pipeline.release.landing.sections.quality import quality_section
from pipeline.release.landing.sections.years import years_section
from pipeline.release.layout import DESCRIPTOR


def render_landing_page(
    release: Path, quality: dict[str, Any] | None, change: dict[str, Any] | None
) -> str:
    """The complete `index.html` of a release folder, as text (UTF-8, LF line ends).

    `quality` is quality_report's dict and `change` the changes summary (None for a
    first release); both are read defensively, so a partial dict still renders.
    """
    release = Path(release)
    descriptor = json.loads((release / DESCRIPTOR).read_text(encoding="utf-8"))
    facts = read_facts(release, descriptor)
    files = release_files(release)
    tables = resource_names(descriptor)
    body = [
        frame.header(descriptor),
        frame.nav(),
        about_section(descriptor, facts),
        downloads_section(descriptor, facts, files),
        charts_section(descriptor, facts),
        members_section(facts),
        years_section(facts),
        quality_section(quality, tables, files),
        changes_section(change, tables, files),
        frame.footer(),
    ]
    return frame.document(descriptor, "".join(body))
