"""Choose the place each mention means, as an analyst would.

Every candidate the gazetteer offers for a name is scored on evidence that adds up
(log-linear, then a softmax over the candidates):

* the name match (exact > folded > transliterated > fuzzy; an alternate or former name
  costs a little), the place's kind and population (among villages population says little),
  capitals and regional centres;
* what the article is about: country and first-level-region votes from the *other* names
  (a name does not vote for itself); in war reporting (a military word and a side, not just
  "Russia") Ukraine and Russia pool their votes and front-line oblasts get a bonus (the
  theatre); outside the theatre, the regions that several ambiguous names could all be in
  ("Athens", "Clarke County", "Augusta": Georgia), a country getting what its regions get;
* explicit local context: "Andriivka in Donetsk Oblast", "X, Kursk region" (the region
  named right after, also for every item of a list before it), "near Pokrovsk", "south of
  Bakhmut" (close to that place), "100 miles south-east of Kharkiv" (about that far from
  it), "the city of Lyman" vs "the village of ..." (size), "Buffalo, New York", "New York
  state", "Governor of Texas", "in Washington, Pennsylvania and California" (states), "the
  Pacific" (the ocean, not the town);
* closeness to the article's anchors: the places resolved with confidence in a first pass
  (places that only name an institution, "Kharkiv Regional Military Administration", are
  not anchors); an anchor does not pull a shorter name onto itself ("Mexico" beside "Mexico
  City" is the country) but does pull another spelling of its own name ("Liman" and
  "Lyman").

A bare county name in an article that names the county ("Hall" after "Hall County"), a county
named without the word ("Gwinnett"), "Butler Co." and an English shire (at its county town)
are found even where the gazetteer has no entry of that spelling.

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

from frontmap.mentions import CYRILLIC_COUNTRIES, Mention, NameIndex, Span, demonym_places, index_for, level_of
from frontmap.mentions import cached_fold as fold
from frontmap.normalize import is_cyrillic, similar_spelling

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
    r"liberat\w+|occupied|occupation|invasion|missile|brigade|frontline|ceasefire|"
    r"ЗСУ|ВСУ|войска|обстрел\w*|обстріл\w*|бо[иї]|наступ\w*|фронт\w*|окупант\w*|оккупант\w*|штурм\w*|дрон\w*|"
    r"ракет\w*|військ\w*|військов\w*)\b",
    re.IGNORECASE,
)
_WAR_SIDES = re.compile(r"\b(?:Ukrain\w*|Russia\w*|Kremlin|Kyiv|Kiev|Україн\w*|Украин\w*|Росі\w*|Росси\w*)\b",
                        re.IGNORECASE)

COUNTRY_VOTE = 4.0  # weight of the other names' country votes
ANCHOR_PROB = 0.6  # a place this sure anchors the others by distance
PRESENCE_VOTE = 1.0  # weight of the regions the other names could be in (see _presence)
PRESENCE_CAP = 1.0  # ... at most this much for any one region
PRESENCE_MAX = 12  # a name votes for at most this many regions
_TIER = {"exact": 1.0, "folded": 0.95, "translit": 0.85, "fuzzy": 0.6}
# a bare name is a village before it is the railway station or plant named after it
_KIND_PRIOR = {"country": 2.0, "admin1": 1.5, "admin2": 0.4, "water": 0.6, "area": 0.6, "airport": 0.2,
               "facility": -0.5, "settlement": 0.0}
_FCODE_PRIOR = {"PPLC": 2.5, "PPLA": 1.0, "PPLA2": 0.5, "PPLA3": 0.2, "PPLG": 0.8}

# gap between a settlement and a region that qualifies it: "X in Donetsk Oblast", "X, Donetsk region", "X (Kursk region)"
_COMPASS = r"(?:(?:north|south|east|west|central)(?:-?(?:east|west))?(?:ern)?\s+)?"
_QUALIFY_GAP = re.compile(r"^(?:\s*,\s*(?:the\s+)?|\s+in\s+(?:the\s+)?" + _COMPASS + r"|\s+of\s+(?:the\s+)?|\s*[(\[]\s*|\s*,\s*in\s+(?:the\s+)?"
                          + _COMPASS + r")$", re.I)
_AFTER_COUNTRY_GAP = re.compile(r"['’]s\s+(?:the\s+)?" + _COMPASS + r"$", re.I)
# gap that puts a place close to another: "near Pokrovsk", "X, south of Bakhmut", "10 km from Y"
_STATED_KM = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(km|kilomet(?:re|er)s?|miles?)\b", re.I)
_NEAR_GAP = re.compile(
    r"(?:\bnear|\boutside|\bclose to|\bnext to|\bon the outskirts of|\baround|\bwest of|\beast of|\bnorth of|\bsouth of|"
    r"\b(?:north|south)-?(?:east|west) of|\bkm(?:\s+\w+)?\s+(?:of|from)|\bkilometres?(?:\s+\w+)?\s+(?:of|from)|"
    r"\bmiles?(?:\s+\w+)?\s+(?:of|from)|\bbetween|\band|\bto|"
    # "took Rivnopil and approached Novodarivka": the next step of one advance is close by
    r"\band\s+(?:then\s+)?(?:approached|entered|reached|captured|took|seized|liberated|stormed|attacked|approaching|"
    r"entering|reaching|capturing|taking|(?:advanced|advancing|moved|moving|pushed|pushing)\s+(?:on|to|toward|towards|into))"
    r"(?:\s+(?:the\s+)?(?:village|town|settlement)\s+of)?)\s+(?:the\s+)?$",
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
    as_region: set[str] = field(default_factory=set)  # admin1 codes it names as a qualifier ("Buffalo, New York")
    definite: bool = False  # written after "the" ("the Pacific", "the Middle East"): a sea or an area, not a town
    war_cue: bool = False  # named right after a war verb ("captured X", "shelling of X")


def _haversine_km(lat: np.ndarray, lon: np.ndarray, lat0: float, lon0: float) -> np.ndarray:
    # Vectorised great-circle distance for ranking only (thousands of pairs per article);
    # geopy's per-pair geodesic would dominate the run time, and ranking needs no metre accuracy.
    p1, p2 = np.radians(lat), math.radians(lat0)
    dphi = p2 - p1
    dl = np.radians(lon0 - lon)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * math.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


_COUNTY = re.compile(r"^(?P<stem>.+?)\s+(?:County|Co\.|Parish|Borough|Township|Twp\.?|raion|rayon|district|District)$")
# an English shire named after its county town: "Oxfordshire" -> Oxford
_SHIRE = re.compile(r"^(?:(?:East|West|North|South)\s+)?(?P<stem>[A-Z][a-z]+)shire$")


def _distance_matrix(lat: np.ndarray, lon: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle km between every (lat, lon) and every (lat2, lon2): shape (len(lat), len(lat2))."""
    p1 = np.radians(lat)[:, None]
    p2 = np.radians(lat2)[None, :]
    dl = np.radians(lon2[None, :] - lon[:, None])
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


# Russian adjectival endings of place names and their Ukrainian forms
_RU_UA_ENDINGS = (("tskoye", "tske"), ("skoye", "ske"), ("skoe", "ske"), ("ovoye", "ove"), ("evoye", "eve"),
                  ("yevoye", "ieve"), ("inoye", "yne"), ("noye", "ne"), ("oye", "e"), ("aya", "a"))


def _ua_form(name: str) -> str | None:
    """The Ukrainian form of a Russian-transliterated adjectival place name, if it has one."""
    low = name.lower()
    for ru, ua in _RU_UA_ENDINGS:
        if low.endswith(ru) and len(name) > len(ru) + 2:
            return name[: -len(ru)] + ua
    return None


def _candidates_for(span: Span, index: NameIndex) -> tuple[Candidate, ...]:
    cands = index.lookup(span.query, span.kinds, fuzzy=False)
    if not cands and span.kinds:
        cands = index.lookup(span.query, None, fuzzy=False)
    if not cands:
        # "Laurel County" with no county in the gazetteer: its namesake town is usually in it
        m = _COUNTY.match(span.query)
        if m:
            stem = fold(m.group("stem"))
            county = f"{m.group('stem')} County"  # "Pott Co." is a county, "Madison Twp." a township
            cands = index.lookup(county, ("admin2",), fuzzy=False) if span.query.endswith("Co.") else ()
            if not cands:
                cands = tuple(c for c in index.lookup(m.group("stem"), ("settlement",), fuzzy=False)
                              if fold(c.place.name) == stem)
        elif (m := _SHIRE.match(span.query)) is not None:
            # "Cambridgeshire": its county town (England's counties have no point of their own here)
            stems = {fold(m.group("stem")), fold(m.group("stem").removesuffix("e"))}
            cands = tuple(c for c in index.lookup(m.group("stem"), ("settlement",), fuzzy=False)
                          if c.place.country == "GB" and fold(c.place.name) in stems)
        elif span.query[:1].isupper() and " " not in span.query:
            # a county named without the word ("Gwinnett", "DuPage" in local news)
            cands = tuple(c for suffix in (" County", " Parish")
                          for c in index.lookup(span.query + suffix, ("admin2",), fuzzy=False))
    if not cands and span.fuzzy:
        cands = index.lookup(span.query, span.kinds, fuzzy=True)
    ua_form = _ua_form(span.query) if cands or not span.kinds else None
    if ua_form is not None:
        # "Nikolskoye", "Storozhevoye": a Ukrainian village in Russian transliteration; its Ukrainian
        # form (Nikolske, Storozheve) joins the candidates, as a transliteration
        seen = {c.place.place_id for c in cands}
        extra = tuple(dataclasses.replace(c, match="translit") for c in index.lookup(ua_form, span.kinds, fuzzy=False)
                      if c.place.country == "UA" and c.place.place_id not in seen)
        cands = tuple(cands) + extra
    if not span.text.isupper():  # an ISO code ("DOM") does not match the word "Dom"
        cands = tuple(c for c in cands if not (c.matched_name.isupper() and len(c.matched_name) <= 3))
    return cands


def _base_scores(cands: Sequence[Candidate], span: Span) -> np.ndarray:
    out = np.empty(len(cands))
    settlement_admin1 = {c.place.admin1 for c in cands if c.place.kind == "settlement" and c.place.population >= 1000}
    qkey = fold(span.query)
    cyrillic = is_cyrillic(span.query)
    # the biggest town of each country whose own name this is: a namesake that only once bore
    # the name ("Lyman" for Rodynske, once Krasnyi Lyman) gives way to it
    own_pop: dict[str, int] = {}
    for c in cands:
        p = c.place
        if p.kind == "settlement" and fold(p.name) == qkey:
            own_pop[p.country] = max(own_pop.get(p.country, 0), p.population)
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
        if cyrillic:
            if c.match == "exact" and is_cyrillic(c.matched_name):
                own = True  # "Париж" is Paris's own name in a Russian text
            elif p.country not in CYRILLIC_COUNTRIES and c.match in ("translit", "fuzzy"):
                s -= 3.0  # "Парижу" is not Paris, Texas by transliteration
        if own or p.feature_code != "PPLC":
            s += _FCODE_PRIOR.get(p.feature_code or "", 0.0)
        else:  # "Mexico" matched as an alternate name of Mexico City: the capital prior is for its own name
            s += 0.5
        if p.precision == "approximate":
            s -= 0.3
        if not own:
            s -= 0.5  # matched an alternate or former name
            if p.kind == "settlement" and p.country not in WAR_COUNTRIES and \
                    not similar_spelling(fold(c.matched_name), fold(p.name)):
                s -= 2.0  # a colonial or historical name ("St. James" for Vung Tau): rarely what news means
            if p.kind in ("airport", "facility"):
                s -= 1.0  # an airport's alternate names are its city's or region's ("Black Sea")
            elif p.kind == "settlement" and (own_pop.get(p.country, -1) >= p.population
                                             or max(own_pop.values(), default=0) >= max(10 * p.population, 10_000)):
                s -= 1.5  # (or a city ten times its size elsewhere: "Novorossiysk" is not a renamed hamlet)
        elif p.kind == "country":
            s += 1.5  # "Mexico" is the country, not the capital that also goes by that name
        district = p.kind in ("admin1", "admin2") or (p.feature_code or "").startswith("ADM")
        if span.cue != "region" and district:
            # a bare "Kharkiv", "Moscow", "Bakhmut" is the city, not the oblast/raion named after it
            # (nor a former raion: GeoNames keeps the pre-2020 ones as areas, "ADM2H")
            if p.admin1 in settlement_admin1:
                s -= 2.5
            elif fold(c.matched_name) != fold(p.name):
                s -= 1.0
        if span.size == "city" and p.kind == "settlement" and 0 < p.population < 10_000:
            s -= 1.5  # "the city of Lyman": not the hamlet of that name
        elif span.size == "village" and p.population > 20_000:
            s -= 1.0
        if span.cue == "region" and district:
            s += 2.0
        elif span.cue == "direction" and p.kind == "settlement":
            # "the Novopavlivka direction": a front sector is named after a town, not a hamlet
            s += 0.5 + 0.8 * min(lp, 5.0)
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
    actor_use: set[int] = set()
    for sp, res in zip(spans, results):
        if sp.coref is not None:
            ante = last_settlement if sp.coref == "settlement" else last_region
            if sp.cue == "alias" and out and out[-1].place is not None and out[-1].place.kind == "settlement" \
                    and sp.start - out[-1].end < 80:
                # "the village, called Ostrovsky by Russia": the phrase just before
                ante = out[-1].coref_of if out[-1].coref_of is not None else len(out) - 1
            elif ante is not None:
                ante = _salient(out, ante, salience, sp.start, noun=sp.cue, skip=actor_use)
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
        if place.feature_code == "PPLC" and _ACTOR_USE.match(text, sp.end):
            actor_use.add(len(out) - 1)  # "Kyiv's troops", "Moscow said": the government, no antecedent
            continue
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
    if noun == "city":  # (news calls a town of a few thousand a city: "Velyka Novosilka")
        return place.population >= 3_000 or place.population == 0
    return True


_ACTOR_USE = re.compile(r"(?:['’]s\s+(?:troops|forces|army|military|government|officials|soldiers|units|side|"
                        r"defen[cs]e|leadership|claims?|statement)\b|\s+(?:said|says|claimed|claims|announced|reported|denied))")


def _salient(out: list[Mention], recent: int, salience: Counter[str], at: int, *, noun: str | None,
             skip: set[int] = frozenset()) -> int:  # type: ignore[assignment]
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
        if m.coref_of is not None or m.place is None or m.place.kind not in kinds or not _fits(m.place, noun) or k in skip:
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
    is_local: np.ndarray | None = None  # 1.0 where the candidate is a town, district or region
    is_country: np.ndarray | None = None  # 1.0 where it is a country
    pid_pos: dict[str, int] | None = None  # place id -> candidate index
    pid_key: Any = None  # (sorted candidate place ids, kinds): spellings of one name share it
    has_feature: bool = False  # some candidate is a sea or a region of no one country
    has_area: bool = False  # some candidate is a country or first-level region
    world_city: bool = False  # some candidate outside the theatre is a city of a million or more
    presence: Any = None  # [(admin1, weight)]: the regions this name could be in (see _presence)


def _presence_bonus(v: float) -> float:
    """What a region's summed presence ``v`` adds to a candidate in it (diminishing, capped)."""
    return PRESENCE_VOTE * min(math.log1p(v), PRESENCE_CAP) if v > 0.0 else 0.0


def _presence(t: _Table) -> list[tuple[str, float]]:
    """The first-level regions a name could be in, each weighted by how plausible it is
    relative to the name's best region, the whole divided by the square root of how many
    regions it could be in (a name found in forty states says little about any of them).

    "Athens", "Clarke County" and "Augusta" are each ambiguous, but only Georgia has all three:
    the regions that several names of an article share are where the article is.
    """
    keep = np.array([c.place.kind in ("settlement", "admin2") and bool(c.place.admin1) for c in t.cands])
    if not keep.any():
        return []
    p = _softmax(t.base) * keep
    mass = np.bincount(t.a_inv, weights=p, minlength=len(t.a_uniq))
    rel = mass / mass.max()
    idx = [i for i in np.argsort(-rel)[:PRESENCE_MAX] if rel[i] >= 0.2 and t.a_uniq[i]]
    if not idx:
        return []
    norm = 1.0 / math.sqrt(len(idx))
    return [(t.a_uniq[i], float(rel[i]) * norm) for i in idx]


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
        # (a region of the war countries is as much the theatre as a front-line village: "Chechnya"
        # in war reporting is the republic that sends its units, not a hamlet of that name; but
        # not where a city bears the name: "Kiev", "Ryazan" are the cities)
        town = any(c.place.kind == "settlement" and c.place.population >= 10_000 for c in cands)
        war = np.array([(c.place.country in WAR_COUNTRIES)
                        + 2.0 * (c.place.admin1 in FRONT_ADMIN1 or (c.place.kind == "admin1" and not town
                                                                      and c.place.country in WAR_COUNTRIES))
                        for c in cands], float)
        world_city = any(c.place.country not in WAR_COUNTRIES and c.place.population >= 1_000_000 for c in cands)
        top = cands[int(np.argmax(base))].place.kind
        table = _Table(cands, base, np.array([c.place.lat for c in cands]), np.array([c.place.lon for c in cands]),
                       c_uniq, np.array([c_pos[c] for c in countries]), a_uniq, np.array([a_pos[a] for a in admin1s]),
                       war, top in ("country", "admin1"), top == "admin1", a_pos,
                       is_local=np.array([c.place.kind in ("settlement", "admin2", "admin1") for c in cands], float),
                       is_country=np.array([c.place.kind == "country" for c in cands], float))
        table.has_area = any(c.place.kind in ("country", "admin1") for c in cands)
        table.world_city = world_city
        table.has_feature = any(_open_feature(c.place) for c in cands)
    if len(index.memo) > 100_000:
        index.memo.clear()
    index.memo[ckey] = table
    return table


_NAME_GOES_ON = re.compile(r" [A-Z]")
_WAR_VERB_BEFORE = re.compile(
    r"\b(?:captur\w*|seiz\w*|took|taken|retook|retaken|liberat\w*|entered|storm\w*|shell\w*|struck|attack\w*|"
    r"advanc\w*|withdr\w*|encircl\w*|assault\w*|fighting|battles?|clashes|defend\w*|held|holding|control of|"
    r"village of|town of|settlement of)\s+(?:(?:on|in|near|around|at|into|for|of|from|the|towards?)\s+){0,2}$",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"^(?:, | and | or |, and )$")


def _qualifies(text: str, spans: Sequence[Span], k: int, k2: int) -> bool:
    """Whether spans[k2] follows spans[k] as its qualifier ("Dayton, Ohio") rather than as the
    next item of a list ("Dayton, Toledo and Akron")."""
    if k > 0 and spans[k - 1].coref is None and _LIST_GAP.match(text[spans[k - 1].end: spans[k].start]):
        return False
    if k2 + 1 < len(spans) and _LIST_GAP.match(text[spans[k2].end: spans[k2 + 1].start]):
        return False
    return True


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


def _county_short_names(text: str, spans: Sequence[Span]) -> None:
    """"Hall" in an article that names "Hall County" is the county (local news shortens it);
    not when it begins a longer name ("Scott West" is a school)."""
    counties: dict[str, str] = {}
    if not any(sp.query.endswith(("County", "Parish")) for sp in spans):
        return
    for sp in spans:
        m = _COUNTY.match(sp.query) if sp.coref is None else None
        if m and m.group(0).endswith(("County", "Parish")):
            counties.setdefault(fold(m.group("stem")), sp.query)
    if not counties:
        return
    for sp in spans:
        if sp.coref is None and sp.cue is None and sp.kinds is None and " " not in sp.query \
                and not _NAME_GOES_ON.match(text, sp.end):
            full = counties.get(fold(sp.query))
            if full is not None:
                sp.query = full


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
    _county_short_names(text, spans)
    groups: dict[tuple[str, tuple[str, ...] | None], _Group] = {}
    by_cands: dict[Any, _Group] = {}
    span_group: list[_Group | None] = []
    for k, sp in enumerate(spans):
        if sp.coref is not None:
            span_group.append(None)
            continue
        key = (fold(sp.query), sp.kinds)
        g = groups.get(key)
        if g is None:
            t = _table(sp, index)
            if t is not None and len(t.cands) > 1:
                # another spelling the gazetteer maps to the very same places ("Kupiansk" and
                # "Kupyansk") is the same name: one article, one place
                if t.pid_key is None:
                    t.pid_key = (tuple(sorted(c.place.place_id for c in t.cands)), sp.kinds)
                g = by_cands.get(t.pid_key)
            if g is None:
                g = _Group(key)
                if t is not None:
                    g.cands, g.base, g.lat, g.lon, g.table = t.cands, t.base, t.lat, t.lon, t
                    if t.pid_key is not None:
                        by_cands[t.pid_key] = g
            groups[key] = g
        g.spans.append(k)
        span_group.append(g)
    live = list({id(g): g for g in groups.values() if g.cands}.values())
    if not live:
        return [None] * len(spans)

    # local context: a region right after a name, a place it is said to be near
    for k, sp in enumerate(spans):
        g = span_group[k]
        if g is None or not g.cands:
            continue
        if g.table.world_city and not g.war_cue and _WAR_VERB_BEFORE.search(text, max(0, sp.start - 40), sp.start):
            g.war_cue = True
        if not g.definite and sp.start >= 4 and text.startswith(("the ", "The "), sp.start - 4) and \
                text[sp.end: sp.end + 1] not in ("-", "‑"):  # not "the Gori-based brigade"
            g.definite = True
        if sp.cue != "region" and g.table.has_area and (
                _STATE_AFTER.match(text, sp.end) or _STATE_BEFORE.search(text[max(0, sp.start - 24): sp.start])):
            # "New York Governor Andrew Cuomo", "the governor of Texas": the state
            g.as_region |= {c.place.admin1 for c in g.cands if c.place.kind == "admin1" and c.place.admin1}
        country_of = False  # "Lyman in Ukraine's Donetsk region": the region after the country qualifies too
        for k2 in range(k + 1, min(len(spans), k + 3)):
            other = spans[k2]
            g2 = span_group[k2]
            if g2 is None or not g2.cands or other.start - sp.end > 40:
                break
            gap = text[sp.end: other.start]
            if "\n" in gap or "." in gap.replace("St.", ""):
                break
            qualifies = _QUALIFY_GAP.match(gap) or (country_of and _AFTER_COUNTRY_GAP.match(text, spans[k2 - 1].end, other.start))
            if qualifies and (other.cue == "region" or (
                    g2.cands[0].place.kind in ("admin1", "country") and _qualifies(text, spans, k, k2))):
                hint = set()
                for c in g2.cands[:3]:
                    if c.place.kind in ("admin1", "admin2") and c.place.admin1:
                        hint.add(c.place.admin1)
                    elif c.place.kind == "country":
                        hint.add(c.place.country)
                g.region_hint |= hint
                # "Bilohorivka, Nevske and Kreminna in the Luhansk region": every item of the list
                x = k
                while x > 0 and span_group[x - 1] is not None and span_group[x - 1].cands and \
                        _LIST_GAP.match(text[spans[x - 1].end: spans[x].start]):
                    span_group[x - 1].region_hint |= hint
                    x -= 1
                if g2.cands[0].place.kind == "country" and text.startswith(("'s ", "’s "), other.end):
                    country_of = True
                    continue
                break
            if k2 == k + 1 and gap == ", " and g2 is not g and _qualifies(text, spans, k, k2):
                # "Buffalo, New York": a state's own name right after one of its towns is the state
                # (outside the theatre, where the convention is "X, Donetsk region")
                states = {c.place.admin1 for c in g2.cands if c.place.kind == "admin1"
                          and c.place.country not in WAR_COUNTRIES and fold(c.place.name) == g2.key[0]}
                towns = {c.place.admin1 for c in g.cands if c.place.kind == "settlement"}
                if states & towns:
                    g2.as_region |= states & towns
                    g.region_hint |= states & towns
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
    # Regions several names could share.  Not in the theatre: there every village has namesakes
    # in every front-line oblast, and the named regions, anchors and distances decide better.
    presence: Counter[str] = Counter()
    if not theatre and PRESENCE_VOTE:
        for g in live:
            if g.table.presence is None:
                g.table.presence = _presence(g.table)
            for a, w in g.table.presence:
                presence[a] += w
    pres_bonus = {a: _presence_bonus(v) for a, v in presence.items()}
    pres_by_country: dict[str, list[str]] = {}
    for a in presence:
        pres_by_country.setdefault(a.split(".", 1)[0], []).append(a)

    def context_score(g: _Group) -> np.ndarray:
        # votes of the other names only: a name does not vote for its own reading
        t = g.table
        oc, oa, hint = g.own_c, g.own_a, g.region_hint
        tot_c = max(total_c - sum(oc.values()), 1.0)
        tot_a = max(total_a - sum(oa.values()), 1.0)
        # in war reporting Ukraine and Russia are one theatre: their votes pool
        war_vote = sum(country_votes.get(x, 0.0) - oc.get(x, 0.0) for x in WAR_COUNTRIES) if theatre else 0.0
        # "Zelensky flew to New York": a world city keeps its name in war reporting; its front-line
        # namesake needs local evidence (a nearby town, "in Donetsk region", "captured New York")
        plain_city = t.world_city and not g.war_cue
        if plain_city:
            war_vote = 0.0
        cw = COUNTRY_VOTE / tot_c
        cvec = np.array([cw * (war_vote if theatre and c in WAR_COUNTRIES else country_votes.get(c, 0.0) - oc.get(c, 0.0))
                         for c in t.c_uniq])
        if t.c_uniq[0] == "" and len(t.c_uniq) > 1:  # a sea or continent lies in no country and fits any
            cvec[0] = max(cvec[0], float(cvec[1:].max()))
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
        pvec = None
        if len(t.a_uniq) > 1 and presence:
            # the regions the other names could be in (a name's own presence left out); only
            # towns and districts are told apart by it (a country or region contains them)
            pvec = np.zeros(len(t.a_uniq))
            own_p = dict(t.presence or ())
            pairs = ((x, a) for a, x in a_pos.items()) if len(a_pos) < len(presence) else \
                ((a_pos.get(a), a) for a in presence)
            for x, a in pairs:
                if x is None:
                    continue
                pvec[x] += _presence_bonus(presence.get(a, 0.0) - own_p[a]) if a in own_p else pres_bonus.get(a, 0.0)
        s = t.base + cvec[t.c_inv] + avec[t.a_inv]
        if pvec is not None:
            s = s + pvec[t.a_inv] * t.is_local
        if presence and t.is_country.any():  # a country contains its regions: "Mexico" is not Mexico City
            own_p = dict(t.presence or ())
            cbonus = np.zeros(len(t.c_uniq))
            for x, c in enumerate(t.c_uniq):
                cbonus[x] = max((_presence_bonus(presence[a] - own_p.get(a, 0.0)) for a in pres_by_country.get(c, ())),
                                default=0.0)
            s = s + cbonus[t.c_inv] * t.is_country
        if g.region_hint:
            hinted_c = np.array([4.0 if c in g.region_hint else 0.0 for c in t.c_uniq])
            s = s + hinted_c[t.c_inv]
        if theatre and not plain_city:
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
    todo = [g for g in live if len(g.cands) > 1 and not _settled(g)]
    # closeness bonus of every candidate of every open group to its nearest anchor (not itself):
    # one distance matrix for the article instead of one per name
    bonus: dict[int, np.ndarray] = {}
    same_place: dict[int, list[int]] = {}  # group -> candidates that are an anchor's place by another spelling
    if anchors and todo:
        sizes = [len(g.cands) for g in todo]
        d = _distance_matrix(np.concatenate([g.lat for g in todo]), np.concatenate([g.lon for g in todo]), a_lat, a_lon)
        # A name that is part of an anchor's name is another place ("Mexico" next to "Mexico City"
        # is the country); a name that is another spelling of it is the same place ("Liman" after
        # "Lyman", "Yevgenovka" after "Yevhenivka": one article, one village).
        anchor_col = {a.cands[a.choice].place.place_id: k for k, a in enumerate(anchors)}
        row = 0
        for g, n in zip(todo, sizes):
            k = anchor_pos.get(id(g))
            if k is not None:
                d[row:row + n, k] = np.inf
            t = g.table
            if t.pid_pos is None:
                t.pid_pos = {c.place.place_id: i for i, c in enumerate(t.cands)}
            for pid, kc in anchor_col.items():
                i = t.pid_pos.get(pid)
                if i is None or kc == k:
                    continue
                if _nested(g.key[0], anchors[kc].key[0]):
                    d[row + i, kc] = np.inf
                elif g.prob < 0.5:  # only a name that is unsure by itself follows its other spelling
                    same_place.setdefault(id(g), []).append(i)
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
    # the same for a surer spelling that is no anchor ("Lyman", 0.45, then "Liman", 0.3): two
    # unsure spellings of one village agree with each other before each picks its own namesake
    firmer = [h for h in live if 0.3 <= h.prob < ANCHOR_PROB and len(h.cands) > 1
              and h.cands[h.choice].place.kind == "settlement"]
    for g in todo:
        if g.prob >= 0.5 or id(g) in same_place:
            continue
        t = g.table
        if t.pid_pos is None:
            t.pid_pos = {c.place.place_id: i for i, c in enumerate(t.cands)}
        for h in firmer:
            i = t.pid_pos.get(h.cands[h.choice].place.place_id) if h is not g and h.prob > g.prob + 0.05 else None
            if i is not None and i != g.choice and not _nested(g.key[0], h.key[0]) \
                    and similar_spelling(g.key[0], h.key[0]):
                same_place.setdefault(id(g), []).append(i)
                break
    for g in live:
        if len(g.cands) == 1:
            continue
        if _settled(g):
            g.choice, g.prob = _choose(g, scores[id(g)])  # settled by the name and the votes alone
            continue
        s = scores[id(g)]
        if id(g) in bonus:
            s = s + bonus[id(g)]
        if id(g) in same_place:
            s = s.copy()
            s[same_place[id(g)]] += 3.0
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
        elif peers and all(h.cands[h.choice].place.kind == "admin1" and (h.prob >= 0.5 or len(h.cands) == 1)
                           for h in peers):
            # "cases in Washington, Pennsylvania and California": a list of states names states
            s = s + np.array([2.0 if c.place.kind == "admin1" else 0.0 for c in g.cands])
        if g.as_region:
            s = s + np.array([4.0 if c.place.kind == "admin1" and c.place.admin1 in g.as_region else 0.0
                              for c in g.cands])
        if g.definite and g.table.has_feature:
            s = s + np.array([1.5 if _open_feature(c.place) and c.match in ("exact", "folded") else 0.0
                              for c in g.cands])
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
            if g.list_peers and best.place.kind == "settlement" and best.place.population < 10_000:
                # a village far from every other village of its list ("Sudzha, Martynovka and
                # Mikhailovka") is likely a namesake standing in for one the gazetteer lacks
                peers = [by_id[h] for h in g.list_peers if h in by_id]
                near = [float(_haversine_km(h.lat[h.choice:h.choice + 1], h.lon[h.choice:h.choice + 1],
                                            float(g.lat[g.choice]), float(g.lon[g.choice]))[0]) for h in peers
                        if h.cands[h.choice].place.kind == "settlement"]
                if len(near) >= 2 and min(near) > 60.0:
                    prob *= 0.5
            runners = (g.cands[:g.choice] + g.cands[g.choice + 1: 6])[:5]
            res = done[id(g)] = (_placed_by_context(best.place, live), round(float(prob * tier), 3), runners)
        out.append(res)
    return out


def _nested(a: str, b: str) -> bool:
    """Whether one folded name is a whole-word part of the other ("mexico" in "mexico city")."""
    if a == b:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return f" {short} " in f" {long_} "


def _open_feature(place: Place) -> bool:
    """An ocean or a region of no one country ("the Pacific", "the Balkans"): "the" goes with it
    (a river shares its name with towns: "the Bakhmut situation" is the town's)."""
    return place.kind in ("water", "area") and not place.country


def _settled(g: _Group) -> bool:
    """Whether the name and the document votes alone decide the group (no local evidence to weigh)."""
    return g.prob >= 0.97 and not (g.near_hint or g.as_region or g.list_peers or (g.definite and g.table.has_feature))


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
    """Whether ``text`` reports the war: a military word and a side ("Russian troops"), or
    three military words.  Naming Russia or Ukraine alone (trade, flu, sport) is not enough."""
    need = 1 if _WAR_SIDES.search(text) is not None else 3
    for hits, _ in enumerate(_WAR_WORDS.finditer(text), 1):
        if hits >= need:
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


_STATE_AFTER = re.compile(r"\s+(?:state\b(?!\s+(?:of|department|university|college|police))|State\b(?!\s+(?:of|Department|"
                          r"University|College|Police|Park|Senate|House|Capitol|Fair|Road|Route|Street|Farm))|"
                          r"[Gg]overnor\b|[Gg]ov\.|[Ll]egislature\b|[Ss]tatehouse\b)")
_STATE_BEFORE = re.compile(r"\b(?:[Gg]overnor|[Ss]tate|[Ll]egislature) of\s+$")


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
