"""Raw files → raw tables: keys the SQL joins on, derived page fields, changed files."""

from __future__ import annotations

from pathlib import Path

from pipeline.raw.discovery import discover
from pipeline.raw.extract_export import extract_exports
from pipeline.raw.extract_pages import derived_page_fields, extract_pages
from pipeline.raw.tables import files_of_kind, source_files_from_arrow, source_tables

PAGE = "Skip Navigation\nFreedonia\n\nOpen budgets (FR0001)\n\nStatus: Active\n"
EXPORT = (
    "Commitment Unique Identifier,Country/Locality,Code,URL\r\n"
    "FR0002,Freedonia,FRE,https://opengovpartnership.org/members/freedonia/commitments/fr0002\r\n"
    'TBI0001,"Tbilisi, Georgia",GETB,\r\n'
)


def test_completion_at_a_glance_rates_the_latest_report_the_page_lists() -> None:
    midterm = derived_page_fields({"completion": "Limited", "irm_report": "X Mid-Term Report"})
    assert midterm == {"completion_midterm_at_a_glance": "Limited"}
    both = derived_page_fields(
        {"completion": "Complete", "irm_report": "X End-of-Term Report 2016-2018, X Mid-Term"}
    )
    assert both == {"completion_end_of_term_at_a_glance": "Complete"}


def test_plan_end_year_and_dates_come_from_what_the_page_shows() -> None:
    fields = derived_page_fields(
        {"action_plan": "United Kingdom – Third National Action Plan 2016-18",
         "start_date": "May 2016", "end_date": "June 2018"}
    )  # fmt: skip
    assert fields == {
        "action_plan_end_year": "2018",
        "start_date_parsed": "2016-05-01",
        "start_date_precision": "month",
        "end_date_parsed": "2018-06-01",
        "end_date_precision": "month",
    }
    assert derived_page_fields({"action_plan": "Plan 2019-2021"})["action_plan_end_year"] == "2021"
    assert derived_page_fields({"action_plan": "Plan without years"}) == {}


def test_pages_and_exports_land_with_their_join_keys(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "export.csv").write_text(EXPORT, encoding="utf-8")
    files = source_files_from_arrow(source_tables(discover([tmp_path]))["source_files"])
    pages = extract_pages(files_of_kind(files, "commitment_page"))
    [page] = pages["page_commitments"].to_pylist()
    assert (page["commitment_id"], page["member_id"], page["country_code"]) == (
        "FR0001", "freedonia", None,
    )  # fmt: skip
    exports = extract_exports(files_of_kind(files, "ogp_export"))
    rows = exports["export_rows"].to_pylist()
    keys = [(r["commitment_id"], r["member_id"], r["country_code"]) for r in rows]
    assert keys == [("FR0002", "freedonia", None), ("TBI0001", "tbilisi-georgia", "GEO")]


def test_a_file_changed_after_it_was_checksummed_is_rejected_not_read(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    files = source_files_from_arrow(source_tables(discover([tmp_path]))["source_files"])
    page.write_text(PAGE.replace("Active", "Inactive"), encoding="utf-8")
    tables = extract_pages(files)
    assert tables["page_commitments"].num_rows == 0
    [reject] = tables["rejects"].to_pylist()
    assert (reject["location"], reject["severity"]) == ("file", "error")
    assert "changed or vanished" in reject["reason"]


WRAPPED = (
    "The ministry will publish every contract signed by a county government\n"
    "within two weeks of signature, in the open contracting data standard."
)


def test_page_description_and_export_full_text_are_cleaned_alike(tmp_path: Path) -> None:
    """Hard wraps differ between a page and the export; the cleaned texts are equal."""
    page = PAGE + "\nDescription\n\n" + WRAPPED + "\n"
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    export = 'Commitment Unique Identifier,Country/Locality,Full Text\r\nFR0001,Freedonia,"{}"\r\n'
    unwrapped = WRAPPED.replace("\n", " ")
    (tmp_path / "export.csv").write_text(export.format("  " + unwrapped + "  "), encoding="utf-8")
    files = source_files_from_arrow(source_tables(discover([tmp_path]))["source_files"])
    [page_row] = extract_pages(files_of_kind(files, "commitment_page"))[
        "page_commitments"
    ].to_pylist()
    [export_row] = extract_exports(files_of_kind(files, "ogp_export"))["export_rows"].to_pylist()
    assert page_row["description"] == export_row["full_text"] == unwrapped
