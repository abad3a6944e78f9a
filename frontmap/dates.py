"""Event dates in war reporting, resolved against the publication date.

A report published on Saturday that says Russian forces took a village "on
Thursday" dates the event two days before publication.  This module finds such
time expressions in a sentence (:func:`find_dates`) and resolves one phrase
(:func:`parse_date`), each to an :class:`EventDate` with a precision:

``day``
    "on Thursday", "late Wednesday", "on 23 June", "June 23, 2022", "yesterday",
    "today", "10 days ago", "overnight", "last night".
``month``
    "last August", "in August", "in August 2024", "since February 2022", "last month".
``year``
    "in 2014", "back in 2014", "since 2014".
``range``
    "in the past seven days", "over the past week", "over the past 24 hours",
    "last week", "this week", "earlier this month", "last summer".
``unknown``
    no time in the text: ``value`` is None.  The publication date is never
    returned dressed up as an event date by this module; the claims stage
    decides when a report's own date stands for the event (see
    :func:`frontmap.claims.extract_article`).

Rules (the same for every conflict):

* A weekday ("on Thursday", "late Wednesday", "Friday") is the most recent such
  day on or before the publication date; a publication on a Thursday that says
  "on Thursday" means that same day.
* A day and month without a year ("on 23 June", "July 2") is the most recent such
  date on or before the publication date.
* "overnight" is the night that ends on the publication day and is dated on the
  publication day; "last night" and "yesterday" are the day before publication;
  "overnight into Friday" / "Thursday night" take the named day.
* "last August" is the most recent August that began before the publication
  month (published 2025-03-13 -> 2024-08); "in August" is the most recent
  August not after the publication month (it may be the current month).
* A range ("over the past week") ends on its anchor -- the publication date, or
  the statement date when the caller passes one -- and ``value`` is that end
  day, so a range always sorts on the last day the event is known by;
  ``start``/``end`` give the span.
* Without a publication date, relative expressions resolve to nothing; dates
  that carry their own year still resolve.

Russian and Ukrainian follow the same rules: "6 августа", "10 березня 2025 року", "в
марте", "в 2024 году", "в четверг" / "у четвер", "в ночь на пятницу" / "у ніч проти
п'ятниці" ... "вчера" / "вчора", "сегодня" / "сьогодні", "ночью" / "вночі", "минувшей
ночью" / "минулої ночі", "за минувшие сутки" / "за минулу добу", "на прошлой неделе" /
"минулого тижня", "3 дня назад" / "3 дні тому", "ранее" / "раніше" (an undated past).
They are tried only on a text with Cyrillic letters.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["EventDate", "DateMatch", "find_dates", "parse_date", "UNKNOWN", "PRECISIONS"]

PRECISIONS = ("day", "month", "year", "range", "unknown")


@dataclass(frozen=True, slots=True)
class EventDate:
    """A resolved event date.

    Attributes
    ----------
    value : str or None
        ISO string at the precision: ``YYYY-MM-DD`` (day, and the last day of a
        range), ``YYYY-MM`` (month), ``YYYY`` (year); None when unknown.
    precision : str
        One of ``day``, ``month``, ``year``, ``range``, ``unknown``.
    start, end : datetime.date or None
        The first and last day the date covers (a month covers the whole month).
    basis : str
        How it was found: ``explicit`` (a calendar date or weekday in the text),
        ``relative`` (yesterday, 10 days ago, last week), ``approximate``
        (a month, year, season or range), ``article_date``, ``context`` or
        ``unknown``.  Set by the caller for the last three.
    """

    value: str | None
    precision: str
    start: dt.date | None
    end: dt.date | None
    basis: str = "explicit"

    @property
    def known(self) -> bool:
        """True when the date has a value."""
        return self.value is not None

    @classmethod
    def day(cls, day: dt.date, basis: str = "explicit") -> "EventDate":
        """A single day."""
        return cls(day.isoformat(), "day", day, day, basis)

    @classmethod
    def month(cls, year: int, month: int, basis: str = "approximate") -> "EventDate":
        """A whole calendar month."""
        last = calendar.monthrange(year, month)[1]
        return cls(f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1), dt.date(year, month, last), basis)

    @classmethod
    def year(cls, year: int, basis: str = "approximate") -> "EventDate":
        """A whole calendar year."""
        return cls(f"{year:04d}", "year", dt.date(year, 1, 1), dt.date(year, 12, 31), basis)

    @classmethod
    def span(cls, start: dt.date, end: dt.date, basis: str = "approximate") -> "EventDate":
        """A range of days; ``value`` is the last day."""
        if start > end:
            start, end = end, start
        return cls(end.isoformat(), "range", start, end, basis)

    def with_basis(self, basis: str) -> "EventDate":
        """The same date with another ``basis``."""
        return EventDate(self.value, self.precision, self.start, self.end, basis)


UNKNOWN = EventDate(None, "unknown", None, None, "unknown")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A time expression found in a text: its span and its resolved date."""

    start: int
    end: int
    text: str
    date: EventDate
    kind: str  # point | range | vague (earlier, previously: marks an undated past)


# ---------------------------------------------------------------- vocabulary
_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            (),
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "twenty": 20, "thirty": 30, "several": 3, "few": 3, "a few": 3, "couple of": 2,
    "a couple of": 2,
}
_SEASONS = {"winter": (12, 2), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}

_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM_RE = r"(?:\d{1,3}|a couple of|couple of|a few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty)"
_UNIT_RE = r"(?:hours?|days?|weeks?|months?|years?)"
_YEAR_RE = r"(?:19|20)\d{2}"

# Each pattern: (name, regex).  Order matters: longer / more specific first.
_PATTERNS: list[tuple[str, str]] = [
    # 23 June 2022 / 23rd of June, 2022 / June 23, 2022
    ("dmy", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH_RE}),?\s+(?P<y>{_YEAR_RE})\b"),
    ("mdy", rf"\b(?P<m>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR_RE})\b"),
    ("dm", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH_RE})(?![a-z])"),
    ("md", rf"\b(?P<m>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|km|kilomet|miles|troops|soldiers))"),
    ("iso", rf"\b(?P<y>{_YEAR_RE})-(?P<m>\d{{2}})-(?P<d>\d{{2}})\b"),
    # since February 2022 / in August 2024 / August 2024
    ("since_my", rf"\b(?:since|from)\s+(?:early\s+|late\s+|mid-?)?(?P<m>{_MONTH_RE})\s+(?P<y>{_YEAR_RE})\b"),
    ("my", rf"\b(?P<m>{_MONTH_RE})\s+(?:of\s+)?(?P<y>{_YEAR_RE})\b"),
    # the past/last seven days, over the past week, in the past 24 hours
    ("past_n", rf"\b(?:in|over|during|within|for)\s+the\s+(?:past|last|previous)\s+(?P<n>{_NUM_RE})\s+(?P<u>{_UNIT_RE})\b"),
    ("past_u", r"\b(?:in|over|during|within|for)\s+the\s+(?:past|last|previous)\s+(?P<u>day|week|month|year|fortnight)\b"),
    ("n_ago", rf"\b(?P<n>{_NUM_RE})\s+(?P<u>{_UNIT_RE})\s+(?:ago|earlier)\b"),
    ("last_season", r"\b(?:last|this|past)\s+(?P<s>winter|spring|summer|autumn|fall)\b"),
    ("season_y", rf"\b(?:in\s+)?(?:the\s+)?(?P<s>winter|spring|summer|autumn|fall)\s+(?:of\s+)?(?P<y>{_YEAR_RE})\b"),
    ("last_month_name", rf"\blast\s+(?P<m>{_MONTH_RE})(?![a-z])"),
    ("this_month_name", rf"\b(?:this|earlier this|in|since|early|late|mid-?|in early|in late|in mid-?)\s+(?P<m>{_MONTH_RE})(?![a-z])(?!\s+\d)"),
    ("earlier_this", r"\b(?:earlier|late|early)\s+this\s+(?P<u>week|month|year)\b"),
    ("this_unit", r"\bthis\s+(?P<u>week|month|year)\b"),
    ("last_unit", r"\b(?:last|past)\s+(?P<u>week|month|year|weekend)\b"),
    ("year", rf"\b(?:in|since|back in|by|until|during|from|of|early|late|mid-?|in early|in late|in mid-?)(?:\s+|(?<=-))(?P<y>{_YEAR_RE})\b(?!\s*(?:km|kilomet|troops|people|soldiers))"),
    ("overnight_into", rf"\bovernight\s+(?:into|on|to)\s+(?P<w>{_WEEKDAY_RE})\b"),
    ("weekday_night", rf"\b(?P<w>{_WEEKDAY_RE})\s+(?:night|evening|morning|afternoon)\b"),
    ("weekday", rf"\b(?:on\s+|late\s+|early\s+|on\s+late\s+|last\s+)?(?P<w>{_WEEKDAY_RE})\b"),
    ("yesterday", r"\b(?:yesterday|the\s+day\s+before)\b"),
    ("last_night", r"\blast\s+night\b"),
    ("overnight", r"\bovernight\b"),
    ("today", r"\b(?:today|tonight|this\s+morning|this\s+afternoon|this\s+evening|earlier\s+today)\b"),
    ("vague", r"\b(?:earlier|previously|formerly|in\s+the\s+past|before\s+the\s+(?:full-scale\s+)?(?:war|invasion))\b"),
]
_COMPILED = [(name, re.compile(rx, re.IGNORECASE)) for name, rx in _PATTERNS]

# ---------------------------------------------------------------- Russian and Ukrainian
# (nominative, genitive, locative) of each month, Russian then Ukrainian
_CYR_MONTH_FORMS = [
    ("январь", "января", "январе"), ("февраль", "февраля", "феврале"), ("март", "марта", "марте"),
    ("апрель", "апреля", "апреле"), ("май", "мая", "мае"), ("июнь", "июня", "июне"), ("июль", "июля", "июле"),
    ("август", "августа", "августе"), ("сентябрь", "сентября", "сентябре"), ("октябрь", "октября", "октябре"),
    ("ноябрь", "ноября", "ноябре"), ("декабрь", "декабря", "декабре"),
    ("січень", "січня", "січні"), ("лютий", "лютого", "лютому"), ("березень", "березня", "березні"),
    ("квітень", "квітня", "квітні"), ("травень", "травня", "травні"), ("червень", "червня", "червні"),
    ("липень", "липня", "липні"), ("серпень", "серпня", "серпні"), ("вересень", "вересня", "вересні"),
    ("жовтень", "жовтня", "жовтні"), ("листопад", "листопада", "листопаді"), ("грудень", "грудня", "грудні"),
]
_CYR_MONTHS = {form: i % 12 + 1 for i, forms in enumerate(_CYR_MONTH_FORMS) for form in forms}
_CYR_GEN_RE = "(?:" + "|".join(sorted({f[1] for f in _CYR_MONTH_FORMS}, key=len, reverse=True)) + ")"
_CYR_LOC_RE = "(?:" + "|".join(sorted({f[2] for f in _CYR_MONTH_FORMS}, key=len, reverse=True)) + ")"
# a weekday after "в"/"у"/"на" (accusative) or in "у ніч проти" (genitive)
_CYR_WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4, "субботу": 5, "воскресенье": 6,
    "понеділок": 0, "вівторок": 1, "середу": 2, "четвер": 3, "пятницю": 4, "суботу": 5, "неділю": 6,
    "понеділка": 0, "вівторка": 1, "середи": 2, "четверга": 3, "пятниці": 4, "суботи": 5, "неділі": 6,
}
_CYR_WEEKDAY_RE = r"(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|понеділ(?:ок|ка)|вівтор(?:ок|ка)|серед[уи]|четвер(?:га)?|п[’'ʼ]?ятниц[юі]|субот[уи]|неділ[юі])"
_CYR_YEAR_WORD = r"(?:\s*(?:году|года|г\.|році|року|р\.))"
_CYR_UNITS = {"д": "day", "с": "day", "н": "week", "т": "week", "м": "month", "г": "year", "л": "year", "р": "year"}
_CYR_PATTERNS: list[tuple[str, str]] = [
    ("cyr_dmy", rf"(?<!\w)(?P<d>\d{{1,2}})\s+(?P<m>{_CYR_GEN_RE})\s+(?P<y>{_YEAR_RE}){_CYR_YEAR_WORD}?(?!\w)"),
    ("cyr_dm", rf"(?<!\w)(?P<d>\d{{1,2}})(?:-?(?:го|е|ого))?\s+(?P<m>{_CYR_GEN_RE})(?!\w)"),
    ("cyr_my", rf"(?<!\w)(?:в|во|у)\s+(?P<m>{_CYR_LOC_RE})\s+(?P<y>{_YEAR_RE}){_CYR_YEAR_WORD}?(?!\w)"),
    ("cyr_this_month", rf"(?<!\w)(?:в|во|у|на\s+початку|в\s+начале|в\s+конце|наприкінці|в\s+середине|в\s+середині)\s+(?P<m>{_CYR_LOC_RE}|{_CYR_GEN_RE})(?!\w)(?!\s+\d)"),
    ("cyr_year", rf"(?<!\w)(?:в|во|у|с|з|із|до|начиная\s+с|починаючи\s+з)\s+(?P<y>{_YEAR_RE}){_CYR_YEAR_WORD}(?!\w)"),
    ("cyr_past_day", r"(?<!\w)(?:за|протягом|в\s+течение|впродовж)\s+(?:минувш\w+|последн\w+|прошедш\w+|минул\w+|останн\w+)\s+(?P<u>сутки|добу|доби|день|дня|неделю|недели|тиждень|тижня|месяц|місяць|місяця)(?!\w)"),
    ("cyr_n_ago", r"(?<!\w)(?:(?P<n>\d{1,3})\s+)?(?P<u>дн(?:я|ей|і|ів)|день|сут(?:ки|ок)|недел[юиь]|тижн(?:і|ів)|тиждень|месяц(?:а|ев)?|місяц(?:і|ів|ь)|год|года|лет|рік|роки|років)\s+(?:назад|тому)(?!\w)"),
    ("cyr_last_unit", r"(?<!\w)(?:на\s+прошлой\s+(?P<w1>неделе)|на\s+минулому\s+(?P<w2>тижні)|минулого\s+(?P<w3>тижня)|(?:в|у)\s+прошлом\s+(?P<m1>месяце|году)|минулого\s+(?P<m2>місяця|року)|(?P<y1>торік|торішнього))(?!\w)"),
    ("cyr_this_unit", r"(?<!\w)(?:на\s+этой\s+(?P<w1>неделе)|на\s+цьому\s+(?P<w2>тижні)|цього\s+(?P<w3>тижня)|(?:в|у)\s+этом\s+(?P<m1>месяце|году)|цього\s+(?P<m2>місяця|року))(?!\w)"),
    ("cyr_night_into", rf"(?<!\w)(?:в\s+ночь|у\s+ніч|в\s+ніч|вночі)\s+(?:на|проти)\s+(?P<w>{_CYR_WEEKDAY_RE})(?!\w)"),
    ("cyr_weekday", rf"(?<!\w)(?:(?:в|во|у)\s+)(?:(?P<last>прошлый|прошлую|прошлое|минулий|минулу|минулої)\s+)?(?P<w>{_CYR_WEEKDAY_RE})(?!\w)"),
    ("cyr_last_night", r"(?<!\w)(?:(?:прошлой|минувшей|прошедшей)\s+ночью|минулої\s+ночі|минулої\s+доби)(?!\w)"),
    ("cyr_yesterday", r"(?<!\w)(?:вчера|вчора|накануне|напередодні)(?!\w)"),
    ("cyr_overnight", r"(?<!\w)(?:(?:этой|сегодня)\s+ночью|(?:цієї|сьогодні)\s+(?:ночі|вночі)|ночью|вночі)(?!\w)"),
    ("cyr_today", r"(?<!\w)(?:сегодня|сьогодні)(?!\w)"),
    ("cyr_vague", r"(?<!\w)(?:ранее|раньше|прежде|раніше|до\s+войны|до\s+війни|до\s+вторжения|до\s+вторгнення)(?!\w)"),
]
_CYR_COMPILED = [(name, re.compile(rx, re.IGNORECASE)) for name, rx in _CYR_PATTERNS]
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SEASON_WORDS = ("winter", "spring", "summer", "autumn", "fall")
# what each pattern needs in the (lower-cased) text before it is worth running
_NEEDS: dict[str, object] = {
    "dmy": "year+month", "mdy": "year+month", "dm": "digit+month", "md": "digit+month", "iso": "year", "since_my": "year+month",
    "my": "year+month", "year": "year", "season_y": "year+season",
    "past_n": ("past", "last", "previous"), "past_u": ("past", "last", "previous"), "n_ago": ("ago", "earlier"),
    "last_season": _SEASON_WORDS, "last_month_name": ("last",), "this_month_name": _MONTH_WORDS,
    "earlier_this": ("this",), "this_unit": ("this",), "last_unit": ("last", "past"),
    "overnight_into": ("overnight",), "weekday_night": _WEEKDAY_WORDS, "weekday": _WEEKDAY_WORDS,
    "yesterday": ("yesterday", "day before"), "last_night": ("night",), "overnight": ("overnight",),
    "today": ("today", "tonight", "this "),
    "vague": ("earlier", "previously", "formerly", "past", "before"),
}
# every word pattern needs one of these: a cheap test that skips most sentences
_HINT_WORDS = tuple(sorted({w for need in _NEEDS.values() if isinstance(need, tuple) for w in need}))
# one scan for all of them (hint words may overlap -- "this " and "this" -- so a word found by the scan
# vouches for itself, and a need not found is checked with a substring test)
_HINT_RX = re.compile("|".join(re.escape(w) for w in sorted(_HINT_WORDS, key=len, reverse=True)))
_DIGIT = re.compile(r"\d")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")


_HINT_SUB = {h: frozenset(w for w in _HINT_WORDS if w in h) for h in _HINT_WORDS}


def _plan() -> list[tuple[str, re.Pattern[str], str | None, tuple[str, ...] | None, tuple[str, ...] | None]]:
    """Each pattern with its cheap pre-test, unpacked once:
    (name, regex, "year"/"digit"/None, words one of which it also needs, hint words it needs)."""
    plan = []
    for name, rx in _COMPILED:
        need = _NEEDS.get(name)
        if isinstance(need, str):
            base, _, also = need.partition("+")
            words = (_MONTH_WORDS if also == "month" else _SEASON_WORDS) if also else None
            plan.append((name, rx, base, words, None))
        else:
            plan.append((name, rx, None, None, need))  # type: ignore[arg-type]
    return plan


_PLAN = _plan()


def _num(word: str) -> int:
    word = word.lower().strip()
    return int(word) if word.isdigit() else _NUMBERS.get(word, 1)


def _month(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def _day_month_before(published: dt.date, month: int, day: int) -> dt.date | None:
    for year in (published.year, published.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= published:
            return candidate
    return None


def _month_not_after(published: dt.date, month: int, *, strictly_before: bool) -> tuple[int, int]:
    year = published.year
    if month > published.month or (strictly_before and month == published.month):
        year -= 1
    return year, month


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _resolve(name: str, m: re.Match[str], published: dt.date | None, anchor: dt.date | None) -> EventDate | None:
    g = m.groupdict()
    ref = anchor or published
    if name in ("dmy", "mdy", "iso"):
        month = int(g["m"]) if name == "iso" else _month(g["m"])
        day = _safe_date(int(g["y"]), month, int(g["d"]))
        return EventDate.day(day) if day else None
    if name in ("dm", "md"):
        if published is None:
            return None
        day = _day_month_before(published, _month(g["m"]), int(g["d"]))
        return EventDate.day(day) if day else None
    if name in ("since_my", "my"):
        return EventDate.month(int(g["y"]), _month(g["m"]))
    if name == "season_y":
        first, last = _SEASONS[g["s"].lower()]
        year = int(g["y"])
        start = dt.date(year if first != 12 else year - 1, first, 1)
        end = dt.date(year, last, calendar.monthrange(year, last)[1])
        return EventDate.span(start, end)
    if name == "year":
        return EventDate.year(int(g["y"]))
    if ref is None:
        return None
    if name in ("past_n", "past_u"):
        unit = g["u"].lower().rstrip("s")
        n = _num(g["n"]) if name == "past_n" else 1
        if unit == "fortnight":
            unit, n = "day", 14
        days = {"hour": -(-n // 24), "day": n, "week": 7 * n, "month": 30 * n, "year": 365 * n}[unit]
        if days <= 1:  # "the past 24 hours", "the past day": the anchor day itself
            return EventDate.day(ref, "relative")
        return EventDate.span(ref - dt.timedelta(days=days), ref)
    if name == "n_ago":
        unit = g["u"].lower().rstrip("s")
        n = _num(g["n"])
        if unit == "hour":
            return EventDate.day(ref, "relative")
        return _units_ago(ref, n, unit)
    if name == "last_season":
        first, last = _SEASONS[g["s"].lower()]
        this = m.group(0).lower().startswith("this")
        year = ref.year
        # the most recent such season that has (at least) begun
        end_year = year if (first <= ref.month or first == 12) else year - 1
        if not this:
            end = dt.date(end_year, last, calendar.monthrange(end_year, last)[1])
            if end >= ref:  # "last summer" means a season that is over
                end_year -= 1
        start = dt.date(end_year - 1 if first == 12 else end_year, first, 1)
        end = dt.date(end_year, last, calendar.monthrange(end_year, last)[1])
        return EventDate.span(start, min(end, ref))
    if name == "last_month_name":
        y, mo = _month_not_after(ref, _month(g["m"]), strictly_before=True)
        return EventDate.month(y, mo)
    if name == "this_month_name":
        y, mo = _month_not_after(ref, _month(g["m"]), strictly_before=False)
        return EventDate.month(y, mo)
    if name == "earlier_this":
        unit = g["u"].lower()
        if unit == "week":
            return EventDate.span(ref - dt.timedelta(days=ref.weekday()), ref, "relative")
        if unit == "month":
            return EventDate.span(ref.replace(day=1), ref, "relative")
        return EventDate.span(dt.date(ref.year, 1, 1), ref, "relative")
    if name == "this_unit":
        unit = g["u"].lower()
        if unit == "week":
            return EventDate.span(ref - dt.timedelta(days=ref.weekday()), ref, "relative")
        if unit == "month":
            return EventDate.month(ref.year, ref.month, "relative")
        return EventDate.year(ref.year, "relative")
    if name == "last_unit":
        unit = g["u"].lower()
        if unit in ("week", "weekend"):
            monday = ref - dt.timedelta(days=ref.weekday() + 7)
            if unit == "weekend":
                return EventDate.span(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "relative")
            return EventDate.span(monday, monday + dt.timedelta(days=6), "relative")
        if unit == "month":
            y, mo = (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)
            return EventDate.month(y, mo, "relative")
        return EventDate.year(ref.year - 1, "relative")
    if name == "overnight_into":
        return EventDate.day(_weekday_on_or_before(ref, _WEEKDAYS[g["w"].lower()]))
    if name in ("weekday", "weekday_night"):
        day = _weekday_on_or_before(ref, _WEEKDAYS[g["w"].lower()])
        if m.group(0).lower().startswith("last ") and day == ref:
            day -= dt.timedelta(days=7)
        return EventDate.day(day)
    if name in ("yesterday", "last_night"):
        return EventDate.day(ref - dt.timedelta(days=1), "relative")
    if name in ("overnight", "today"):
        return EventDate.day(ref, "relative")
    return None


def _units_ago(ref: dt.date, n: int, unit: str) -> EventDate:
    """``n`` days, weeks, months or years before ``ref`` ("3 weeks ago", "2 месяца назад")."""
    if unit in ("day", "week"):
        return EventDate.day(ref - dt.timedelta(days=n * (7 if unit == "week" else 1)), "relative")
    if unit == "month":
        y, mo = ref.year, ref.month - n
        while mo <= 0:
            y, mo = y - 1, mo + 12
        return EventDate.month(y, mo)
    return EventDate.year(ref.year - n)


def _cyr_resolve(name: str, m: re.Match[str], published: dt.date | None, anchor: dt.date | None) -> EventDate | None:
    """:func:`_resolve` for the Russian and Ukrainian patterns (``cyr_*``)."""
    g = m.groupdict()
    if name == "cyr_dmy":
        day = _safe_date(int(g["y"]), _CYR_MONTHS[g["m"].lower()], int(g["d"]))
        return EventDate.day(day) if day else None
    if name == "cyr_my":
        return EventDate.month(int(g["y"]), _CYR_MONTHS[g["m"].lower()])
    if name == "cyr_year":
        return EventDate.year(int(g["y"]))
    ref = anchor or published
    if ref is None:
        return None
    if name == "cyr_dm":
        day = _day_month_before(ref, _CYR_MONTHS[g["m"].lower()], int(g["d"]))
        return EventDate.day(day) if day else None
    if name == "cyr_this_month":
        y, mo = _month_not_after(ref, _CYR_MONTHS[g["m"].lower()], strictly_before=False)
        return EventDate.month(y, mo)
    if name == "cyr_past_day":
        unit = _CYR_UNITS.get(g["u"][0].lower(), "day")
        if unit == "day":
            return EventDate.day(ref, "relative")
        return EventDate.span(ref - dt.timedelta(days=7 if unit == "week" else 30), ref)
    if name == "cyr_n_ago":
        n = int(g["n"]) if g["n"] else 1
        unit = _CYR_UNITS.get(g["u"][0].lower(), "day")
        return _units_ago(ref, n, unit)
    if name in ("cyr_last_unit", "cyr_this_unit"):
        word = next(v for v in g.values() if v).lower()
        unit = "week" if word[0] in "нт" else "month" if word[0] == "м" else "year"
        last = name == "cyr_last_unit"
        if unit == "week":
            monday = ref - dt.timedelta(days=ref.weekday() + (7 if last else 0))
            return EventDate.span(monday, monday + dt.timedelta(days=6) if last else ref, "relative")
        if unit == "month":
            y, mo = ((ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)) if last else (ref.year, ref.month)
            return EventDate.month(y, mo, "relative")
        return EventDate.year(ref.year - 1 if last else ref.year, "relative")
    if name in ("cyr_night_into", "cyr_weekday"):
        key = re.sub("[’'ʼ]", "", g["w"].lower())
        day = _weekday_on_or_before(ref, _CYR_WEEKDAYS[key])
        if g.get("last") and day == ref:
            day -= dt.timedelta(days=7)
        return EventDate.day(day)
    if name in ("cyr_yesterday", "cyr_last_night"):
        return EventDate.day(ref - dt.timedelta(days=1), "relative")
    if name in ("cyr_overnight", "cyr_today"):
        return EventDate.day(ref, "relative")
    return None


def find_dates(
    text: str, published: dt.date | None, *, anchor: dt.date | None = None
) -> list[DateMatch]:
    """Find every time expression in ``text`` and resolve it.

    Parameters
    ----------
    text : str
        A sentence (or any text).
    published : datetime.date or None
        The publication date relative expressions are resolved against.
    anchor : datetime.date, optional
        Where ranges such as "over the past week" end and relative days count
        from, when not the publication date (e.g. the statement date).

    Returns
    -------
    list of DateMatch
        Non-overlapping matches in text order.  ``kind`` is ``point``,
        ``range`` (``precision == "range"``) or ``vague`` ("earlier",
        "previously": an undated past, ``date`` is :data:`UNKNOWN`).
    """
    low = text.lower()
    has_digit = _DIGIT.search(text) is not None
    has_year = has_digit and _YEAR_DIGITS.search(text) is not None
    hints = {w for h in _HINT_RX.findall(low) for w in _HINT_SUB[h]}
    cyrillic = _CYRILLIC.search(text) is not None
    if not has_digit and not hints and not cyrillic:
        return []
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    if cyrillic:  # Russian and Ukrainian words first (none of them can match Latin text)
        for name, rx in _CYR_COMPILED:
            for m in rx.finditer(text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                if name == "cyr_vague":
                    found.append(DateMatch(s, e, m.group(0), UNKNOWN, "vague"))
                else:
                    date = _cyr_resolve(name, m, published, anchor if name == "cyr_past_day" else None)
                    if date is None:
                        continue
                    found.append(DateMatch(s, e, m.group(0), date, "range" if date.precision == "range" else "point"))
                taken.append((s, e))
    for name, rx, base, also, need in _PLAN:
        if base is not None:
            if not (has_year if base == "year" else has_digit):
                continue  # cheap test: this pattern cannot match
            if also is not None and hints.isdisjoint(also):
                continue
        elif need is not None and hints.isdisjoint(need):
            continue
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if name == "vague":
                found.append(DateMatch(s, e, m.group(0), UNKNOWN, "vague"))
                taken.append((s, e))
                continue
            date = _resolve(name, m, published, anchor if name in ("past_n", "past_u") else None)
            if date is None:
                continue
            kind = "range" if date.precision == "range" else "point"
            found.append(DateMatch(s, e, m.group(0), date, kind))
            taken.append((s, e))
    found.sort(key=lambda d: d.start)
    return found


def parse_date(phrase: str, published: dt.date | None, *, anchor: dt.date | None = None) -> EventDate:
    """Resolve one time phrase ("on Thursday", "last August", "in 2014").

    Parameters
    ----------
    phrase : str
        The phrase; the first time expression in it is used.
    published : datetime.date or None
        Publication date of the article.
    anchor : datetime.date, optional
        End of ranges, when not the publication date.

    Returns
    -------
    EventDate
        :data:`UNKNOWN` when the phrase holds no resolvable time.

    Examples
    --------
    >>> import datetime as dt
    >>> parse_date("on Thursday", dt.date(2025, 3, 15)).value
    '2025-03-13'
    >>> parse_date("last August", dt.date(2025, 3, 13)).value
    '2024-08'
    """
    for match in find_dates(phrase, published, anchor=anchor):
        if match.kind != "vague":
            return match.date
    return UNKNOWN
