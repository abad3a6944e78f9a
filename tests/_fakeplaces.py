"""Hand-made places and mentions for claim tests (no gazetteer needed).

``mentions_for(text)`` finds every name of ``PLACES`` in the text, so a test
sentence exercises the claims stage alone.
"""

from __future__ import annotations

import datetime as dt
import re

from frontmap.articles import Article
from frontmap.gazetteer import Place
from frontmap.mentions import Mention


def _p(pid: str, name: str, lat: float, lon: float, kind: str = "settlement", country: str = "UA") -> Place:
    return Place(
        place_id=pid, name=name, lat=lat, lon=lon, kind=kind, country=country, admin1=None, admin1_name=None,
        admin2=None, population=0, source="test", precision="point" if kind == "settlement" else "area",
        feature_code=None,
    )


PLACES = {
    "Hlynka": _p("9001", "Hlynka", 48.10, 37.50),
    "Zoriane": _p("9002", "Zoriane", 48.20, 37.60),
    "Stepove": _p("9003", "Stepove", 48.30, 37.70),
    "Kamianka": _p("9004", "Kamianka", 48.40, 37.80),
    "Donetsk region": _p("9005", "Donetsk Oblast", 48.00, 37.80, "admin1"),
    "Kursk region": _p("9006", "Kursk Oblast", 51.70, 36.20, "admin1", "RU"),
    "Sudzha": _p("9007", "Sudzha", 51.19, 35.27, "settlement", "RU"),
    "Kupiansk": _p("9008", "Kupiansk", 49.71, 37.61),
    "Tokmak": _p("9009", "Tokmak", 47.25, 35.71),
    "Crimea": _p("9010", "Crimea", 45.0, 34.0, "admin1"),
    "Zaporizhzhia": _p("9011", "Zaporizhzhia", 47.84, 35.14),
    "Vnukovo-2": _p("9012", "Vnukovo-2", 55.60, 37.27, "airport", "RU"),
    "Belgorod region": _p("9013", "Belgorod Oblast", 50.60, 36.60, "admin1", "RU"),
    "Вугледар": _p("9014", "Vuhledar", 47.78, 37.25),
    "Ukraine": _p("9015", "Ukraine", 49.0, 32.0, "country"),
    "Pokrovsk": _p("9016", "Pokrovsk", 48.28, 37.18),
    "Kyiv region": _p("9017", "Kyiv Oblast", 50.45, 30.52, "admin1"),
    "Bryansk region": _p("9018", "Bryansk Oblast", 52.9, 33.4, "admin1", "RU"),
    "Irpin": _p("9019", "Irpin", 50.52, 30.25),
    "Bucha": _p("9020", "Bucha", 50.55, 30.22),
}


def mentions_for(text: str) -> list[Mention]:
    out = []
    for name, place in PLACES.items():
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            level = "country" if place.kind == "country" else "region" if place.kind == "admin1" else "settlement"
            out.append(Mention(m.start(), m.end(), name, place, 0.9, (), None, level))
    for m in re.finditer(r"\bthe (?:town|village|region)\b", text):  # coreference to the last place of that level
        level = "region" if m.group(0).endswith("region") else "settlement"
        prior = [x for x in out if x.end <= m.start() and x.level == level]
        if prior:
            ante = max(prior, key=lambda x: x.start)
            out.append(Mention(m.start(), m.end(), m.group(0), ante.place, 0.8, (), None, level))
    out.sort(key=lambda x: x.start)
    # coref_of indexes the returned list
    fixed = []
    for x in out:
        if x.text.startswith("the "):
            ante = max((i for i, y in enumerate(out) if y.end <= x.start and y.place == x.place and not y.text.startswith("the ")), default=None)
            x = Mention(x.start, x.end, x.text, x.place, x.score, (), ante, x.level)
        fixed.append(x)
    return fixed


def article(text: str, published: dt.date | None = dt.date(2025, 3, 13), id: str = "t1", outlet: str | None = "Test Wire") -> Article:
    return Article(id=id, text=text, published=published, outlet=outlet)
