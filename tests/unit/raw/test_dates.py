"""parse_loose_date: every date format seen in the export's Start Date / End Date columns and
in commitment pages (`Start date: May 2016` in English, Spanish and French)."""

from __future__ import annotations

import pytest

from pipeline.raw.fields.dates import LooseDate, numeric_order, parse_loose_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("1/1/2024", "2024-01-01"),
        ("2/28/2024", "2024-02-28"),
        ("12/31/2022", "2022-12-31"),
        ("31/12/2016", "2016-12-31"),
        ("30/6/2015", "2015-06-30"),
        ("13/1/2020", "2020-01-13"),
        ("1/13/2020", "2020-01-13"),
        ("12/31/19", "2019-12-31"),
        ("8/21/20", "2020-08-21"),
        ("2/29/2024", "2024-02-29"),
        (" 6/30/2018 ", "2018-06-30"),
    ],
)
def test_unambiguous_numeric_dates_read_without_a_note(text: str, iso: str) -> None:
    assert parse_loose_date(text) == LooseDate(iso, "day", None)


@pytest.mark.parametrize(
    ("text", "iso", "other"),
    [
        ("08/01/2022", "2022-08-01", "2022-01-08"),
        ("1/7/2014", "2014-01-07", "2014-07-01"),
        ("01/7/2012", "2012-01-07", "2012-07-01"),
        ("8/1/18", "2018-08-01", "2018-01-08"),
    ],
)
def test_ambiguous_numeric_dates_follow_the_month_first_convention_and_say_so(
    text: str, iso: str, other: str
) -> None:
    parsed = parse_loose_date(text)
    assert parsed is not None
    assert (parsed.iso, parsed.precision) == (iso, "day")
    assert parsed.note is not None
    assert "ambiguous day/month" in parsed.note
    assert "read as month/day" in parsed.note
    assert other in parsed.note


def test_day_first_hint_flips_only_ambiguous_dates() -> None:
    hinted = parse_loose_date("1/7/2014", day_first=True)
    assert hinted is not None
    assert hinted.iso == "2014-07-01"
    assert hinted.note is not None
    assert "read as day/month" in hinted.note
    assert parse_loose_date("12/31/2019", day_first=True) == LooseDate("2019-12-31", "day")
    assert parse_loose_date("31/12/2019", day_first=False) == LooseDate("2019-12-31", "day")


def test_same_day_and_month_is_not_ambiguous() -> None:
    assert parse_loose_date("1/1/2023") == LooseDate("2023-01-01", "day", None)
    assert parse_loose_date("7/7/2016") == LooseDate("2016-07-07", "day", None)


@pytest.mark.parametrize(("text", "year"), [("8/1/18", "2018"), ("12/31/99", "2099")])
def test_two_digit_years_are_this_century(text: str, year: str) -> None:
    parsed = parse_loose_date(text)
    assert parsed is not None
    assert parsed.iso.startswith(year)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("July 2014", "2014-07-01"),
        ("April 2012", "2012-04-01"),
        ("September 2012", "2012-09-01"),
        ("Sept. 2014", "2014-09-01"),
        ("Dec 2013", "2013-12-01"),
        ("FEBRUARY 2014", "2014-02-01"),
        ("December, 2015", "2015-12-01"),
        ("enero 2016", "2016-01-01"),
        ("ene. 2016", "2016-01-01"),
        ("janv. 2016", "2016-01-01"),
        ("mayo de 2016", "2016-05-01"),
        ("Septiembre 2017", "2017-09-01"),
        ("setiembre 2017", "2017-09-01"),
        ("diciembre de 2018", "2018-12-01"),
        ("janvier 2016", "2016-01-01"),
        ("février 2016", "2016-02-01"),
        ("mai 2016", "2016-05-01"),
        ("juillet 2019", "2019-07-01"),
        ("août 2016", "2016-08-01"),
        ("Décembre 2015", "2015-12-01"),
        ("12/2019", "2019-12-01"),
    ],
)
def test_month_and_year_give_the_first_of_the_month(text: str, iso: str) -> None:
    assert parse_loose_date(text) == LooseDate(iso, "month", None)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("1 July 2014", "2014-07-01"),
        ("July 1, 2014", "2014-07-01"),
        ("15 de marzo de 2019", "2019-03-15"),
        ("1er juillet 2014", "2014-07-01"),
        ("2014-07-01", "2014-07-01"),
        ("2019-03-01 00:00:00", "2019-03-01"),
    ],
)
def test_written_out_and_iso_dates_are_day_precision(text: str, iso: str) -> None:
    assert parse_loose_date(text) == LooseDate(iso, "day", None)


@pytest.mark.parametrize("text", ["2012", "2015", " 2013 "])
def test_bare_year_is_first_january_with_year_precision(text: str) -> None:
    parsed = parse_loose_date(text)
    assert parsed == LooseDate(f"{text.strip()}-01-01", "year", None)


@pytest.mark.parametrize(
    ("text", "iso"),
    [("43525", "2019-03-01"), ("44439", "2021-08-31"), ("43525.0", "2019-03-01")],
)
def test_excel_serial_numbers_count_days_from_1899_12_30(text: str, iso: str) -> None:
    assert parse_loose_date(text) == LooseDate(iso, "day", None)


@pytest.mark.parametrize("text", ["12345", "19999", "80001", "99999"])
def test_numbers_outside_the_plausible_serial_range_are_not_dates(text: str) -> None:
    assert parse_loose_date(text) is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("7/15/1905", "2023"),
        ("7/16/1905", "2024"),
        ("7/19/1905", "2027"),
        ("7/20/1905", "2028"),
        ("1905-07-16", "2024"),
    ],
)
def test_year_stored_as_serial_and_shown_as_1905_is_read_as_that_year(text: str, year: str) -> None:
    parsed = parse_loose_date(text)
    assert parsed is not None
    assert (parsed.iso, parsed.precision) == (f"{year}-01-01", "year")
    assert parsed.note is not None
    assert f"year {year}" in parsed.note
    assert "serial" in parsed.note


def test_a_1905_date_outside_the_year_serial_range_is_left_as_a_date() -> None:
    parsed = parse_loose_date("1/20/1905")
    assert parsed == LooseDate("1905-01-20", "day", None)


@pytest.mark.parametrize(
    "text",
    [None, "", "   ", "NA", "ND", "NR", "N/A", "Underway", "Pending IRM Review"],
)
def test_placeholders_are_not_dates(text: str | None) -> None:
    assert parse_loose_date(text) is None


@pytest.mark.parametrize("text", ["Spring 2015", "Q1 2016", "Autumn 2014", "Mid-2017"])
def test_seasons_and_quarters_are_not_dates(text: str) -> None:
    assert parse_loose_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "13/13/2020",
        "2/30/2020",
        "2/29/2023",
        "0/1/2020",
        "32/1/2020",
        "13/2020",
        "Smarch 2015",
        "2015-13-01",
        "1/1/1850",
        "1/1/2150",
        "1850",
        "July 1850",
        "1/1/2020/1",
    ],
)
def test_impossible_or_implausible_dates_are_none(text: str) -> None:
    assert parse_loose_date(text) is None


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("31/12/2016", "day/month"),
        ("30/6/2015", "day/month"),
        ("12/31/2016", "month/day"),
        ("8/21/20", "month/day"),
        ("1/7/2014", None),
        ("1/1/2024", None),
        ("July 2014", None),
        ("43525", None),
        (None, None),
    ],
)
def test_numeric_order_names_only_unmistakable_orders(text: str | None, order: str | None) -> None:
    assert numeric_order(text) == order
