"""Choose the place each mention means, as an analyst would.

Every candidate the gazetteer offers for a name is scored on evidence that adds up
(log-linear, then a softmax over the candidates):

* the name match (exact > folded > transliterated > fuzzy; an alternate or former name
  costs a little), the place's kind and population (among villages population says little),
  capitals and regional centres;
* what the article is about: country and first-level-region votes from the *other* names
  (a name does not vote for itself); in war reporting Ukraine and Russia pool their votes
  and front-line oblasts get a bonus (the theatre);
* explicit local context: "Andriivka in Donetsk Oblast", "X, Kursk region" (the region
  named right after), "near Pokrovsk", "south of Bakhmut" (close to that place),
  "100 miles south-east of Kharkiv" (about that far from it), "the city of Lyman" vs
  "the village of ..." (size);
* closeness to the article's anchors: the places resolved with confidence in a first pass
  (places that only name an institution, "Kharkiv Regional Military Administration", are
  not anchors).

A district the gazetteer only knows approximately (a US county: its namesake town or its
state's point) is placed at the median of the towns the article confidently names in the same
region.  One name keeps one sense per article.  A bare "Kharkiv" or "Bakhmut" is the city rather
than the oblast or raion named after it.  The score of a mention is the probability mass
of the candidates within 25 km of the chosen one (so duplicate rows of one village agree)
times the match tier; ``bench/eval_places.py`` prints accuracy by score band.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import numpy as np

from frontmap.mentions import Mention, NameIndex, Span, demonym_places, index_for, level_of
from frontmap.mentions import cached_fold as fold

if TYPE_CHECKING:  # pragma: no cover
    import datetime as dt

    from frontmap.gazetteer import Candidate, Gazetteer, Place

__all__ = ["resolve", "resolve_spans", "FRONT_ADMIN1", "WAR_COUNTRIES"]

log = logging.getLogger(__name__)

#: Countries of the theatre frontmap is built for.
WAR_COUNTRIES = frozenset({"UA", "RU"})
#: Oblasts where the fighting and cross-border raids are (GeoNames admin1 codes).
FRONT_ADMIN1 = frozenset({
    "UA.05", "UA.14", "UA.26", "UA.08", "UA.07", "UA.04", "UA.21", "UA.11", "UA.16", "UA.02",
    "RU.41", "RU.09", "RU.10",
})
_WAR_WORDS = re.compile(
    r"\b(?:troops|shelling|shelled|drone|drones|offensive|front(?:line| line)?|artillery|captured|"
    r"liberat\w+|occupied|occupation|invasion|missile|brigade|frontline|ceasefire|Ukrain\w*|Russia\w*|"
    r"ЗСУ|ВСУ|войска|обстрел\w*|обстріл\w*|бо[иї]|наступ\w*|фронт\w*|окупант\w*|оккупант\w*|штурм\w*|дрон\w*|"
    r"ракет\w*|військ\w*|військов\w*)\b",
    re.IGNORECASE,
)

COUNTRY_VOTE = 4.0  # weight of the other names' country votes
ANCHOR_PROB = 0.6  # a place this sure anchors the others by distance
_TIER = {"exact": 1.0, "folded": 0.95, "translit": 0.85, "fuzzy": 0.6}
_KIND_PRIOR = {"country": 2.0, "admin1": 1.5, "admin2": 0.4, "water": 0.6, "area": 0.6, "airport": 0.2,
               "facility": 0.2, "settlement": 0.0}
_FCODE_PRIOR = {"PPLC": 2.5, "PPLA": 1.0, "PPLA2": 0.5, "PPLA3": 0.2, "PPLG": 0.8}

# gap between a settlement and a region that qualifies it: "X in Donetsk Oblast", "X, Donetsk region", "X (Kursk region)"
_COMPASS = r"(?:(?:north|south|east|west|central)(?:-?(?:east|west))?(?:ern)?\s+)?"
_QUALIFY_GAP = re.compile(r"^(?:\s*,\s*|\s+in\s+(?:the\s+)?" + _COMPASS + r"|\s+of\s+(?:the\s+)?|\s*\(\s*|\s*,\s*in\s+(?:the\s+)?"
                          + _COMPASS + r")$", re.I)
# gap that puts a place close to another: "near Pokrovsk", "X, south of Bakhmut", "10 km from Y"
_STATED_KM = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(km|kilomet(?:re|er)s?|miles?)\b", re.I)
_NEAR_GAP = re.compile(
    r"(?:\bnear|\boutside|\bclose to|\bnext to|\bon the outskirts of|\baround|\bwest of|\beast of|\bnorth of|\bsouth of|"
    r"\b(?:north|south)-?(?:east|west) of|\bkm(?:\s+\w+)?\s+(?:of|from)|\bkilometres?(?:\s+\w+)?\s+(?:of|from)|"
    r"\bmiles?(?:\s+\w+)?\s+(?:of|from)|\bbetween|\band|\bto)\s+(?:the\s+)?$",
    re.I,
)


@dataclass(slots=True)
class _Group:
    """All spans of one name in one article (one sense per discourse)."""

    key: tuple[str, tuple[str, ...] | None]
    spans: list[int] = field(default_factory=list)
    cands: tuple[Candidate, ...] = ()
    base: np.ndarray | None = None
    lat: np.ndarray | None = None
    lon: np.ndarray | None = None
    choice: int = 0
    prob: float = 0.0
    region_hint: set[str] = field(default_factory=set)  # admin1 codes named right after it
    near_hint: list[tuple[int, float | None, float]] = field(default_factory=list)  # (group, stated km, weight)
    own_c: dict[str, float] = field(default_factory=dict)  # what this name added to the country votes
    own_a: dict[str, float] = field(default_factory=dict)  # ... and to the admin1 votes
    table: Any = None  # the cached _Table of its candidates
    list_peers: set[int] = field(default_factory=set)  # groups named next to it in a list ("A, B and C")


def _haversine_km(lat: np.ndarray, lon: np.ndarray, lat0: float, lon0: float) -> np.ndarray:
    # Vectorised great-circle distance for ranking only (thousands of pairs per article);
    # geopy's per-pair geodesic would dominate the run time, and ranking needs no metre accuracy.
    p1, p2 = np.radians(lat), math.radians(lat0)
    dphi = p2 - p1
    dl = np.radians(lon0 - lon)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * math.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


_COUNTY = re.compile(r"^(?P<stem>.+?)\s+(?:County|Parish|Borough|Township|raion|rayon|district|District)$")


def _distance_matrix(lat: np.ndarray, lon: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle km between every (lat, lon) and every (lat2, lon2): shape (len(lat), len(lat2))."""
    p1 = np.radians(lat)[:, None]
    p2 = np.radians(lat2)[None, :]
    dl = np.radians(lon2[None, :] - lon[:, None])
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _candidates_for(span: Span, index: NameIndex) -> tuple[Candidate, ...]:
    cands = index.lookup(span.query, span.kinds, fuzzy=False)
    if not cands and span.kinds:
        cands = index.lookup(span.query, None, fuzzy=False)
    if not cands:
        # "Laurel County" with no county in the gazetteer: its namesake town is usually in it
        m = _COUNTY.match(span.query)
        if m:
            stem = fold(m.group("stem"))
            cands = tuple(c for c in index.lookup(m.group("stem"), ("settlement",), fuzzy=False)
                          if fold(c.place.name) == stem)
    if not cands and span.fuzzy:
        cands = index.lookup(span.query, span.kinds, fuzzy=True)
    if not span.text.isupper():  # an ISO code ("DOM") does not match the word "Dom"
        cands = tuple(c for c in cands if not (c.matched_name.isupper() and len(c.matched_name) <= 3))
    return cands


def _base_scores(cands: Sequence[Candidate], span: Span) -> np.ndarray:
    out = np.empty(len(cands))
    settlement_admin1 = {c.place.admin1 for c in cands if c.place.kind == "settlement" and c.place.population >= 1000}
    qkey = fold(span.query)
    for k, c in enumerate(cands):
        p = c.place
        if c.matched_name.isupper() and len(c.matched_name) <= 3 and not span.text.isupper():
            out[k] = -50.0  # an ISO code ("DOM") does not match the word "Dom"
            continue
        s = 2.0 * c.score + 1.5 * _TIER.get(c.match, 0.6)
        # population separates towns from villages; among villages (< 1000) it says little
        lp = math.log10(max(p.population, 0) + 1)
        s += 0.45 * max(lp - 3.0, 0.0) + 0.1 * min(lp, 3.0)
        s += _KIND_PRIOR.get(p.kind, 0.0)
        own = fold(p.name) == qkey or fold(c.matched_name) == fold(p.name)
        if own or p.feature_code != "PPLC":
            s += _FCODE_PRIOR.get(p.feature_code or "", 0.0)
        else:  # "Mexico" matched as an alternate name of Mexico City: the capital prior is for its own name
            s += 0.5
        if p.precision == "approximate":
            s -= 0.3
        if not own:
            s -= 0.5  # matched an alternate or former name
            if p.kind in ("airport", "facility"):
                s -= 1.0  # an airport's alternate names are its city's or region's ("Black Sea")
        elif p.kind == "country":
            s += 1.5  # "Mexico" is the country, not the capital that also goes by that name
        if span.cue != "region" and p.kind in ("admin1", "admin2"):
            # a bare "Kharkiv", "Moscow", "Bakhmut" is the city, not the oblast/raion named after it
            if p.admin1 in settlement_admin1:
                s -= 2.5
            elif fold(c.matched_name) != fold(p.name):
                s -= 1.0
        if span.size == "city" and p.kind == "settlement" and 0 < p.population < 10_000:
            s -= 1.5  # "the city of Lyman": not the hamlet of that name
        elif span.size == "village" and p.population > 20_000:
            s -= 1.0
        if span.cue == "region" and p.kind in ("admin1", "admin2"):
            s += 2.0
        elif span.cue == "direction" and p.kind == "settlement":
            s += 0.5
        elif span.cue == "feature" and p.kind in ("water", "area", "airport", "facility"):
            s += 1.5
        out[k] = s
    return out


def resolve_spans(
    text: str,
    spans: Sequence[Span],
    index: NameIndex,
    *,
    published: dt.date | None = None,
    keep_unresolved: bool = False,
) -> list[Mention]:
    """Resolve candidate spans of one text into Mentions (coreferences linked).

    Parameters
    ----------
    text : str
        The article text.
    spans : sequence of Span
        From :func:`frontmap.mentions.find_spans` (or built from outside offsets).
    index : NameIndex
        Gazetteer lookups.
    published : datetime.date, optional
        Publication date (reserved: renamed places are matched by their aliases).
    keep_unresolved : bool
        Return a Mention with ``place=None`` for spans without any candidate, instead of
        dropping them.

    Returns
    -------
    list of Mention
        Sorted by start.
    """
    results = _rank(text, spans, index)
    out: list[Mention] = []
    last_settlement: int | None = None
    last_region: int | None = None
    salience: Counter[str] = Counter()  # place_id -> mentions so far (named and coreferring)
    for sp, res in zip(spans, results):
        if sp.coref is not None:
            ante = last_settlement if sp.coref == "settlement" else last_region
            if sp.cue == "alias" and out and out[-1].place is not None and out[-1].place.kind == "settlement" \
                    and sp.start - out[-1].end < 80:
                # "the village, called Ostrovsky by Russia": the phrase just before
                ante = out[-1].coref_of if out[-1].coref_of is not None else len(out) - 1
            elif ante is not None:
                ante = _salient(out, ante, salience, sp.start, noun=sp.cue)
            place = None
            if ante is not None:
                place = out[ante].place
            elif sp.coref == "admin1" and last_settlement is not None:
                place = _admin1_of(out[last_settlement].place, index)
                ante = last_settlement if place is not None else None
            if place is None or ante is None:
                continue
            score = out[ante].score * 0.9
            out.append(Mention(sp.start, sp.end, sp.text, place, round(score, 3), (), coref_of=ante,
                               level=level_of(place.kind)))
            salience[place.place_id] += 1
            if sp.coref == "admin1":
                last_region = len(out) - 1
            continue
        if res is None:
            if keep_unresolved:
                out.append(Mention(sp.start, sp.end, sp.text, None, 0.0, (), level="settlement"))
            continue
        place, score, runners = res
        out.append(Mention(sp.start, sp.end, sp.text, place, score, runners, level=level_of(place.kind)))
        salience[place.place_id] += 1
        if place.kind == "settlement":
            last_settlement = len(out) - 1
        elif place.kind in ("admin1", "admin2"):
            last_region = len(out) - 1
    return out


def _fits(place: Place, noun: str | None) -> bool:
    """Whether "the village"/"the city" can describe ``place`` (by population)."""
    if noun in ("village", "hamlet"):
        return place.population < 10_000
    if noun == "city":
        return place.population >= 10_000 or place.population == 0
    return True


def _salient(out: list[Mention], recent: int, salience: Counter[str], at: int, *, noun: str | None) -> int:
    """The antecedent for a coreferring phrase at ``at``.

    The most recent compatible mention, unless a compatible place named more often in the
    preceding 1,500 characters is more salient (a region mentioned in passing does not capture
    "the region"); "the village" skips a recent city and "the city" a recent village.
    """
    settlement = noun in ("town", "village", "city", "settlement", "hamlet", None) and \
        out[recent].place.kind == "settlement"
    kinds = ("settlement",) if settlement else ("admin1", "admin2")
    candidates = []
    for k in range(len(out) - 1, -1, -1):
        m = out[k]
        if at - m.end > 1500 and candidates:
            break
        if m.coref_of is not None or m.place is None or m.place.kind not in kinds or not _fits(m.place, noun):
            continue
        candidates.append(k)
    if not candidates:
        return recent
    best = candidates[0]
    best_score = salience[out[best].place.place_id] + 1.5
    for k in candidates[1:]:
        score = salience[out[k].place.place_id]
        if score > best_score:
            best, best_score = k, score
    return best


def _admin1_of(place: Place | None, index: NameIndex) -> Place | None:
    if place is None or not place.admin1:
        return None
    try:
        return index.gz.admin1(place.admin1)
    except (KeyError, LookupError):
        return None


@dataclass(slots=True)
class _Table:
    """A name's candidates as arrays (cached per name across articles)."""

    cands: tuple[Candidate, ...]
    base: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    c_uniq: list[str]  # distinct countries
    c_inv: np.ndarray  # candidate -> index into c_uniq
    a_uniq: list[str]  # distinct admin1 codes ("" for none)
    a_inv: np.ndarray
    war: np.ndarray  # 1.0 where the candidate is in UA/RU, plus 1.0 in a front-line oblast
    top_is_area: bool  # the best prior candidate is a country/admin1 (its vote counts double)
    top_is_admin1: bool
    a_pos: dict[str, int] = field(default_factory=dict)  # admin1 code -> index into a_uniq
    within25: dict[int, np.ndarray] = field(default_factory=dict)
    votes: Any = None


def _table(sp: Span, index: NameIndex) -> _Table | None:
    ckey = (fold(sp.query), sp.kinds, sp.cue, sp.fuzzy, sp.text.isupper(), sp.size)
    hit = index.memo.get(ckey)
    if hit is not None or ckey in index.memo:
        return hit
    cands = _candidates_for(sp, index)
    table = None
    if cands:
        base = _base_scores(cands, sp)
        countries = [c.place.country for c in cands]
        admin1s = [c.place.admin1 or "" for c in cands]
        c_uniq = sorted(set(countries))
        a_uniq = sorted(set(admin1s))
        c_pos = {c: k for k, c in enumerate(c_uniq)}
        a_pos = {a: k for k, a in enumerate(a_uniq)}
        war = np.array([(c.place.country in WAR_COUNTRIES) + 2.0 * (c.place.admin1 in FRONT_ADMIN1) for c in cands],
                       float)
        top = cands[int(np.argmax(base))].place.kind
        table = _Table(cands, base, np.array([c.place.lat for c in cands]), np.array([c.place.lon for c in cands]),
                       c_uniq, np.array([c_pos[c] for c in countries]), a_uniq, np.array([a_pos[a] for a in admin1s]),
                       war, top in ("country", "admin1"), top == "admin1", a_pos)
    if len(index.memo) > 100_000:
        index.memo.clear()
    index.memo[ckey] = table
    return table


_LIST_GAP = re.compile(r"^(?:, | and | or |, and )$")


def _big_city(place: Place) -> bool:
    return place.kind == "settlement" and (place.population or 0) >= 100_000


def _respell_in_region(text: str, spans: Sequence[Span], index: NameIndex) -> None:
    """A name qualified by a region that has no place of that spelling: take the close spelling
    that is in the region ("the settlement of Krynka, Kherson region" -> Krynky, Kherson Oblast)."""
    for k in range(len(spans) - 1):
        sp, other = spans[k], spans[k + 1]
        if sp.coref is not None or sp.cue is not None or other.cue != "region" or len(sp.query) < 5:
            continue
        if not _QUALIFY_GAP.match(text[sp.end: other.start]):
            continue
        mkey = ("respell", sp.query, sp.kinds, other.query)
        if mkey in index.memo:
            found = index.memo[mkey]
        else:
            found = index.memo[mkey] = _respelled(sp, other, index)
        if found is not None:
            log.debug("%s respelled %s", sp.query, found)
            sp.query, sp.kinds = found, ("settlement",)


def _respelled(sp: Span, other: Span, index: NameIndex) -> str | None:
    regions = {c.place.admin1 for c in index.lookup(other.query, ("admin1",))[:2] if c.place.admin1}
    if not regions or any(c.place.admin1 in regions for c in index.lookup(sp.query, sp.kinds)):
        return None
    from rapidfuzz import fuzz

    key = fold(sp.query)
    for name in index.gz.suggest(sp.query, 12):
        if fold(name)[:1] != key[:1] or fuzz.ratio(fold(name), key) < 80:
            continue
        hits = [c for c in index.lookup(name, ("settlement",)) if c.place.admin1 in regions]
        if hits:
            return hits[0].place.name
    return None


def _rank(text: str, spans: Sequence[Span], index: NameIndex) -> list[tuple[Place, float, tuple[Candidate, ...]] | None]:
    """Per span: (place, calibrated score, runner-up candidates) or None."""
    _respell_in_region(text, spans, index)
    groups: dict[tuple[str, tuple[str, ...] | None], _Group] = {}
    span_group: list[_Group | None] = []
    for k, sp in enumerate(spans):
        if sp.coref is not None:
            span_group.append(None)
            continue
        key = (fold(sp.query), sp.kinds)
        g = groups.get(key)
        if g is None:
            t = _table(sp, index)
            g = _Group(key)
            if t is not None:
                g.cands, g.base, g.lat, g.lon, g.table = t.cands, t.base, t.lat, t.lon, t
            groups[key] = g
        g.spans.append(k)
        span_group.append(g)
    live = [g for g in groups.values() if g.cands]
    if not live:
        return [None] * len(spans)

    # local context: a region right after a name, a place it is said to be near
    for k, sp in enumerate(spans):
        g = span_group[k]
        if g is None or not g.cands:
            continue
        for k2 in range(k + 1, min(len(spans), k + 3)):
            other = spans[k2]
            g2 = span_group[k2]
            if g2 is None or not g2.cands or other.start - sp.end > 40:
                break
            gap = text[sp.end: other.start]
            if "\n" in gap or "." in gap.replace("St.", ""):
                break
            if _QUALIFY_GAP.match(gap) and (other.cue == "region" or g2.cands[0].place.kind in ("admin1", "country")):
                for c in g2.cands[:3]:
                    if c.place.kind in ("admin1", "admin2") and c.place.admin1:
                        g.region_hint.add(c.place.admin1)
                    elif c.place.kind == "country":
                        g.region_hint.add(c.place.country)
                break
            if k2 == k + 1 and g2 is not g and _LIST_GAP.match(gap):
                g.list_peers.add(id(g2))
                g2.list_peers.add(id(g))
            m = _NEAR_GAP.search(gap)
            if m and g2 is not g:
                stated = _STATED_KM.search(gap)
                km = None
                if stated:
                    km = float(stated.group(1).replace(",", ""))
                    km = km * 1.609 if stated.group(2).lower().startswith("mi") else km
                weight = 2.0 if m.group(0).split()[0].lower() in ("and", "to") else 4.0
                g.near_hint.append((id(g2), km, weight))
                g2.near_hint.append((id(g), km, weight))
                break

    # document votes: countries and admin1 regions of places that are (nearly) unambiguous
    war = _is_war_text(text)
    for g in live:
        t = g.table
        if t.votes is None:  # what the name alone says about country and region (article-independent)
            p = _softmax(t.base)
            cc = np.bincount(t.c_inv, weights=p, minlength=len(t.c_uniq))
            aa = np.bincount(t.a_inv, weights=p, minlength=len(t.a_uniq))
            t.votes = (
                [(t.c_uniq[i], float(cc[i]) * (2.0 if t.top_is_area else 1.0)) for i in np.flatnonzero(cc > 0.5)],
                [(t.a_uniq[i], float(aa[i]) * (2.0 if t.top_is_admin1 else 1.0))
                 for i in np.flatnonzero(aa > 0.5) if t.a_uniq[i]],
            )
    country_votes: Counter[str] = Counter()
    admin1_votes: Counter[str] = Counter()
    total_c = total_a = 1.0

    def tally(entries: dict[int, tuple[list[tuple[str, float]], list[tuple[str, float]]]]) -> None:
        nonlocal total_c, total_a
        country_votes.clear()
        admin1_votes.clear()
        for g in live:
            weight = len(g.spans) ** 0.5
            cv, av = entries[id(g)]
            g.own_c = {code: weight * v for code, v in cv}
            g.own_a = {code: weight * v for code, v in av}
            for code, v in g.own_c.items():
                country_votes[code] += v
            for code, v in g.own_a.items():
                admin1_votes[code] += v
        total_c = sum(country_votes.values()) or 1.0
        total_a = sum(admin1_votes.values()) or 1.0

    tally({id(g): g.table.votes for g in live})
    theatre = war or (country_votes["UA"] + country_votes["RU"]) / total_c > 0.3

    def context_score(g: _Group) -> np.ndarray:
        # votes of the other names only: a name does not vote for its own reading
        t = g.table
        oc, oa, hint = g.own_c, g.own_a, g.region_hint
        tot_c = max(total_c - sum(oc.values()), 1.0)
        tot_a = max(total_a - sum(oa.values()), 1.0)
        # in war reporting Ukraine and Russia are one theatre: their votes pool
        war_vote = sum(country_votes.get(x, 0.0) - oc.get(x, 0.0) for x in WAR_COUNTRIES) if theatre else 0.0
        cw = COUNTRY_VOTE / tot_c
        cvec = np.array([cw * (war_vote if theatre and c in WAR_COUNTRIES else country_votes.get(c, 0.0) - oc.get(c, 0.0))
                         for c in t.c_uniq])
        aw = 2.0 / tot_a
        # only the few regions with votes or hints get a value: tables of common names list hundreds
        avec = np.zeros(len(t.a_uniq))
        a_pos = t.a_pos
        for a, v in admin1_votes.items():
            x = a_pos.get(a)
            if x is not None:
                avec[x] += aw * (v - oa.get(a, 0.0))
        for a in hint:
            x = a_pos.get(a)
            if x is not None and a:
                avec[x] += 4.0
        s = t.base + cvec[t.c_inv] + avec[t.a_inv]
        if g.region_hint:
            hinted_c = np.array([4.0 if c in g.region_hint else 0.0 for c in t.c_uniq])
            s = s + hinted_c[t.c_inv]
        if theatre:
            s = s + t.war
        return s

    # pass 1: priors and document votes; anchors are groups that are clear winners
    scores: dict[int, np.ndarray] = {}
    for g in live:
        if len(g.cands) == 1:
            g.choice, g.prob = 0, 1.0
            continue
        s = context_score(g)
        scores[id(g)] = s
        g.choice, g.prob = _choose(g, s)
    # second round of votes: each name now votes for the reading it was given ("Georgia" next to
    # "Gainesville" and "Hall County" is the state, and then votes for it)
    second = {}
    changed = False
    for g in live:
        if len(g.cands) > 1 and g.prob >= 0.5:
            p = g.cands[g.choice].place
            f = 2.0 if p.kind in ("country", "admin1") else 1.0
            second[id(g)] = ([(p.country, g.prob * f)], [(p.admin1, g.prob * f)] if p.admin1 else [])
            first = g.table.votes
            changed = changed or [p.country] != [c for c, _ in first[0]] or \
                ([p.admin1] if p.admin1 else []) != [a for a, _ in first[1]]
        else:
            second[id(g)] = g.table.votes
    if changed:
        tally(second)
        for g in live:
            if len(g.cands) > 1:
                scores[id(g)] = context_score(g)
    anchors = [g for g in live if g.prob >= ANCHOR_PROB and g.cands[g.choice].place.kind in ("settlement", "admin2", "airport")
               and not all(spans[k].cue == "org" for k in g.spans)]
    by_id = {id(g): g for g in live}

    # pass 2: closeness to the anchors and to places named as "near"
    a_lat = np.array([a.lat[a.choice] for a in anchors])
    a_lon = np.array([a.lon[a.choice] for a in anchors])
    anchor_pos = {id(a): k for k, a in enumerate(anchors)}
    todo = [g for g in live if len(g.cands) > 1 and not (g.prob >= 0.97 and not g.near_hint)]
    # closeness bonus of every candidate of every open group to its nearest anchor (not itself):
    # one distance matrix for the article instead of one per name
    bonus: dict[int, np.ndarray] = {}
    if anchors and todo:
        sizes = [len(g.cands) for g in todo]
        d = _distance_matrix(np.concatenate([g.lat for g in todo]), np.concatenate([g.lon for g in todo]), a_lat, a_lon)
        row = 0
        for g, n in zip(todo, sizes):
            k = anchor_pos.get(id(g))
            if k is not None:
                d[row:row + n, k] = np.inf
            row += n
        dmin = d.min(axis=1)
        ok = np.isfinite(dmin)
        dmin = np.where(ok, dmin, 0.0)
        b = np.where(ok, 2.5 * np.exp(-dmin / 60.0)
                     + 1.5 * (1.0 - np.minimum(1.0, np.log10(1.0 + dmin) / math.log10(3001.0))), 0.0)
        row = 0
        for g, n in zip(todo, sizes):
            bonus[id(g)] = b[row:row + n]
            row += n
    for g in live:
        if len(g.cands) == 1:
            continue
        if g.prob >= 0.97 and not g.near_hint:
            g.choice, g.prob = _choose(g, scores[id(g)])  # settled by the name and the votes alone
            continue
        s = scores[id(g)]
        if id(g) in bonus:
            s = s + bonus[id(g)]
        for hid, km, weight in g.near_hint:
            h = by_id.get(hid)
            if h is None:
                continue
            d = _haversine_km(g.lat, g.lon, float(h.lat[h.choice]), float(h.lon[h.choice]))
            if km is None:  # "near Pokrovsk", "south of Bakhmut": close by
                s = s + weight * np.clip(1.0 - d / 150.0, 0.0, 1.0)
                if weight <= 2.0:  # "the villages of X and Y": the Y next to X, of its namesakes
                    s = s + 1.5 * np.exp(-d / 15.0)
            else:  # "100 miles south-east of Kharkiv": about that far
                s = s + weight * np.exp(-np.abs(d - km) / (0.25 * km + 10.0))
        peers = [by_id[h] for h in g.list_peers if h in by_id]
        if peers and all(_big_city(h.cands[h.choice].place) and (h.prob >= 0.5 or len(h.cands) == 1) for h in peers):
            # "Kursk, Voronezh and Nizhny Novgorod": a list of big cities names big cities
            s = s + np.array([2.0 if _big_city(c.place) else 0.0 for c in g.cands])
        g.choice, g.prob = _choose(g, s)
        if log.isEnabledFor(logging.DEBUG):
            top = np.argsort(-s)[:5]
            log.debug("%s: %s", g.key[0], ", ".join(
                f"{g.cands[t].place.name}/{g.cands[t].place.admin1}/{g.cands[t].place.place_id} "
                f"base={g.base[t]:.2f} final={s[t]:.2f}" for t in top))

    out: list[tuple[Place, float, tuple[Candidate, ...]] | None] = []
    done: dict[int, tuple[Place, float, tuple[Candidate, ...]]] = {}
    for g in span_group:
        if g is None or not g.cands:
            out.append(None)
            continue
        res = done.get(id(g))
        if res is None:
            best = g.cands[g.choice]
            tier = _TIER.get(best.match, 0.6)
            prob = g.prob if len(g.cands) > 1 else 0.9
            runners = (g.cands[:g.choice] + g.cands[g.choice + 1: 6])[:5]
            res = done[id(g)] = (_placed_by_context(best.place, live), round(float(prob * tier), 3), runners)
        out.append(res)
    return out


def _placed_by_context(place: Place, live: list[_Group]) -> Place:
    """A district with only an approximate point (a US county: its namesake town or its state's
    point), moved to the middle of the towns the article places in the same region with confidence.

    Local news names a county together with its towns ("Walker County ... Huntsville"); their
    median is a better estimate of where the county is than the middle of its state.  The place
    id and ``precision="approximate"`` stay.
    """
    if place.kind != "admin2" or place.precision != "approximate" or not place.admin1:
        return place
    pts = [(float(g.lat[g.choice]), float(g.lon[g.choice])) for g in live
           if g.prob >= ANCHOR_PROB and g.cands[g.choice].place.kind == "settlement"
           and g.cands[g.choice].place.admin1 == place.admin1]
    if not pts:
        return place
    lat = float(np.median([p[0] for p in pts]))
    lon = float(np.median([p[1] for p in pts]))
    return dataclasses.replace(place, lat=lat, lon=lon)


def _choose(g: _Group, s: np.ndarray) -> tuple[int, float]:
    """Best candidate and the probability that the *location* is right: the softmax mass of
    every candidate within 25 km of it (duplicate rows and spellings of one village agree)."""
    k = int(np.argmax(s))
    z = np.exp(s - s[k])
    total = float(z.sum())
    if 1.0 / total > 0.995:
        return k, 1.0 / total
    p = z / total
    near = g.table.within25.get(k)
    if near is None:  # which candidates lie within 25 km of candidate k: the same for every article
        near = g.table.within25[k] = _haversine_km(g.lat, g.lon, float(g.lat[k]), float(g.lon[k])) <= 25.0
    return k, float(min(1.0, p[near].sum()))


def _is_war_text(text: str) -> bool:
    hits = 0
    for _ in _WAR_WORDS.finditer(text):
        hits += 1
        if hits >= 2:
            return True
    return False


def _softmax(s: np.ndarray) -> np.ndarray:
    z = np.exp(s - s.max())
    return z / z.sum()


def _span_from_offsets(text: str, start: int, end: int) -> Span:
    raw = text[start:end]
    query = re.sub(r"^(?:the|The)\s+", "", raw)
    query = re.sub(r"['’ʼ][sS]$", "", query).strip()
    from frontmap.normalize import split_region_suffix

    demonym = demonym_places().get(query.casefold())
    if demonym is not None:
        return Span(start, end, raw, demonym, cue="demonym")
    stem, level = split_region_suffix(query)
    if level is not None:
        kinds = ("admin1", "admin2", "area") if level == "admin1" else ("admin2", "admin1", "area")
        return Span(start, end, raw, query, kinds=kinds, fuzzy=True, cue="region")
    return Span(start, end, raw, query, fuzzy=True)


def resolve(
    text: str,
    spans: Iterable[tuple[int, int] | Any],
    published: dt.date | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> list[Mention | None]:
    """Resolve place-name spans chosen outside frontmap (as geoparsing benchmarks give them).

    Parameters
    ----------
    text : str
        The document.
    spans : iterable
        ``(start, end)`` character offsets (0-based, end exclusive), or objects/dicts with
        ``start`` and ``end``.
    published : datetime.date, optional
        Publication date of the document.
    gazetteer : Gazetteer, optional
        Defaults to the shipped gazetteer.

    Returns
    -------
    list of Mention or None
        One entry per input span, in input order: a :class:`~frontmap.mentions.Mention`
        (with ``.place``, ``.lat``, ``.lon``, ``.score``, ``.candidates``) or None when the
        gazetteer has no candidate for the name.  All spans of the document are resolved
        together, so each one is context for the others.
    """
    index = index_for(gazetteer)
    offsets: list[tuple[int, int]] = []
    for sp in spans:
        if isinstance(sp, dict):
            offsets.append((int(sp["start"]), int(sp["end"])))
        elif isinstance(sp, tuple | list):
            offsets.append((int(sp[0]), int(sp[1])))
        else:
            offsets.append((int(sp.start), int(sp.end)))
    for s, e in offsets:
        if not 0 <= s < e <= len(text):
            raise ValueError(f"span ({s}, {e}) is outside the text (length {len(text)}); offsets are 0-based, end exclusive")
    built = [_span_from_offsets(text, s, e) for s, e in offsets]
    order = sorted(range(len(built)), key=lambda k: built[k].start)
    ranked = _rank(text, [built[k] for k in order], index)
    answers: list[Mention | None] = [None] * len(built)
    for pos, k in enumerate(order):
        res = ranked[pos]
        if res is None:
            continue
        place, score, runners = res
        sp = built[k]
        answers[k] = Mention(sp.start, sp.end, sp.text, place, score, runners, level=level_of(place.kind))
    return answers
