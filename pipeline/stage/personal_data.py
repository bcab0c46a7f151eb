"""Personal data out of the release: e-mail addresses and phone numbers in free text.

Institution fields often carry a contact person's details, and descriptions sometimes
do; the seed commitment itself promises that identifiable data will never be made open.
Every free-text value a source gives (scales `text`, `raw` and `list` in stage.candidates,
before any value is chosen, so the published tables, `conflicts` and the reasons in
`rejects` are all clean) has each e-mail address and phone number replaced by a marker,
and each replacement is recorded in stage.personal_data, which rejects.sql turns into a
warning at the value's place and quality.json counts. Names of public bodies, URLs,
years, IDs, amounts and law numbers stay: pipeline.raw.fields.contacts decides what is a contact.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from pipeline.db import scalar
from pipeline.raw.fields.contacts import personal_details

MARKERS = {"e-mail": "[e-mail removed]", "phone": "[phone removed]"}
#: Cheap SQL test for text that may hold an e-mail or a phone number (7+ digits).
_MAYBE = r"@|[0-9][0-9 ().\-]{5,}[0-9]"
TEXT_SCALES = ("text", "raw", "list")
BATCH = 50_000


def scrub(text: str | None) -> tuple[str | None, int, int]:
    """(text with e-mails and phones replaced by markers, e-mails, phones)."""
    if not text:
        return text, 0, 0
    found = personal_details(text)
    if not found:
        return text, 0, 0
    parts, at = [], 0
    for start, end, kind in found:
        parts += [text[at:start], MARKERS[kind]]
        at = end
    parts.append(text[at:])
    emails = sum(kind == "e-mail" for _, _, kind in found)
    return "".join(parts), emails, len(found) - emails


def remove_personal_data(con: duckdb.DuckDBPyConnection) -> int:
    """Scrub stage.candidates' free text in place; fill stage.personal_data (one row per
    value changed: where, field, how many e-mails and phones); the rows changed."""
    scales = ", ".join(f"'{s}'" for s in TEXT_SCALES)
    maybe = f"regexp_matches(coalesce(value, '') || ' ' || coalesce(raw_text, ''), '{_MAYBE}')"
    reader = con.sql(
        f"SELECT rowid AS id, value, raw_text FROM stage.candidates "
        f"WHERE scale IN ({scales}) AND {maybe}"
    ).to_arrow_reader(BATCH)
    changed: dict[str, list] = {k: [] for k in ("id", "value", "raw_text", "emails", "phones")}
    for batch in reader:
        for row in batch.to_pylist():
            value, e1, p1 = scrub(row["value"])
            raw, e2, p2 = scrub(row["raw_text"])
            if e1 + p1 + e2 + p2:
                changed["id"].append(row["id"])
                changed["value"].append(value)
                changed["raw_text"].append(raw)
                changed["emails"].append(max(e1, e2))
                changed["phones"].append(max(p1, p2))
    table = pa.table(
        {
            "id": pa.array(changed["id"], pa.int64()),
            "value": pa.array(changed["value"], pa.string()),
            "raw_text": pa.array(changed["raw_text"], pa.string()),
            "emails": pa.array(changed["emails"], pa.int64()),
            "phones": pa.array(changed["phones"], pa.int64()),
        }
    )
    con.register("personal_data_changes", table)
    try:
        con.execute(
            "CREATE OR REPLACE TABLE stage.personal_data AS "
            "SELECT c.commitment_id, c.field, c.source_id, c.path, c.field_location AS location, "
            "p.emails, p.phones FROM stage.candidates AS c "
            "JOIN personal_data_changes AS p ON c.rowid = p.id"
        )
        con.execute(
            "UPDATE stage.candidates SET value = p.value, raw_text = p.raw_text "
            "FROM personal_data_changes AS p WHERE stage.candidates.rowid = p.id"
        )
    finally:
        con.unregister("personal_data_changes")
    _scrub_value_rejects(con)
    return int(scalar(con, "SELECT count(*) FROM stage.personal_data"))


def _scrub_value_rejects(con: duckdb.DuckDBPyConnection) -> None:
    """The reasons of stage.value_rejects quote raw values: scrubbed the same way."""
    rows = con.execute(
        f"SELECT rowid, reason FROM stage.value_rejects WHERE regexp_matches(reason, '{_MAYBE}')"
    ).fetchall()
    for rowid, reason in rows:
        cleaned, emails, phones = scrub(reason)
        if emails + phones:
            con.execute(
                "UPDATE stage.value_rejects SET reason = ? WHERE rowid = ?", [cleaned, rowid]
            )
