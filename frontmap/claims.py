"""Claimed events: who says which side took, lost, entered or struck which place, and when.

One :class:`Claim` per (sentence, place, event, side).  :func:`extract_article` works on
one article without geopandas; :func:`extract` runs many articles (objects,
paths, or a mix) and returns the claims table, a GeoDataFrame in EPSG:4326 with
the columns of :data:`CLAIM_COLUMNS`; :func:`validate_claims` checks a table
against that contract.

How a sentence becomes claims (the rules are general; the words come from the
lexicon, :mod:`frontmap.lexicon`):

1. Sentences are split keeping character offsets (abbreviations such as "U.S."
   and "Gen." and initials do not end a sentence; a line break always does).
   Each sentence is cut into clauses at ";", dashes and ", but/which/where/
   after/following/and ...".
2. Each event word governs the place mentions after it in its clause, up to
   the next event word ("halted the advance near Borivske and repelled an
   attack on Lysychansk" gives Borivske to the first, Lysychansk to the
   second).  With none after it and no other object, it governs the nearest
   place shortly before it ("Kurakhove, which Russian troops have stormed";
   "Mayorsk was liberated").  Not event places: a place that only locates
   another ("Maiorsk in the Donetsk region", "Andriivka south of Bakhmut",
   "Pokrovsk, Donetsk Oblast", "the Bakhmut direction", "the border with X"),
   a country, a side's name used as the side ("Moscow said", "the Donetsk
   People's Republic"), a word inside an organisation's or the claimant's
   name, the origin of an advance ("from the Sumy region"), the destination of
   a withdrawal ("pulled back to X"), the region of an unnamed village
   ("captured a small village in the Donetsk region").  "In the direction of X"
   locates a stretch of front, except after a movement ("advancing in the
   direction of X": an advance beside X).  A sentence opening with a locative
   "There, ..." is about the settlements the sentence before named (not the
   ones that only locate them), each with confidence x0.8.
3. Intentions and capabilities ("wants to capture", "in order to liberate",
   "will be liberated", "demanded that Ukraine withdraw") are no claims;
   modals ("could pull back", "might retreat") are hedged claims.  A noun event
   that is the subject of a modal ("A Russian breakthrough near X could reverse
   ...") is a hypothetical, and so is a habitual one ("have historically
   repelled such incursions"); neither is a claim, and a dropped event word still
   ends the reach of the one before it.  "The way to X", "en route to X" and the
   places past a withdrawal's destination line ("withdrew to the A-B line south
   of X") are destinations, not event places.  A status that has ended ("after
   seven months under Ukrainian control") is no claim.
4. The acting side is the nearest side named before the event word that is not
   the object of a preposition ("the advance *of Russian troops*", "a village
   *in east Ukraine*"); a side adjective right before a noun event acts ("a
   Russian retreat"); "we"/"our" take the speaker's side ("“Our forces are
   advancing”, the minister said"); a speaker is not the agent of a noun event
   after the reporting verb ("a Ukrainian spokesman said the capture of the
   village ..." is the capture told before); a pronoun takes the side named last; "troops"/"the military" the side acting last;
   "the enemy" is the claimant's opponent; a passive takes its "by" agent,
   else the claimant's side ("was liberated"); "fell to" takes the side after
   it; a passive attack with no agent ("was shelled") makes no control claim;
   a denied nominal claim ("denied the capture of X") is the other side's.
5. The controller: capture -> the capturer; withdrawal -> the other side;
   advance, attack, incursion -> the acting side; a repelled / halted /
   blocked action ("repelled an attack", "blocked X from advancing",
   "attempts ... were repelled") -> the defender; a status ("Russian-held",
   "under Ukrainian control") -> the side named.  A capture "near" a place is
   an advance on it; an offensive into the other side's own country outside
   the theatre is an incursion, and an incursion into a side's own country is
   the other side's.  A repelled force ("repelled Russian troops from X", "hold
   back the enemy in the areas of X, Y and Z") leaves the defender holding each
   place.  An appositive status is the place's before it ("Tokmak, a
   Russian-occupied hub in the Y region": Tokmak, not the region).  A side said
   to "control" a place through a pronoun or in quotes ("its forces “fully
   control” X") is an ``other`` claim for that side.  An event *relative* to a
   place ("advanced north of X", "near X", "5 km from X") keeps the place
   (the nearest one the text names) with confidence x0.7, since the event is
   beside it, not in it.  Visits, talks and flights are ``event="mention"`` with
   no controller.  An attempt ("has been trying to capture X") is an attack;
   a failed one ("three unsuccessful attacks on X", "tried in vain") leaves
   the defender in control; a hypothetical ("X's capture would be a
   milestone") is no claim ("if confirmed, ..." keeps it, hedged); nor is the
   topic of a question ("when asked about the alleged offensive on X").
   Control of the ground around a place ("now control territory to the
   north, east and south of X") is an ``other`` claim on X, relative (x0.7).
   "Captured by Ukrainian forces during last year's offensive in X": the agent
   runs the offensive; "the fall of X, a victory for Moscow": Moscow captured.
   Fighting, battles and clashes at a place name no winner: they are an
   ``attack`` by the side named right before them ("Russian troops are
   fighting in X"), else by the side that attacked last in the article (the
   attacker of a repelled attack counts: "repelled 20 attacks ... Fighting
   continues near X"); with no side known there is no claim.  "It is the latest town to fall" makes "it"
   the settlement named before.
   Air defence: drones or missiles downed or intercepted over a place are a
   repelled attack (the defender holds it); over a side's own country away
   from the theatre that side is the defender even when no side is named.  An
   attack with no side named on such a place is the other side's ("After a
   drone attack, a fire broke out in X," the governor wrote).  A stop told in
   the next sentence ("All attacks were repelled", "the enemy has achieved no
   success") or after the event ("..., which failed") gives the place to the
   defender.  Troops entering or pushing into the other side's own country make
   an incursion.  "The enemy" with no claimant is the other side of the only
   side whose officials the article cites.  A capture told again with no side
   keeps the side told before; an alleged capture told by one side is the
   other side's claim.  Lists after a dash, a colon or ", and" ("liberated
   three villages -- A, B and C --", "two in Rostov, one in ..."), and a subject
   list before a passive ("A, B and the whole Kyiv region were liberated") give
   every item.
6. The claimant is the attribution in the sentence ("X said", "according to
   X", "a video published by X", "..., says governor Y", "This was stated by
   X" in the next sentence); always a noun phrase -- circumstances ("in a
   statement", "writing on Telegram on Thursday"), a negated verb ("which
   Russia has not confirmed") and passive reports ("videos have been
   published") are skipped, and so are verb phrases ("emerged that ...",
   "interviewed Sunday on television", "follows media reports") and phrases
   naming an event ("citing worsening Russian attacks"); a person named with a
   role wins over a role appositive ("analyst Jane Roe, co-founder of X,
   said"), a role before a bare name keeps both ("A spokesman for the army,
   Ivan Roe, said"), an organisation's name wins over its description
   ("MapWatch, a group of analysts, reported"); "it said" / "the ministry said" and quotations
   continue the previous claimant; "the enemy claims ..." inside a quote is
   the quoted speaker's report of the other side's claim; a background clause
   ("-- where Kyiv launched an assault last August") and a sentence without
   attribution are the outlet's own narrative ("media").
   A denied event is kept with ``negated=True`` (and hedged): a denial before
   it ("Kyiv denied that X had been taken"; a passive denied claim is the
   denier's opponent's), a negated event word ("have not captured X"), or a
   falsity statement after it ("... This is not true").  The row keeps the
   *claimed* event and controller so the store marks it and the claim it
   denies as contested; ``timeline`` should not count it as control.
7. The event date (see :mod:`frontmap.dates`): a time expression in the
   event's own clause (not one that belongs to a later event word of the
   clause, unless that word hangs on "during its ...": "retaken during its
   counteroffensive in late 2022"); else the statement date ("X said on Thursday that ... had
   captured Y"), which also anchors ranges ("over the past week"); else one in
   a clause with no event of its own; else, for a quotation or continuation,
   the last statement date (``date_basis="context"``); else, when the sentence
   reports news (an attribution, present or present-perfect tense, a headline)
   the publication date (``date_basis="article_date"``); else unknown.  An
   undated past ("earlier", "previously") stays unknown.
8. One claim per (sentence, place, event, side); events of one side on one place in
   a sentence collapse to the strongest; an article's headline and its
   quotations that restate a claim already made (same place, event, side and
   date) are not counted again.  "The town"/"the region" go to the place the
   article is about when the places stage linked a less salient one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from frontmap.dates import UNKNOWN, DateMatch, EventDate, find_dates
from frontmap.errors import ValidationError
from frontmap.lexicon import ActorMatch, Lexicon, Trigger, default_lexicon, load_lexicon

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from frontmap.articles import Article
    from frontmap.gazetteer import Gazetteer
    from frontmap.mentions import Mention

log = logging.getLogger(__name__)

# patterns used inside functions, compiled once
_RX_BACK_PLACE_1 = re.compile(r"\b(?:to|by)$")
_RX_BACK_PLACE_2 = re.compile(r"^[\s,;]*(?:and|since|before|until)\b", re.IGNORECASE)
_RX_BACK_PLACE_3 = re.compile(r"\bwhere\b")
_RX_BACK_PLACE_4 = re.compile(r"\b(?:was|is|became|remains)\b")
_RX_CLAIMANT_AFTER_1 = re.compile(r"\s*([^,;.()\"“”]+)")
_RX_CLAIMANT_BEFORE_1 = re.compile(r"(?<!\d),|,(?!\d)|[;:()\"“”«»]|\s[-–—]+\s|\bthat\b|\s(?:soon\s+|shortly\s+|just\s+)?(?:after|before|since|because|until|once)\s")
_RX_CLAIMANT_BEFORE_2 = re.compile(r"\s(?:has|have|had|is|are|was|were|been|will|would)\s")
_RX_FIND_CLAIMANT_1 = re.compile(r"(?:\s+(?:on|in|via|to)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?\s+by\s+")
_RX_FIND_CLAIMANT_2 = re.compile(r"\b(?:not|never|yet to|n[’']t)\s+(?:\w+\s+)?$")
_RX_FIND_CLAIMANT_3 = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$")
_RX_FIND_CLAIMANT_4 = re.compile(r"[\"”’,]\s*$")
_RX_FIND_CLAIMANT_5 = re.compile(r"(?:[\w-]+\s+)?(?:said|says|told|added)", re.IGNORECASE)
_RX_FIND_CLAIMANT_6 = re.compile(r"(?:[A-Z]|(?:the|a|an|local|regional|its|his|her)\s)")
_RX_GOAL_SCOPE_1 = re.compile(r"^[\s,;]*(?:as well as|and|or)\b", re.IGNORECASE)
_RX_IS_DENIED_1 = re.compile(r"\w")
_RX_IS_DENIED_2 = re.compile(r"\b(?:but|however|while|whereas|но|однако|але|проте)\b|;", re.IGNORECASE)
_RX_IS_DENIED_3 = re.compile(r"\b\w+\b")
_RX_IS_HEADLINE_1 = re.compile(r"[.!?\"”’)]\s*$")
_RX_IS_LOCATOR_1 = re.compile(r"\s*,?\s*(?:and|or|as well as)\s+(?:\w+\s+)?(?:(?:north|south)?-?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?)\s+of\b", re.IGNORECASE)
_RX_IS_LOCATOR_2 = re.compile(r"\b(?:direction|front|axis|sector)$", re.IGNORECASE)
_RX_IS_LOCATOR_3 = re.compile(r"[;]|\b(?:and|or|but)\b")
_RX_IS_LOCATOR_4 = re.compile(r"(?:\s*(?:direction|front|axis|sector|settlements?|villages?|towns?|areas?))?,\s*")
_RX_IS_LOCATOR_5 = re.compile(r"\b(?:north|south|east|west|near|outside)", re.IGNORECASE)
_RX_IS_LOCATOR_6 = re.compile(r"\b(?:of|south|north|east|west)\b")
_RX_IS_LOCATOR_7 = re.compile(r"\b(?:region|oblast|province|republic|district|raion|krai)\s+of\s+$", re.IGNORECASE)
_RX_MERGE_REPELLED_1 = re.compile(r"[,;:]|\b(?:but|while|whereas|then|said)\b")
_RX_RESOLVE_ACTOR_1 = re.compile(r"(?:we|our|us)\b", re.IGNORECASE)
_RX_SENTENCE_CLAIMS_1 = re.compile(r"\bto\s+$")
_RX_SIDES_FOR_1 = re.compile(r"\bto$", re.IGNORECASE)
_RX_SIDES_FOR_2 = re.compile(r"\bflags?\b|\bunder\b.*\bcontrol\b", re.IGNORECASE)
_RX_SIDES_FOR_3 = re.compile(r"\b(?:by|to)\b", re.IGNORECASE)
_RX_SIDES_FOR_4 = re.compile(r"[,;:]|\b(?:of|from|to|by|that|said|says|and|in|on|at|with)\b", re.IGNORECASE)
_RX_SIDES_FOR_5 = re.compile(r"\bby\s+(?:the\s+)?$")
_RX_SIDES_FOR_6 = re.compile(r"[,;]")
_RX_SIDES_FOR_7 = re.compile(r"\s*(?:of|by|from)\b")
_RX_SIDES_FOR_8 = re.compile(r"[,;:]")
_RX_SIDE_BEFORE_1 = re.compile(r"\b(?:of|in|into|from|to|against|across)\s+(?:the\s+)?(?:[a-z]+\s+)?$")
_RX_SIDE_BEFORE_2 = re.compile(r"[’']s$")
_RX_SPLIT_SENTENCES_1 = re.compile(r"([\w.]+)[.!?]+[\"'”’»)\]]*$")
_RX_SPLIT_SENTENCES_2 = re.compile(r"(?:[a-z]\.)+[a-z]")
_RX_USABLE_PLACES_1 = re.compile(r"\baccording to\s+$")
_RX_WORDS_BETWEEN_1 = re.compile(r"\b(?:the|a|an)\s+(?:\w+\s+){0,2}?(?:village|town|city|settlement|hamlet|region|oblast|area|district)s?\s+of\b", re.IGNORECASE)

__all__ = [
    "Claim",
    "CLAIM_COLUMNS",
    "JSON_KEYS",
    "extract",
    "extract_article",
    "claims_frame",
    "validate_claims",
    "split_sentences",
]

#: Columns of the claims table, in order (docs/contracts.md).  The contract's
#: columns come first; ``date_basis`` and ``trigger`` are frontmap extensions.
#:
#: article, published (ISO date | None), url, outlet -- the source;
#: place (as written), name, place_id, lat, lon, kind, coord_precision, admin1,
#: country -- the resolved place; event (capture | withdrawal | advance |
#: attack | incursion | other | mention), controller and actor (side codes or
#: None), claimant, claimant_class (ru_official | ua_official | independent |
#: media | blogger | other), hedged; event_date ("YYYY-MM-DD" | "YYYY-MM" |
#: "YYYY" | None), date_precision (day | month | year | range | unknown),
#: date_start, date_end (ISO days the date covers); sentence, sentence_start,
#: sentence_end, mention_start, mention_end (character offsets in the article
#: text); confidence (0..1); claim_id (stable hash of article + sentence span +
#: place_id + event); date_basis (explicit | relative | approximate | context |
#: article_date | unknown); trigger (the event words as written); negated (bool:
#: the sentence denies the claimed event -- "Kyiv denied that Russian troops had
#: taken X", "the Russians have not captured X", "This is not true" after a claim;
#: the row keeps the *claimed* event and controller, so a claim and its denial
#: share a controller and the store marks them contested).
CLAIM_COLUMNS: tuple[str, ...] = (
    "article", "published", "url", "outlet",
    "place", "name", "place_id", "lat", "lon", "kind", "coord_precision", "admin1", "country",
    "event", "controller", "actor", "claimant", "claimant_class", "hedged",
    "event_date", "date_precision", "date_start", "date_end",
    "sentence", "sentence_start", "sentence_end", "mention_start", "mention_end",
    "confidence", "claim_id",
    "date_basis", "trigger", "negated",
)

#: Keys of one JSON line (``frontmap extract`` without ``-o``), in order; the
#: remaining columns follow them.
JSON_KEYS: tuple[str, ...] = (
    "article", "published", "place", "name", "place_id", "lat", "lon", "kind", "event", "controller",
    "actor", "claimant", "hedged", "event_date", "date_precision", "sentence", "confidence",
)

#: Columns a table written before they existed may lack (read as False).
_OPTIONAL_COLUMNS = frozenset({"negated"})

EVENTS = ("capture", "withdrawal", "advance", "attack", "incursion", "other", "mention")
CLAIMANT_CLASSES = ("ru_official", "ua_official", "independent", "media", "blogger", "other")


@dataclass(frozen=True, slots=True)
class Claim:
    """One claimed event at one resolved place (a row of the claims table)."""

    article: str
    published: str | None
    url: str | None
    outlet: str | None
    place: str
    name: str
    place_id: str
    lat: float
    lon: float
    kind: str
    coord_precision: str
    admin1: str | None
    country: str | None
    event: str
    controller: str | None
    actor: str | None
    claimant: str
    claimant_class: str
    hedged: bool
    event_date: str | None
    date_precision: str
    date_start: str | None
    date_end: str | None
    sentence: str
    sentence_start: int
    sentence_end: int
    mention_start: int
    mention_end: int
    confidence: float
    claim_id: str
    date_basis: str = "unknown"
    trigger: str = ""
    negated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The claim as a dict in :data:`CLAIM_COLUMNS` order."""
        return {name: getattr(self, name) for name in CLAIM_COLUMNS}

    def to_json_dict(self) -> dict[str, Any]:
        """The claim as a dict with :data:`JSON_KEYS` first, then the other columns."""
        d = self.to_dict()
        return {**{k: d[k] for k in JSON_KEYS}, **{k: v for k, v in d.items() if k not in JSON_KEYS}}


# ---------------------------------------------------------------- sentences
_ABBREVIATIONS = frozenset(
    """u.s u.k u.n e.u gen lt col maj sgt capt cpt cmdr adm brig mr mrs ms dr st no nos jan feb mar apr
    jun jul aug sep sept oct nov dec e.g i.e vs approx est govt gov pres prof jr sr inc ltd co corp mt ft
    rep sen rev fig al op p.m a.m""".split()
)
# a stop after this many word characters cannot end an abbreviation or an initial
_LONG_WORD = max(map(len, _ABBREVIATIONS)) + 1
# a full stop glued to the next sentence by a copy-paste ("other communities.The surprise ...") also ends one
# (every branch starts with the character it needs, so the regex engine skips ahead to those quickly)
_BOUNDARY = re.compile(r"[.!?]+(?:[\"'”’»)\]]+)?(?=\s)|\n|\.(?<=[a-z]{4}\.)(?=[A-Z][a-z]{2,}\b)")
_NEXT_START = re.compile(r"\s*[\"'“‘«(\[]?[A-ZА-ЯЁІЇЄҐ0-9]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentences, as ``(start, end)`` offsets (whitespace trimmed).

    A line break always ends a sentence (articles are paragraphs); ``.``, ``!``
    or ``?`` end one when the next word starts with a capital, a digit or a
    quotation mark, and the word before is not an abbreviation ("U.S.", "Gen.",
    "Jan.") or an initial ("J.").
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        stop = m.group(0)
        if stop != "\n":
            if not _NEXT_START.match(text, end):
                continue
            p = m.start()
            if p - _LONG_WORD >= start and text[p - _LONG_WORD : p].isalnum():
                spans.append((start, end))  # a long word ends here ("... the ministry said.")
                start = end
                continue
            # the word before the stop (a glued stop is not followed by a space: look from after it)
            before = end if stop == "." and end < len(text) and not text[end].isspace() else m.start()
            word = _RX_SPLIT_SENTENCES_1.search(text[max(start, before - 20) : end])
            if word:
                w = word.group(1).lower().rstrip(".")
                if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or _RX_SPLIT_SENTENCES_2.fullmatch(w):
                    continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            out.append((s + left, s + right))
    return out


_CLAUSE_BREAK = re.compile(
    r";|\s[-–—]{1,2}\s|—|,[\"”](?=\s+(?:[\w’'-]+\s+){0,6}?(?:said|says|told|added|wrote|stated|noted|claimed)\b)|,\s*[\"”']?\s*(?=(?:but|while|whereas|although|though|as|after|following|which|where|who|when|"
    r"since|before|and|amid|despite|however|meanwhile|even as|with)\b)|\s(?=(?:but|whereas|while|although|after|following|where|which)\s)|"
    r"\s(?=since\s+(?!(?:january|february|march|april|may|june|july|august|september|october|november|december|\d|the\s+(?:start|beginning|end)|then|last|early|late|mid)))",
    re.IGNORECASE,
)


_LIST_AFTER_SEMICOLON = re.compile(r";\s*(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?,\s*){2,}")


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0]
    for m in _CLAUSE_BREAK.finditer(text):
        if _LIST_AFTER_SEMICOLON.match(text, m.start()):
            continue  # "in the areas of A, X region; B, C, D of the Y region": one list
        cuts.append(m.start())
    cuts.append(len(text))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if b > a:
            out.append((a, b))
    return out or [(0, len(text))]


# ---------------------------------------------------------------- small patterns
_OBJECT_PREP = re.compile(
    r"\b(?:of|from|against|on|at|with|to|into|towards?|than|between|for|near|about|over|under|by|across|behind|upon|in|inside|"
    r"within|throughout)\s+(?:the\s+)?(?:(?:(?:north|south)?-?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|central|occupied)\s+)?$",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are|get|got|gets)\s+(?:(?:\w+ly|almost|nearly|already|also|now|all but)\s+){0,2}[\"“'‘]?$",
                      re.IGNORECASE)
_BY_AGENT = re.compile(r"^\s*[\"”'’]?\s*by\s+(?:the\s+)?", re.IGNORECASE)
_NEAR = re.compile(
    r"\b(?:под(?!\s+контрол)|около|возле|вблизи|біля|поблизу|під(?!\s+контрол))\s+(?:[\w-]+\s+)?$|"
    r"\b(?:near|around|outside|close to|in the (?:area|vicinity) of|on the (?:outskirts|approaches) of|towards?|"
    r"positions? near|direction of|approaches to|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|"
    r"(?:\d+|a few|several)\s+(?:km|kilomet(?:er|re)s?|miles?)\s+(?:from|of))\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_DIRECTION_OF = re.compile(
    r"(?:\b\d+(?:[.,]\d+)?\s*(?:km|kilomet(?:er|re)s?|miles?)\s*(?:\([^)]*\)\s*)?)?"
    r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?(?:\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$|"
    r"\b(?:near|outside|from|of|in|on|at)\s+(?:the\s+|its\s+|their\s+|[\w-]+[’']s\s+)?(?:[a-z][\w-]*\s+){0,2}"
    r"(?:(?:town|city|village|settlement|hub|capital|region|oblast|stronghold)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_LOCATOR_AFTER = re.compile(r"^\s*(?:direction|front|axis|sector|frontline|front line)\b", re.IGNORECASE)
_BORDER_BEFORE = re.compile(r"\b(?:border|borders|frontier|boundary)\s+(?:with|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_DIRECTION_BEFORE = re.compile(r"\b(?:direction|axis)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# "advancing in the direction of X": where a movement heads, not a stretch of front
_MOTION_DIRECTION = re.compile(
    r"\b(?:advanc(?:e|es|ed|ing)|push(?:es|ed|ing)?|mov(?:e|es|ed|ing)|head(?:s|ed|ing)?|press(?:es|ed|ing)?)\s+"
    r"(?:(?:further|deeper|forward|steadily|rapidly|slowly|quickly)\s+)?in\s+the\s+direction\s+of\s+(?:the\s+)?$",
    re.IGNORECASE)
_TITLE_AFTER = re.compile(
    r"^\s*(?:Oblast\s+|region(?:al)?\s+|province\s+)?(?:governor|Governor|Military Administration|military administration|"
    r"administration|Administration|head|official|authorities|mayor|Mayor|police|council|Council|prosecutor)\b"
)
_PRESENT = re.compile(r"\b(?:has|have|is|are|now|currently|am|'s been|continues?|remains?)\b", re.IGNORECASE)
_SPATIAL_PREP = re.compile(r"(?<!statement from )(?<!statements from )(?<!word from )(?<!officials from )(?<!aid from )"
                           r"(?<!support from )(?<!help from )(?<!reports from )(?<!news from )(?<!response from )"
                           r"\b(?:in|into|on|near|at|towards?|over|outside|to|around|of|from|out of)\s+(?:the\s+)?$", re.IGNORECASE)
_LAUNCH = re.compile(r"\blaunch(?:ed|es|ing)?\s+(?:a|an|the|its|their)?\s*(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_CROSSING = re.compile(r"(?:enter|push|encroach|infiltrat|cross|br(?:o|ea)k\w* through|moves? into|(?:km|kilomet|mile)\w* deep)",
                       re.IGNORECASE)
_REMOTE = re.compile(r"\b(?:missile|drone|air|airstrike|rocket|bomb|glide)", re.IGNORECASE)
_ADJECTIVAL = re.compile(r"(?:-|\b)(?:held|controlled|occupied|annexed)$|^occup", re.IGNORECASE)
_NOMINAL = re.compile(
    r"^(?:capture|recapture|fall|liberation|loss|withdrawal|retreat|pullback|pull-out|advances?|attacks?|assaults?|"
    r"offensive|counter-?\s?offensive|incursions?|strikes?|breakthrough|shelling|bombardment|storming|siege|annexation)\b|"
    r"(?:attack|strike|advance|offensive)s?(?: on| of)?$",
    re.IGNORECASE,
)
_ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
_STOPPED_AFTER = re.compile(
    r"^[^,;]{0,80}?\b(?:was|were|are|is|been|being)\s+(?:\w+ly\s+)?(?:repell?ed|repulsed|thwarted|halted|stopped|foiled|"
    r"suppressed|beaten back|pushed back|blocked|rebuffed)\b"
    r"|^[^,;]{0,80}?\b(?:отбиты|отбита|отражены|отражена|відбито|відбиті|відбита)\b",
    re.IGNORECASE,
)
_DESTINATION = re.compile(r"\b(?:to|towards?|into)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)
# "entered settlements on the way to X", "villages en route to X": X is where they are heading, not the event place
_ON_THE_WAY = re.compile(r"\b(?:on|along)\s+(?:the|their|its)\s+(?:way|road|route|path)\s+to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$|"
                         r"\ben\s+route\s+to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
# "withdraw to the X line southeast of Y": past a withdrawal's destination, places only locate it
_DESTINATION_LINE = re.compile(r"\b(?:to|towards?)\s+(?:the\s+|a\s+|new\s+)*(?:[\w'’-]+\s+){0,3}(?:line|positions?|defen[cs]es?|"
                               r"lines)\b[^,;.]{0,60}$", re.IGNORECASE)
# a repelled force rather than a repelled action: "repelled Russian troops from X" (X is where they were stopped)
# an appositive status: "Horlivka, a Russian-occupied hub in the Donetsk region" is about Horlivka
_APPOSITIVE_GAP = re.compile(r"\s*,\s*(?:an?|the|once\s+an?)\s+(?:(?:key|major|strategic|small|large|important|frontline|front-line|"
                             r"southern|eastern|northern|western|industrial|logistics?)\s+){0,2}", re.IGNORECASE)
_APPOSITIVE_HEAD = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:hub|city|town|village|settlement|port|stronghold|region|area|territory|"
                              r"peninsula|capital|centre|center|bastion|outpost)\b", re.IGNORECASE)
# a nominal event about a place already named: "the capture of the village", "its fall"
_BACK_REFERENCE = re.compile(r"^\s*(?:of\s+)?(?:the|this|that)\s+(?:village|town|city|settlement|hamlet|locality)\b", re.IGNORECASE)
# a status that ended: "after seven months under Ukrainian control", "for months in Russian hands"
_PAST_STATUS_BEFORE = re.compile(r"\b(?:after|for|following)\s+(?:more\s+than\s+|over\s+|almost\s+|nearly\s+|some\s+)?"
                                 r"(?:\w+\s+)?(?:days|weeks|months|years)\s+$"
                                 # "villages liberated from Russian control": that control has ended
                                 r"|\b(?:liberated|freed|recaptured|retaken|cleared|taken\s+back|won\s+back)\s+from\s+(?:the\s+)?$",
                                 re.IGNORECASE)
_DURING_BEFORE = re.compile(r"\b(?:during|amid|in the course of|as part of)\s+(?:its|their|the|a|an|his|her)\s+(?:[\w-]+\s+){0,2}$",
                            re.IGNORECASE)
# a noun event carried by a participle of a hypothetical: "X's liberation would be a milestone,
# eliminating the Russian advance in Y"
_HYPOTHETICAL_CHAIN = re.compile(r"\b(?:would|could|might)\s+(?:\w+\s+){0,2}?\w+\b[^.;:]*,\s+(?!(?:adding|saying|noting|claiming|citing)\b)\w+ing\s+"
                                 r"(?:(?:the|a|an|its|their|any)\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_GERUND_START = re.compile(r"(?:(?:still|now|firmly|fully|\w+ly)\s+)*\w+ing\b", re.IGNORECASE)
_FORCE_NOUN = re.compile(r"(?:troops|forces|units|soldiers|enemy|occupiers|invaders|groups?)$", re.IGNORECASE)
# a habitual or generic statement: "have historically repelled such incursions" reports no event
_HABITUAL_BEFORE = re.compile(r"\b(?:historically|traditionally|usually|typically|generally|normally|always|often|tend to)\s+"
                              r"(?:(?:have|has|had|been)\s+)?$", re.IGNORECASE)
# a hypothetical about a nominal event that is the subject of a modal: "A Russian breakthrough in the X area
# could reverse ...", "An assault on cities such as X could slow down ..."
_MODAL_SUBJECT_BEFORE = re.compile(r"^\W*(?:(?:an?|the|any|such|possible|potential|eventual|further|new)\s+)*(?:[\w’'-]+\s+){0,2}$",
                                   re.IGNORECASE)
_MODAL_AFTER = re.compile(r"^[^.;:!?]{0,90}?\b(?:could|would|might|may)\s+(?:(?:also|likely|probably|potentially|well|even)\s+)?"
                          r"(?!have\b|be\s+(?:independently\s+)?(?:verified|confirmed)\b)[a-z]+", re.IGNORECASE)
_INDEFINITE_OBJECT = re.compile(
    r"\b(?:a|an|one|two|three|four|five|several|\d+|another|more)\s+(?:[\w-]+\s+){0,2}?(?:villages?|towns?|settlements?|cities|city|hamlets?|"
    r"positions?|heights?|strongholds?|areas?)\s+(?:in|of|near|around|outside|east|west|north|south)\b",
    re.IGNORECASE,
)
_UNNAMED_HEAD = re.compile(
    r"\b(?:(?:villages|towns|settlements|hamlets|areas|parts|territor(?:y|ies))\s+in|"
    r"(?:village|town|settlement|hamlet|area|part)\s+(?:(?:situated|located|lying)\s+)?in)\s+(?:the\s+)?(?:[\w-]+\s+|[\w-]+[’']s\s+(?:[\w-]+\s+)?(?=.{0,40}$)){0,2}$",
    re.IGNORECASE,
)
_PARTIAL = re.compile(r"\b(?:areas?|parts?|bank|side|territor(?:y|ies)|sections?|pockets?|outskirts|districts?|villages|towns|settlements|"
                      r"majority|most|half|bulk|percent|%)\b", re.IGNORECASE)
_OPEN_OBJECT = re.compile(
    r"^\s*[\"”'’]?\s*(?:$|[,.;:!?)\"”]|—|--|-|(?:and|but|or|in|on|at|near|after|before|since|over|during|by|with|as|following|"
    r"to|from|it|them|some|part|parts|most|back|completely|fully|partially|entirely|earlier|later|last|this|yesterday|today|overnight|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
    re.IGNORECASE,
)
# a goal stated earlier in the clause governs the event words coordinated after it ("continues to
# focus on taking control of X, Y, as well as establishing full control over Z")
_GOAL_BEFORE = re.compile(
    r"\b(?:focus(?:es|ed|ing)? (?:\w+ )?on|aim(?:s|ed|ing)? (?:at|to)|goals? (?:is|was|of)|objectives? (?:is|was|of)|in order to|"
    r"plans? to|planned to|intends? to|wants? to|seeks? to|sought to)\b(?:(?![;.\"“”]|\b(?:said|says|told|asked|but)\b).){0,120}$",
    re.IGNORECASE,
)
# negation of the event word itself: "have not captured", "never took", "failed to take"
_CYR_IN_PREFIX = re.compile(r"^(?:в|во|у)\s+(?=[А-ЯЁІЇЄҐ])")
_NOT_BEFORE = re.compile(
    r"\b(?:not|never|no longer|n[’']t|failed to|fail to|fails to|не)\s+(?:\w+ly\s+)?(?:yet\s+|even\s+|been\s+|be\s+)?[\"“'‘]?$",
    re.IGNORECASE,
)
# a statement that a claim is false: "This is not true", "the claims are false", "does not correspond to reality"
_FALSITY = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:simply\s+|absolutely\s+|completely\s+|entirely\s+|totally\s+|utterly\s+|wholly\s+)?(?:not true|untrue|false|fake|a lie|lies|"
    r"a fabrication|disinformation|propaganda)|does not correspond to (?:the )?reality|do not correspond to (?:the )?reality|"
    r"(?:has|have) nothing to do with reality)\b",
    re.IGNORECASE,
)
_FALSITY_SUBJECT = re.compile(r"^\W*(?:this|that|it|these|those|such|the|their|its|his|russian|ukrainian|moscow[’']s|kyiv[’']s)\b",
                              re.IGNORECASE)
# an attempt, not an achievement: "has been trying to capture X" is an attack on X
_ATTEMPT_BEFORE = re.compile(
    r"\b(?:try|tries|tried|trying|attempt(?:s|ed|ing)?|struggl(?:e|es|ed|ing)|sought|seeking|fighting|push(?:ed|ing)?)\s+to\s+"
    r"(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)
# a hypothetical after a nominal event: "X's capture would be a milestone", "the liberation of X would mark"
_HYPOTHETICAL_AFTER = re.compile(
    r"^[^,;.]{0,50}?\b(?:would|will)\s+(?:(?:also|likely|probably)\s+)?(?:be|mark|provide|give|allow|open|deal|put|make|"
    r"represent|hand|cut|threaten|become)\b",
    re.IGNORECASE,
)
_IF_CONFIRMED = re.compile(r"\bif (?:confirmed|true|verified)\b", re.IGNORECASE)
# a place name that is the first word of an organisation's ("the Los Angeles Times", "the Kyiv Post")
_ORG_AFTER = re.compile(
    r"^\s+(?:Times|Post|Independent|Herald|Tribune|Journal|Gazette|Telegraph|Pravda|Institute|University|Daily|Observer|"
    r"Sun|Star|Mirror|Chronicle|Review|Dispatch|Record|Courier|Bulletin)\b")
# a civilian subject: "residents needed to leave the city" is no military withdrawal
_CIVILIAN_BEFORE = re.compile(
    r"\b(?:residents|civilians|people|families|children|inhabitants|locals|population|refugees|evacuees|citizens|"
    r"pensioners|women)\b(?:\s+[\w'’-]+){0,4}\s*$",
    re.IGNORECASE,
)
_FIGHTING = re.compile(r"^(?:\w+ )?(?:fighting|battles?|clashes|combat|hostilities)\b(?! operations)", re.IGNORECASE)
# a failed action: "3 unsuccessful attacks on X", "tried in vain to storm X": the defender holds X
_FAILED_BEFORE = re.compile(r"\b(?:unsuccessful(?:ly)?|failed|futile|fruitless|abortive)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_FAILED_AFTER = re.compile(r"^[^,;.]{0,60}?\b(?:in vain|unsuccessfully|without success|to no avail)\b", re.IGNORECASE)
# "stormed X on Tuesday, which failed"
_FAILED_WHICH = re.compile(r"[^.;]{0,80}?,\s*(?:which|that)\s+(?:(?:was|were|had)\s+)?(?:failed|been\s+repelled|repelled|"
                           r"unsuccessful|thwarted|foiled)\b", re.IGNORECASE)
# "It is the latest town to fall": "it" is the settlement named before
# "There, Russians are storming ...": a locative "there" points at the places the sentence
# before names (not an existential "There are ...")
_THERE = re.compile(r"^\W*(?P<there>There),\s+(?!(?:is|are|was|were|has|have|had|will|would|may|might|could|seems?|appears?)\b)")
_THERE_LOCATOR = re.compile(r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|from|to|towards?|border with)\s+"
                            r"(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_THERE_MAX = 8
_THERE_CONFIDENCE = 0.8

_LATEST_TO_FALL = re.compile(
    r"^\W*(?P<it>It|This)\s+(?:is|was|became|becomes|marks|has become|would be)\s+(?:also\s+)?(?:the|a)\s+"
    r"(?:latest|first|second|third|last|largest|biggest|next|\w+est)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:town|city|village|settlement|locality|community|stronghold|hub)\s+(?:to\s+(?:fall|be\s+(?:captured|taken|liberated|seized|"
    r"recaptured|retaken|lost))|(?:that\s+)?(?:Russia|Ukraine|Moscow|Kyiv)?\s*(?:has\s+|have\s+)?(?:captured|taken|liberated|seized|"
    r"retaken|recaptured|lost))\b")
# "This was stated by X": the claimant of the sentence before
_STATED_BY = re.compile(
    r"^\W*(?:This|That|It|These|The information)\s+(?:was|were|has been|have been|is)\s+(?:\w+ly\s+)?(?:stated|reported|said|announced|"
    r"confirmed|written|posted|claimed)\s+by\s+(?:the\s+)?(?P<who>[^,.;:(]{3,90}?)(?=\s*(?:[,.;:(]|\s+(?:on|in|during|at|via)\s|$))")
_ENEMY_CLAIMANT = re.compile(r"(?:the\s+)?(?:enemy|adversary|opponent)(?:\s+side)?", re.IGNORECASE)
_LOCATED_BEFORE = re.compile(r"\b(?:located|situated|lies|lying|lie|based|is|are)\s+(?:just\s+)?(?:in|inside|within)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
                             re.IGNORECASE)
_QUOTED_WORDS = re.compile(r"[“«\"][^”»\"]{2,}[”»\"]")
_HEDGING_VERB = re.compile(r"hinted|alleged|suggested", re.IGNORECASE)
_WORD = re.compile(r"[\w'’-]+")
_QUOTE_OPEN = "\"“«"
_QUOTE_MARK = re.compile("[\"“«”»]")  # the marks ``_update_quote_state`` counts


# the officials of each side an article may cite (for "the enemy" before any claimant is named)
_UA_SOURCE = re.compile(r"\b(?:General Staff|Syrskyi|Zaluzhn\w+|Khortytsia|Tavria|Ukrain(?:e['’]s|ian) (?:military|army|armed forces|"
                        r"defen[cs]e ministry|ministry of defen[cs]e|General Staff|officials?|commanders?|brigade)|ZSU|Генштаб\w* ВСУ|Генштаб\w* ЗСУ|"
                        r"Генеральн\w+ штаб\w* (?:ЗСУ|ВСУ|Збройних))", re.IGNORECASE)
_RU_SOURCE = re.compile(r"\b(?:Konashenkov|Shoigu|Belousov|Gerasimov|TASS|RIA Novosti|Russia['’]s (?:defen[cs]e ministry|ministry of defen[cs]e|"
                        r"military|MoD)|Russian (?:defen[cs]e ministry|ministry of defen[cs]e|MoD|military)|Минобороны России|"
                        r"Министерств\w+ обороны (?:России|РФ))", re.IGNORECASE)


@dataclass(slots=True)
class _Context:
    """What carries from one sentence to the next in an article.

    ``last_side`` is lazy: a sentence with no event word only queues its text
    (``pending``), and the sides it names are looked up when a later sentence
    reads ``last_side`` -- walking back from the latest queued sentence to the
    first one naming a side, which gives the value an eager update would.
    """

    lex: Any = None
    side: str | None = None  # the last named side, once ``pending`` is resolved
    pending: list[str] = field(default_factory=list)  # sentences since, not yet scanned for sides
    last_subject: str | None = None
    last_attacker: str | None = None  # the side that attacked last (a repelled attack's attacker too)
    said_by: str | None = None  # the claimant named last, once ``unheard`` is resolved
    said_side: str | None = None
    # sentences with no event word whose claimant is not looked up yet (``claimant`` walks back
    # through them when a later sentence needs it), and what the article's sentences are
    unheard: list[_Unheard] = field(default_factory=list)
    article: Any = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    si: int = 0  # the sentence being read
    # [sentence index, statement date or None -- or, for a sentence with no event word, its
    # ``_Unheard`` until a later sentence asks for its statement date (``recent_statement``)]
    statements: list[list[Any]] = field(default_factory=list)
    in_quote: bool = False
    continuation: bool = False
    headline: bool = False
    _source_side: Any = False  # (see source_side; False: not looked up yet)
    side_from_context: bool = False  # the last event names no side (a passive, or none at all)
    place_sides: dict[str, str] = field(default_factory=dict)  # place id -> the side that took it last (captures)

    @property
    def claimant(self) -> str | None:
        """The claimant named last (not the outlet), carried from sentence to sentence."""
        if self.unheard:
            self._hear()
        return self.said_by

    @property
    def claimant_side(self) -> str | None:
        """The side of :attr:`claimant`."""
        if self.unheard:
            self._hear()
        return self.said_side

    @property
    def source_side(self) -> str | None:
        """The side whose officials are the article's only named source ("the General Staff"
        summaries say "the enemy" of Russia), else None; looked up once per article."""
        if self._source_side is False:
            text = getattr(self.article, "text", "") or ""
            ua, ru = bool(_UA_SOURCE.search(text)), bool(_RU_SOURCE.search(text))
            self._source_side = "UA" if ua and not ru else "RU" if ru and not ua else None
        return self._source_side  # type: ignore[return-value]

    def heard(self, claimant: str, side: str | None) -> None:
        """A sentence named its claimant: the earlier ones no longer matter for it."""
        self.said_by, self.said_side = claimant, side
        self.unheard.clear()

    def _hear(self) -> None:
        """Resolve the claimants of the sentences in ``unheard``: from the latest one whose
        claimant does not depend on the one before (a named, non-anaphoric phrase) -- or from
        the first -- forward, as the eager update would have."""
        pend = self.unheard
        start = 0
        for i in range(len(pend) - 1, -1, -1):
            who = pend[i].found(self.lex)[0]
            if who and not _ENEMY_CLAIMANT.fullmatch(who) and not self.lex.is_anaphoric(who):
                start = i
                break
        self.unheard = []  # the speakers below read ``claimant``: what came before is resolved
        for u in pend[start:]:
            sp = _speaker(u.sent, self.lex, self, [], None, self.article, self.sentences, u.si, u.started_in_quote,
                          found=u.found(self.lex))
            if sp.text is not None:
                self.said_by, self.said_side = sp.text, sp.side

    def recent_statement(self) -> EventDate | None:
        """The statement date of the latest of the four sentences before this one that
        has one ("X said on Thursday"), else None; a statement date is looked up only here."""
        for entry in reversed(self.statements):
            j = entry[0]
            if j >= self.si:
                continue
            if j < self.si - 4:
                break
            if isinstance(entry[1], _Unheard):
                u = entry[1]
                sent, published, attr_pos = u.sent, self.article.published, u.found(self.lex)[1]
                if attr_pos is None:  # no reporting verb: no statement date
                    entry[1] = None
                    continue
                dates = find_dates(sent, published)
                clauses = _clauses(sent) if dates else [(0, len(sent))]
                statement = _statement_date(sent, published, dates, clauses, [], attr_pos)[1]
                entry[1] = statement.date if statement is not None else None
            if entry[1] is not None:
                return entry[1]  # type: ignore[no-any-return]
        return None

    @property
    def last_side(self) -> str | None:
        """The side named last in the sentences so far."""
        if self.pending:
            for sent in reversed(self.pending):
                found = _last_named_side(self.lex.find_actors(sent))
                if found is not None:
                    self.side = found
                    break
            self.pending.clear()
        return self.side

    @last_side.setter
    def last_side(self, value: str | None) -> None:
        self.side = value
        self.pending.clear()


@dataclass(slots=True)
class _Unheard:
    """A sentence with no event word, its claimant not looked up yet."""

    si: int
    sent: str
    started_in_quote: bool
    claimant: tuple[str | None, int | None, str | None] | None = None  # ``_find_claimant``, once run

    def found(self, lex: Lexicon) -> tuple[str | None, int | None, str | None]:
        if self.claimant is None:
            self.claimant = _find_claimant(self.sent, lex, 0)
        return self.claimant


def _last_named_side(actors: Sequence[ActorMatch]) -> str | None:
    return next((x.side for x in reversed(actors) if x.kind == "named" and x.side), None)


@dataclass(slots=True)
class _Gov:
    """A (trigger, mention) pair found in a sentence, before dedup."""

    trigger: Trigger
    mention: Any
    event: str
    controller: str | None
    actor: str | None
    hedged: bool
    date: EventDate
    confidence: float
    own_narrative: bool = False  # a background clause: the outlet speaks, not the sentence's claimant
    negated: bool = False  # the sentence denies the event


def _words_between(text: str, a: int, b: int) -> int:
    chunk = text[a:b]
    chunk = _RX_WORDS_BETWEEN_1.sub(" ", chunk)
    return len(_WORD.findall(chunk))


def _side_before(actors: Sequence[ActorMatch], pos: int, ctx: _Context, sent: str = "") -> str | None:
    """The side a pronoun at ``pos`` stands for: the side named last before it,
    preferring names that are not "of"-complements or possessives ("a fifth of
    Ukraine", "Kyiv's bargaining chips")."""
    named = [a for a in actors if a.end <= pos and a.kind == "named" and a.side]

    def of_object(a: ActorMatch) -> bool:
        return bool(_RX_SIDE_BEFORE_1.search(sent[max(0, a.start - 20) : a.start]))

    for keep in (lambda a: not of_object(a) and not _RX_SIDE_BEFORE_2.search(a.text), lambda a: not of_object(a)):
        for a in reversed(named):
            if keep(a):
                return a.side
    if named:
        return named[-1].side
    return ctx.last_subject or ctx.last_side


_CONTINUE_TO = re.compile(r"\b(?:continu(?:e|es|ed|ing)|still\s+manag(?:e|es|ed|ing))\s+to\s+$", re.IGNORECASE)
_PARTICIPLE_SPEAKER = re.compile(r",\s*(?:insisting|saying|adding|stressing|claiming|noting|stating|asserting)(?:\s+that)?\s+$",
                                 re.IGNORECASE)
_OWN_CLAIM_GAP = re.compile(r"(?:['’]s\s+(?:\w+\s+)?(?:claims?|statements?|assertions?|reports?|announcement)|\s+(?:\w+\s+)?"
                            r"(?:claims?|claimed|said|says|announced|reported|insisted|stated))(?:\s+that)?\s+", re.IGNORECASE)
_SPEAKER_PRONOUN = re.compile(r"\b(?:said|says|claimed|claims|announced|reported|stated|added|insisted)(?:\s+that)?\s+$",
                              re.IGNORECASE)


def _resolve_actor(a: ActorMatch, actors: Sequence[ActorMatch], ctx: _Context, lex: Lexicon, claimant_side: str | None, sent: str = "") -> tuple[str | None, bool]:
    """Side of an actor match and whether it came from context."""
    if a.kind == "named":
        return a.side, False
    if a.kind == "enemy":
        # the claimant's opponent; with no claimant, the opponent of the last one quoted, else of
        # the only side whose officials the article cites
        return lex.opponent(claimant_side or ctx.claimant_side or ctx.source_side), True
    if a.kind == "generic":
        # "the military", "troops": the side acting last, else the claimant's side
        named = [x for x in actors if x.end <= a.start and x.kind == "named" and x.side]
        if named and a.start - named[-1].end < 40:
            return named[-1].side, True
        if claimant_side and (ctx.in_quote or _QUOTE_OPEN_BEFORE.search(sent, 0, a.start)):
            return claimant_side, True  # "“... units have moved to new positions,” the army said": its own
        return (ctx.last_subject or claimant_side or ctx.last_side), True
    if claimant_side and _RX_RESOLVE_ACTOR_1.match(a.text):
        return claimant_side, True  # "“Our forces are advancing”, the minister said": the speaker's side
    if _PARTICIPLE_SPEAKER.search(sent, max(0, a.start - 30), a.start):
        # "Ukraine denied reports that Russia took X, insisting its troops hold Y": the main subject's
        first = next((x for x in actors if x.end <= a.start and x.kind == "named" and x.side), None)
        if first is not None:
            return first.side, True
    speaker_named = next((x for x in reversed(actors) if x.end <= a.start and x.kind == "named" and x.side
                          and _OWN_CLAIM_GAP.fullmatch(sent[x.end : a.start])), None)
    if speaker_named is not None:
        return speaker_named.side, True  # "denied Russia's claims that its forces had seized X": Russia's
    if _SPEAKER_PRONOUN.search(sent, max(0, a.start - 24), a.start) and not any(
            x.kind in ("enemy", "named") and 0 <= a.start - x.end < 40 for x in actors):
        # "The statement said its forces had captured X": "its" is the speaker's, and a speaker
        # named only as "the statement" or "it" is the one quoted before
        side = claimant_side or ctx.claimant_side
        if side is not None:
            return side, True
    enemy = [x for x in actors if x.end <= a.start and x.kind in ("enemy", "named")]
    if enemy and enemy[-1].kind == "enemy" and a.start - enemy[-1].end < 40 and claimant_side:
        return lex.opponent(claimant_side), True  # "the enemy claims that it has taken X"
    return _side_before(actors, a.start, ctx, sent), True


# ---------------------------------------------------------------- claimant
_DATE_WORDS = re.compile(
    r"^(?:\s|on|in|late|early|also|earlier|later|last|this|today|yesterday|overnight|previously|separately|meanwhile|however|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|evening|night|afternoon|a|statement|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|\d+\w*|,)*$",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^\s*(?:that|but|and|however|while|as|after|when|where|which|because|so|though|although|also|meanwhile)\b\s*", re.IGNORECASE)


_INSTITUTION = re.compile(r"\b(?:ministry|military|army|command|general staff|spokes(?:man|woman|person)|officials?|governor|"
                          r"authorities|government|statement|commander)\b", re.IGNORECASE)
_TRAIL = re.compile(r"(?:\s+(?:meanwhile|also|earlier|later|however|previously|again|now|then|too|separately|itself|on|in|"
                    r"has|have|had|was|were|is|are|would|will))+\s*$", re.IGNORECASE)


_TRAILING_DATE = re.compile(
    r"(?:,?\s+(?:on|late|early|in|last|this)?\s*(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+\.?|[a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?)(?:\s+(?:morning|evening|night|afternoon))?)+\s*$",
    re.IGNORECASE,
)


# a chunk that is a circumstance of the statement, not who makes it ("writing on Telegram on Thursday",
# "in a statement", "speaking on national television")
_CIRCUMSTANCE = re.compile(
    r"^(?:writing|speaking|posting|commenting|appearing|responding|citing|quoted|quoting|in|on|via|through|during|at|from|"
    r"with|without|after|before|while|when|later|earlier|separately|meanwhile|also|however|though)\b",
    re.IGNORECASE,
)
# "a statement by X", "a video posted by X": the author is X
_CARRIER_BY = re.compile(
    r"^(?:an?|the|its|their)?\s*(?:[\w-]+\s+){0,2}?(?:statement|video|report|post|message|bulletin|update|footage|"
    r"photos?|images?|map|summary|briefing|announcement)s?\s+(?:[\w-]+\s+){0,4}?by\s+",
    re.IGNORECASE,
)
_TRAILING_ADVERB = re.compile(r"(?:\s+(?:[a-z]+ly|also|too|again|then|now|later|earlier|first))+$")


def _tidy_claimant(who: str) -> str:
    who = _TRAILING_DATE.sub("", who).strip(" ,.'’") or who
    who = _CYR_IN_PREFIX.sub("", who) or who  # "сообщили в Минобороны России": the ministry
    m = _CARRIER_BY.match(who)
    if m and m.end() < len(who):
        who = who[m.end() :]
    who = _TRAILING_ADVERB.sub("", who).strip(" ,.'’") or who
    return who


_INVERTING_VERB = re.compile(r"said|says|say|told|added|adds|wrote|writes|tweeted|posted", re.IGNORECASE)
_NOT_INVERTED = re.compile(
    r"\b(?:that|had|has|have|was|were|is|are|been|will|would|it|he|she|they|we|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|today|yesterday|earlier|later|on|in)\b", re.IGNORECASE)
_ATTRIBUTION_IN = re.compile(r"\s(?:told|said|says|wrote|writes|posted|tweeted|announced|reported|added|stated|refuted|denied|rejected|"
                             r"dismissed|confirmed|acknowledged|claimed|noted|insisted)\b", re.IGNORECASE)
_NOT_A_CLAIMANT = re.compile(
    r"^(?:in|on|at|by|to|with|from|into|that|this|it|there|writing|speaking|said|says|told|saying|adding|"
    r"have|has|had|been|being|was|were|is|are|be|will|would|may|might|can|could|"
    r"a statement|statement|the statement|follows|followed|follow|comes|came|amid|despite)\b"
    r"|^(?:the|a|an|these|those|its|their)$",  # "The first reports ... came from X": no claimant word
    re.IGNORECASE,
)


_PARTICIPLE_LEAD = re.compile(
    r"^[a-z]+(?:ed|ing)\s+(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|earlier|later|last|on|in|at|by|to|from|"
    r"with|during|after|before|that|via)\b")
_VERB_PHRASE = re.compile(r"\b(?:that|had|has|have|was|were|been)\b|^[a-z]+(?:ed|ing)$", re.IGNORECASE)


_ROLE_APPOSITIVE = re.compile(
    r"^(?:[Aa]n?\s+|[Tt]he\s+)?(?:[a-z-]+\s+){0,2}?(?:co-?founder|founder|head|chief|director|spokes(?:man|woman|person)|commander|"
    r"analyst|member|deputy|advis[eo]r|expert|researcher|fellow|editor|leader|secretary|minister|governor|mayor|officer|"
    r"chairman|chairwoman|chair|president|author|professor|lecturer)\s+(?:of|for|at|with|in)\b")
_ORG_APPOSITIVE = re.compile(
    r"^(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:group|project|organi[sz]ation|outlet|agency|service|monitor|website|site|channel|"
    r"think[- ]tank|institute|network|team|initiative|newspaper|broadcaster)\b", re.IGNORECASE)
_ORG_NAME = re.compile(r"(?:the\s+)?(?:[A-Z][\w&'’.-]*)(?:\s+[A-Z][\w&'’.-]*){0,3}")
_BARE_NAME = re.compile(r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’-]+){1,2}")
_ROLE_WORD = re.compile(r"\b[a-z][a-z-]{2,}\s+(?:[A-Z][\w'’.-]+\s+){0,2}[A-Z][\w'’-]+\s*$")
_NAMED_PERSON = re.compile(r"(?:^|\s)[A-Z][\w'’.-]+\s+[A-Z][\w'’-]+$")


def _not_noun_phrase(who: str) -> bool:
    """True when ``who`` is a verb phrase or circumstance, not a person, body or outlet.

    "interviewed Sunday on Ukrainian television" and "emerged that Russian forces had
    broken through" are what sits around an attribution verb, not who speaks.
    """
    return bool(_PARTICIPLE_LEAD.match(who) or _VERB_PHRASE.search(who))


# (id(lexicon), phrase) -> (lexicon, answer); the entry holds the lexicon, so its id stays unique
_EVENT_PHRASES: dict[tuple[int, str], tuple[Lexicon, bool]] = {}


def _names_an_event(lex: Lexicon, who: str) -> bool:
    """True when a would-be claimant phrase contains an event word ("worsening Russian attacks")."""
    key = (id(lex), who)
    hit = _EVENT_PHRASES.get(key)
    if hit is None or hit[0] is not lex:
        if len(_EVENT_PHRASES) > 4096:
            _EVENT_PHRASES.clear()
        hit = _EVENT_PHRASES[key] = (lex, bool(lex.find_triggers(who)))
    return hit[1]


_PLACE_PHRASE_LEAD = re.compile(r"^(?:in|near|around|at)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,3}(?:(?:region|oblast|area|province|district)\s+)?"
                                r"(?=(?:the|its|their|Ukraine|Russia|Kyiv|Moscow)\b)")


def _claimant_before(text: str, pos: int) -> str | None:
    before = text[max(0, pos - 160) : pos]
    chunks = _RX_CLAIMANT_BEFORE_1.split(before)
    for k in range(len(chunks) - 1, -1, -1):
        chunk = chunks[k].strip()
        if k > 0 and _ROLE_APPOSITIVE.match(chunk) and _NAMED_PERSON.search(chunks[k - 1].strip()) \
                and _ROLE_WORD.search(chunks[k - 1]):
            # "analyst Jane Roe, co-founder of the X Group, said": the person named with a role, not the
            # appositive (a bare name keeps its appositive role: "Ivan Roe, the head of the district")
            chunk = chunks[k - 1].strip()
        elif k > 0 and _BARE_NAME.fullmatch(chunk) and _ROLE_APPOSITIVE.match(chunks[k - 1].strip()):
            # "A spokesman for the army, Ivan Roe, said": the role and the name
            chunk = f"{chunks[k - 1].strip()}, {chunk}"
        elif k > 0 and _ORG_APPOSITIVE.match(chunk) and _ORG_NAME.fullmatch(chunks[k - 1].strip()):
            # "DeepState, a Ukrainian group of military analysts, reported": the organisation's name
            chunk = chunks[k - 1].strip()
        if not chunk or _DATE_WORDS.match(chunk):
            continue
        chunk = _LEAD.sub("", chunk).strip()
        lead_place = _PLACE_PHRASE_LEAD.match(chunk)
        if lead_place and lead_place.end() < len(chunk):
            chunk = chunk[lead_place.end():]  # "in the Kharkiv region the military stated"
        if _CIRCUMSTANCE.match(chunk) or _PARTICIPLE_LEAD.match(chunk):
            continue  # "..., interviewed Sunday on television, said": the speaker is before it
        carrier = _CARRIER_BY.match(chunk)
        if carrier and carrier.end() < len(chunk):
            chunk = chunk[carrier.end() :]  # "a video posted on Twitter by a reporter for X"  # "The ministry, writing on Telegram on Thursday, said": the ministry speaks
        if _ATTRIBUTION_IN.search(chunk):
            # "its governor X told Ukrainian television, saying": who speaks is before the inner verb
            head = chunk[: _ATTRIBUTION_IN.search(chunk).start()].strip()
            if head:
                chunk = head
        chunk = _RX_CLAIMANT_BEFORE_2.split(chunk)[0]
        chunk = _TRAIL.sub("", chunk).strip()
        words = chunk.split()
        if not words:
            continue
        return " ".join(words[-9:]).strip(" .'’")
    return None


def _claimant_after(text: str, pos: int) -> str | None:
    after = text[pos : pos + 160]
    m = _RX_CLAIMANT_AFTER_1.match(after)
    if not m:
        return None
    words = m.group(1).split()
    return " ".join(words[:9]).strip(" .'’") or None


def _find_claimant(text: str, lex: Lexicon, trigger_pos: int) -> tuple[str | None, int | None, str | None]:
    """The claimant phrase for an event at ``trigger_pos``: (phrase, position, attribution verb)."""
    attrs = lex.find_attributions(text)
    if not attrs:
        return None, None, None
    before = [a for a in attrs if a[0] <= trigger_pos]
    after = [a for a in attrs if a[0] > trigger_pos]
    ordered = list(reversed(before)) + after
    for s, e, kind in ordered:
        if kind == "verb" and _RX_FIND_CLAIMANT_2.search(text[max(0, s - 24) : s]):
            continue  # "which Russia has not confirmed": Russia claims nothing
        if kind == "verb" and _DETERMINER_BEFORE.search(text, max(0, s - 12), s):
            continue  # "the alleged capture", "its reported advance": an adjective, nobody speaks
        by = _RX_FIND_CLAIMANT_1.match(text[e : e + 40])
        if kind == "verb" and not by and _RX_FIND_CLAIMANT_3.search(text[max(0, s - 20) : s]):
            continue  # "videos ... have been published online": a passive report names no claimant
        if kind == "before" or by:  # "according to X", "a video published (on Twitter) by X"
            who = _claimant_after(text, e + (by.end() if by else 0))
        else:
            who = _claimant_before(text, s)
            prev = text[max(0, s - 3) : s]
            inverted = None
            if _RX_FIND_CLAIMANT_4.search(prev) and _INVERTING_VERB.fullmatch(text[s:e]):
                after = _claimant_after(text, e)
                if after and not _DATE_WORDS.match(after) and not _NOT_INVERTED.search(after) and _RX_FIND_CLAIMANT_6.match(after):
                    inverted = after  # "X was taken, says local governor Y"
            if inverted:
                who = inverted
            elif who is None:
                who = _claimant_after(text, e)
            if who and _RX_FIND_CLAIMANT_5.fullmatch(who):
                who = None
            if who is None:
                who = _claimant_after(text, e)
        if who and who.lower() in ("who", "which"):
            ante = _RELATIVE_ANTECEDENT.search(text, 0, s)
            who = ante.group(1) if ante else None  # "said Smirnov, who wrote that ...": Smirnov
        if who and _THE_STATEMENT.match(who):
            return "the statement", s, text[s:e]  # "The statement on Saturday said": the one quoted before
        if who:
            who = _tidy_claimant(who)
            if _NOT_A_CLAIMANT.match(who) or _not_noun_phrase(who) or _names_an_event(lex, who) or _quoted(text, who):
                continue  # "citing worsening Russian attacks": an event, not who tells it  # a verb phrase or circumstance ("in a statement"): look at the next attribution
            return who, s, text[s:e]
    return None, None, None


_THE_STATEMENT = re.compile(r"^the\s+(?:statement|report|announcement)(?:\s+(?:on|late|early|this|last)\b.*)?$", re.IGNORECASE)
_RELATIVE_ANTECEDENT = re.compile(r"((?:the\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’-]+){0,3})\s*,\s*(?:who|which)\s+(?:\w+\s+)?$")


def _quoted(text: str, who: str) -> bool:
    """Whether ``who`` is only a quoted phrase of the text ("withdrawn to 'more advantageous positions'")."""
    k = text.find(who)
    return k > 0 and text[k - 1] in "\"“«'‘" and text[k + len(who): k + len(who) + 1] in ("\"", "”", "»", "'", "’")


# ---------------------------------------------------------------- the extractor
def _place_attr(place: Any, name: str, default: Any = None) -> Any:
    return getattr(place, name, default) if place is not None else default


def _is_locator(text: str, m_start: int, m_end: int, mention: Any, prior: Sequence[Any], triggers: Sequence[Trigger]) -> bool:
    before = text[max(0, m_start - 80) : m_start]
    after = text[m_end : m_end + 20]
    if _BORDER_BEFORE.search(before):
        return True  # "towards the border with the Dnipropetrovsk region"
    if _SPEAKERS_IN.search(before):
        return True  # "officials in Kyiv and Moscow blamed each other": where the speakers sit
    if _CONTAINER_BEFORE.search(before):
        return True  # "the Izium Raion district in Kharkiv", "a suburb of Donetsk": it only locates
    if _LOCATOR_AFTER.match(after) or _RX_IS_LOCATOR_2.search(mention.text) or (
            _DIRECTION_BEFORE.search(before) and not _MOTION_DIRECTION.search(before)):
        return True  # "the Pokrovsk direction": a stretch of front, not the town
    if not prior:
        return False
    prev = prior[-1]
    prev_end = prev[1]
    if (_place_attr(mention.place, "kind", "settlement") in ("admin1", "admin2") and _LOCATED_BEFORE.search(text[prev_end:m_start])
            and not any(prev_end <= t.start < m_start for t in triggers if t.mode != "status")):
        return True  # "X, located in the Y region"
    if m_start - prev_end > 90:
        return False
    if any(prev_end <= t.start < m_start for t in triggers if t.mode != "status"):
        return False
    gap = text[prev_end:m_start]
    if _RX_IS_LOCATOR_1.match(gap):
        return False  # "southeast of X and south of Y": a second position, not a locator of X
    if _RX_IS_LOCATOR_3.search(gap) and not _RX_IS_LOCATOR_6.search(gap):
        return False
    kind = _place_attr(mention.place, "kind", "settlement")
    if _RX_IS_LOCATOR_4.fullmatch(gap) and kind in ("admin1", "admin2") and _place_attr(prev[2].place, "kind", "settlement") in ("settlement", "admin2"):
        return True  # "Pokrovsk, Donetsk Oblast"
    if re.fullmatch(r"\s+in\s+(?:the\s+)?", gap) and kind in ("admin1", "admin2") and \
            _place_attr(prev[2].place, "kind", "settlement") in ("water", "area", "airport", "facility"):
        return True  # "crossed the Dnipro in Kherson province": the province locates the river
    if _DIRECTION_OF.search(before):
        level = getattr(mention, "level", "settlement")
        direction = _RX_IS_LOCATOR_5.search(gap)
        prev_kind = _place_attr(prev[2].place, "kind", "settlement")
        larger = (kind in ("admin1", "admin2", "country", "area") or level in ("region", "country")) and prev_kind in (
            "settlement", "admin2")
        larger = larger or bool(_RX_IS_LOCATOR_7.search(before))
        if direction or larger:
            return True
    return False


def extract_article(
    article: "Article",
    *,
    lexicon: Lexicon | str | os.PathLike[str] | None = None,
    gazetteer: "Gazetteer | None" = None,
    mentions: Sequence["Mention"] | None = None,
) -> list[Claim]:
    """Extract the claimed events of one article.

    Parameters
    ----------
    article : Article
        The article (text, publication date, id).
    lexicon : Lexicon or path, optional
        Sides, event words, attributions and hedges; default: the shipped
        Russia–Ukraine lexicon.
    gazetteer : Gazetteer, optional
        Passed to :func:`frontmap.mentions.find_places`.
    mentions : sequence of Mention, optional
        Place mentions already found (offsets into ``article.text``); found
        with :func:`frontmap.mentions.find_places` when omitted.

    Returns
    -------
    list of Claim
        In text order.  Mentions without a resolved place produce no claim.
    """
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    if mentions is None:
        from frontmap.mentions import find_places

        mentions = find_places(article, gazetteer=gazetteer)
    mentions = _salient_coreference(list(mentions), lex)
    text = article.text
    ctx = _Context(lex=lex, article=article)
    claims: list[Claim] = []
    restated: set[int] = set()
    headline: set[int] = set()
    sentences = split_sentences(text)
    ctx.sentences = sentences
    ms = sorted(mentions, key=lambda m: m.start)
    mi = 0
    prev_found: tuple[int, int] | None = None
    for si, (s0, s1) in enumerate(sentences):
        sent = text[s0:s1]
        in_sentence = []
        while mi < len(ms) and ms[mi].start < s0:
            mi += 1
        j = mi
        while j < len(ms) and ms[j].start < s1:
            if ms[j].end <= s1:
                in_sentence.append(ms[j])
            j += 1
        latest = _LATEST_TO_FALL.match(sent)
        if latest:
            prior = [m for m in ms if m.end <= s0 and m.place is not None and _kind_group(m.place) == "settlement"]
            if prior:
                ante = prior[-1]
                a, b = s0 + latest.start("it"), s0 + latest.end("it")
                in_sentence = [dataclasses.replace(ante, start=a, end=b, text=text[a:b], coref_of=None)] + in_sentence
        there = _THERE.match(sent) if si > 0 else None
        there_more: list[Any] = []
        if there:
            # the places the sentence before is about: settlements, not the ones that only locate them
            p0, p1 = sentences[si - 1]
            before = [m for m in ms if p0 <= m.start and m.end <= p1 and m.place is not None and _kind_group(m.place) == "settlement"]
            about = [m for m in before if not _THERE_LOCATOR.search(text[max(p0, m.start - 40) : m.start])] or before[-1:]
            seen_ids: set[str] = set()
            about = [m for m in about if not (str(m.place.place_id) in seen_ids or seen_ids.add(str(m.place.place_id)))][:_THERE_MAX]
            if about:
                a, b = s0 + there.start("there"), s0 + there.end("there")
                in_sentence = [dataclasses.replace(about[0], start=a, end=b, text=text[a:b], coref_of=None)] + in_sentence
                there_more = about[1:]
        if "\n" in text[max(0, s0 - 3) : s0]:
            ctx.in_quote = False  # a new paragraph: an unclosed quote mark does not run on
        found = _sentence_claims(article, lex, ctx, sent, s0, in_sentence, sentences, si)
        if there and found:
            found = _spread_there(found, s0 + there.start("there"), there_more)
        if not found and prev_found and _FALSITY.search(sent) and _FALSITY_SUBJECT.match(sent) and len(sent) < 160:
            # "<claim>. This is not true.": the claims of the sentence before are denied
            for k in range(prev_found[0], prev_found[1]):
                claims[k] = dataclasses.replace(claims[k], negated=True, hedged=True)
        elif not found and prev_found and _STOPPED_NEXT.search(sent) and len(sent) < 220:
            # "<the enemy attacked near X>. All attacks were repelled.": the defender holds X
            for k in range(prev_found[0], prev_found[1]):
                c = claims[k]
                if c.event in ("attack", "advance") and c.actor and c.controller == c.actor and lex.opponent(c.actor):
                    claims[k] = dataclasses.replace(c, controller=lex.opponent(c.actor))
        first = len(claims)
        claims.extend(found)
        if ctx.continuation:
            restated.update(range(first, len(claims)))
        if si == 0 and _is_headline(sent, len(sentences)):
            headline.update(range(first, len(claims)))
        prev_found = (first, len(claims)) if found else None
    return _merge_restatements(claims, restated, headline)


def _spread_there(found: list[Claim], there_start: int, more: list[Any]) -> list[Claim]:
    """Claims on a locative "There" are about each place the sentence before named,
    with lower confidence (the place is inferred across sentences)."""
    out: list[Claim] = []
    for c in found:
        if c.mention_start != there_start:
            out.append(c)
            continue
        base = dataclasses.replace(c, confidence=round(c.confidence * _THERE_CONFIDENCE, 3))
        out.append(base)
        for m in more:
            p = m.place
            key = f"{c.article}|{c.sentence_start}:{c.sentence_end}|{p.place_id}|{c.event}"
            out.append(dataclasses.replace(
                base, name=p.name, place_id=str(p.place_id), lat=float(p.lat), lon=float(p.lon),
                kind=_place_attr(p, "kind", "settlement"), coord_precision=_place_attr(p, "precision", "point") or "point",
                admin1=_place_attr(p, "admin1"), country=_place_attr(p, "country"),
                claim_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]))
    return out


def _kind_group(place: Any) -> str:
    kind = _place_attr(place, "kind", "settlement")
    return "region" if kind in ("admin1", "admin2", "area") else "water" if kind == "water" else "country" if kind == "country" else "settlement"


def _salient_coreference(mentions: list[Any], lex: Lexicon | None = None) -> list[Any]:
    """Re-point "the town" / "the region" at the most salient earlier place.

    A report keeps coming back to the place it is about; when a place of the
    same kind has been named more often than the most recent one (which the
    places stage links by default), the phrase refers to it: "Sudzha ...
    the Kursk region ... Kursk ... Crimea ... the region" is the Kursk region.
    """
    out: list[Any] = []
    for i, m in enumerate(mentions):
        if getattr(m, "coref_of", None) is None or m.place is None:
            out.append(m)
            continue
        group = _kind_group(m.place)
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        places: dict[str, Any] = {}
        for j, prev in enumerate(out):
            if prev.place is None or _kind_group(prev.place) != group:
                continue
            if lex is not None and any(a.kind == "named" and a.end - a.start == len(prev.text) for a in lex.find_actors(prev.text)):
                continue  # "Moscow", "Kyiv" as a side
            pid = str(prev.place.name)  # by name: one village may resolve to different ids in one text
            counts[pid] = counts.get(pid, 0) + 1
            last.setdefault(pid, j)  # first mention: a report names its subject early
            places[pid] = (j, prev.place)
        if not counts:
            out.append(m)
            continue
        best = max(counts, key=lambda pid: (counts[pid], -last[pid]))
        current = str(m.place.name)
        ante = out[m.coref_of] if isinstance(m.coref_of, int) and 0 <= m.coref_of < len(out) else None
        side_name = ante is not None and lex is not None and any(
            a.kind == "named" and a.end - a.start == len(ante.text) for a in lex.find_actors(ante.text))
        recent = ante is not None and m.start - ante.end < 250  # named just before: keep it
        if best != current and (side_name or (counts[best] >= 2 and not recent)) and counts[best] > counts.get(current, 0):
            j, place = places[best]
            try:
                m = dataclasses.replace(m, place=place, coref_of=j)
            except TypeError:  # a mention type that is not a dataclass: leave it
                pass
        out.append(m)
    return out


@dataclass(slots=True)
class _Speaker:
    """Who makes the claims of a sentence."""

    text: str | None  # the claimant phrase (None: the outlet's own narrative)
    side: str | None
    cls: str
    attr_pos: int | None  # where the reporting verb is
    verb: str | None
    continuation: bool  # "it said", a quotation: the previous claimant goes on
    span: tuple[int, int] | None  # the claimant phrase in the sentence


def _speaker(sent: str, lex: Lexicon, ctx: _Context, triggers: list[Trigger], actors: list[ActorMatch] | None,
             article: Any, sentences: list[tuple[int, int]], si: int, started_in_quote: bool,
             found: tuple[str | None, int | None, str | None] | None = None) -> _Speaker:
    """The claimant of a sentence: its attribution, the previous claimant for a
    continuation or quotation, else None (the outlet).  ``found``: what
    :func:`_find_claimant` gave for the sentence, when already run."""
    first_pos = triggers[0].start if triggers else 0
    claimant, attr_pos, attr_verb = found if found is not None else _find_claimant(sent, lex, first_pos)
    continuation = False
    if claimant and _ENEMY_CLAIMANT.fullmatch(claimant):
        # "The enemy claims it took X," a spokesman said: the spokesman reports the other side's claim
        opens_quote = sent.lstrip()[:1] in _QUOTE_OPEN
        speaker = (_quote_attribution(article.text, sentences, si, lex) if opens_quote else None) or ctx.claimant
        if speaker and not _ENEMY_CLAIMANT.fullmatch(speaker):
            claimant = ctx.claimant if lex.is_anaphoric(speaker) and ctx.claimant else speaker
    if claimant and lex.is_anaphoric(claimant) and ctx.claimant:
        # "it said", "the ministry said": the claimant named before
        claimant = ctx.claimant if not lex.side_of(claimant) else claimant
        continuation = True
    elif claimant is None:
        opens_quote = sent.lstrip()[:1] in _QUOTE_OPEN
        lookahead = _quote_attribution(article.text, sentences, si, lex) if opens_quote else None
        if lookahead:
            claimant = lookahead if not lex.is_anaphoric(lookahead) else (ctx.claimant or lookahead)
            continuation = True
        elif (started_in_quote or opens_quote or _QUOTED_WORDS.search(sent)) and ctx.claimant:
            # inside a quotation, or quoting words ("troops “liberated” X"): the speaker quoted before
            claimant, continuation = ctx.claimant, True
    if claimant is None and si + 1 < len(sentences):
        nxt = article.text[sentences[si + 1][0] : sentences[si + 1][1]]
        stated = _STATED_BY.match(nxt)
        if stated:
            claimant = _tidy_claimant(stated.group("who"))  # "<claim>. This was stated by X on air."
    side = lex.side_of(claimant) if claimant else None
    if claimant and side is None and continuation:
        side = ctx.claimant_side
    institutional = bool(claimant and (lex.is_anaphoric(claimant) or _INSTITUTION.search(claimant)))
    if claimant and side is None and institutional:
        # "Russian forces took X, the ministry said": the ministry of the side acting
        if actors is None:
            actors = lex.find_actors(sent)
        side = next((x.side for x in actors if x.kind == "named" and x.side), None)
    if claimant and side is None:
        cls = lex.claimant_class(claimant)  # "Deputy Defence Minister Hanna Maliar": her side's official
        side = next((code for code, c in lex.official_class.items() if c == cls), None)
    if claimant is None:
        cls = "media"
    else:
        cls = lex.claimant_class(claimant)
        if cls in ("other", "media") and side and institutional:
            cls = lex.official_class.get(side, "other")
    span: tuple[int, int] | None = None
    if claimant and attr_pos is not None:
        k = sent.rfind(claimant, 0, attr_pos + 1)
        if k < 0:
            k = sent.find(claimant, attr_pos)
        if k >= 0:
            span = (k, k + len(claimant))
    return _Speaker(claimant, side, cls, attr_pos, attr_verb, continuation, span)


def _statement_date(sent: str, published: dt.date | None, dates: list[DateMatch], clauses: Sequence[tuple[int, int]],
                    triggers: list[Trigger], attr_pos: int | None) -> tuple[list[DateMatch], DateMatch | None]:
    """The date of the statement ("X said on Thursday", "On 24 June, X said") and the
    sentence's dates, with ranges ("over the past week") re-anchored on it."""
    if attr_pos is None:
        return dates, None
    # a date next to the reporting verb with no event word between; a date before the verb only
    # when no event word comes before it ("liberated X, near Y annexed in 2022, the ministry said"
    # is no statement dated 2022)
    near = [d for d in dates if d.kind == "point"
            and not any(min(d.end, attr_pos) <= u.start < max(d.start, attr_pos) for u in triggers)
            and (d.start - attr_pos <= 45 if d.start > attr_pos else
                 not any(u.start < d.start for u in triggers) and _clause_of(clauses, d.start) == _clause_of(clauses, attr_pos))]
    if not near:
        return dates, None
    statement = min(near, key=lambda d: abs(d.start - attr_pos))
    if any(d.kind == "range" for d in dates):
        dates = find_dates(sent, published, anchor=statement.date.end)
        statement = next((d for d in dates if d.start == statement.start), statement)
    return dates, statement


def _usable_places(sent: str, s0: int, mentions: list[Any], actors: list[ActorMatch], triggers: list[Trigger],
                   lex: Lexicon, speaker: _Speaker, article_id: str) -> tuple[list[tuple[int, int, Any]], list[tuple[int, int, Any]]]:
    """(usable, places): mentions that can be event places (resolved, not a
    country, not a side's or an organisation's name, not in the claimant
    phrase), and those of them that are not mere locators of another place."""
    usable: list[tuple[int, int, Any]] = []
    orgs = lex.organisation_spans(sent) if mentions else []
    span = speaker.span
    triggers_in_span = span is not None and any(span[0] <= t.start < span[1] for t in triggers)
    for m in mentions:
        a, b = m.start - s0, m.end - s0
        if m.place is None:
            log.debug("%s: %r has no resolved place; no claim", article_id, m.text)
            continue
        if _place_attr(m.place, "kind", "settlement") == "country" or getattr(m, "level", "") == "country":
            continue
        # (a mention running past the side's name is a place: "the Kyiv region", "Kyiv Oblast")
        inside = [x for x in actors if x.start <= a < x.end and x.kind == "named" and b <= x.end + 1]
        if inside and (not _SPATIAL_PREP.search(sent[max(0, a - 12) : a]) or any(x.end - x.start > b - a + 1 for x in inside)):
            continue  # "Moscow said", "the Donetsk People's Republic": a side's name, not a place
        if _TITLE_AFTER.match(sent[b : b + 40]):
            continue  # "Luhansk Oblast Governor ..."
        if _place_attr(m.place, "kind") == "water" and _SEA_NOUN_AFTER.match(sent, b):
            continue  # "the Black Sea port of Kherson": the port is the place of the event
        if _ORG_AFTER.match(sent[b : b + 20]) or _RX_USABLE_PLACES_1.search(sent[max(0, a - 14) : a]):
            continue  # "the Los Angeles Times", "according to Kyiv": no event place
        if any(x <= a and b <= y for x, y in orgs):
            continue  # "the Institute for the Study of War" names no place
        if span and span[0] <= a and b <= span[1] and not triggers_in_span:
            continue  # "the region's governor said": the place is part of who speaks
        usable.append((a, b, m))
    places = [(a, b, m) for k, (a, b, m) in enumerate(usable) if not _is_locator(sent, a, b, m, usable[:k], triggers)]
    return usable, places


_DETERMINER_BEFORE = re.compile(r"\b(?:the|an?|its|their|his|her|this|these|those)\s+$", re.IGNORECASE)
_ALLEGED_BEFORE = re.compile(r"\b(?:alleged(?:ly)?|purported|supposed|so-called|claimed)\s+$", re.IGNORECASE)
_CONTAINER_BEFORE = re.compile(r"\b(?:(?:district|raion|rayon|region|oblast|province|area)\s+in|(?:a|the)\s+(?:suburb|district|"
                               r"neighbou?rhood)\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_SPEAKERS_IN = re.compile(r"\b(?:officials?|authorities|sources|diplomats|leaders|analysts|observers)\s+in\s+(?:both\s+)?$",
                          re.IGNORECASE)
# "troops will withdraw from X", "the troops would be regrouped from X": a withdrawal announced
# (the side's own command saying so is how withdrawals are told), not an aim
_ANNOUNCED_WITHDRAWAL = re.compile(r"\b(?:will|would)(?:\s+now)?(?:\s+be)?\s+$", re.IGNORECASE)
_STOPPED_NEXT = re.compile(
    r"\b(?:(?:all|the|these|those|both|their|its|every)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|assaults?|attempts?|offensives?|advances?)"
    r"\s+(?:were|was|have been|has been|had been)\s+(?:successfully\s+|all\s+)?(?:repelled|repulsed|thwarted|stopped|foiled|beaten back|halted)"
    r"|(?:achieved|had|has had|have had|made|gained)\s+no\s+(?:success|progress|gains|headway)"
    r"|(?:were|was)\s+(?:all\s+)?(?:unsuccessful|repelled|repulsed)|without\s+success|to\s+no\s+avail)\b",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+(?:whole\s+|entire\s+)?)?")
_QUOTE_OPEN_BEFORE = re.compile(r"[“\"«][^”\"»]*$")
_ENCIRCLED = re.compile(r"(?:encircl|surround|blockad)", re.IGNORECASE)
_AIR_TARGET = re.compile(r"\b(?:drones?|UAVs?|missiles?|rockets?)\b", re.IGNORECASE)
_SEA_NOUN_AFTER = re.compile(r"\s+(?:port|ports|coast|coastline|city|town|island|islands|resort|naval base|peninsula|region)\b",
                             re.IGNORECASE)
_BEING_BEFORE = re.compile(r"\b(?:before|after|since|until|only to be)\s+(?:being|having been)\s+$", re.IGNORECASE)
_LOCATED_GAP = re.compile(r"\b(?:located|situated|lies|lying)\b", re.IGNORECASE)
_COUNT_IN = r"(?:(?:another\s+|a\s+further\s+|the\s+other\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:\w+\s+)?(?:in|over|above|near)\s+(?:the\s+)?)?"
_DASH_OPEN = re.compile(r"\s*(?:--|[—–:])\s*(?:(?:the\s+)?(?:villages?|towns?|settlements?|khutori|khutors?)\s+(?:of\s+)?)?"
                        + _COUNT_IN)
# ("two in Rostov, one in the Belgorod region adjoining Ukraine and one over Kursk")
_AND_LIST_OPEN = re.compile(r",\s*and\s+(?P<count>(?:another\s+|a\s+further\s+|the\s+other\s+)?(?:one|two|three|four|five|six|"
                            r"seven|eight|nine|ten|\d+)\s+(?:\w+\s+)?(?:in|over|above|near)\s+)?")


def _two_listed(sent: str, places: Sequence[tuple[int, int, Any]], first: tuple[int, int, Any]) -> bool:
    """Whether another place follows ``first`` as the next item of a list."""
    sep = _LIST_SEP.match(sent, first[1])
    return sep is not None and any(p[0] == sep.end() or (p[0] == sep.end() + 4 and sent[sep.end() : p[0]] == "the ")
                                   for p in places)
_LIST_SEP = re.compile(r"(?:\s+[\w’'-]+){0,2}?(?:,?\s+and|,?\s+or|,|\s*&)\s+" + _COUNT_IN)


def _dash_list_end(sent: str, c1: int, places: Sequence[tuple[int, int, Any]]) -> int:
    """Where a clause that ends by opening a list of places ends with the list: "liberated three
    villages -- X, Y and Z --", "struck two rural areas—Plotvyanka and Borisovka—"."""
    m = _DASH_OPEN.match(sent, c1)
    if m is None or m.end() == c1:
        m = _AND_LIST_OPEN.match(sent, c1)
        if m is None:
            return c1
        # "the liberation of X on June 12, and A, B and C on June 11": a list of two or more
        # places after ", and" goes on with the clause before
        nxt = [p for p in places if p[0] >= m.end() and sent[m.end() : p[0]] in ("", "the ")]
        counted = m.group("count") is not None  # "..., and another one over the Rostov region"
        # "seized Striliche, Krasne, Pylna, and Borysivka": the clause ends with a list item
        last_item = any(p[1] == c1 and _LIST_SEP.match(sent, q[1]) and _LIST_SEP.match(sent, q[1]).end() == p[0]
                        for p in places for q in places if q[1] < p[0])
        if not nxt or not (counted or last_item or (len(places) > 1 and _two_listed(sent, places, nxt[0]))):
            return c1
    pos, end = m.end(), c1
    for a, b, _ in sorted(places, key=lambda p: p[0]):
        if a < pos:
            continue
        if sent[pos:a] not in ("", "the "):
            break
        end = b
        sep = _LIST_SEP.match(sent, b)
        if sep is None:
            break
        pos = sep.end()
    return end


def _forward_places(sent: str, action: list[Trigger], ti: int, clauses: Sequence[tuple[int, int]],
                    usable: list[tuple[int, int, Any]], places: list[tuple[int, int, Any]],
                    stops: Sequence[int] = ()) -> list[tuple[int, int, Any]]:
    """The places an event word governs after it, in its clause, up to the next event word
    (``stops``: where event words that make no claim, such as intentions, stand)."""
    t = action[ti]
    c1 = clauses[_clause_of(clauses, t.start)][1]
    c1 = _dash_list_end(sent, c1, usable)
    c1 = min([c1] + [x for x in stops if x > t.start])
    if t.mode == "status":
        nxt = min([u.start for u in action[ti + 1 :]] + [c1])
    else:
        nxt = min([u.start for u in action[ti + 1 :] if u.mode != "status"] + [c1])
    pool = usable if t.mode == "status" else places  # "south of the Kyiv-controlled village of X"
    fwd = [p for p in pool if t.end <= p[0] < nxt and (t.reach is None or _words_between(sent, t.end, p[0]) <= t.reach)]
    if t.event in ("capture", "advance"):  # "captured a small village in the X region": X only locates it
        fwd = [p for p in fwd if not _INDEFINITE_OBJECT.search(sent[t.end : p[0]])
               and not _UNNAMED_HEAD.search(sent[max(t.end, p[0] - 50) : p[0]])]
    if t.event in ("advance", "attack", "incursion") and not (t.mode == "repelled" and _FORCE_NOUN.search(t.text)):
        # "advance on the area from the Sumy region": the origin (but "repelled troops from X": X is held)
        fwd = [p for p in fwd if not _ORIGIN.search(sent[max(t.end, p[0] - 40) : p[0]])]
    if t.event == "withdrawal":  # "pulled back from X to Y": Y is where they went
        fwd = [p for p in fwd if not _DESTINATION.search(sent[max(t.end, p[0] - 40) : p[0]])
               and not _DESTINATION_LINE.search(sent[t.end : p[0]])]
    fwd = [p for p in fwd if not _ON_THE_WAY.search(sent[max(t.end, p[0] - 50) : p[0]])]
    # "the village, located between X and Y, was retaken": what follows "located" places it
    fwd = [p for p in fwd if not _LOCATED_GAP.search(sent, t.end, p[0])]
    if t.mode == "status":  # "Russian-occupied part of the X region" says nothing of all of X
        fwd = [p for p in fwd if not _PARTIAL.search(sent[t.end : p[0]])]
        if fwd:
            fwd = fwd[:1]  # "Russian-held Tokmak and Polohy": only the noun it modifies is certain
            if _words_between(sent, t.end, fwd[0][0]) > 3:
                fwd = []
    return fwd


def _update_quote_state(sent: str, ctx: _Context) -> bool:
    """Track quotations across sentences; return whether the sentence began inside one."""
    started = ctx.in_quote
    if _QUOTE_MARK.search(sent) is None:  # most sentences quote nobody
        return started
    curly_open, curly_close = sum(sent.count(c) for c in "“«"), sum(sent.count(c) for c in "”»")
    if sent.count('"') % 2:  # a straight quote opens or closes a quotation spanning sentences
        ctx.in_quote = not ctx.in_quote
    elif curly_open != curly_close:
        ctx.in_quote = curly_open > curly_close
    return started


_ASKED_ABOUT = re.compile(
    r"\b(?:asked|ask(?:s|ing)?|questions?|questioned|comment(?:ed|ing|s)?)\s+(?:about|on|regarding|over|whether)\s+"
    r"(?:[\w’'-]+\s+){0,4}$", re.IGNORECASE)


def _sentence_claims(
    article: Any, lex: Lexicon, ctx: _Context, sent: str, s0: int, mentions: list[Any],
    sentences: list[tuple[int, int]], si: int,
) -> list[Claim]:
    published = article.published
    outlet = getattr(article, "outlet", None)
    ctx.headline = si == 0 and _is_headline(sent, len(sentences))
    ctx.si = si
    # a sentence naming no usable place makes no claim: only its context is kept
    triggers = lex.find_triggers(sent) if any(m.place is not None for m in mentions) else []
    # the sides a sentence names matter for its own events; for one without any, only to
    # what carries on (``ctx.last_side``, looked up when a later sentence needs it)
    actors = lex.find_actors(sent) if triggers else []
    started_in_quote = _update_quote_state(sent, ctx)
    if not triggers:
        # no event word (most sentences, and every one naming no place): no claim, only
        # what carries to the next sentence -- its claimant, sides and statement date are
        # looked up only when a later sentence needs them (``_Context``)
        if log.isEnabledFor(logging.DEBUG):
            for m in mentions:
                if m.place is None:
                    log.debug("%s: %r has no resolved place; no claim", article.id, m.text)
        unheard = _Unheard(si, sent, started_in_quote)
        ctx.continuation = False  # (it marks restatements among the claims of this sentence: none)
        ctx.pending.append(sent)
        ctx.unheard.append(unheard)
        ctx.statements.append([si, unheard])
        return []
    speaker = _speaker(sent, lex, ctx, triggers, actors, article, sentences, si, started_in_quote)
    attr_pos, continuation = speaker.attr_pos, speaker.continuation
    dates = find_dates(sent, published)
    clauses = _clauses(sent)
    dates, statement = _statement_date(sent, published, dates, clauses, triggers, attr_pos)
    usable, places = _usable_places(sent, s0, mentions, actors, triggers, lex, speaker, article.id)

    govs: list[_Gov] = []
    kept: list[Trigger] = []
    stops: list[int] = []  # event words dropped below still end the reach of the one before them
    for t in triggers:
        if t.mode == "active" and t.event == "capture" and _ATTEMPT_BEFORE.search(sent[max(0, t.start - 40) : t.start]):
            t = dataclasses.replace(t, event="attack")  # "has been trying to capture X": an attack on X
        elif t.mode == "active" and not (t.event == "withdrawal" and _ANNOUNCED_WITHDRAWAL.search(sent[max(0, t.start - 30) : t.start])) \
                and (lex.is_intention(sent[: t.start])
                                     or _GOAL_BEFORE.search(sent[_goal_scope(sent, clauses, t.start) : t.start])):
            stops.append(t.start)
            continue
        if t.mode == "active" and _ASKED_ABOUT.search(sent[max(0, t.start - 60) : t.start]):
            stops.append(t.start)
            continue  # "when asked about the alleged offensive on X": the topic of a question, no claim
        if t.event == "withdrawal" and t.mode == "active" and _CIVILIAN_BEFORE.search(sent[max(0, t.start - 60) : t.start]):
            continue  # "residents needed to leave the city"
        if t.mode == "status" and _PAST_STATUS_BEFORE.search(sent[max(0, t.start - 50) : t.start]):
            continue  # "retook X after seven months under Ukrainian control": that status has ended
        if t.mode == "active" and t.event == "other" and _RX_SENTENCE_CLAIMS_1.search(sent[max(0, t.start - 6) : t.start]) \
                and not _CONTINUE_TO.search(sent, max(0, t.start - 24), t.start):
            stops.append(t.start)
            continue  # "weeks of fighting to hold the town": an aim, not who holds it
        if t.mode in ("active", "repelled") and _HABITUAL_BEFORE.search(sent[max(0, t.start - 40) : t.start]):
            continue  # "Russian forces have historically repelled such incursions": no event
        if (t.mode == "active" and _NOMINAL.search(t.text) and _MODAL_SUBJECT_BEFORE.match(sent[clauses[_clause_of(clauses, t.start)][0] : t.start])
                and _MODAL_AFTER.match(sent[t.end :]) and not _IF_CONFIRMED.search(sent)):
            stops.append(t.start)
            continue  # "A Russian breakthrough near X could reverse the gains": a hypothetical, no claim
        if t.mode == "active" and _NOMINAL.search(t.text) and _HYPOTHETICAL_CHAIN.search(sent[: t.start]) and not _IF_CONFIRMED.search(sent):
            stops.append(t.start)
            continue  # "... would be a milestone, eliminating the Russian advance in X"
        kept.append(t)
    action = _merge_repelled(kept, sent)
    governed = {ti: [id(p[2]) for p in _forward_places(sent, action, ti, clauses, usable, places, stops)] for ti in range(len(action))}
    for ti, t in enumerate(action):
        ci = _clause_of(clauses, t.start)
        c0, c1 = clauses[ci]
        gov_places = [p for p in usable if id(p[2]) in governed[ti]]
        back = False
        if t.mode == "status" and _ADJECTIVAL.search(t.text) and _APPOSITIVE_HEAD.match(sent[t.end :]):
            appositive = [p for p in usable if p[1] <= t.start and _APPOSITIVE_GAP.fullmatch(sent[p[1] : t.start])]
            if appositive:
                gov_places = appositive[-1:]  # "Melitopol, a Russian-occupied city": the status is Melitopol's
        if not gov_places and t.mode != "status" and t.reach is None:
            gov_places = _back_place(sent, t, places, clauses, ci, governed, ti, action, usable)
            back = bool(gov_places)
            if not gov_places and places and _BEING_BEFORE.search(sent, max(0, t.start - 30), t.start):
                # "X was captured by Russian forces ... before being retaken by Ukraine": the subject
                gov_places, back = [places[0]], True
        elif not gov_places and t.mode == "status" and not _ADJECTIVAL.search(t.text):
            # "X remains under Ukrainian control", "X, which is under Russian control"
            gov_places = _back_place(sent, t, places, clauses, ci, governed, ti, action, usable)
        if (t.mode == "active" and usable and usable[0][2].text == "There" and usable[0][1] <= t.start
                and _clause_of(clauses, usable[0][0]) == ci and _THERE.match(sent)
                and not any(u.start < t.start for u in action if u is not t)
                and not any(p[0] >= t.end and _words_between(sent, t.end, p[0]) <= 4 for p in gov_places)):
            # "There, Russians are storming Ukrainian positions": the places of the sentence before
            gov_places = [usable[0]] + [p for p in gov_places if p is not usable[0]]
        if not gov_places:
            if t.mode == "repelled":  # no place, but who attacked carries to "Fighting continues near X"
                _sides_for(t, sent, actors, ctx, lex, speaker.side, clauses)
            continue
        ctx.side_from_context = False
        side_info = _sides_for(t, sent, actors, ctx, lex, speaker.side, clauses)
        if t.mode == "repelled" and _AIR_TARGET.search(t.text) and gov_places:
            # "three drones were downed over the Bryansk region": air defence over a side's own
            # country, away from the theatre, means that side holds the place
            homes = {_place_attr(p[2].place, "country") for p in gov_places}
            home = next((side for side, cc in lex.countries.items() if cc and homes == {cc} and cc not in lex.theatre), None)
            if home is not None and lex.opponent(home):
                side_info = ("attack", home, lex.opponent(home), side_info[3] if side_info else 0.6)
        if side_info is None:
            log.debug("%s: no side for %r in %r", article.id, t.text, sent[:80])
            continue
        event, controller, actor, conf = side_info
        if ctx.side_from_context and event == "attack" and t.mode == "active" and actor is not None and \
                lex.countries.get(actor) not in lex.theatre and all(
                _place_attr(p[2].place, "country") == lex.countries.get(actor) for p in gov_places):
            # "A fire broke out in X after a drone attack," the Russian governor said: an attack with
            # no side named on a side's own country, away from the theatre, is the other side's
            actor = controller = lex.opponent(actor)
        failed = t.mode == "active" and event in ("advance", "attack") and (
            _FAILED_BEFORE.search(sent[max(0, t.start - 40) : t.start]) or _FAILED_AFTER.match(sent[t.end : c1])
            or _FAILED_WHICH.match(sent, t.end))
        if failed and actor is not None:
            controller = lex.opponent(actor)  # "the enemy launched 3 unsuccessful attacks on X"
        elif t.mode == "active" and event in ("advance", "attack", "incursion") and _STOPPED_AFTER.search(sent[t.end : c1]):
            # "attempts to advance into X were repelled": the defender holds X
            controller = lex.opponent(actor)
        clause_text = sent[c0:c1]
        # "X claimed advances in the region -- where Kyiv launched an assault last August": the
        # background clause is the outlet's own narrative, not X's claim
        background = attr_pos is not None and ci != _clause_of(clauses, attr_pos) and bool(_BACKGROUND.match(clause_text))
        # hedged: a hedge in the event's clause, a hedging reporting verb, or a denial anywhere in the sentence
        hedged = (bool(lex.find_hedges(clause_text)) or bool(speaker.verb and _HEDGING_VERB.fullmatch(speaker.verb))
                  or lex.has_denial(sent) or bool(_FALSITY.search(sent)))
        negated = _is_denied(t, sent, clauses, ci, lex)
        date = _event_date(t, sent, dates, clauses, ci, triggers, attr_pos, continuation, ctx, published, clause_text, statement)
        nominal_event = bool(_NOMINAL.search(t.text)) and t.mode == "active"
        for a, b, m in gov_places:
            if nominal_event and (_HYPOTHETICAL_AFTER.match(sent[t.end :]) or (b > t.end and _HYPOTHETICAL_AFTER.match(sent[b:]))):
                if not _IF_CONFIRMED.search(sent):
                    continue  # "X's capture would be a milestone": no claim
                hedged = True
            ev = event
            near = bool(_NEAR.search(sent[max(0, a - 60) : a]))
            if ev == "capture" and near:
                ev = "advance"  # "drove them from positions near X"
            launched = _LAUNCH.search(sent[max(0, t.start - 40) : t.start])
            if (ev in ("attack", "advance") and launched) or (ev == "advance" and (
                    "offensive" in t.text.lower() or _CROSSING.match(t.text))):
                # an offensive, or troops entering or pushing into, the other side's own country
                country = _place_attr(m.place, "country")
                home = lex.countries.get(lex.opponent(actor) or "")
                if country and home and country == home and country not in lex.theatre:
                    ev = "incursion"  # an offensive into the other side's own country
            ev_controller, ev_actor = controller, actor
            pid = str(_place_attr(m.place, "place_id", ""))
            if ev == "capture" and ctx.side_from_context and ctx.place_sides.get(pid) not in (None, controller):
                # "X was reportedly liberated by two units ...": a capture told again
                # with no side named is the capture the article told before, by the same side
                ev_controller = ev_actor = ctx.place_sides[pid]
            elif ev == "capture" and ev_controller and not negated:
                ctx.place_sides[pid] = ev_controller
            if ev == "incursion" and t.mode == "active":
                # a side does not make an incursion into its own country: "an incursion into Russia's Kursk region"
                home = next((side for side, cc in lex.countries.items() if cc and cc == _place_attr(m.place, "country")), None)
                if home is not None and actor == home and lex.opponent(home):
                    ev_actor = ev_controller = lex.opponent(home)
            c = conf * (0.85 if back else 1.0) * (0.8 if hedged else 1.0) * (0.7 if near else 1.0)
            if ev == "attack" and _REMOTE.search(t.text):
                c *= 0.7
            c *= 0.5 + 0.5 * float(getattr(m, "score", 1.0) or 0.0)
            govs.append(_Gov(t, m, ev, ev_controller if ev != "mention" else None, ev_actor, hedged or negated, date,
                             round(min(max(c, 0.0), 1.0), 3), background, negated and ev != "mention"))

    _carry(ctx, speaker, continuation, actors, statement)
    claimant_text = speaker.text if speaker.text is not None else (outlet or "media")
    return _dedup(article, govs, sent, s0, claimant_text, speaker.cls, outlet or "media")


def _carry(ctx: _Context, speaker: _Speaker, continuation: bool, actors: list[ActorMatch],
           statement: DateMatch | None) -> None:
    """Update what carries to the next sentence from one with an event word."""
    ctx.continuation = continuation
    named = _last_named_side(actors)
    if named is not None:
        ctx.last_side = named
    if speaker.text is not None:
        ctx.heard(speaker.text, speaker.side)
    if statement is not None:  # (only a sentence with a reporting verb has one)
        ctx.statements.append([ctx.si, statement.date])


def _is_denied(t: Trigger, sent: str, clauses: Sequence[tuple[int, int]], ci: int, lex: Lexicon) -> bool:
    """Whether the sentence denies the event at ``t``: a denial verb before it in
    the sentence with no contrast in between ("Kyiv denied that Russian troops
    had taken X"; not "Russia said it took X, but Kyiv denied it"), a negation
    of the event word ("have not captured"), or a falsity statement after it
    ("claims that X was captured are false")."""
    if t.mode in ("mention",):
        return False
    before = sent[: t.start]
    if lex.has_denial(before) and not _FIGHTING.match(t.text):  # "refuted the claim, saying battles were ongoing"
        k = max(m.end() for m in _RX_IS_DENIED_3.finditer(before) if lex.has_denial(m.group(0))) if _RX_IS_DENIED_1.search(before) else 0
        if not _RX_IS_DENIED_2.search(sent[k : t.start]):
            return True
    if _NOT_BEFORE.search(sent[max(0, t.start - 40) : t.start]):
        return True
    after = sent[t.end :]
    f = _FALSITY.search(after)
    # "Russia said it took X, but Y said: 'this does not correspond to reality'": the row is Russia's claim
    return bool(f) and not _RX_IS_DENIED_2.search(after[: f.start()])


def _goal_scope(sent: str, clauses: Sequence[tuple[int, int]], pos: int) -> int:
    """Where a stated goal before ``pos`` may begin: its clause, or the clause before
    when this one only coordinates ("..., as well as establishing control over X")."""
    ci = _clause_of(clauses, pos)
    c0 = clauses[ci][0]
    if ci > 0 and _RX_GOAL_SCOPE_1.match(sent[c0:pos]):
        return clauses[ci - 1][0]
    return c0


def _is_headline(sent: str, n_sentences: int) -> bool:
    """A first line with no closing punctuation, followed by a body, is a headline."""
    return n_sentences > 1 and not _RX_IS_HEADLINE_1.search(sent) and len(_WORD.findall(sent)) <= 30


def _clause_of(clauses: Sequence[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(clauses):
        if a <= pos < b:
            return i
    return len(clauses) - 1


_BACKGROUND = re.compile(r"^\s*(?:[-–—]{1,2}|,|;)?\s*(?:which|where|whose|[-–—]{1,2})", re.IGNORECASE)
_RELATIVE = re.compile(r"^[\s,;—–-]*(?:which|where|who|whom|whose|that)\b", re.IGNORECASE)
_TEMPORAL = re.compile(r"^[\s,;—–-]*(?:following|after|when|a day after|days after|hours after)\b", re.IGNORECASE)
_BACK_WORDS = 10
_COPULAR_OBJECT = re.compile(
    r"\b(?:was|is|became|becomes|remains)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}(?:settlement|town|city|village|place|stronghold|"
    r"hub|locality|region)\s+(?:that\s+|which\s+)?(?:[\w'’-]+\s+){1,3}$",
    re.IGNORECASE,
)


_BENEFIT_FOR = re.compile(r"\b(?:victory|win|success|triumph|boost|gain)\s+for\s+(?:the\s+)?$", re.IGNORECASE)


def _back_place(
    sent: str, t: Trigger, places: list[tuple[int, int, Any]], clauses: Sequence[tuple[int, int]], ci: int,
    governed: dict[int, list[int]], ti: int, triggers: Sequence[Trigger] = (), usable: Sequence[tuple[int, int, Any]] = (),
) -> list[tuple[int, int, Any]]:
    """The place an event word with no place after it is about: the nearest one
    before it ("Kurakhove, which Russian troops have stormed"; "Mayorsk was
    liberated"), within a few words, when the event word takes no other object."""
    if t.mode != "status" and not _RX_BACK_PLACE_1.search(t.text) and not _OPEN_OBJECT.match(sent[t.end : t.end + 30]):
        return []  # "recaptured more territory": the object is not a place
    c0, _ = clauses[ci]
    head = sent[c0 : t.start]
    if _COPULAR_OBJECT.search(sent[: t.start]):
        # "Sudzha, home to 5,000 people, was the largest settlement Kyiv seized": the subject
        subject = [p for p in places if p[1] <= t.start and not _RX_BACK_PLACE_4.search(sent[: p[0]])]
        if subject:
            return [subject[0]]
    relative = ci > 0 and bool(_RELATIVE.match(head))
    temporal = ci > 0 and bool(_TEMPORAL.match(head))
    taken = {pid for k, v in governed.items() if k != ti and not (triggers and triggers[k].mode in ("status", "mention")) for pid in v}
    # the clause before counts for "X, which ...", "..., following ...", "..., and it has recaptured ..."
    joined = relative or temporal or bool(_RX_BACK_PLACE_2.match(head))
    lowest = clauses[ci - 1][0] if ci > 0 and joined else c0
    pool = usable if relative and usable else places
    settlements = [p for p in pool if _kind_group(p[2].place) == "settlement"]
    located = {id(p[2]) for p in places}  # not locators
    for a, b, m in reversed(pool):
        if b > t.start or a < lowest:
            continue
        if relative and _kind_group(m.place) == "region" and id(m) not in located and any(0 <= a - y < 60 for _, y, _ in settlements):
            continue  # "the village of X in the Y region, which ...": the clause is about X
        if t.event in ("capture", "advance") and not (relative and _RX_BACK_PLACE_3.search(head)) and _UNNAMED_HEAD.search(sent[max(0, a - 50) : a]):
            return []  # "three villages in the Donetsk region were recaptured"
        if _words_between(sent, b, t.start) > _BACK_WORDS:
            return []
        if id(m) in taken and not (relative or temporal):
            continue
        found = [(a, b, m)]
        if not relative:
            # "Irpin, Bucha and Hostomel were liberated": every item of the subject list
            for p in reversed([p for p in pool if p[1] <= a and p[0] >= lowest]):
                if not _LIST_JOIN.fullmatch(sent[p[1] : found[0][0]]) or id(p[2]) in taken:
                    break
                found.insert(0, p)
        return found
    return []


def _merge_repelled(triggers: list[Trigger], sent: str) -> list[Trigger]:
    """Fold an event word that only continues a stopped action ("thwarted the
    advance and breakthrough attempts", "repelled attempts to break through")
    into the repelled trigger."""
    out: list[Trigger] = []
    for t in triggers:
        if out and out[-1].mode == "repelled" and t.mode == "active" and t.event in ("advance", "attack", "incursion"):
            prev = out[-1]
            gap = sent[prev.end : t.start]
            if len(_WORD.findall(gap)) <= 6 and not _RX_MERGE_REPELLED_1.search(gap):
                out[-1] = dataclasses.replace(prev, end=t.end, text=sent[prev.start : t.end])
                continue
        out.append(t)
    return out


_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
_DURING_GAP = re.compile(
    r"\s+(?:forces|troops|units|army|military\s+)?\s*(?:during|in|amid|as\s+part\s+of)\s+(?:its\s+|their\s+|the\s+|an?\s+|"
    r"(?:last|this)\s+(?:year|month|summer|autumn|winter|spring)[’']s\s+)?(?:[\w-]+\s+){0,2}", re.IGNORECASE)


def _sides_for(
    t: Trigger, sent: str, actors: Sequence[ActorMatch], ctx: _Context, lex: Lexicon, claimant_side: str | None,
    clauses: Sequence[tuple[int, int]],
) -> tuple[str, str | None, str | None, float] | None:
    """(event, controller, actor, confidence) for a trigger, or None when no side is found."""
    if t.mode == "status":
        return "other", t.side, None, 0.7
    if t.mode == "mention":
        return "mention", None, None, 0.5
    conf = 0.8
    subject: str | None = None
    from_context = False
    before = sent[max(0, t.start - 40) : t.start]
    after_agent = None
    # "fell to the Russians", "captured by Ukrainian forces"
    # ("repelling attacks by Russian troops": there "by" names the attacker, see below)
    m_by = _BY_AGENT.match(sent[t.end : t.end + 40]) if t.mode != "repelled" else None
    if t.mode != "repelled" and (_RX_SIDES_FOR_1.search(t.text) or m_by or (_PASSIVE.search(before) and not _GERUND_START.match(t.text))):
        for x in actors:
            if x.start >= t.end and x.start - t.end <= 40:
                gap = t.text[-3:] + sent[t.end : x.start]
                if _RX_SIDES_FOR_3.search(gap) and x.kind == "named":
                    after_agent = x.side
                break
    # a passive withdrawal ("troops were withdrawn", "have been ordered to retreat") keeps its subject
    participle = not _GERUND_START.match(t.text)  # "was making advances", "were still holding X" is no passive
    passive = bool(_PASSIVE.search(before)) and participle and t.mode == "active" and t.event != "withdrawal"
    adjacent = None  # "the Russian advance", "a Russian retreat", "Ukrainian missile strikes"
    for x in reversed(actors):
        if x.end <= t.start:
            gap = sent[x.end : t.start]
            if x.kind == "named" and len(_WORD.findall(gap)) <= 2 and not _RX_SIDES_FOR_4.search(gap):
                adjacent = x.side
            break
    nominal = bool(_NOMINAL.search(t.text))
    if after_agent is None and _RX_SIDES_FOR_2.search(t.text):
        inner = [x for x in actors if t.start <= x.start < t.end and x.kind == "named" and x.side]
        if inner:
            after_agent = inner[0].side  # "troops raising Ukrainian flags in X"
    if after_agent is None and nominal and t.mode != "repelled":
        # "the capture of X by Russian forces" (but "repelling attacks by Russian troops": the attacker)
        for x in actors:
            if x.start >= t.end and x.start - t.end <= 60 and x.kind == "named" and x.side:
                gap = sent[max(t.end, x.start - 24) : x.start]
                if (_RX_SIDES_FOR_5.search(gap[-12:]) or _BENEFIT_FOR.search(gap)) and not _RX_SIDES_FOR_6.search(sent[t.end : x.start]):
                    after_agent = x.side  # "the capture of X by Russian forces", "its recapture, a victory for Moscow"
                break
    if after_agent is None and nominal and t.mode == "active":
        # "captured by Ukrainian forces during last year's offensive in X": the agent runs the offensive
        for x in reversed(actors):
            if x.end <= t.start:
                if x.kind == "named" and x.side and _BY_BEFORE.search(sent[max(0, x.start - 6) : x.start]) \
                        and _DURING_GAP.fullmatch(sent[x.end : t.start]):
                    after_agent = x.side
                break
    if after_agent is not None:
        subject = after_agent
    elif adjacent is not None and (nominal or t.mode == "repelled"):
        subject = adjacent
    elif nominal and t.mode == "active" and lex.has_denial(sent[: t.start]):
        # "Kyiv denied claims of the capture of X": the claim is the other side's
        denier = next((x.side for x in actors if x.kind == "named" and x.side and x.start < t.start), claimant_side)
        subject = lex.opponent(denier)
        conf = 0.5
        if subject is None:
            return None
    elif passive and lex.has_denial(sent[: t.start]):
        # "Kyiv denied that X had been captured": the claim denied is the other side's
        denier = next((x.side for x in actors if x.kind == "named" and x.side and x.start < t.start), claimant_side)
        subject = lex.opponent(denier)
        conf = 0.5
        if subject is None:
            return None
    elif passive and t.event == "attack":
        # "Kharkiv was shelled": who shelled it is not said
        return None
    elif passive:
        subject = claimant_side or ctx.last_side
        from_context = claimant_side is None
        conf = 0.65
        ctx.side_from_context = True  # "X was liberated": nobody is named
        patient = next((x for x in reversed(actors) if x.end <= t.start and x.kind == "named" and x.side), None)
        if patient is not None and t.event == "advance" and _ENCIRCLED.match(t.text):
            # "Ukrainian units have been encircled in X": the other side encircled them
            subject, from_context = lex.opponent(patient.side), False
    elif _FIGHTING.match(t.text):
        # "Russian troops are fighting in X": only a side right before it; else the side that attacked last
        near_actor = next((x for x in reversed(actors) if x.end <= t.start), None)
        if near_actor is not None and near_actor.kind == "named" and len(_WORD.findall(sent[near_actor.end : t.start])) <= 3 \
                and not _RX_SIDES_FOR_8.search(sent[near_actor.end : t.start]):
            subject = near_actor.side
        else:
            subject, from_context = (ctx.last_attacker or ctx.last_subject), True
    else:
        for x in reversed(actors):
            if x.end > t.start and not (x.start < t.start and x.kind == "named"):
                continue  # (but "Ukrainian missile strikes": a side that runs into the event word is its subject)
            if x.kind in ("named", "enemy", "pronoun", "generic") and _OBJECT_PREP.search(sent[max(0, x.start - 14) : x.start]):
                continue
            if nominal and t.mode == "active" and any(k == "verb" for _, _, k in lex.find_attributions(sent[x.end : t.start])):
                break  # "a Ukrainian spokesman said the capture of ...": the speaker is not the capturer
            subject, from_context = _resolve_actor(x, actors, ctx, lex, claimant_side, sent)
            if subject is not None:
                break
            if x.kind == "enemy":
                return None  # "the enemy" with no claimant to oppose: no side
        if subject is None:
            # "The fall of X ..." with no side named: the claimant's, else the side that acted last
            fallback = ctx.last_subject if nominal and ctx.last_subject else ctx.last_side
            if nominal and ctx.last_subject and _BACK_REFERENCE.match(sent[t.end :]):
                # "... said the capture of the village had no strategic importance": the event told before
                subject, from_context = ctx.last_subject, True
            elif _FIGHTING.match(t.text):
                # "fighting continues in X": the side that attacked last; no side known, no claim
                subject, from_context = (ctx.last_attacker or ctx.last_subject), True
            elif nominal and claimant_side and t.event in ("capture", "advance") and \
                    _ALLEGED_BEFORE.search(sent, max(0, t.start - 24), t.start):
                # "about the alleged capture of X," a Ukrainian governor said: the other side's claim
                subject, from_context = lex.opponent(claimant_side), True
            else:
                subject, from_context = (claimant_side or fallback), True
                ctx.side_from_context = True
    if from_context:
        conf *= 0.75
    if subject is not None and t.mode == "active" and t.event in ("attack", "advance", "incursion") and not from_context:
        ctx.last_attacker = subject
    if subject is not None and (not from_context or not _FIGHTING.match(t.text)):
        ctx.last_subject = subject if t.mode != "repelled" else ctx.last_subject
    if t.mode == "repelled":
        attacker = None
        for x in actors:
            if t.start <= x.start <= t.end + 30 and x.kind == "named" and x.side:
                if x.start >= t.end and not _RX_SIDES_FOR_7.match(sent[t.end : x.start]):
                    continue
                attacker = x.side
                break
        if attacker is None and claimant_side and any(t.start <= x.start < t.end and x.kind == "enemy" for x in actors):
            # "thwarting attempts by enemy units": the claimant's side holds
            attacker, subject = lex.opponent(claimant_side), claimant_side
        if subject is not None and attacker == subject:
            attacker = None
        defender = subject if subject is not None else lex.opponent(attacker)
        attacker = attacker or lex.opponent(defender)
        if attacker is not None and t.event in ("attack", "advance", "incursion"):
            ctx.last_attacker = attacker  # "... repelled 20 attacks. Fighting continues near X": the attacker fights
        if defender is None:
            return None
        return t.event, defender, attacker, conf
    if subject is None:
        return None
    if t.event == "withdrawal":
        return "withdrawal", lex.opponent(subject), subject, conf
    return t.event, subject, subject, conf


def _event_date(
    t: Trigger, sent: str, dates: Sequence[DateMatch], clauses: Sequence[tuple[int, int]], ci: int,
    triggers: Sequence[Trigger], attr_pos: int | None, continuation: bool, ctx: _Context,
    published: dt.date | None, clause_text: str, statement: DateMatch | None = None,
) -> EventDate:
    own = [d for d in dates if _clause_of(clauses, d.start) == ci]
    rivals = [u for u in triggers if u is not t and _clause_of(clauses, u.start) == ci]
    # a date after another event word that follows this one is that event's ("liberated X, ... which
    # Moscow annexed in 2022"); a date before the event words scopes over all of them
    # ("recaptured X during its counteroffensive in late 2022": a "during" event only dates this one)
    rivals = [u for u in rivals if not (u.start >= t.end and _DURING_BEFORE.search(sent[max(t.end, u.start - 40) : u.start]))]
    own = [d for d in own if not any(t.end <= u.start < d.start for u in rivals)]
    explicit_own = [d for d in own if d.kind != "vague"]
    if explicit_own:
        return min(explicit_own, key=lambda d: abs(d.start - t.start)).date
    if any(d.kind == "vague" for d in own):
        return UNKNOWN
    if statement is not None:
        return statement.date
    # a temporal clause ("following a Russian retreat") shares the date of the clause it hangs on
    c0, c1 = clauses[ci]
    if ci > 0 and _TEMPORAL.match(sent[c0:c1]):
        prev = [d for d in dates if _clause_of(clauses, d.start) == ci - 1 and d.kind != "vague"]
        if prev:
            return min(prev, key=lambda d: abs(d.start - t.start)).date
    busy = {_clause_of(clauses, u.start) for u in triggers if u is not t}
    # a date in a clause with no event of its own; a relative clause only speaks of what it
    # follows ("the incursion into Kursk Oblast, which began on 6 August")
    free = [d for d in dates if d.kind != "vague" and _clause_of(clauses, d.start) not in busy
            and (_clause_of(clauses, d.start) == ci + 1 or not _RELATIVE.match(sent[clauses[_clause_of(clauses, d.start)][0] : d.start]))]
    if free:
        return min(free, key=lambda d: abs(d.start - t.start)).date
    attr_clause = _clause_of(clauses, attr_pos) if attr_pos is not None else ci
    if any(d.kind == "vague" and _clause_of(clauses, d.start) in (ci, attr_clause) for d in dates):
        return UNKNOWN
    if continuation and (said := ctx.recent_statement()) is not None:
        return said.with_basis("context")
    if published is not None and (attr_pos is not None or continuation or _PRESENT.search(clause_text) or ctx.headline):
        return EventDate.day(published, "article_date")
    return UNKNOWN


def _quote_attribution(text: str, sentences: list[tuple[int, int]], si: int, lex: Lexicon) -> str | None:
    """For a sentence opening a quotation, the speaker named where the quotation closes."""
    for s, e in sentences[si : si + 4]:
        chunk = text[s:e]
        close = max(chunk.rfind("”"), chunk.rfind('"') if s != sentences[si][0] or chunk.count('"') > 1 else -1)
        if close >= 0:
            who, _, _ = _find_claimant(chunk[close:], lex, 0)
            return who
    return None


_STRENGTH = {"capture": 0, "withdrawal": 1, "incursion": 2, "advance": 3, "attack": 4, "other": 5, "mention": 6}


def _dedup(article: Any, govs: list[_Gov], sent: str, s0: int, claimant: str, claimant_class: str, outlet: str = "media") -> list[Claim]:
    """One claim per (place, event, side) in a sentence.  Events of the same side
    acting on the same place collapse to the strongest ("advanced into X and
    destroyed buildings" is one advance); a status of the side an event already
    gives adds nothing; a mention beside a control claim adds nothing."""
    best: dict[tuple[str, str, Any], _Gov] = {}
    for g in govs:
        # (per side: "captured by Russian forces ... before being retaken by Ukraine" is two claims)
        key = (g.mention.place.place_id, g.event, g.controller)
        if key not in best or g.confidence > best[key].confidence:
            best[key] = g
    out: list[Claim] = []
    for (pid, event, _side), g in best.items():
        rivals = [v for k, v in best.items() if k[0] == pid and k[1] != event]
        if event == "mention" and rivals:
            continue
        if event == "other" and any(v.controller == g.controller and v.event in ("capture", "withdrawal") for v in rivals):
            continue
        if event != "other" and any(
            v.controller == g.controller and v.actor == g.actor and v.event not in ("other", "mention")
            and _STRENGTH[v.event] < _STRENGTH[event] for v in rivals
        ):
            continue
        if g.own_narrative:
            out.append(_claim(article, g, sent, s0, outlet, "media"))
        else:
            out.append(_claim(article, g, sent, s0, claimant, claimant_class))
    out.sort(key=lambda c: (c.mention_start, c.event))
    return out


def _merge_restatements(claims: list[Claim], restated: set[int], headline: set[int]) -> list[Claim]:
    """Drop claims an article only restates.

    * a headline's claim that the body makes again (same place, event, side);
    * a quotation or "it said" continuation repeating a claim already made
      (same place, event, side and date): the quote is the claim's wording;
    * a status ("back under Ukrainian control") restating an earlier claim of
      the same side about the same place and date.
    Distinct attributed sentences stay distinct claims.
    """
    body = {(c.place_id, c.event, c.controller) for i, c in enumerate(claims) if i not in headline}
    seen: set[tuple[Any, ...]] = set()
    seen_side: set[tuple[Any, ...]] = set()
    out = []
    for i, c in enumerate(claims):
        key = (c.place_id, c.event, c.controller, c.event_date)
        if i in headline and (c.place_id, c.event, c.controller) in body:
            continue
        if i in restated and key in seen:
            continue
        if c.event == "other" and (c.place_id, c.controller, c.event_date) in seen_side:
            continue
        seen.add(key)
        seen_side.add((c.place_id, c.controller, c.event_date))
        out.append(c)
    return out


def _claim(article: Any, g: _Gov, sent: str, s0: int, claimant: str, claimant_class: str) -> Claim:
    p = g.mention.place
    s1 = s0 + len(sent)
    key = f"{article.id}|{s0}:{s1}|{p.place_id}|{g.event}"
    return Claim(
        article=article.id,
        published=article.published.isoformat() if article.published else None,
        url=getattr(article, "url", None),
        outlet=getattr(article, "outlet", None),
        place=g.mention.text,
        name=p.name,
        place_id=str(p.place_id),
        lat=float(p.lat),
        lon=float(p.lon),
        kind=_place_attr(p, "kind", "settlement"),
        coord_precision=_place_attr(p, "precision", "point") or "point",
        admin1=_place_attr(p, "admin1"),
        country=_place_attr(p, "country"),
        event=g.event,
        controller=g.controller,
        actor=g.actor,
        claimant=claimant,
        claimant_class=claimant_class,
        hedged=g.hedged,
        event_date=g.date.value,
        date_precision=g.date.precision,
        date_start=g.date.start.isoformat() if g.date.start else None,
        date_end=g.date.end.isoformat() if g.date.end else None,
        sentence=sent,
        sentence_start=s0,
        sentence_end=s1,
        mention_start=g.mention.start,
        mention_end=g.mention.end,
        confidence=g.confidence,
        claim_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        date_basis=g.date.basis,
        trigger=g.trigger.text,
        negated=g.negated,
    )


# ---------------------------------------------------------------- many articles
def _articles(items: Any, default_date: dt.date | None) -> Iterator["Article"]:
    from frontmap.articles import Article, read_articles

    if isinstance(items, (str, os.PathLike, Article)):
        items = [items]
    for item in items:
        if isinstance(item, Article):
            yield item
        else:
            yield from read_articles(item, default_date=default_date)


def extract(
    articles_or_paths: Any,
    *,
    lexicon: Lexicon | str | os.PathLike[str] | None = None,
    gazetteer: "Gazetteer | None" = None,
    progress: bool = False,
    default_date: dt.date | None = None,
) -> "geopandas.GeoDataFrame":
    """Extract every claimed event from articles into the claims table.

    Parameters
    ----------
    articles_or_paths : Article, path, or iterable of them
        Article objects, files, directories, ``"-"`` (stdin), or a mix.
    lexicon : Lexicon or path, optional
        A claim lexicon (TOML) for another conflict; default: Russia–Ukraine.
    gazetteer : Gazetteer, optional
        Gazetteer for place resolution; default: the shipped one.
    progress : bool
        Show a progress bar on standard error.
    default_date : datetime.date, optional
        Publication date for articles read from paths that carry none.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per claim, columns :data:`CLAIM_COLUMNS`, point geometry at
        (lon, lat), CRS EPSG:4326.

    Examples
    --------
    >>> import frontmap
    >>> gdf = frontmap.extract("seeds/")  # doctest: +SKIP
    >>> gdf[["place", "event", "controller", "event_date"]].head()  # doctest: +SKIP
    """
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    claims = list(iter_claims(articles_or_paths, lexicon=lex, gazetteer=gazetteer, progress=progress, default_date=default_date))
    return claims_frame(claims)


def iter_claims(
    articles_or_paths: Any,
    *,
    lexicon: Lexicon | str | os.PathLike[str] | None = None,
    gazetteer: "Gazetteer | None" = None,
    progress: bool = False,
    default_date: dt.date | None = None,
) -> Iterator[Claim]:
    """Like :func:`extract`, but yield :class:`Claim` records (no geopandas)."""
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    arts = _articles(articles_or_paths, default_date)
    if progress:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("extract", total=None)
            for art in arts:
                yield from extract_article(art, lexicon=lex, gazetteer=gazetteer)
                bar.advance(task)
        return
    for art in arts:
        yield from extract_article(art, lexicon=lex, gazetteer=gazetteer)


def claims_frame(claims: Iterable[Claim]) -> "geopandas.GeoDataFrame":
    """Build the claims GeoDataFrame (EPSG:4326) from :class:`Claim` records."""
    try:
        import geopandas as gpd
        import numpy as np
        import shapely
    except ImportError as exc:  # pragma: no cover
        raise ImportError("extract() needs geopandas: pip install 'geopandas>=1.0'") from exc

    claims = list(claims)
    # column by column (much faster than a frame from row dicts; this runs once per article in a store ingest)
    data: dict[str, Any] = {}
    for col in CLAIM_COLUMNS:
        values = [getattr(c, col) for c in claims]
        if col in _BOOL_COLUMNS:
            data[col] = np.array(values, dtype=bool)
        elif col in _FLOAT_COLUMNS:
            data[col] = np.array(values, dtype=float)
        elif col in _INT_COLUMNS:
            data[col] = np.array(values, dtype="int64")
        else:
            data[col] = values if values else np.array([], dtype=object)
    data["geometry"] = gpd.array.from_shapely(shapely.points(data["lon"], data["lat"]), crs="EPSG:4326")
    return gpd.GeoDataFrame(data, geometry="geometry", crs="EPSG:4326")


_BOOL_COLUMNS = frozenset({"hedged", "negated"})
_FLOAT_COLUMNS = frozenset({"lat", "lon", "confidence"})
_INT_COLUMNS = frozenset({"sentence_start", "sentence_end", "mention_start", "mention_end"})


_DATE_FORMS = {"day": r"\d{4}-\d{2}-\d{2}", "range": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


def validate_claims(gdf: Any, *, sides: Sequence[str] | None = None) -> None:
    """Check a claims table against the contract; raise listing every problem.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        A claims table (e.g. from :func:`extract`).
    sides : sequence of str, optional
        Allowed side codes; default: the sides of the shipped lexicon.

    Raises
    ------
    ValidationError
        With one line per problem found (missing columns, wrong CRS, bad
        values, geometry not at (lon, lat), ...).
    """
    problems: list[str] = []
    allowed = set(sides if sides is not None else default_lexicon().sides)
    crs = getattr(gdf, "crs", None)
    if crs is None:
        problems.append("CRS is not set; build the table with frontmap.claims.claims_frame() or call .set_crs(4326)")
    elif crs.to_epsg() != 4326:
        problems.append(f"CRS is {crs.to_string()}, not EPSG:4326; call .to_crs(4326)")
    missing = [c for c in CLAIM_COLUMNS if c not in gdf.columns and c not in _OPTIONAL_COLUMNS]
    if missing:
        problems.append(f"missing columns: {', '.join(missing)}")
    if "geometry" not in gdf.columns:
        problems.append("no geometry column")

    def bad(col: str, mask: Any, what: str) -> None:
        n = int(mask.sum())
        if n:
            first = gdf.index[mask.to_numpy()][0]
            problems.append(f"{col}: {n} row(s) {what} (first at index {first!r})")

    cols = set(gdf.columns)
    if "event" in cols:
        bad("event", ~gdf["event"].isin(EVENTS), f"not one of {', '.join(EVENTS)}")
    for col in ("controller", "actor"):
        if col in cols:
            bad(col, ~(gdf[col].isna() | gdf[col].isin(allowed)), f"not a side ({', '.join(sorted(allowed))}) or None")
    if "event" in cols and "controller" in cols:
        bad("controller", (gdf["event"] != "mention") & gdf["controller"].isna(), "control events without a controller")
        bad("controller", (gdf["event"] == "mention") & gdf["controller"].notna(), "mentions with a controller")
    if "claimant_class" in cols:
        bad("claimant_class", ~gdf["claimant_class"].isin(CLAIMANT_CLASSES), f"not one of {', '.join(CLAIMANT_CLASSES)}")
    if "date_precision" in cols:
        bad("date_precision", ~gdf["date_precision"].isin(["day", "month", "year", "range", "unknown"]), "not a date precision")
        if "event_date" in cols:
            for prec, form in _DATE_FORMS.items():
                sel = gdf["date_precision"] == prec
                ok = gdf["event_date"].astype("string").str.fullmatch(form).fillna(False).astype(bool)
                bad("event_date", sel & ~ok, f"not written as {form} for precision {prec!r}")
            bad("event_date", (gdf["date_precision"] == "unknown") & gdf["event_date"].notna(), "set while precision is 'unknown'")
    for col, lo, hi in (("lat", -90, 90), ("lon", -180, 180), ("confidence", 0, 1)):
        if col in cols:
            v = gdf[col].astype(float)
            bad(col, ~v.between(lo, hi), f"outside {lo}..{hi}")
    for col in ("hedged", "negated"):
        if col in cols:
            bad(col, ~gdf[col].isin([True, False]), "not a boolean")
    if "geometry" in cols and {"lat", "lon"} <= cols and len(gdf):
        geom = gdf.geometry
        off = (geom.x.sub(gdf["lon"].astype(float)).abs() > 1e-6) | (geom.y.sub(gdf["lat"].astype(float)).abs() > 1e-6)
        bad("geometry", off, "not the point (lon, lat)")
    if "claim_id" in cols:
        dup = gdf["claim_id"].duplicated()
        bad("claim_id", dup, "duplicated")
    if problems:
        raise ValidationError("claims table breaks the contract:\n  - " + "\n  - ".join(problems))
