"""Find the places an article names: character spans, then resolved :class:`Mention` records.

The finder is rule-based and gazetteer-driven, fast enough for thousands of articles a
second on one core:

1. Tokens are words in Latin or Cyrillic script (apostrophes and hyphens inside a word
   kept: "Kam'yanske", "Vnukovo-2"); a possessive "'s" is not part of a name.  A hyphenated
   word that is no name splits into the names it joins ("Pokrovsk-Myrnohrad", "Kyiv-based",
   "D-Columbus"); "Kremlin-backed", "Su-34" and "Coca-Cola" stay whole.
2. Runs of capitalised tokens are the candidates.  Inside a run the longest sub-span the
   gazetteer knows wins ("Chasiv Yar" over "Yar", "New York" over "York").
3. Region phrases are spans of their own: "Donetsk Oblast", "the Kursk region",
   "Zaporizhzhia province", "Курской области", "the regions of Kyiv, Sumy and Odesa",
   "the Donetsk People's Republic"; so are features ("the Dnipro river", "Zaporizhzhia
   nuclear plant") and airports ("Vnukovo airport").  Inflected Russian and Ukrainian names
   ("в Покровске", "у Часовому Яру") are matched through their dictionary forms
   (:mod:`frontmap._cyrillic`).
4. What is not a place is dropped with general rules, not lists of answers: a title or
   role before a name ("President X", "spokesman X"), a given name before a capitalised
   word ("Vladimir Putin" is not the city of Vladimir), surnames of people already named
   in the article, a name followed by a speech verb when it is no place, people named by
   kinship, verbs or initials ("their son, X", "charged with killing X", "Dana R. X"),
   military units ("OTG Kharkiv", "the Akhmat battalion"), demonyms ("Russian"), metonyms
   ("the Kremlin"), and capitalised common words at the start of a sentence or that the
   same text also uses in lower case ("Most", "Along").  A place naming a local institution
   ("the Athens Police Department") is kept as its seat; one that only lends its name
   ("Hudson Institute") is not.  Small stoplists live in ``frontmap/lexicons/places_*.txt``.
5. "the town", "the village", "the city", "the region", "the border region", "the oblast"
   link to the most recent compatible named place (``coref_of``).

Resolution (choosing the place for each span) is :mod:`frontmap.resolve`;
:func:`find_places` runs both.
"""

from __future__ import annotations

import functools
import itertools
import inspect
import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from frontmap import _cyrillic as _cyr
from frontmap.normalize import fold, is_cyrillic, similar_spelling

if TYPE_CHECKING:  # pragma: no cover
    from frontmap.articles import Article
    from frontmap.gazetteer import Candidate, Gazetteer, Place

__all__ = ["Mention", "Span", "find_places", "find_spans", "NameIndex", "level_of"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Mention:
    """One place named in an article.

    Attributes
    ----------
    start, end : int
        Character span in ``article.text``; ``text == article.text[start:end]``.
    text : str
        The words as written ("Kursk region", "the town").
    place : Place or None
        The resolved place; for a coreference, the antecedent's place.  None when no
        candidate was good enough.
    score : float
        Calibrated 0..1: the share of the evidence that points at ``place`` rather than
        a runner-up, times the name-match tier (exact 1.0 ... fuzzy 0.6).
    candidates : tuple of Candidate
        Runner-ups, best first (the chosen place is not repeated).
    coref_of : int or None
        For "the town"/"the region": index, in the returned list, of the antecedent mention.
    level : str
        Precision of the place: ``settlement`` | ``region`` | ``country`` | ``facility``.
    """

    start: int
    end: int
    text: str
    place: Place | None
    score: float
    candidates: tuple[Candidate, ...]
    coref_of: int | None = None
    level: str = "settlement"

    @property
    def lat(self) -> float | None:
        """Latitude of the resolved place (None when unresolved)."""
        return None if self.place is None else self.place.lat

    @property
    def lon(self) -> float | None:
        """Longitude of the resolved place (None when unresolved)."""
        return None if self.place is None else self.place.lon

    @property
    def name(self) -> str | None:
        """Display name of the resolved place (None when unresolved)."""
        return None if self.place is None else self.place.name


@dataclass(slots=True)
class Span:
    """A candidate place span before resolution (internal to mentions/resolve).

    ``query`` is the name looked up in the gazetteer (the span text without "the",
    possessive, or region word); ``kinds`` restricts the kinds of place it may be.
    """

    start: int
    end: int
    text: str
    query: str
    kinds: tuple[str, ...] | None = None
    coref: str | None = None  # "settlement" | "admin1": "the town" / "the region"
    fuzzy: bool = False  # a strong cue ("the village of X", "X Oblast") allows fuzzy matching
    cue: str | None = None  # "region" | "direction" | "feature" | "abbreviation" | "alias" | ...
    size: str | None = None  # "city" | "village": what the text calls it ("the city of Lyman")


def level_of(kind: str | None) -> str:
    """Precision level of a gazetteer kind: settlement | region | country | facility."""
    if kind in ("admin1", "admin2", "area", "water"):
        return "region"
    if kind == "country":
        return "country"
    if kind in ("airport", "facility"):
        return "facility"
    return "settlement"


# ---------------------------------------------------------------------------------------
# lexicons


def _lexicon_lines(name: str) -> list[str]:
    try:
        folder: Any = resources.files("frontmap.lexicons")
    except (ModuleNotFoundError, TypeError):  # a namespace package on an older importlib
        folder = Path(__file__).with_name("lexicons")
    text = folder.joinpath(f"places_{name}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@functools.cache
def _lexicon(name: str) -> frozenset[str]:
    """A word list from ``frontmap/lexicons/places_<name>.txt`` (case-folded; ``a = b`` lines give ``a``)."""
    return frozenset(line.split("=")[0].strip().casefold() for line in _lexicon_lines(name))


@functools.cache
def demonym_places() -> dict[str, str]:
    """Demonym (case-folded) -> the place name it derives from ("russian" -> "Russia")."""
    out = {}
    for line in _lexicon_lines("demonyms"):
        if "=" in line:
            key, value = line.split("=", 1)
            key = key.strip().casefold()
            out[key] = value.strip()
            if not key.endswith(("s", "sh", "ese", "x", "z")):
                out.setdefault(key + "s", value.strip())  # "Latvians", "Czechs", "Ohioans"
    return out


# Words that, right before a capitalised name, make it a person.
TITLES = frozenset(
    w.casefold()
    for w in """President Vice-President Premier Minister Secretary Senator Sen Rep Representative
    Governor Gov Mayor General Gen Lt Lieutenant Colonel Col Major Maj Captain Capt Sgt Sergeant
    Commander Marshal Admiral Adm Chancellor Chairman Chairwoman Chair Speaker Ambassador Envoy
    Mr Mrs Ms Miss Dr Prof Professor Judge Justice Pope King Queen Prince Princess Sheriff Deputy
    Officer Detective Det Attorney Spokesman Spokeswoman Spokesperson Aide Adviser Advisor Analyst
    Commissioner Director Chief Head Leader Patriarch Bishop Rev Reverend Father Sister Brother
    Pastor Coach Judge Officer Trooper Agent Councilman Councilwoman Councillor Alderman Dean
    Correspondent Reporter Blogger Rapporteur Colonel-General Lieutenant-General Major-General
    Chief-of-staff Ombudsman Prosecutor Sen. Gov. Rep. Gen. Col. Lt. Dr. Mr. Mrs. Ms.
    Delegate Delegates Senators Reps Representatives Deputies Officers Commissioners Councilmen
    Assemblyman Assemblywoman Supervisor Coroner Constable Superintendent""".split()
)
# Speech verbs: "Haidai said", "X told reporters".
SPEECH = frozenset(
    "said says say told tells added adds stated wrote writes claimed claims announced reported noted "
    "stressed insisted warned argued explained confirmed denied".split()
)
# Words after a capitalised run that make it an organisation, not a place mention.
ORG_WORDS = frozenset(
    w.casefold()
    for w in """Ministry Brigade Regiment Battalion Division Corps Army Navy Fleet Forces Guard Guards
    Police Council Committee Agency Service Institute University College School Party Company Corp
    Corporation Inc Ltd Times Post Herald Tribune Journal Gazette Daily News Press Telegraph Bank
    Group Club Team Foundation Association Union Church Hospital Court Bureau Department Office
    Commission Parliament Assembly Senate Congress Administration Government Observer Monitor""".split()
)
_REGION_WORDS = {
    "oblast": "admin1", "oblasts": "admin1", "region": "admin1", "regions": "admin1", "province": "admin1",
    "krai": "admin1", "kray": "admin1", "governorate": "admin1", "republic": "admin1", "okrug": "admin1",
    "state": "admin1", "raion": "admin2", "rayon": "admin2", "district": "admin2", "county": "admin2",
    "parish": "admin2", "hromada": "admin2", "municipality": "admin2",
    "область": "admin1", "области": "admin1", "областью": "admin1", "області": "admin1", "край": "admin1",
    "края": "admin1", "краю": "admin1", "район": "admin2", "района": "admin2", "районе": "admin2",
}
_CYR_REGION_NOMINATIVE = {"области": "область", "областью": "область", "області": "область", "края": "край",
                          "краю": "край", "района": "район", "районе": "район"}
_FEATURE_WORDS = {
    "river": "water", "sea": "water", "lake": "water", "reservoir": "water", "bay": "water",
    "strait": "water", "gulf": "water", "canal": "water", "island": "area", "peninsula": "area",
    "spit": "area", "mountains": "area", "forest": "area",
}
_FACILITY_WORDS = {"airport", "airbase", "air base", "airfield", "port", "plant", "station", "power plant",
                   "nuclear plant", "nuclear power plant", "dam", "bridge", "refinery", "military airfield",
                   "military airbase", "military air base", "aerodrome", "air field", "oil refinery"}
_AIR_WORDS = frozenset(w for w in _FACILITY_WORDS if w.endswith(("air base", "airbase", "airfield", "aerodrome", "air field")))
_FEATURE_FIRST = frozenset(w.split()[0] for w in (*_FEATURE_WORDS, *_FACILITY_WORDS))
_DIRECTION_WORDS = frozenset({"direction", "axis", "front", "sector", "salient", "bridgehead", "pocket", "offensive"})
_COREF_WORDS = {
    "town": "settlement", "village": "settlement", "city": "settlement", "settlement": "settlement",
    "hamlet": "settlement", "region": "admin1", "oblast": "admin1", "province": "admin1",
    "border region": "admin1", "border oblast": "admin1", "border province": "admin1",
}
_CONNECTORS = frozenset({"of", "de", "del", "la", "le", "on", "upon", "and", "the", "al", "el", "da", "do", "na", "am"})

# A word: letters (Latin or Cyrillic), inner apostrophes, hyphenated parts (which may be digits: "Vnukovo-2").
_WORD = re.compile(r"U\.S\.|U\.K\.|U\.N\.|[^\W\d_][^\W_]*(?:['’ʼ-][^\W_]+)*")
# "the eastern village", "the embattled town", "the nearby city": an adjective may stand between
_COREF_ADJ = (
    r"(?:(?:north|south)(?:-?(?:east|west))?ern|eastern|western|central|small|tiny|little|large|nearby|"
    r"neighbouring|neighboring|embattled|besieged|strategic|key|frontline|front-line|industrial|mining|"
    r"occupied|liberated|recaptured|devastated|ruined|same|southeastern|southwestern|northeastern|northwestern)"
)
_COREF = re.compile(
    r"\b(?P<the>[Tt]he)\s+(?:" + _COREF_ADJ + r"\s+)?(?P<word>border\s+(?:region|oblast|province)|town|village|city|settlement|hamlet|region|oblast|province)\b"
    r"(?!\s+of\s+[A-ZА-ЯІЇЄҐ])(?!\s+(?:council|authorities|administration|governor|'s)\b)(?![-\w])"
)



@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    cap: bool
    sent_start: bool


_SENT_CHARS = frozenset('.!?:;"“”«»—\n(‘\'-')


_WORD_SPLIT = re.compile(f"({_WORD.pattern})")


def _tokens(text: str) -> tuple[list[_Tok], set[str]]:
    """Capitalised words and the lower-case words the finder looks at, plus the set of words.

    Other lower-case words are skipped (the finder only ever looks at gaps, never at them),
    which keeps the token list short: most words of an article are lower case.  The text is
    split and the offsets summed at C speed; Python only looks at the words it keeps.  The
    word set holds every word (a capitalised one never equals a lower-cased word, so tests
    for "the text also writes it in lower case" are unchanged).  tests/test_mentions.py holds
    the plain one-regex definition this must agree with.
    """
    parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
    words = parts[1::2]
    keep = _INTERESTING
    kept = [k for k, w in enumerate(words) if w in keep or w[0].isupper()]
    if not kept:
        return [], set(words)
    ends = list(itertools.accumulate(map(len, parts)))
    out: list[_Tok] = []
    append = out.append
    prev_end = -1
    for k in kept:
        word = words[k]
        s, e = ends[2 * k], ends[2 * k + 1]
        end = e
        # possessive: "Ukraine's" -> "Ukraine"
        if word[-1] in "sS" and len(word) > 2 and word[-2] in "'’ʼ":
            e -= 2
            word = word[:-2]
        if s == prev_end + 1 and text[prev_end] == " ":
            sent_start = False
        else:
            j = s - 1
            while j >= 0 and text[j] in " \t":
                j -= 1
            sent_start = j < 0 or text[j] in _SENT_CHARS
        append(_Tok(s, e, word, word[0].isupper(), sent_start))
        prev_end = end
    return out, set(words)


@functools.lru_cache(maxsize=131072)
def cached_fold(name: str) -> str:
    """:func:`frontmap.normalize.fold`, memoised (names repeat across articles)."""
    return fold(name)


# ---------------------------------------------------------------------------------------
# gazetteer adapter


class NameIndex:
    """Cached name lookups on a gazetteer, for span detection and ranking.

    Wraps :meth:`Gazetteer.candidates`; keeps exact, folded and transliterated matches
    (fuzzy matches only on request) and memoises per (key, kinds).
    """

    def __init__(self, gazetteer: Gazetteer, *, limit: int = 100) -> None:
        self.gz = gazetteer
        self.limit = limit
        self._cache: dict[tuple[str, tuple[str, ...] | None, bool], tuple[Candidate, ...]] = {}
        self._raw: dict[tuple[str, tuple[str, ...] | None, bool], tuple[Candidate, ...]] = {}
        self.memo: dict[Any, Any] = {}  # resolve's per-name candidate arrays and prior scores
        self.detect_cache: dict[str, tuple[Candidate, ...]] = {}
        try:  # the shipped gazetteer can skip its (slow) fuzzy fallback
            self._has_fuzzy_flag = "fuzzy" in inspect.signature(gazetteer.candidates).parameters
        except (TypeError, ValueError):
            self._has_fuzzy_flag = False

    def lookup(self, name: str, kinds: tuple[str, ...] | None = None, *, fuzzy: bool = False) -> tuple[Candidate, ...]:
        """Candidates for ``name`` (best first), non-fuzzy unless ``fuzzy``.

        Names in ``places_aliases.txt`` ("U.S.", "Britain", "Ga.") bring the candidates of
        the name they stand for first; continents come from ``places_areas.txt`` when the
        gazetteer lacks them.  Fuzzy matches are kept only when they are close spellings
        (same first letter, similarity >= 85).
        """
        raw = (name, kinds, fuzzy)
        hit = self._raw.get(raw)
        if hit is not None:
            return hit
        key = (cached_fold(name), kinds, fuzzy)
        hit = self._cache.get(key)
        if hit is not None:
            self._raw[raw] = hit
            return hit
        if not key[0] or len(key[0]) < 2:
            self._cache[key] = self._raw[raw] = ()
            return ()
        cands = self._query(name, kinds, fuzzy)
        target = _aliases().get(name.casefold()) or _aliases().get(key[0])
        if target is not None and fold(target) != key[0]:
            first = self._query(target, kinds, False)
            seen = {c.place.place_id for c in first}
            cands = list(first) + [c for c in cands if c.place.place_id not in seen and c.match != "fuzzy"]
        area = _area_candidate(key[0], kinds)
        if area is not None and not any(c.place.kind in ("area", "country", "admin1") for c in cands):
            cands = [area] + [c for c in cands if c.match != "fuzzy"]
        result = tuple(cands)
        if len(self._cache) > 200_000:
            self._cache.clear()
            self._raw.clear()
        self._cache[key] = self._raw[raw] = result
        return result

    def _query(self, name: str, kinds: tuple[str, ...] | None, fuzzy: bool) -> list[Candidate]:
        kw: dict[str, Any] = {"kinds": list(kinds) if kinds else None, "limit": self.limit}
        if self._has_fuzzy_flag:
            kw["fuzzy"] = fuzzy
        try:
            cands = list(self.gz.candidates(name, **kw))
        except (KeyError, ValueError):
            return []
        if not fuzzy:
            return [c for c in cands if c.match != "fuzzy"]
        if cands and cands[0].match == "fuzzy":
            from rapidfuzz import fuzz

            f = fold(name)
            cands = [c for c in cands
                     if len(f) >= 5 and fold(c.matched_name)[:1] == f[:1] and fuzz.ratio(f, fold(c.matched_name)) >= 88]
        return cands

    def known(self, name: str) -> bool:
        """Whether the gazetteer knows ``name`` (exact, folded or transliterated)."""
        return bool(self.lookup(name))


@functools.cache
def _aliases() -> dict[str, str]:
    """Alias (case-folded as written, and folded key) -> the gazetteer's name for it."""
    out: dict[str, str] = {}
    for line in _lexicon_lines("aliases") + _lexicon_lines("aliases_cyr"):
        if "=" in line:
            alias, target = (x.strip() for x in line.split("=", 1))
            out[alias.casefold()] = target
            if not is_cyrillic(alias):  # (a Cyrillic alias's transliteration is no English spelling)
                out.setdefault(fold(alias), target)
    return out


_ABBR_SHAPE = re.compile(r"\b[A-Z][A-Za-z]{0,3}\.(?:\s?[A-Z][a-z]{0,2}\.){0,3}")


@functools.cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """(initials like "S.C.", found anywhere; word abbreviations like "Ga.", found after a comma)."""
    abbrs = [a.split("=", 1)[0].strip() for a in _lexicon_lines("aliases") if "=" in a]
    initials = frozenset(a for a in abbrs if re.fullmatch(r"(?:[A-Z]\.){2,4}", a))
    words = frozenset(a for a in abbrs if a.endswith(".")) - initials
    return initials, words


def _find_abbreviations(text: str) -> Iterator[tuple[int, int, str]]:
    """State and country abbreviations: "S.C." anywhere; "Ga." after ", ", "(" or "D-"/"R-"."""
    initials, words = _abbreviations()
    for m in _ABBR_SHAPE.finditer(text):
        a = m.group()
        s0 = m.start()
        nxt = text[m.end(): m.end() + 1]
        if nxt.isalnum():
            continue
        if a in initials:
            yield s0, m.end(), a
        elif a in words and (text[max(0, s0 - 2): s0] in (", ", "D-", "R-") or text[s0 - 1: s0] == "("):
            yield s0, m.end(), a


@functools.cache
def _areas() -> dict[str, tuple[str, float, float]]:
    out = {}
    for line in _lexicon_lines("areas"):
        name, _, coords = line.partition("=")
        lat, lon = (float(x) for x in coords.split(","))
        out[fold(name)] = (name.strip(), lat, lon)
    return out


@functools.cache
def _area_candidate_cached(key: str) -> Any:
    row = _areas().get(key)
    if row is None:
        return None
    try:
        from frontmap.gazetteer import Candidate, Place
    except ImportError:  # pragma: no cover - the gazetteer module is part of frontmap
        return None
    name, lat, lon = row
    place = Place(place_id=f"alias:{key.replace(' ', '-')}", name=name, lat=lat, lon=lon, kind="area", country="",
                  admin1=None, admin1_name=None, admin2=None, population=100_000_000, source="alias", precision="area",
                  feature_code="CONT")
    return Candidate(place=place, score=1.0, match="exact", matched_name=name)


def _area_candidate(key: str, kinds: tuple[str, ...] | None) -> Any:
    if kinds is not None and "area" not in kinds:
        return None
    return _area_candidate_cached(key)


@functools.lru_cache(maxsize=4)
def _index_for(gz_id: int, gz: Any) -> NameIndex:
    return NameIndex(gz)


def index_for(gazetteer: Gazetteer | None = None) -> NameIndex:
    """The cached :class:`NameIndex` of ``gazetteer`` (default: the shipped gazetteer)."""
    if gazetteer is None:
        from frontmap.gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
    return _index_for(id(gazetteer), gazetteer)


# ---------------------------------------------------------------------------------------
# span finding


def _cyr_nominative(phrase: str, cases: frozenset[str] = _cyr.ALL_CASES) -> list[str]:
    """Guesses at the dictionary form of an inflected Russian/Ukrainian place name (see :mod:`frontmap._cyrillic`)."""
    return [form for form, _ in _cyr.phrase_forms(phrase, cases)]


# how much a match tier counts when readings of an inflected Cyrillic name compete
_CYR_TIER = {"exact": 1.0, "folded": 0.8, "translit": 0.1, "fuzzy": 0.0}


def _cyr_exact(index: NameIndex, form: str) -> frozenset[str]:
    """Ids of the places that have ``form`` itself (case aside) among their names.

    (:meth:`NameIndex.lookup` shares its cache between spellings that fold alike, so its
    match tiers are those of whichever spelling came first: "Покровськ" and "Покровск".)
    """
    key = ("cyr-exact", form)
    hit = index.memo.get(key)
    if hit is None:
        hit = frozenset(c.place.place_id for c in index._query(form, None, False) if c.match == "exact")
        index.memo[key] = hit
    return hit


def _cyr_weight(index: NameIndex, cands: tuple[Candidate, ...], form: str) -> float:
    """How plausible a reading is: its best candidate's size times how well the name matched.

    A Cyrillic name of the place itself ("exact") counts fully; a spelling that only agrees
    with the place's name after transliteration counts 0.3 (0.1 for a romanisation variant);
    a match on one of the place's other names (an old name, a name in another language)
    a fifth of that ("Покровськ" is also an old name of Engels, a city of 225,000).
    """
    best = 0.0
    key = cached_fold(form)
    exact = _cyr_exact(index, form)
    for c in cands:
        p = c.place
        if p.population:
            size = float(p.population)
        else:
            size = 100_000.0 if p.kind in ("country", "admin1") else 10_000.0 if p.kind != "settlement" else 100.0
        if p.place_id in exact:
            w = size
        else:
            w = size * _CYR_TIER["translit" if c.match == "translit" else "folded"]
            if cached_fold(p.name) != key:
                w *= 0.2
        best = max(best, w)
    return best


_CYR_SUBJECT = frozenset("NA")
# an adjective opening a sentence with the noun it agrees with after it: "Белый дом", "Морська піхота",
# "Третья бригада" -- unless the next word looks like a verb ("Мирное обстреляли", "Велика горіла")
_CYR_ADJ_GENDER = ((re.compile(r"(?:ый|ий|ой|ій)$"), re.compile(r"[бвгґджзклмнпрстфхцчшщйь]$")),
                   (re.compile(r"(?:ая|яя|ка|на|ва|ра|ла)$"), re.compile(r"[ая]$")),
                   (re.compile(r"(?:ое|ее|не|ве|ке|ське|цьке)$"), re.compile(r"[оеё]$")))
_CYR_VERBISH = re.compile(r"(?:л|ла|ло|ли|ть|ти|ться|ся|сь|ет|ит|ут|ют|ат|ят|ає|ує|ють|ить|ать|ено|ано|ото|ена|ана)$")
_CYR_NEXT_LOWER = re.compile(r" ([а-яёіїєґ][а-яёіїєґ'’ʼ-]*)")
_CYR_CALL_SIGN = re.compile(r"(?:позывн|позивн|прозвищ|кличк)\w*\s+[«\"]?$", re.IGNORECASE)


def _cyr_cases(toks: list[_Tok], i: int, text: str) -> frozenset[str]:
    """Cases a Cyrillic name at token ``i`` can be in, from the preposition right before it.

    A name that opens a sentence with no preposition is its subject (or a fronted object):
    nominative or accusative ("Сирени звучали" is no case form of a village Сирень).
    """
    if i > 0 and text[toks[i - 1].end: toks[i].start] == " ":
        return _cyr.governed_cases(toks[i - 1].text)
    if toks[i].sent_start:
        return _CYR_SUBJECT
    return _cyr.ALL_CASES


def _cyr_rejected(sp: Span, tok: _Tok, text: str) -> bool:
    """Whether a single capitalised Cyrillic word is an adjective before its noun or a call sign."""
    if _CYR_CALL_SIGN.search(text[max(0, sp.start - 20): sp.start]):
        return True  # "командир с позывным Ворон"
    if not tok.sent_start or cached_fold(sp.query) != cached_fold(sp.text):
        return False
    m = _CYR_NEXT_LOWER.match(text, sp.end)
    if m is None:
        return False
    nxt = m.group(1)
    if _CYR_VERBISH.search(nxt):
        return False
    low = sp.text.casefold()
    return any(adj.search(low) and noun.search(nxt) for adj, noun in _CYR_ADJ_GENDER)


# a region adjective in the genitive after a settlement's name: "Курской", "Запорізької", "Донецкой"
_CYR_OF_REGION = re.compile(r"(?:ской|цкой|зской|ської|цької|зької|ского|ського|цкого|цького)$")
# a front or axis named after a town: "на Покровском направлении", "Бахмутського напрямку"
_CYR_DIRECTION = re.compile(r" (?:направлени[еяюи]|направлениях|напрям(?:ок|ку|ки|і|ом|ах))(?![\w-])", re.IGNORECASE)


def _cyr_town(index: NameIndex, adjective: str) -> str | None:
    """The town a town adjective comes from ("Покровском" -> "Покровск"), the gazetteer deciding."""
    key = ("cyr-town", adjective)
    hit = index.memo.get(key, False)
    if hit is not False:
        return hit
    best, best_w = None, 0.0
    for form in _cyr.town_from_adjective(adjective):
        cands = tuple(c for c in detect_candidates(index, form) if c.place.kind == "settlement")
        w = _cyr_weight(index, cands, form)
        if w > best_w:
            best, best_w = form, w
    index.memo[key] = best
    return best


def _cyr_query(index: NameIndex, phrase: str, cases: frozenset[str], cands: tuple[Candidate, ...]) -> str | None:
    """The reading of a Cyrillic name to look up: as written, or one of its dictionary forms.

    Every dictionary form the case model guesses (for the cases the preposition allows) is
    looked up; the gazetteer decides which exist.  Readings compete on the size of their
    best place times the match tier (a Cyrillic name of the place itself beats a
    transliteration that happens to agree).  The name as written counts ten times when it
    is some place's own Cyrillic name and the context allows a nominative or accusative: a
    village whose name the text writes keeps it, unless a regular case form names a place
    ten times its size ("в Покровске": the city Pokrovsk, not the village Pokrovske).
    None: no reading is a place.
    """
    key = ("cyr", phrase, cases)
    hit = index.memo.get(key, False)
    if hit is not False:
        return hit
    best_q: str | None = None
    best_w = 0.0
    if cands:
        best_q = phrase
        best_w = _cyr_weight(index, cands, phrase)
        if cases & {"N", "A"} and _cyr_exact(index, phrase):
            best_w *= 10.0  # the place's own Cyrillic name, in a case that leaves it as it is
    for form, _ in _cyr.phrase_forms(phrase, cases):
        fc = detect_candidates(index, form)
        if not fc:
            continue
        w = _cyr_weight(index, fc, form)
        if w > best_w:
            best_q, best_w = form, w
    index.memo[key] = best_q
    return best_q


def _cyr_script(word: str) -> bool:
    """:func:`frontmap.normalize.is_cyrillic` with a fast exit for ASCII (most words of English text)."""
    return not word.isascii() and is_cyrillic(word)


@functools.cache
def _cyr_adjective_stems() -> frozenset[str]:
    """Stems of adjectives formed from countries and peoples ("украинск", "російськ")."""
    return _lexicon("cyr_adjectives")


@functools.cache
def _cyr_names(kind: str) -> frozenset[str]:
    """Russian/Ukrainian given names (``kind="firstnames"``) or surnames (``"persons"``), nominative."""
    return _lexicon(f"{kind}_cyr")


def _cyr_listed(word: str, names: frozenset[str] | set[str]) -> bool:
    """Whether a Cyrillic word is one of ``names`` in some case ("Владимира" -> "владимир")."""
    if word.casefold() in names:
        return True
    return any(f.casefold() in names for f, _ in _cyr.nominative_forms(word))


@functools.cache
def _stopwords() -> frozenset[str]:
    """Capitalised common words that are no place: ``places_stopwords.txt`` and ``places_stopwords_cyr.txt``."""
    return _lexicon("stopwords") | _lexicon("stopwords_cyr")


# "Kyiv-based", "Atlanta-area": the place is named ("Moscow-installed", "Kremlin-backed": a side, not a place)
_COMPOUND_ENDINGS = (("ska", "skyi"), ("sk", "skyi"), ("skiy", "skyi"), ("sky", "skyi"), ("skyy", "skyi"))
_PLACE_SUFFIXES = frozenset({"based", "area", "bound", "born", "region", "front", "border", "line", "axis"})
_COMPOUND_SPLIT = re.compile(r"[-‑]")
_INITIAL = re.compile(r"(?<= )[A-Z](?=\. [A-Z])")  # "Tyrise M. Bell"


def _known_part(index: NameIndex, word: str) -> bool:
    """Whether a part of a hyphenated word is a place name as written (not by transliteration)."""
    return any(c.match in ("exact", "folded") for c in detect_candidates(index, word))


def _split_compounds(toks: list[_Tok], index: NameIndex, stop: frozenset[str]) -> list[_Tok]:
    """Split hyphenated words that are no name themselves into the names they join.

    "Pokrovsk-Myrnohrad" and "Kursk-Belgorod" name two places, "Kyiv-based" and "D-Columbus"
    one; "Ivano-Frankivsk" and "Vnukovo-2" are names and stay whole; "Kremlin-backed" and
    "Moscow-installed" name a side, not a place, and stay whole words; "Su-34" is not a name.
    """
    if not toks:
        return toks
    hyphenated = [k for k, t in enumerate(toks) if "-" in t.text or "‑" in t.text]
    if not hyphenated:
        return toks
    out: list[_Tok] = []
    done = 0
    for k in hyphenated:
        t = toks[k]
        if not t.cap:
            continue
        parts = _COMPOUND_SPLIT.split(t.text)
        if not all(p.isalpha() for p in parts) or t.text.casefold() in stop or index.known(t.text):
            continue  # "Su-34", "Coca-Cola", "Ivano-Frankivsk"
        if any(index.known(t.text[: -len(end)] + rep) for end, rep in _COMPOUND_ENDINGS if t.text.endswith(end)):
            continue  # "Novhorod-Siverska (community)", "Novhorod-Siversk": Novhorod-Siverskyi, one name
        last = parts[-1]
        keep: list[int] | None = None
        if last.islower():
            if last in _PLACE_SUFFIXES:
                keep = [x for x, p in enumerate(parts[:-1]) if p[0].isupper() and _known_part(index, p)]
            # else "Kremlin-backed", "Russia-friendly": a side, not a place; the word stays whole
        elif all(p[0].isupper() for p in parts):
            keep = list(range(len(parts)))
            if len(parts[0]) <= 3 and parts[0].isupper():  # "D-Columbus", "DFL-Minneapolis": a party
                keep = keep[1:]
            party = bool(keep) and keep[0] == 1
            # the parts that are names as written ("Coca-Cola" has none); after a party the name may
            # go on past the word ("R-Elbow Lake")
            keep = [x for x in keep if _known_part(index, parts[x]) or (party and x == len(parts) - 1)]
            if not keep:
                keep = None
        if keep is None:
            continue
        out.extend(toks[done:k])
        done = k + 1
        pos = t.start
        for x, p in enumerate(parts):
            if x in keep:
                out.append(_Tok(pos, pos + len(p), p, True, t.sent_start and x == 0))
            pos += len(p) + 1
    if not done:
        return toks
    out.extend(toks[done:])
    return out


def find_spans(text: str, index: NameIndex) -> list[Span]:
    """Candidate place spans in ``text`` (named places and coreferring phrases), sorted by start.

    Parameters
    ----------
    text : str
        Article text (untrusted; any size the reader accepted).
    index : NameIndex
        Name lookups on the gazetteer.

    Returns
    -------
    list of Span
    """
    toks, lower_words = _tokens(text)
    stop, persons, firsts = _stopwords(), _lexicon("persons"), _lexicon("firstnames")
    toks = _split_compounds(toks, index, stop)
    n = len(toks)
    demonyms = frozenset(demonym_places())
    person_tokens: set[str] = set()
    spans: list[Span] = []
    taken = [False] * n

    def _mark(i: int, j: int) -> None:
        for k in range(i, j):
            taken[k] = True

    # Pass 1: persons. A title before a capitalised run, a given name starting a run of two
    # or more capitalised tokens, a known surname; their tokens are never places, and the
    # surname stays a person for the rest of the article.
    i = 0
    while i < n:
        t = toks[i]
        if not t.cap:
            i += 1
            continue
        low = t.text.casefold().rstrip(".")
        j = i
        while j + 1 < n and toks[j + 1].cap and text[toks[j].end: toks[j + 1].start] in (" ", ". ") and not (
            text[toks[j].end: toks[j + 1].start] == ". " and len(toks[j].text) > 2
            and toks[j].text.casefold() not in TITLES
        ):
            j += 1
        run = toks[i: j + 1]
        if low in TITLES and j > i:
            # "President Vladimir Putin", "Gov. John Bel Edwards"; "Kramatorsk Mayor X" handled as i advances
            _mark(i, j + 1)
            for tk in run[1:]:
                person_tokens.add(tk.text.casefold())
            i = j + 1
            continue
        # a title inside the run: "Luhansk Governor Serhiy Haidai" -> the part after it is a person
        for k in range(i + 1, j):
            if toks[k].text.casefold().rstrip(".") in TITLES:
                _mark(k, j + 1)
                for tk in toks[k + 1: j + 1]:
                    person_tokens.add(tk.text.casefold())
                j = k - 1
                break
        if _cyr_script(low):
            # a given name inside or at the start of a run: "Владимир Зеленский", "мэра Харькова Игоря Терехова"
            first_names = _cyr_names("firstnames")
            for k in range(i, j):
                if _cyr_listed(toks[k].text, first_names):
                    _mark(k, j + 1)
                    person_tokens.update(tk.text.casefold() for tk in toks[k + 1: j + 1])
                    end_of_run, j = j, k - 1
                    break
            if j < i:
                i = end_of_run + 1
                continue
        if j > i and low in firsts:
            whole = " ".join(tk.text for tk in toks[i: j + 1])
            nxt = toks[i + 1].text.casefold().rstrip(".")
            # "Virginia Smith" is a person; "Virginia Senate", "Jordan River" are not
            if not index.lookup(whole) and not (nxt in ORG_WORDS or nxt in _REGION_WORDS or nxt in _FEATURE_WORDS
                                                 or nxt in stop or nxt in lower_words):
                _mark(i, j + 1)
                for tk in toks[i + 1: j + 1]:
                    person_tokens.add(tk.text.casefold())
        elif 1 <= j - i <= 2 and _person_run(toks, i, j + 1, text, index, stop, lower_words, demonyms):
            _mark(i, j + 1)
            person_tokens.add(toks[j].text.casefold())
        i = j + 1
    for k, t in enumerate(toks):
        if t.cap and (t.text.casefold() in persons
                      or (_cyr_script(t.text) and _cyr_listed(t.text, _cyr_names("persons")))):
            taken[k] = True
            person_tokens.add(t.text.casefold())
    # speakers are people: a lone capitalised word that speaks ("Dyer said", "Kovalov told
    # reporters", "..., said Dyer.") unless it names a country, a region or a city of 100,000+
    # ("Kyiv said", "Moscow says": governments, places) or follows a place cue ("officials in
    # Watertown said"); and a run of two or three capitalised words that speaks ("Nadia Moayyad
    # said"), is no place as a whole and holds no major place
    for v in [x for x, t in enumerate(toks) if t.text in SPEECH]:
        k = v - 1  # the speaker before the verb
        if k >= 0 and toks[k].cap and not taken[k] and text[toks[k].end: toks[v].start] == " ":
            i0 = k
            while i0 > 0 and k - i0 < 2 and toks[i0 - 1].cap and not taken[i0 - 1] and \
                    text[toks[i0 - 1].end: toks[i0].start] == " " and toks[i0 - 1].text.casefold() not in stop:
                i0 -= 1
            run = toks[i0: k + 1]
            cue_before = i0 > 0 and toks[i0 - 1].text.casefold() in CUES
            if not cue_before and all(tk.text.isalpha() and not tk.text.isupper() for tk in run) and \
                    (i0 == k or not index.lookup(" ".join(tk.text for tk in run))) and \
                    not any(_size(index, tk.text)[1] for tk in run):
                for x in range(i0, k + 1):
                    taken[x] = True
                person_tokens.add(toks[k].text.casefold())
        k = v + 1  # "..., said Dyer."
        if k < n and toks[k].cap and not taken[k] and text[toks[v].end: toks[k].start] == " " and \
                text[toks[k].end: toks[k].end + 1] in (".", ",") and (k + 1 >= n or toks[k + 1].start > toks[k].end + 2) \
                and toks[k].text.isalpha() and not toks[k].text.isupper() and not _size(index, toks[k].text)[1]:
            taken[k] = True
            person_tokens.add(toks[k].text.casefold())

    # a word the text uses for a person somewhere is a person everywhere in it: "their first
    # child, Hailey,", "charged with killing Welch", "Tyrise M. Bell"
    person_at = {m.end() for m in _PERSON_BEFORE.finditer(text)} if not _PERSON_CUE_WORDS.isdisjoint(lower_words) \
        else ()
    if person_at:
        for k, t in enumerate(toks):
            if t.start in person_at and t.cap and not taken[k] and t.text.isalpha() and not (
                    k + 1 < n and toks[k + 1].cap and text[t.end: toks[k + 1].start] == " ") \
                    and not _size(index, t.text)[1]:
                taken[k] = True
                person_tokens.add(t.text.casefold())
    initials = {m.start() for m in _INITIAL.finditer(text)}
    for k in [k for k, t in enumerate(toks) if t.start in initials and 0 < k < n - 1] if initials else ():
        t, first, last = toks[k], toks[k - 1], toks[k + 1]
        if t.text.isupper() and first.cap and last.cap and not taken[k - 1] and first.text.isalpha() \
                and text[first.end: t.start] == " " and text[t.end: last.start] == ". " \
                and not _size(index, first.text)[1] and not index.lookup(text[first.start: last.end]):
            for x in (k - 1, k, k + 1):
                taken[x] = True
            person_tokens.add(last.text.casefold())

    # Pass 2: coreference phrases ("the town", "the border region").
    for m in _COREF.finditer(text):
        word = re.sub(r"\s+", " ", m.group("word").casefold())
        spans.append(Span(m.start(), m.end(), m.group(), "", coref=_COREF_WORDS[word], cue=word))

    # Pass 2a: another name for the place just named: "the village, called Ostrovsky by Russia",
    # "known in Russian as Dzerzhinsk" -> a coreference to the most recent settlement.
    for m in _ALIAS_INTRO.finditer(text):
        s0, e0 = m.start("name"), m.end("name")
        spans.append(Span(s0, e0, m.group("name"), m.group("name"), coref="settlement", cue="alias"))
        for k, t in enumerate(toks):
            if t.start < e0 and s0 < t.end:
                taken[k] = True

    # Pass 2b: state/country abbreviations after a comma ("Macon, Ga.", "Wheeling, W.Va.").
    for s0, e0, abbr in _find_abbreviations(text):
        target = _aliases()[abbr.casefold()]
        if index.lookup(target):
            spans.append(Span(s0, e0, abbr, target, cue="abbreviation"))
            for k, t in enumerate(toks):
                if t.start < e0 and s0 < t.end:
                    taken[k] = True

    # Pass 3: named places.
    weak: list[Span] = []
    strong_keys: set[str] = set()
    prev_end = -1
    i = 0
    while i < n:
        t = toks[i]
        if not t.cap or taken[i]:
            i += 1
            continue
        # the maximal capitalised run from i (allowing lower-case connectors inside: "Bosnia and Herzegovina")
        best: tuple[int, Span] | None = None
        # how far the run reaches: capitalised words or connectors, joined by short gaps, not yet taken
        end = i + 1
        while end < n and end < i + 5 and not taken[end] and (toks[end].cap or toks[end].text in _CONNECTORS):
            gap = text[toks[end - 1].end: toks[end].start]
            if gap not in (" ", "-", ". ", "'s ", "’s ") or (gap == ". " and toks[end - 1].text not in _ABBREV_DOT):
                break  # ("'s " joins "Donetsk People's Republic"; the longest known phrase wins)
            end += 1
        for j in range(end, i, -1):
            if not toks[j - 1].cap:
                continue
            s, e = toks[i].start, toks[j - 1].end
            phrase = text[s:e]
            sp = _classify(phrase, i, j, toks, text, index)
            if sp is not None:
                best = (j, sp)
                break
        if best is None:
            i += 1
            continue
        j, sp = best
        if j - i > 1 and toks[i].text.casefold() in _CONNECTORS and (sp.cue == "region" or not (
                j < n and toks[j].cap and text[toks[j - 1].end: toks[j].start] == " "
                and toks[j].text.casefold() not in TITLES)):
            # "The Laurel County jail", "The Donetsk region": the name starts after the article
            # ("The Kyiv Independent", a name followed by more capitalised words, stays rejected)
            i += 1
            continue
        if _rejected(sp, i, j, toks, text, index, stop, demonyms, person_tokens, lower_words, taken):
            i = j
            continue
        common = j - i > 1 and all(toks[x].text.casefold() in stop for x in range(i, j))  # "East Bank"
        if sp.cue is None and (j - i == 1 or common) and not _cued(i, j, toks, text, prev_end):
            if not _size(index, sp.query)[0]:
                weak.append(sp)  # a small place with no cue: kept only if named with a cue elsewhere
                _mark(i, j)
                i = j
                continue
        sp.size = _size_word(toks, i, text)
        if sp.cue is None and _region_of(toks, i, text):
            # "the region of Kharkiv": the oblast, not the city (a group of its own in resolve)
            sp.cue, sp.kinds = "region", ("admin1", "admin2")
        spans.append(sp)
        strong_keys.add(cached_fold(sp.query))
        prev_end = sp.end
        _mark(i, j)
        i = j
    spans.extend(w for w in weak if cached_fold(w.query) in strong_keys)
    spans.extend(_listed_weak(weak, spans, text, strong_keys, index))
    spans.sort(key=lambda s: (s.start, -s.end))
    spans = _context_fixes(spans, text, index)
    # drop coref spans overlapping a named span
    named = [(s.start, s.end) for s in spans if s.coref is None]
    out = []
    for s in spans:
        if s.coref is not None and any(a < s.end and s.start < b for a, b in named):
            continue
        out.append(s)
    return out


def _front_village(index: NameIndex, sp: Span) -> bool:
    """Whether every reading of a name is a settlement in Ukraine or Russia."""
    cands = detect_candidates(index, sp.query)
    return bool(cands) and all(c.place.country in ("UA", "RU") and c.place.kind == "settlement" for c in cands)


_LIST_GAPS = (", ", " and ", " or ", ", and ", " & ", ", as well as ", ", as well as the ", " as well as ", " и ", " і ", " й ", " та ", " или ", " або ")


def _listed_weak(weak: list[Span], spans: list[Span], text: str, strong_keys: set[str],
                 index: NameIndex | None = None) -> list[Span]:
    """Weak spans (small places with no cue) in a list of three or more names that holds a kept
    place: "Spirne, Rozdolivka, Novyi and Opytne" (not "Madison Creek and Hampton Hills")."""
    todo = [w for w in weak if cached_fold(w.query) not in strong_keys]
    if not todo:
        return []
    items = sorted([(s.start, s.end, False, s) for s in spans if s.coref is None] +
                   [(w.start, w.end, True, w) for w in todo], key=lambda x: (x[0], -x[1]))
    kept: list[Span] = []
    run: list[tuple[int, int, bool, Span]] = []
    for it in [*items, None]:
        if it is not None and run and text[run[-1][1]: it[0]] in _LIST_GAPS:
            run.append(it)
            continue
        if len(run) >= 3 and (any(not x[2] for x in run) or (index is not None and all(_front_village(index, x[3]) for x in run))):
            # (a list of three front-line villages needs no other cue: "Blahodatne, Neskuchne and Makarivka")
            kept.extend(x[3] for x in run if x[2])
        run = [it] if it is not None else []
    return kept


# a newspaper or agency named after a place: "the Kyiv Independent", "Los Angeles Times"
_OUTLET_AFTER = re.compile(
    r"^[ ](?:Independent|Post|Times|Tribune|Herald|Journal|Gazette|Telegraph|Chronicle|Inquirer|Courant|Sun-Times"
    r"|Star-Tribune|Free Press|Daily News|Morning News|Dispatch|Examiner)\b(?![ -](?:of|Square|Road|Street|Office|School))"
)
# (only in war reporting: the US local-news benchmark annotates "the Augusta Herald" as a place)
_WAR_TEXT = re.compile(r"\b(?:troops|shelling|drones?|offensive|frontline|artillery|invasion|missiles?|brigade|Ukrain\w*|Russia\w*)\b")
# a river named by context: "the Siverskyi Donets river", "the left bank of the Dnipro"
_RIVER_AFTER = re.compile(r"^[ ]river\b|^[ ]River\b")
_BANK_BEFORE = re.compile(r"\b(?:left|right|opposite|east(?:ern)?|west(?:ern)?|other|far)\s+banks?\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_ACROSS_BEFORE = re.compile(r"\b(?:across|crossed|cross|crossing|through|along|over|up|down)\s+the\s+$", re.IGNORECASE)
# "both Luhansk and Donetsk regions", "the Kharkiv, Sumy and Chernihiv oblasts": a plural region
# word after a list applies to each name; "the Kursk border region"
_PLURAL_REGION = re.compile(r",?\s+(?:[Rr]egions|[Oo]blasts|[Pp]rovinces)\b")
_BORDER_REGION = re.compile(r"^[ ]border\s+(?:region|oblast|province)\b")


def _context_fixes(spans: list[Span], text: str, index: NameIndex) -> list[Span]:
    """Apply what the words around a name say about it (outlet, river, region)."""
    out: list[Span] = []
    named = [s for s in spans if s.coref is None]
    war = False
    if any(s.cue != "region" and text.startswith(" ", s.end) for s in named):
        hits = _WAR_TEXT.finditer(text, 0, 20000)
        war = next(hits, None) is not None and next(hits, None) is not None
    for k, sp in enumerate(named):
        if sp.cue in ("feature", "abbreviation", "alias"):
            continue
        after = text[sp.end: sp.end + 40]
        before = text[max(0, sp.start - 40): sp.start]
        if war and sp.cue != "region" and _OUTLET_AFTER.match(after):
            sp.cue = "outlet"
            continue
        if sp.cue is not None:
            continue
        low = before.casefold()
        bank = "bank" in low and _BANK_BEFORE.search(before) is not None
        if _RIVER_AFTER.match(after) or bank or (
                _ACROSS_BEFORE.search(before) and index.lookup(sp.query, ("water",))):
            if index.lookup(sp.query, ("water",)):
                sp.kinds, sp.cue = ("water",), "river"
            elif after.startswith(" river") or bank or re.search(r"\b[A-Z][a-z]+(?:iy|yi|y|ii|yy) $", before):
                # ("Siverskiy Donets River": the name is longer than what the gazetteer knows)
                sp.cue = "outlet"  # a river the gazetteer does not know: not the town or region of that name
            continue
        if _BORDER_REGION.match(after) or (_BORDERS_ON.search(before) and index.lookup(sp.query, ("admin1",))):
            # "the Kursk border region"; "Sumy region, which borders on Kursk": the region
            sp.cue, sp.kinds = "region", ("admin1", "admin2")
            continue
    # plural region words: walk back through the list
    for k in range(len(named) - 1, 0, -1):
        sp = named[k]
        m = _PLURAL_REGION.match(text, sp.end) if sp.cue is None or sp.cue == "region" else None
        if not (m or sp.text.casefold().endswith(("regions", "oblasts", "provinces"))):
            continue
        x = k
        while x > 0 and text[named[x - 1].end: named[x].start] in _LIST_GAPS and named[x - 1].cue is None:
            prev = named[x - 1]
            if index.lookup(prev.query, ("admin1", "admin2")):
                prev.cue, prev.kinds = "region", ("admin1", "admin2")
            x -= 1
        if m and sp.cue is None and index.lookup(sp.query, ("admin1", "admin2")):
            sp.cue, sp.kinds = "region", ("admin1", "admin2")
    # "the regions of Kyiv, Sumy and Odesa": walk forward through the list
    for k, sp in enumerate(named):
        if sp.cue is not None or not _PLURAL_REGION_OF.search(text, max(0, sp.start - 24), sp.start):
            continue
        x = k
        while True:
            cur = named[x]
            if cur.cue is None and index.lookup(cur.query, ("admin1", "admin2")):
                cur.cue, cur.kinds = "region", ("admin1", "admin2")
            if x + 1 >= len(named) or text[cur.end: named[x + 1].start] not in _LIST_GAPS:
                break
            x += 1
    # "the Lyman-Kupiansk direction": both halves name a sector's town
    for k in range(len(named) - 1, 0, -1):
        if named[k].cue == "direction" and named[k - 1].cue is None and text[named[k - 1].end: named[k].start] in ("-", "‑", "–"):
            named[k - 1].cue = "direction"
    # "the Kupiansk, Lyman and Kurakhove directions": a plural front word names a town per item
    for k, sp in enumerate(named):
        if sp.cue not in (None, "direction") or not _PLURAL_DIRECTION.match(text, sp.end):
            continue
        sp.cue = "direction"
        x = k
        while x > 0 and text[named[x - 1].end: named[x].start] in _LIST_GAPS and named[x - 1].cue is None:
            named[x - 1].cue = "direction"
            x -= 1
    for sp in spans:
        if sp.cue != "outlet":
            out.append(sp)
    return out


_PLURAL_DIRECTION = re.compile(r"\s+(?:directions|axes|fronts|sectors)\b", re.IGNORECASE)
_BORDERS_ON = re.compile(r"\bborder(?:s|ing|ed)?\s+(?:on\s+|with\s+)?(?:the\s+)?$")
# "the regions of Kyiv, Sumy and Odesa", "four regions -- Donetsk, Luhansk, Kherson and Zaporizhzhia"
_PLURAL_REGION_OF = re.compile(r"\b(?:regions|oblasts|provinces)(?:\s+of\s+(?:the\s+)?|\s*(?:--|[—–:])\s*|,?\s+(?:including|such as|like|namely)\s+(?:the\s+)?)$",
                               re.IGNORECASE)


def _person_run(toks: list[_Tok], i: int, j: int, text: str, index: NameIndex, stop: frozenset[str],
                lower_words: set[str], demonyms: frozenset[str]) -> bool:
    """Two or three capitalised proper nouns in a row that are no place together and contain
    no major place ("Adam Schreck", "Dewey Ripley"): a person's name."""
    if any(text[toks[k].end: toks[k + 1].start] != " " for k in range(i, j - 1)):
        return False
    for k in range(i, j):
        w = toks[k].text
        wl = w.casefold()
        if (wl in stop or wl in TITLES or wl in ORG_WORDS or wl in _REGION_WORDS or wl in _FEATURE_WORDS
                or wl in demonyms or wl in lower_words or w.lower() in lower_words or w.isupper()
                or wl in _DIRECTION_WORDS or wl in _CONNECTORS or not w.isalpha()):
            return False
    whole = " ".join(t.text for t in toks[i:j])
    if index.lookup(whole):
        return False
    if _cyr_script(whole) and _cyr_query(index, whole, _cyr_cases(toks, i, text), ()) is not None:
        return False  # an inflected name: "у Часовому Яру", "к Великой Новоселке"
    if j < len(toks) and toks[j].text.casefold() in _REGION_WORDS | _FEATURE_WORDS.keys():
        return False
    for k in range(i, j):
        for c in index.lookup(toks[k].text):
            p = c.place
            if p.kind in ("country", "admin1") or p.population >= 100_000:
                return False
    return True


def _next_word(toks: list[_Tok], j: int, text: str) -> tuple[str, int]:
    """The lower-cased token after index j-1 (and its index), '' at the end."""
    if j < len(toks):
        return toks[j].text.casefold(), j
    return "", j


# "The bridge near ...", "This dam": a determiner is no name ("The Bridge" is some town's nickname)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her"})

#: Countries whose place names come from Cyrillic (romanisation variants and Cyrillic names are native there).
CYRILLIC_COUNTRIES = _ROMANISED = frozenset({"UA", "RU", "BY", "KZ", "MD", "GE", "AM", "AZ", "KG", "UZ", "TJ", "TM"})


def detect_candidates(index: NameIndex, name: str) -> tuple[Candidate, ...]:
    """Candidates good enough to say a capitalised word *is* a place name.

    Romanisation-variant ("translit") matches count only for places where names come from
    Cyrillic; a match on an alternate name (the place's display name is different) counts
    only for large places, regions, countries and places in Ukraine and Russia ("Kiev" is
    Kyiv, but "Brown" should not become a town whose alternate names include it).
    """
    hit = index.detect_cache.get(name)
    if hit is not None:
        return hit
    out = []
    key = cached_fold(name)
    for c in index.lookup(name):
        p = c.place
        if c.matched_name.isupper() and len(c.matched_name) <= 3 and not name.isupper():
            continue  # an ISO code ("DOM") is not the word "Dom"
        if c.match == "translit" and p.country not in _ROMANISED and not is_cyrillic(name):
            continue
        if is_cyrillic(name) and p.country not in _ROMANISED and p.kind == "settlement" and p.population < 300_000:
            continue  # Cyrillic "Бои" is a word, not a village in Nigeria
        if cached_fold(p.name) != key and p.kind == "settlement" and p.country not in ("UA", "RU") and (
                p.population < 100_000 or not similar_spelling(key, cached_fold(p.name))):
            continue  # "Julia" (an old name of Plovdiv), "St. James" (of Vung Tau): a person, a church
        out.append(c)
    result = tuple(out)
    if len(index.detect_cache) > 200_000:
        index.detect_cache.clear()
    index.detect_cache[name] = result
    return result


_COMPASS_BEFORE = re.compile(r"\b(?:north|south|east|west|central)(?:ern|-?(?:east|west)ern)?\s+$", re.IGNORECASE)
_FRONT_LINE_AFTER = re.compile(r" (?:front[ -]?line|frontline)s?\b", re.IGNORECASE)
_DISTRICTS_NEAR_AFTER = re.compile(r"(?:(?:,\s*|\s+and\s+|,\s*and\s+)[A-Z][\w'’-]+){0,4}\s+(?:districts?|raions?|rayons?)\b", re.IGNORECASE)
_DISTRICTS_NEAR_BEFORE = re.compile(r"\b(?:districts|raions|rayons)\b[^.!?]{0,40}?(?:—|–|--|:)\s*(?:[A-Z][\w'’-]+(?:,\s*|\s+and\s+|,\s*and\s+))*$")
_REGION_WORD_RX = r"(?:[Rr]egion|[Oo]blast|[Pp]rovince|[Kk]rai|[Rr]aion|[Rr]ayon|[Cc]ounty|[Ss]tate)\b"
_IN_TOWN_AFTER = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:in|of)\s+(?:the\s+(?:town|city)\s+of\s+)?[A-Z][\w’'-]+"
                            r"(?:\s+(?!" + _REGION_WORD_RX + r")[A-Z][\w’'-]+)?(?!\s+" + _REGION_WORD_RX + r")(?=\s*[,.;)]|\s+[a-z]|$)")
_TOWNS_PART_BEFORE = re.compile(r"\b(?:town|city|village)['’]s\s+$", re.IGNORECASE)
_UA_H = re.compile(r"(?<![KkZzSsCc])[Hh]")
_ADJ_END = re.compile(r"(?:s'?k(?:iy|yi|y|ii|i|ij)|skoy|skyy)$", re.IGNORECASE)


def _district_names(phrase: str) -> list[str]:
    """Gazetteer names a district written as "X district" may go by: "Volnovakha district" is
    Volnovakha Raion, "Morozovsk district" and "Starodubsky district" are the Russian
    adjectival rayons (Morozovskiy, Starodubskiy)."""
    stem = _ADJ_END.sub("", phrase)
    if stem != phrase:  # already an adjective: "Starodubsky", "Pokrovskyi"
        return [stem + "skiy Rayon", stem + "skyi Raion", stem + " Raion"]
    out = [phrase + " Raion"]
    if phrase.endswith("sk"):
        out.append(phrase + "iy Rayon")  # Morozovsk
    elif phrase.endswith("o"):
        out.append(phrase[:-1] + "skiy Rayon")  # Korenevo -> Korenevskiy
    elif phrase.endswith("a"):
        out.append(phrase + "nskiy Rayon")  # Sudzha -> Sudzhanskiy
    else:
        out.append(phrase + "skiy Rayon")  # Starodub
    return out


def _classify(phrase: str, i: int, j: int, toks: list[_Tok], text: str, index: NameIndex) -> Span | None:
    """A Span for toks[i:j] if it (plus a region/feature word after it) names a place, else None."""
    s, e = toks[i].start, toks[j - 1].end
    nxt, k = _next_word(toks, j, text)
    gap = text[e: toks[k].start] if k < len(toks) else ""
    # region phrase: "Donetsk Oblast", "Kursk region", "Курской области"
    if nxt in _REGION_WORDS and gap == " " and all(toks[x].cap for x in range(i, j)):
        if all(toks[x].text.casefold() in _stopwords() for x in range(i, j)):
            return None  # "the federal South district", "the Central district of Kharkiv": no name
        if nxt in ("district", "districts", "microdistrict") and (
                _TOWNS_PART_BEFORE.search(text, max(0, s - 20), s) or _IN_TOWN_AFTER.match(text, toks[k].end)):
            return None  # "the town's Kanal district": a part of the town, which the gazetteer does not know
        level = _REGION_WORDS[nxt]
        end = toks[k].end
        kinds = ("admin1", "admin2", "area") if level == "admin1" else ("admin2", "admin1", "area")
        queries = [text[s:end], phrase]
        word_nom = _CYR_REGION_NOMINATIVE.get(nxt, toks[k].text)
        queries += [q + " " + word_nom for q in _cyr_nominative(phrase)]
        if level == "admin2" and not is_cyrillic(phrase):
            queries += _district_names(phrase)
        for q in queries:
            if index.lookup(q, kinds):
                return Span(s, end, text[s:end], q, kinds=kinds, fuzzy=True, cue="region")
        if index.lookup(queries[0], kinds, fuzzy=True):
            return Span(s, end, text[s:end], queries[0], kinds=kinds, fuzzy=True, cue="region")
        if j - i == 1 and not index.known(phrase):
            return None
        # a region word after a settlement name we know: keep the name (the region has no entry)
        if index.known(phrase):
            return Span(s, e, phrase, phrase, cue="region")
        return None
    # feature: "the Dnipro river", "Zaporizhzhia nuclear plant", "Vnukovo airport"
    if k < len(toks) and gap == " " and nxt in _FEATURE_FIRST and phrase.casefold() not in _DETERMINERS:
        words = [nxt]
        for x in range(k + 1, min(len(toks), k + 3)):
            if text[toks[x - 1].end: toks[x].start] != " ":
                break
            words.append(toks[x].text.casefold())
        for width in (3, 2, 1):
            w = " ".join(words[:width])
            if len(words) >= width and (w in _FEATURE_WORDS or w in _FACILITY_WORDS):
                end = toks[k + width - 1].end
                full = text[s:end]
                # (a refinery, plant or port is no airport: "Afipsky refinery" is not Afipsky Airport)
                kinds = ("water", "area") if w in _FEATURE_WORDS else \
                    ("airport", "facility") if w in _AIR_WORDS or w == "airport" else ("facility",)
                if index.lookup(full):
                    return Span(s, end, full, full, cue="feature")
                if w == "bay":  # "Kazachya Bay": GeoNames writes Russian bays "Kazach'ya Bukhta"
                    for q in (f"{phrase} Bukhta", f"Bukhta {phrase}"):
                        if index.lookup(q, ("water", "area")):
                            return Span(s, end, full, q, kinds=("water", "area"), cue="feature")
                if w in ("island", "port", "coast") and phrase.endswith((" Sea", " sea")):
                    break  # "a Black Sea island", "the Black Sea port of Kherson": the sea is named, as a sea
                if index.lookup(phrase, kinds):
                    return Span(s, end, full, phrase, kinds=kinds, cue="feature")
                if w in _AIR_WORDS and len(phrase) >= 5 and any(
                        fold(c.place.name)[:4] == fold(phrase)[:4] for c in index.lookup(full, ("airport",), fuzzy=True)):
                    # "Morosovsk airfield", "Engels-2 airfield": a loose spelling of the airfield's name
                    # (not "Kursk airfield" as Korsak Airport)
                    return Span(s, end, full, full, kinds=("airport",), fuzzy=True, cue="feature")
                break
    cands = detect_candidates(index, phrase)
    if is_cyrillic(phrase):
        # an inflected form ("в Покровске", "под Авдеевкой", "у Часовому Яру"): the case model
        # guesses dictionary forms, the gazetteer says which exist, the most plausible reading wins
        if j - i > 1 and toks[i].text.casefold() in _cyr.PREPOSITIONS:
            return None  # "Под Авдеевкой" at the start of a sentence: the name starts after it
        if j - i == 1 and _CYR_DIRECTION.match(text, e):
            # "на Покровском направлении", "на Лиманському напрямку": the front named after a town
            town = _cyr_town(index, phrase)
            if town is not None:
                return Span(s, e, phrase, town, cue="direction")
        q = _cyr_query(index, phrase, _cyr_cases(toks, i, text), cands)
        if q is None:
            return None
        if q != phrase:
            return Span(s, e, phrase, q)
    if not cands and "-" in phrase:
        # "Novhorod-Siverska community", "Novhorod-Siversk": Novhorod-Siverskyi
        for end, rep in _COMPOUND_ENDINGS:
            if phrase.endswith(end) and index.known(phrase[: -len(end)] + rep):
                return Span(s, e, phrase, phrase[: -len(end)] + rep)
    if not cands and j - i == 1 and _ADJ_END.search(phrase) and (
            _DISTRICTS_NEAR_AFTER.match(text, e) or _DISTRICTS_NEAR_BEFORE.search(text, max(0, s - 120), s)):
        # "the Sudzhansky and Korenevsky districts", "three districts -- Shebekinsky, Graivoronsky and
        # Volokonovsky": a raion named by its adjective alone
        for q in _district_names(phrase):
            if index.lookup(q, ("admin2", "area")):
                return Span(s, e, phrase, q, kinds=("admin2", "area"), cue="region")
    if not cands and _UA_H.search(phrase):
        # a Russian village in Ukrainian romanisation ("Hornal", "Huyevo" for Gornal', Guyevo):
        # Ukrainian writes h where Russian has g
        as_ru = _UA_H.sub(lambda m: "G" if m.group(0) == "H" else "g", phrase)
        if any(c.place.country == "RU" for c in index.lookup(as_ru, ("settlement",))):
            return Span(s, e, phrase, as_ru, kinds=("settlement",))
    if not cands:
        # a strong cue before ("the village of X", "near X") allows a fuzzy match of a single word
        if i > 0 and j - i == 1 and toks[i - 1].text.casefold() in ("of", "near", "village", "town") and len(phrase) >= 6 \
                and text[toks[i - 1].end: s] == " ":  # (the cue right before it: "Key Village as Brutal" has none)
            # (a typo keeps the start of the name: "Konotp" is Konotop, "Dragon" is not Dagon)
            if any(fold(c.matched_name)[:3] == fold(phrase)[:3] for c in index.lookup(phrase, fuzzy=True)):
                return Span(s, e, phrase, phrase, fuzzy=True)
        return None
    cue = "direction" if nxt in _DIRECTION_WORDS else None
    if nxt == "area" and _COMPASS_BEFORE.search(text, max(0, s - 20), s) and index.lookup(phrase, ("admin1",)):
        # "the western Kursk area": a part of the oblast
        return Span(s, e, phrase, phrase, kinds=("admin1", "admin2"), cue="region")
    if nxt in ("front", "frontline") and _FRONT_LINE_AFTER.match(text, e) and index.lookup(phrase, ("admin1",)):
        # "the Donetsk front line": the front across the oblast, not the city's
        return Span(s, e, phrase, phrase, kinds=("admin1", "admin2"), cue="region")
    return Span(s, e, phrase, phrase, cue=cue)


_BIG_KINDS = frozenset({"country", "admin1", "admin2", "area", "water", "airport", "facility"})
_ABBR_OK = frozenset({"US", "UK", "UAE", "USA", "DRC", "NSW", "DPR", "LPR", "DNR", "LNR"})
# words right before a name that say it is a place ("in X", "captured X", "the village of X")
CUES = frozenset(
    """in near at from to into outside toward towards around of by across through between beyond via
    inside within past off captured capture seized seize took take retook retake liberated liberate
    liberation recaptured entered enter encircled encircle attacked attack shelled shelling struck hit
    stormed storm defending defend defended held hold holding control controls reached reach approach
    approaches advanced advancing village town city settlement hamlet outskirts visited visit left leave
    evacuated evacuate fled flee bombed bombing including targeted targeting taken approached approaching
    captures capturing seizing retaken recapturing attacking pushed entering storming reaching liberating
    encircling surrounded surrounding
    в во у под около возле из над до за на біля під поблизу""".split()
) | _cyr.CUES
# lower-case words the finder looks at (everything else lower case is skipped by _tokens)
_INTERESTING = frozenset(
    _CONNECTORS | CUES | SPEECH | set(_REGION_WORDS) | set(_FEATURE_WORDS) | _DIRECTION_WORDS
    | {w for phrase in _FACILITY_WORDS for w in phrase.split()} | set(_COREF_WORDS) | {"border", "or", "by", "area"}
)


_CUE_AFTER = re.compile(
    r"^(?:,? (?:in|near|outside) (?:the )?[A-ZА-ЯІЇЄҐ]|, (?:a|the) (?:\w+ )?(?:village|town|city|settlement)\b"
    r"| (?:village|town|city|settlement|raion|district|county|parish|direction|axis|front|sector)\b"
    r"|,? \(?(?:about |some )?(?:\d+ ?(?:km|kilometres|kilometers|miles) )?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? of\b)"
)
_ALIAS_INTRO = re.compile(
    r"\b(?:called|known (?:in (?:Russia|Russian|Ukrainian|Ukraine) )?as|which (?:Russia|Moscow|Kyiv|Ukraine) calls|"
    r"formerly|renamed from|(?:Russian|Ukrainian|Soviet-era) name)\s+(?P<name>[A-ZА-ЯІЇЄҐ][\w'’-]+(?: [A-ZА-ЯІЇЄҐ][\w'’-]+)?)"
    r"(?=\s+by\s+(?:Russia|Moscow|Russians|Kyiv|Ukraine|the Russians|locals)|\s*[),.;])"
)
_ABBREV_DOT = frozenset({"St", "Mt", "Ft", "Pt"})  # "St. Petersburg", "Mt. Vernon"
_LIST_GAP = re.compile(r"^(?:, | and | or |, and | & | и | і | й | та | или | або )$")


def _cued(i: int, j: int, toks: list[_Tok], text: str, prev_span_end: int) -> bool:
    """Whether context around toks[i:j] says it is a place."""
    if i > 0 and toks[i - 1].text.casefold() in CUES:
        return True
    if i > 1 and toks[i - 1].text.casefold() == "the" and toks[i - 2].text.casefold() in CUES:
        return True
    if prev_span_end >= 0 and _LIST_GAP.match(text[prev_span_end: toks[i].start]):
        return True
    if _LIST_INTRO.search(text, max(0, toks[i].start - 90), toks[i].start):
        return True  # "two villages in the Kursk region—Hornal and Huyevo", "the villages: X, Y"
    return bool(_CUE_AFTER.match(text[toks[j - 1].end: toks[j - 1].end + 40]))


_LIST_INTRO = re.compile(r"\b(?:villages|towns|settlements|areas|communities|hamlets|localities|districts|cities)\b"
                         r"[^.!?\n]{0,60}?\s*(?:—|–|--|:)\s*$", re.IGNORECASE)


_SIZE_NOUNS = {"city": "city", "village": "village", "hamlet": "village", "settlement": "village"}


def _size_word(toks: list[_Tok], i: int, text: str) -> str | None:
    """ "the city of X" -> "city"; "the village of X" -> "village"."""
    if i >= 2 and toks[i - 1].text == "of" and toks[i - 2].text.casefold() in _SIZE_NOUNS:
        if text[toks[i - 2].end: toks[i].start] == " of ":
            return _SIZE_NOUNS[toks[i - 2].text.casefold()]
    return None


_REGION_OF = frozenset({"region", "oblast", "province"})


def _region_of(toks: list[_Tok], i: int, text: str) -> bool:
    """Whether the name at token ``i`` follows "region of" / "oblast of" / "province of"."""
    return (i >= 2 and toks[i - 1].text == "of" and toks[i - 2].text.casefold() in _REGION_OF
            and text[toks[i - 2].end: toks[i].start] == " of ")


def _size(index: NameIndex, name: str) -> tuple[bool, bool]:
    """(big, major) for a name: some candidate is a town of 5,000+ or a region/feature; some
    candidate is a country, a first-level region or a city of 100,000+."""
    key = ("size", name)
    hit = index.memo.get(key)
    if hit is None:
        cands = detect_candidates(index, name)
        hit = (any(c.place.kind in _BIG_KINDS or c.place.population >= 5000 for c in cands),
               any(c.place.kind in ("country", "admin1") or c.place.population >= 100_000 for c in cands))
        index.memo[key] = hit
    return hit


# "their first child, Hailey,": a kinship noun and a comma; "charged with killing Welch": a verb
_KIN_WORDS = ("son daughter child baby wife husband mother father brother sister grandson granddaughter grandmother "
              "grandfather boyfriend girlfriend fiance fiancee fiancée widow nephew niece cousin").split()
_PERSON_VERBS = ("stabbed shot killing strangled murdered married hugged thanked congratulated interviewed charged "
                 "arrested sentenced acquitted convicted fired hired").split()
_PERSON_CUE_WORDS = frozenset(_KIN_WORDS + _PERSON_VERBS)
_PERSON_BEFORE = re.compile(r"\b(?:(?:" + "|".join(_KIN_WORDS) + r"),|(?:" + "|".join(_PERSON_VERBS) + r"))\s+(?=[A-Z])")
# words of a local or regional institution: the place before them is its seat
_SEAT_WORDS = frozenset("""police council city town village county municipal district regional oblast military
    administration department court sheriff fire school high middle elementary board commission commissioners
    house senate legislature assembly government hospital library mayor chamber""".split())
_SAINTS_INSTITUTION = re.compile(r"['’]s\s+(?:\w+\s+)?(?:School|Church|Hospital|Cemetery|Health|College|University|"
                                 r"Cathedral|Parish|Academy|Medical|Chapel|Home|Lutheran|Catholic|Episcopal|"
                                 r"Methodist|Orthodox|Regional)\b")
_PLACE_NOUN_OF = re.compile(r"\b(?:villages?|settlements?|towns?|hamlets?|село|селище|поселок|посёлок) (?:of )?$")
_UNIT_AFTER = re.compile(r"['’\"”»]?\s+(?:battalion|brigade|regiment|division|grouping|group of forces|corps|military unit|"
                         r"(?:ground forces |operational |military )?formation|ground forces|group(?:ing)? of troops|"
                         r"(?:troop |operational |strategic |tactical |battle ?)group(?:ing)?|"
                         r"[Oo]perational[- ](?:tactical|strategic)|special forces|volunteer (?:corps|battalion|unit)|"
                         # "the Zaporizhzhia Brigade", "the Separate Zaporizhzhia Territorial Defense Brigade"
                         r"(?:(?:Territorial|Defen[cs]e|Mechani[sz]ed|Assault|Separate|Rifle|Tank|Motori[sz]ed|Marine|Airborne|"
                         r"Jaeger|Mountain|Special|Guards?|Border|National Guard)\s+){0,3}(?:Brigade|Battalion|Regiment|Division))\b")
_UNIT_BEFORE = re.compile(r"(?:\bOTG|\bOSG|\bOSUV|\b[Gg]roup of [Ff]orces|\b[Bb]attlegroup|\b[Gg]rouping|"
                          r"\b[Oo]perational [Cc]ommand|\b[Bb]rigade|\b[Bb]attalion)\s+['‘’\"“«]?$")


_WEAPON_AFTER = re.compile(r"(?:\s+and\s+[A-Z][\w-]+)?\s+(?:drones?|missiles?|UAVs?|rockets?|launchers?|air defen[cs]e systems?)\b")
_RU_FEDERAL_BEFORE = re.compile(r"\b(?:Central|Southern|South|Northwestern|North-Western|Volga|Urals?|Siberian|Far Eastern|"
                                r"North Caucasian)\s+(?:Federal\b|$)")
_STREET_AFTER = re.compile(r"\s+(?:Street|St\.|Avenue|Ave\.|Boulevard|Square|Lane|Road|Highway)\b")
_FLEET_AFTER = re.compile(r"\s+(?:[Ff]leet|[Ff]lotilla)\b")
# "a Black Sea island", "the Black Sea port of Odesa": the sea only describes the place after it
_SEA_MODIFIER = re.compile(r"\s+(?:island|islands|resort|naval base|peninsula)\b")


def _rejected(
    sp: Span, i: int, j: int, toks: list[_Tok], text: str, index: NameIndex,
    stop: frozenset[str], demonyms: frozenset[str], person_tokens: set[str], lower_words: set[str],
    taken: list[bool],
) -> bool:
    """Whether the named span toks[i:j] is not a place mention after all."""
    if _FLEET_AFTER.match(text, sp.end):
        return True  # "Russia's Black Sea Fleet", "the Caspian Flotilla": a navy, not the sea
    if sp.query.endswith("Federal District") and _RU_FEDERAL_BEFORE.search(text, max(0, sp.start - 16), sp.start + 8):
        return True  # "the Russian Central Federal District": no point in the gazetteer (not Brazil's)
    if _STREET_AFTER.match(text, sp.end) and _front_village(index, sp):
        # "Tsentralna Street": a street of the town, not a village elsewhere (in US local news the
        # benchmark counts the town in "Athens Road", so only for Ukrainian and Russian names)
        return True
    if j - i == 1 and toks[i].text.casefold() in _FEATURE_WORDS:
        return True  # "Bay", "River" alone: the name before it was not found
    if sp.query.endswith((" Sea", " sea")) and _SEA_MODIFIER.match(text, sp.end):
        return True  # "a small Black Sea island": the island is meant
    if sp.cue in ("region", "feature", "abbreviation"):
        return False
    if j - i >= 2 and toks[j - 1].text.casefold() in _REGION_WORDS and toks[j - 1].cap:
        # "the Henderson County Jail", "Kanawha County Commission": the county is named
        if toks[i].text.casefold() in _CONNECTORS:
            if j - i < 3:
                return True
            sp.start, sp.text = toks[i + 1].start, text[toks[i + 1].start: sp.end]  # not "The Madison County"
            sp.query = re.sub(r"^(?:the|The|THE)\s+", "", sp.query)
        if j < len(toks) and toks[j].cap and text[toks[j - 1].end: toks[j].start] == " ":
            if toks[j].text.casefold() in ORG_WORDS and all(toks[x].text.casefold() in stop for x in range(i, j - 1)):
                return True  # "the Central District Hospital": a generic name, no place
            sp.cue = "org"
        return False
    low = sp.text.casefold()
    if low in demonyms or low in _lexicon("metonyms"):
        return True
    if low in stop and (j - i == 1 or toks[i].sent_start) and not _PLACE_NOUN_OF.search(text, max(0, sp.start - 24),
                                                                                          sp.start):
        return True  # ("the settlements of Progress and ...": the village Progres, not the word)
    if j - i == 1 and _cyr_script(low) and _cyr.is_adjective_form(low, _cyr_adjective_stems()) and not (
            i > 0 and toks[i - 1].text.casefold() in _cyr.PREPOSITIONS and text[toks[i - 1].end: toks[i].start] == " "):
        return True  # "Российские войска", "Українські сили", "Украинская армия": adjectives, not villages
    if j - i == 1 and sp.cue is None and _cyr_script(low) and _cyr_rejected(sp, toks[i], text):
        return True
    if toks[i].text.casefold() in _CONNECTORS:  # "The Kyiv Independent"
        return True
    if _UNIT_AFTER.match(text, sp.end) or _UNIT_BEFORE.search(text, max(0, sp.start - 24), sp.start):
        return True  # a military unit named after a place: "OTG Kharkiv", "the Akhmat battalion"
    if text.startswith(" of ", sp.end) and sp.text in ("Battle", "Siege", "Battles"):
        return True  # "the Battle of Kyiv" (not Battle, East Sussex)
    big, major = _size(index, sp.query)
    if not major and _WEAPON_AFTER.match(text, sp.end):
        return True  # "its Dragon drones", "Neptune missiles": a weapon's name
    after = text[sp.end: sp.end + 8]
    if not major and ("&" in after[:3] or "&" in text[max(0, sp.start - 3): sp.start]) and (
            re.match(r"\s?&\s?[A-Z]", after) or re.search(r"[A-Z][\w.]*\s?&\s?$", text[max(0, sp.start - 30): sp.start])):
        return True  # "Stevens & Wilkinson", "Smith & Wesson": a firm's name
    if sp.text.startswith(("St.", "St ", "Saint ")) and _SAINTS_INSTITUTION.match(text, sp.end):
        return True  # "St. John's Lutheran School", "St. Mary's Hospital": a parish institution
    if "Day" in after and re.match(r"(?:['’]s)?\s+Day\b", after):
        return True  # "St. Patrick's Day", "Lincoln Day Dinner", "Columbus Day": a holiday
    if j - i == 1:
        word = toks[i].text
        wl = word.casefold()
        if wl in person_tokens or wl.rstrip(".") in TITLES or wl in ORG_WORDS:
            return True
        if person_tokens and _cyr_script(wl) and _cyr_listed(word, person_tokens):
            return True  # "Зеленский ... Зеленского": a surname named before, in another case
        if "'" in word or "’" in word:
            tail = re.split(r"['’]", wl)[-1]
            if tail in ("re", "ve", "ll", "d", "m", "t", "s"):
                return True  # "We're", "I've"
        if not major and (wl in lower_words or word.lower() in lower_words):
            return True  # the text also uses it as a common word ("council", "bell")
        if word.isupper() and len(word) > 1:
            if len(word) <= 3 and word not in _ABBR_OK:
                return True  # acronyms: "UN", "AP", "EU"
            if not big:
                return True  # "IRYNA BALACHUK" in a byline
        # sentence-initial capitalised common word, or a word the text also writes in lower case
        if word.casefold() in lower_words and (toks[i].sent_start or word.casefold() in stop):
            return True
        if word.lower() in lower_words and toks[i].sent_start:
            return True
    # capitalised neighbours that are proper nouns but not part of this name: a person or an
    # organisation ("Adam Schreck", "Kyiv Post"); words the text also writes in lower case
    # (title-case headlines) and function words do not count
    n = len(toks)
    # part of an organisation's name: "Luhansk Military Administration", "Kyiv Post"
    k = j
    while k < n and k < j + 3 and toks[k].cap and text[toks[k - 1].end: toks[k].start] == " ":
        if toks[k].text.casefold() in ORG_WORDS:
            if not major and _SEAT_WORDS.isdisjoint(toks[x].text.casefold() for x in range(j, k + 1)):
                return True  # "Hudson Institute", "Lincoln Group": a name, not the place
            # "Kharkiv Regional Military Administration", "the Athens Police Department", "Mount
            # Pleasant City Council": the place is named as the institution's seat; kept, no anchor
            sp.cue = sp.cue or "org"
            return False
        k += 1
    for k, gap_ok in ((i - 1, i > 0), (j, j < n)):
        if not gap_ok or major:
            continue
        t = toks[k]
        gap = text[t.end: toks[i].start] if k < i else text[toks[j - 1].end: t.start]
        if gap != " " or not t.cap or taken[k]:
            continue
        w = t.text.casefold()
        if (w in stop or w in demonyms or w in TITLES or w in _REGION_WORDS or w in _DIRECTION_WORDS
                or w in lower_words or t.text.lower() in lower_words):
            continue
        if k == j and _CYR_OF_REGION.search(w):
            continue  # "Новогродовка Донецкой Народной Республики", "Мартыновка Курской области"
        if k == j and w in ORG_WORDS:
            return True
        return True
    # a speech verb after an unknown-looking two-word name: a person
    if j < n and toks[j].text.casefold() in SPEECH and j - i >= 2:
        if not index.lookup(sp.text):
            return True
    return False



# ---------------------------------------------------------------------------------------


def find_places(article: Article | str, *, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Find and resolve every place an article names.

    Parameters
    ----------
    article : Article or str
        The article (or bare text).
    gazetteer : Gazetteer, optional
        Defaults to the shipped gazetteer.

    Returns
    -------
    list of Mention
        Sorted by start; coreferring phrases ("the town") carry ``coref_of`` and the
        antecedent's place.
    """
    from frontmap.resolve import resolve_spans

    text = article if isinstance(article, str) else article.text
    published = None if isinstance(article, str) else article.published
    index = index_for(gazetteer)
    spans = find_spans(text, index)
    return resolve_spans(text, spans, index, published=published)
