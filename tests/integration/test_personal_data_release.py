"""No personal data in a release: a page whose institution field and description carry a
contact person's e-mail address and phone number is published without them, each
removal is a warning in `rejects` and counted in quality.json, and the bodies' names and
everything else in the text stay."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.fixtures.samples import SAMPLE_PAGE
from tests.integration.graph import Built, run_graph

EMAIL = "jane.doe@cabinetoffice.gov.uk"
PHONE = "+44 20 7276 1234"
LEAD = "Lead Institution: Cabinet Office (Government Digital Service)"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("personal")
    (root / "sources").mkdir()
    page = SAMPLE_PAGE.read_text(encoding="utf-8")
    page = page.replace(LEAD, f"{LEAD}, contact {EMAIL}, tel. {PHONE}", 1)
    page = page.replace(
        "Objective: Through our Government Data Programme,",
        f"Objective: (questions to {EMAIL} or {PHONE}) Through our Government Data Programme,",
        1,
    )
    assert page.count(EMAIL) == 2
    (root / "sources" / "UK0073.txt").write_text(page, encoding="utf-8")
    built = run_graph([root / "sources"], root / "work")
    assert built.success
    return built


def every_published_text(release: Path) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((release / "csv").glob("*.csv"))]
    for path in sorted((release / "parquet").glob("*.parquet")):
        texts.append(json.dumps(pq.read_table(path).to_pylist(), default=str))
    texts += [(release / name).read_text(encoding="utf-8") for name in ("index.html", "README.md")]
    return "\n".join(texts)


def test_no_e_mail_or_phone_is_published(built: Built) -> None:
    text = every_published_text(built.release)
    assert EMAIL not in text and "7276 1234" not in text
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", text.replace("@context", ""))


def test_the_rest_of_the_text_and_the_bodies_stay(built: Built) -> None:
    [(description, lead_text)] = built.query(
        "SELECT description, lead_institution_text FROM core.commitments "
        "WHERE commitment_id = 'UK0073'"
    )
    assert "(questions to [e-mail removed] or [phone removed]) Through our Government" in (
        description
    )
    assert lead_text.startswith("Cabinet Office (Government Digital Service)")
    names = {n for (n,) in built.query("SELECT name FROM core.institutions")}
    assert "Cabinet Office" in " ".join(names)


def test_each_removal_is_a_warning_and_counted_in_quality(built: Built) -> None:
    warnings = built.query(
        "SELECT severity, reason FROM core.rejects WHERE contains(reason, 'personal data')"
    )
    assert warnings and all(severity == "warning" for severity, _ in warnings)
    quality = json.loads((built.release / "quality.json").read_text(encoding="utf-8"))
    removed = quality["personal_data"]
    assert removed["emails"] >= 2 and removed["phones"] >= 2 and removed["values"] >= 2
    assert "commitments.description" in removed["by_field"]
