"""Event-date resolution against the publication date (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from frontmap.dates import UNKNOWN, EventDate, find_dates, parse_date

THU = dt.date(2025, 3, 13)  # a Thursday


@pytest.mark.parametrize(
    "phrase, published, value, precision",
    [
        ("on Thursday", THU, "2025-03-13", "day"),  # the same day
        ("on Wednesday", THU, "2025-03-12", "day"),
        ("late Wednesday", THU, "2025-03-12", "day"),
        ("on Friday", THU, "2025-03-07", "day"),  # the Friday before
        ("Tuesday night", THU, "2025-03-11", "day"),
        # weekday arithmetic across a month end: Monday 2024-07-01 -> Friday 2024-06-28
        ("on Friday", dt.date(2024, 7, 1), "2024-06-28", "day"),
        # across a year end: Thursday 2025-01-02 -> Sunday 2024-12-29
        ("on Sunday", dt.date(2025, 1, 2), "2024-12-29", "day"),
        ("yesterday", dt.date(2025, 1, 1), "2024-12-31", "day"),
        ("overnight", THU, "2025-03-13", "day"),
        ("last night", dt.date(2024, 3, 1), "2024-02-29", "day"),  # leap day
        ("overnight into Tuesday", THU, "2025-03-11", "day"),
        ("on 23 June", dt.date(2022, 6, 24), "2022-06-23", "day"),
        ("June 23", dt.date(2022, 6, 24), "2022-06-23", "day"),
        ("on 23 June 2022", THU, "2022-06-23", "day"),
        ("June 23, 2022", THU, "2022-06-23", "day"),
        ("on 30 December", dt.date(2025, 1, 4), "2024-12-30", "day"),  # no year: the last one before
        ("today", THU, "2025-03-13", "day"),
        ("10 days ago", THU, "2025-03-03", "day"),
        ("two weeks ago", dt.date(2025, 1, 5), "2024-12-22", "day"),
        ("last August", THU, "2024-08", "month"),
        ("in August", dt.date(2025, 9, 2), "2025-08", "month"),
        ("in August", THU, "2024-08", "month"),
        ("in March", THU, "2025-03", "month"),  # the current month counts
        ("in August 2024", THU, "2024-08", "month"),
        ("since February 2022", THU, "2022-02", "month"),
        ("in 2014", THU, "2014", "year"),
        ("back in 2014", THU, "2014", "year"),
        ("in mid-2023", THU, "2023", "year"),
        ("in late 2022", THU, "2022", "year"),
        ("last month", dt.date(2025, 1, 10), "2024-12", "month"),
    ],
)
def test_point_dates(phrase, published, value, precision):
    d = parse_date(phrase, published)
    assert (d.value, d.precision) == (value, precision)
    assert d.start <= d.end


@pytest.mark.parametrize(
    "phrase, published, start, end",
    [
        ("in the past seven days", THU, "2025-03-06", "2025-03-13"),
        ("over the past week", dt.date(2025, 1, 3), "2024-12-27", "2025-01-03"),
        ("earlier this month", THU, "2025-03-01", "2025-03-13"),
        ("this week", THU, "2025-03-10", "2025-03-13"),
        ("last week", THU, "2025-03-03", "2025-03-09"),
        ("last week", dt.date(2025, 1, 2), "2024-12-23", "2024-12-29"),
        ("last summer", dt.date(2024, 2, 22), "2023-06-01", "2023-08-31"),
    ],
)
def test_ranges(phrase, published, start, end):
    d = parse_date(phrase, published)
    assert d.precision == "range"
    assert (d.start.isoformat(), d.end.isoformat()) == (start, end)
    assert d.value == end  # a range sorts on its last day


def test_month_covers_whole_month():
    d = parse_date("since February 2024", THU)
    assert (d.start, d.end) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


def test_past_24_hours_is_the_day():
    d = parse_date("over the past 24 hours", THU)
    assert (d.value, d.precision) == ("2025-03-13", "day")


def test_range_anchored_on_statement_date():
    d = parse_date("over the past week", THU, anchor=dt.date(2025, 3, 10))
    assert d.end == dt.date(2025, 3, 10) and d.start == dt.date(2025, 3, 3)


def test_no_date_is_unknown():
    d = parse_date("Russian troops captured the village.", THU)
    assert d is UNKNOWN
    assert d.value is None and d.precision == "unknown" and not d.known


def test_relative_needs_publication_date():
    assert parse_date("on Thursday", None).value is None
    assert parse_date("23 June 2022", None).value == "2022-06-23"


def test_modal_may_is_not_a_month():
    assert find_dates("Troops may retreat to better positions.", THU) == []


def test_numbers_that_are_not_dates():
    assert find_dates("the 47th Mechanized Brigade lost 2014 soldiers", THU) == []


def test_find_dates_spans_and_background_date():
    text = "Russia claimed advances on Thursday in a region Kyiv entered in August 2024."
    found = [d for d in find_dates(text, THU) if d.kind != "vague"]
    assert [d.text for d in found] == ["on Thursday", "August 2024"]
    assert text[found[0].start : found[0].end] == "on Thursday"
    assert [d.date.value for d in found] == ["2025-03-13", "2024-08"]


def test_vague_past_is_flagged():
    kinds = [d.kind for d in find_dates("Bloggers had previously reported the flag.", THU)]
    assert kinds == ["vague"]


def test_eventdate_constructors():
    assert EventDate.month(2024, 2).end == dt.date(2024, 2, 29)
    assert EventDate.year(2014).value == "2014"
    assert EventDate.span(dt.date(2025, 1, 5), dt.date(2025, 1, 1)).start == dt.date(2025, 1, 1)
