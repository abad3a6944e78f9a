"""Claim lexicons: who the sides are, which words are events, attributions and hedges.

Sides come from data, not code.  The shipped lexicon
(``frontmap/lexicons/ru_ua.toml``) describes the Russia–Ukraine war; a user maps
another conflict by writing a TOML file of the same shape and passing its path
(``extract(..., lexicon=path)``, ``frontmap extract --lexicon PATH``).  The file
format is documented at the top of the shipped file.

A :class:`Lexicon` only *finds* things in a piece of text and returns spans;
deciding which actor governs which event and place is :mod:`frontmap.claims`'s job.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from frontmap.errors import FrontmapError

try:  # Python 3.11+
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

log = logging.getLogger(__name__)

__all__ = [
    "Lexicon",
    "LexiconError",
    "ActorMatch",
    "Trigger",
    "load_lexicon",
    "default_lexicon",
    "EVENT_TYPES",
]

EVENT_TYPES = ("capture", "withdrawal", "advance", "attack", "incursion", "other", "mention")
_MODES = ("active", "repelled", "status", "mention")
_PURPOSE = re.compile(r"\b(?:in order|goals?|aims?|objectives?|purpose|mission|tasks?)\b[^.;:]{0,80}\bto\s+$", re.IGNORECASE)


class LexiconError(FrontmapError, ValueError):
    """A lexicon file is missing, not TOML, or breaks the lexicon format."""


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """A phrase naming (or standing for) a side.

    ``kind`` is ``named`` (the side is in the words), ``pronoun`` / ``generic``
    (the side comes from context: the side named last), ``enemy`` (the
    opponent of the claimant's side) or ``neutral`` (looks like a side, is not).
    """

    start: int
    end: int
    text: str
    side: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event word or phrase found in a text."""

    start: int
    end: int
    text: str
    event: str  # capture | withdrawal | advance | attack | incursion | other | mention
    mode: str  # active | repelled | status | mention
    side: str | None = None  # status statements and "Russian-held": the side named in the match
    reach: int | None = None  # words allowed between trigger and place; None = the clause


@dataclass(frozen=True, slots=True)
class _Rule:
    event: str
    mode: str
    regex: re.Pattern[str]
    reach: int | None
    side: str | None = None
    heads: frozenset[str] | None = None  # first three letters any match must start with (None: any)


_HEAD = 3
_WORD_HEAD = re.compile(r"(?<![\w-])(\w{1,%d})\w*" % _HEAD)  # a word, its first letters captured
_WORDISH = re.compile(r"\w")


def _heads(pattern: str) -> frozenset[str] | None:
    """The lower-case first letters (up to three) every match of ``pattern`` starts
    with, or None when that cannot be told (a class, a repeat, a non-letter first).

    A rule whose heads occur in no word of a sentence cannot match there, so
    :meth:`Lexicon.find_triggers` skips it without running its regex; the result
    is the same, only faster.
    """
    try:
        parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    limit = 400

    def prefixes(seq: list, acc: str) -> set[str] | None:
        # the literal starts of a match of ``seq`` after ``acc``; None: unknown
        for i, (op, arg) in enumerate(seq):
            if len(acc) >= _HEAD:
                return {acc[:_HEAD]}
            name = str(op)
            rest = seq[i + 1 :]
            if name == "LITERAL":
                ch = chr(arg).lower()
                if not _WORDISH.match(ch):
                    # a short word ("in ") is known whole: the text must have exactly that word
                    return {acc + " "} if 0 < len(acc) < _HEAD else {acc}
                acc += ch
            elif name == "SUBPATTERN":  # a group is matched once: its items, then the rest
                return prefixes(list(arg[-1]) + rest, acc)
            elif name == "BRANCH":
                out: set[str] = set()
                for branch in arg[1]:
                    got = prefixes(list(branch) + rest, acc)
                    if got is None or len(out | got) > limit:
                        return None
                    out |= got
                return out
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                # the first repetition starts the match (what follows it is not known); or none at all
                got = prefixes(list(arg[2]), acc)
                if got is None:
                    return None
                if arg[0] == 0:
                    skip = prefixes(rest, acc)
                    if skip is None:
                        return None
                    got |= skip
                return got
            elif name in ("ASSERT", "ASSERT_NOT", "AT"):
                continue  # zero-width: the match goes on with the rest
            else:
                return {acc}
        return {acc}

    got = prefixes(list(parsed), "")
    if not got or any(len(h) < _HEAD for h in got):
        return None  # a short prefix ("in", "a") says too little to skip anything safely
    return frozenset(h[:_HEAD] for h in got)


def _alternation(patterns: list[str]) -> str:
    # longer patterns first so that an alternation prefers the longest phrase
    ordered = sorted({p for p in patterns if p}, key=len, reverse=True)
    return "|".join(f"(?:{p})" for p in ordered)


def _first_chars(pattern: str) -> str | None:
    """The characters a match of ``pattern`` can start with, as a character-class
    body, or None when that is not a small literal set.  A lookahead on them lets
    the regex engine skip most words of a sentence at once."""
    try:
        parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None

    def first(seq: Any) -> tuple[set[str] | None, bool]:
        acc: set[str] = set()
        for op, arg in seq:
            name = str(op)
            if name == "LITERAL":
                got, nullable = {chr(arg)}, False
            elif name == "IN":
                got = set()
                for iop, iarg in arg:
                    if str(iop) == "LITERAL":
                        got.add(chr(iarg))
                    elif str(iop) == "RANGE" and iarg[1] - iarg[0] < 64:
                        got.update(chr(c) for c in range(iarg[0], iarg[1] + 1))
                    else:
                        return None, False
                nullable = False
            elif name == "BRANCH":
                got, nullable = set(), False
                for branch in arg[1]:
                    sub, sub_null = first(branch)
                    if sub is None:
                        return None, False
                    got |= sub
                    nullable = nullable or sub_null
            elif name == "SUBPATTERN":
                got, nullable = first(arg[-1])
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                got, nullable = first(arg[2])
                nullable = nullable or arg[0] == 0
            elif name in ("AT", "ASSERT", "ASSERT_NOT"):
                got, nullable = set(), True
            else:
                return None, False
            if got is None:
                return None, False
            acc |= got
            if not nullable:
                return acc, False
        return acc, True

    chars, nullable = first(parsed)
    if chars is None or nullable or not chars:
        return None
    return "".join(re.escape(c) for c in sorted(chars | {c.swapcase() for c in chars}))


def _compile(patterns: list[str], where: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    body = _alternation(patterns)
    try:
        re.compile(body)
    except re.error as exc:
        raise LexiconError(f"lexicon {where}: a pattern is not a valid regular expression ({exc}); fix or quote it") from exc
    chars = _first_chars(body)
    look = f"(?=[{chars}])" if chars else ""
    return re.compile(rf"(?<![\w-]){look}(?:{body})(?![\w])", re.IGNORECASE)


def _required(pattern: str) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` contains,
    or None when no such set of 3+ character strings can be told."""
    try:
        parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None

    def req(seq: Any) -> frozenset[str] | None:
        best: frozenset[str] | None = None
        run = ""

        def offer(cand: frozenset[str] | None) -> None:
            nonlocal best
            if cand and min(map(len, cand)) >= 3 and (best is None or min(map(len, cand)) > min(map(len, best))):
                best = cand

        for op, arg in seq:
            name = str(op)
            if name == "LITERAL" and chr(arg).isascii():
                run += chr(arg).lower()
                continue
            offer(frozenset({run}) if run else None)
            run = ""
            if name == "SUBPATTERN":
                offer(req(arg[-1]))
            elif name == "BRANCH":
                got = [req(b) for b in arg[1]]
                if all(g is not None for g in got):
                    offer(frozenset().union(*got))  # type: ignore[arg-type]
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
                offer(req(arg[2]))
        offer(frozenset({run}) if run else None)
        return best

    return req(list(parsed))


# characters Python's case-insensitive matching equates with an ASCII letter that
# str.lower() does not turn into that letter: a text holding one always gets the full regex
_FOLD_ODD = frozenset("\u0130\u0131\u017f")


def _guarded(rx: re.Pattern[str], patterns: list[str]) -> tuple[frozenset[str], re.Pattern[str] | None] | None:
    """A faster stand-in for ``rx`` (compiled from ``patterns`` by :func:`_compile`).

    Patterns whose first characters cannot be told ("(?:\\w+ )?motor rifle brigade")
    stop the first-character lookahead for the whole alternation.  When each such
    pattern needs one of a few literal strings, return ``(guard, fast)``: ``fast``
    is ``rx`` without those patterns (None if none is left), and on a text whose
    lower-case form holds no string of ``guard`` it finds exactly what ``rx``
    finds, since the patterns left out cannot match there.  None: no stand-in.
    """
    ordered = sorted({p for p in patterns if p}, key=len, reverse=True)  # as in _alternation
    if "|".join(f"(?:{p})" for p in ordered) != _alternation(patterns):
        return None
    open_: list[str] = [p for p in ordered if _first_chars(p) is None]
    if not open_:
        return None
    guard: set[str] = set()
    for p in open_:
        need = _required(p)
        if need is None:
            return None
        guard |= need
    rest = [p for p in ordered if p not in open_]
    if not rest:
        return frozenset(guard), None
    body = "|".join(f"(?:{p})" for p in rest)  # same order as in ``rx``
    chars = _first_chars(body)
    look = f"(?=[{chars}])" if chars else ""
    return frozenset(guard), re.compile(rf"(?<![\w-]){look}(?:{body})(?![\w])", rx.flags)


_HEADS_OF: dict[str, frozenset[str] | None] = {}


def _rx_heads(rx: re.Pattern[str]) -> frozenset[str] | None:
    """:func:`_heads` of a compiled lexicon regex, remembered."""
    got = _HEADS_OF.get(rx.pattern, ())
    if got == ():
        got = _HEADS_OF[rx.pattern] = _heads(rx.pattern)
    return got  # type: ignore[return-value]


_REQUIRED_OF: dict[str, frozenset[str] | None] = {}


def _rx_required(rx: re.Pattern[str]) -> frozenset[str] | None:
    """:func:`_required` of a compiled lexicon regex, remembered."""
    got = _REQUIRED_OF.get(rx.pattern, ())
    if got == ():
        got = _REQUIRED_OF[rx.pattern] = _required(rx.pattern)
    return got  # type: ignore[return-value]


def _word_index(text: str) -> dict[str, list[int]]:
    """Where each word of ``text`` starts, by its lower-case first letters (``_HEAD``
    of them; a shorter word padded with a space).  Callers keep texts whose lower case
    changes length (``_FOLD_ODD``) away, so offsets in the lower-cased text are the text's."""
    starts: dict[str, list[int]] = {}
    for w in _WORD_HEAD.finditer(text.lower()):
        head = w.group(1)
        if len(head) < _HEAD:
            head += " "
        got = starts.get(head)
        if got is None:
            starts[head] = [w.start()]
        else:
            got.append(w.start())
    return starts


def _scan(rx: re.Pattern[str], heads: frozenset[str] | None, text: str, starts: dict[str, list[int]] | None,
          first: bool = False) -> list[re.Match[str]]:
    """The matches ``rx.finditer(text)`` finds, trying ``rx`` only where a word starts
    as a match must (``heads``); ``first``: stop at the first match."""
    if heads is None or starts is None:
        if first:
            m = rx.search(text)
            return [m] if m is not None else []
        return list(rx.finditer(text))
    hits = heads.intersection(starts)
    if not hits:
        return []
    positions = sorted(p for h in hits for p in starts[h]) if len(hits) > 1 else starts[next(iter(hits))]
    out: list[re.Match[str]] = []
    done = 0
    for pos in positions:
        if pos < done:
            continue
        m = rx.match(text, pos)
        if m is not None:
            out.append(m)
            if first:
                break
            done = max(m.end(), pos + 1)
    return out


def _strings(table: dict, key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"lexicon {where}.{key}: expected a list of strings")
    return list(value)


@dataclass(slots=True)
class Lexicon:
    """A compiled claim lexicon.

    Build one with :func:`load_lexicon`; :func:`default_lexicon` gives the
    shipped Russia–Ukraine lexicon.

    Attributes
    ----------
    name : str
        Human name of the conflict.
    sides : tuple of str
        Side codes ("RU", "UA").
    opponents : dict
        Side code -> opposing side code.
    countries : dict
        Side code -> ISO country code of its home territory.
    theatre : tuple of str
        Countries the war is fought in.
    occupier : str or None
        The side a bare "occupied X" refers to.
    official_class : dict
        Side code -> claimant class of that side's officials.
    """

    name: str
    sides: tuple[str, ...]
    opponents: dict[str, str]
    countries: dict[str, str]
    theatre: tuple[str, ...]
    occupier: str | None
    official_class: dict[str, str]
    path: str
    _actors: list[tuple[re.Pattern[str], str | None, str]] = field(default_factory=list, repr=False)
    _actor_guards: list[tuple[frozenset[str], re.Pattern[str] | None] | None] = field(default_factory=list, repr=False)
    _rules: list[_Rule] = field(default_factory=list, repr=False)
    _nouns: list[tuple[re.Pattern[str], str]] = field(default_factory=list, repr=False)
    _occupied: re.Pattern[str] | None = field(default=None, repr=False)
    _not_after: tuple[str, ...] = field(default=(), repr=False)
    _attribution: re.Pattern[str] | None = field(default=None, repr=False)
    _before_claimant: re.Pattern[str] | None = field(default=None, repr=False)
    _anaphoric: re.Pattern[str] | None = field(default=None, repr=False)
    _hedges: re.Pattern[str] | None = field(default=None, repr=False)
    _claimants: list[tuple[str, re.Pattern[str]]] = field(default_factory=list, repr=False)
    _intentions: re.Pattern[str] | None = field(default=None, repr=False)
    _short_cache: dict[str, list[ActorMatch]] = field(default_factory=dict, repr=False)
    _orgs: re.Pattern[str] | None = field(default=None, repr=False)
    _class_cache: dict[str, str] = field(default_factory=dict, repr=False)
    _denials: re.Pattern[str] | None = field(default=None, repr=False)
    _last_index: tuple[Any, Any] = field(default=(None, None), repr=False)  # (text, its word index), swapped whole
    _rules_by_head: dict[str, tuple[int, ...]] | None = field(default=None, repr=False)

    # ------------------------------------------------------------ lookups
    def _index(self, text: str) -> dict[str, list[int]] | None:
        """The word index of ``text`` (the last one is kept: a sentence is asked about
        several times in a row); None when case folding could make it miss a match."""
        last = self._last_index
        if last[0] is not text and last[0] != text:
            last = self._last_index = (text, _word_index(text) if _FOLD_ODD.isdisjoint(text) else None)
        return last[1]

    def _ready_index(self, text: str) -> dict[str, list[int]] | None:
        """The word index of ``text`` if it is already built (building one costs about
        as much as one regex scan: worth it only for several regexes)."""
        last = self._last_index
        return last[1] if last[0] is text or last[0] == text else None

    def opponent(self, side: str | None) -> str | None:
        """The side opposing ``side`` (None for None or an unknown side)."""
        return self.opponents.get(side) if side else None

    def find_actors(self, text: str) -> list[ActorMatch]:
        """Every phrase naming or standing for a side, non-overlapping, in text order.

        Overlaps go to the longest phrase ("Russian Volunteer Corps" is one UA
        actor, not "Russian" + "Volunteer Corps").
        """
        if len(text) <= 120:  # claimant phrases and place names recur: remember them
            hit = self._short_cache.get(text)
            if hit is None:
                if len(self._short_cache) > 20_000:
                    self._short_cache.clear()
                hit = self._short_cache[text] = self._find_actors(text)
            return list(hit)
        return self._find_actors(text)

    def _find_actors(self, text: str) -> list[ActorMatch]:
        found: list[ActorMatch] = []
        low = text.lower() if len(self._actor_guards) == len(self._actors) and _FOLD_ODD.isdisjoint(text) else None
        for k, (rx, side, kind) in enumerate(self._actors):
            stand_in = self._actor_guards[k] if low is not None else None
            if stand_in is not None and not any(g in low for g in stand_in[0]):  # type: ignore[operator]
                if stand_in[1] is None:
                    continue  # the only patterns that could match need words the text lacks
                rx = stand_in[1]  # same matches here, with a first-letter lookahead
                matches = _scan(rx, _rx_heads(rx), text, self._index(text))
            else:
                # with the sentence's word index at hand (built for its event words), try the
                # regex only where a word starts as one of its matches must: the same matches
                heads = _rx_heads(rx)
                starts = self._ready_index(text) if heads is not None else None
                matches = _scan(rx, heads, text, starts) if starts is not None else rx.finditer(text)  # type: ignore[assignment]
            for m in matches:
                found.append(ActorMatch(m.start(), m.end(), m.group(0), side, kind))
        found.sort(key=lambda a: (-(a.end - a.start), a.start))
        kept: list[ActorMatch] = []
        for a in found:
            if all(a.end <= k.start or a.start >= k.end for k in kept):
                kept.append(a)
        kept.sort(key=lambda a: a.start)
        return [a for a in kept if a.kind != "neutral"]

    def find_triggers(self, text: str) -> list[Trigger]:
        """Every event trigger in ``text`` (non-overlapping; longer and status first)."""
        found: list[Trigger] = []
        # where each word starts, by its first letters: a rule runs only where a word starts as
        # one of its matches must (same matches as scanning the whole text, in far fewer steps)
        starts = self._index(text)
        if starts is None:
            starts = _word_index(text)
        by_head = self._rules_by_head
        if by_head is None:
            acc: dict[str, list[int]] = {}
            for k, rule in enumerate(self._rules):
                for h in rule.heads or ():
                    acc.setdefault(h, []).append(k)
            by_head = self._rules_by_head = {h: tuple(ks) for h, ks in acc.items()}
        # a rule whose matches can start with any word still needs one of a few strings
        # ("control", " to fall"): a text without them is not scanned for it
        low = text.lower() if _FOLD_ODD.isdisjoint(text) else None
        candidates: set[int] = set()
        for h in starts:
            ks = by_head.get(h)
            if ks is not None:
                candidates.update(ks)
        for k, rule in enumerate(self._rules):
            if rule.heads is not None:
                if k not in candidates:
                    continue  # no word of the text starts like a match of this rule
                hits = rule.heads.intersection(starts)
                if not hits:
                    continue  # no word of the text starts like a match of this rule
                positions = sorted(p for h in hits for p in starts[h]) if len(hits) > 1 else starts[next(iter(hits))]
                matches = []
                done = 0
                for pos in positions:
                    if pos < done:
                        continue
                    m = rule.regex.match(text, pos)
                    if m is not None:
                        matches.append(m)
                        done = max(m.end(), pos + 1)
            else:
                need = _rx_required(rule.regex) if low is not None else None
                if need is not None and not any(x in low for x in need):  # type: ignore[operator]
                    continue
                matches = rule.regex.finditer(text)
            for m in matches:
                event = rule.event
                if rule.mode == "repelled":
                    noun = m.groupdict().get("noun") or ""
                    event = self._noun_event(noun)
                found.append(Trigger(m.start(), m.end(), m.group(0), event, rule.mode, rule.side, rule.reach))
        need = _rx_required(self._occupied) if self._occupied is not None and low is not None else None
        if self._occupied is not None and self.occupier and (need is None or any(x in low for x in need)):  # type: ignore[operator]
            for m in self._occupied.finditer(text):
                before = text[max(0, m.start() - 12) : m.start()].lower()
                if any(before.rstrip(" -").endswith(w) for w in self._not_after):
                    continue
                found.append(Trigger(m.start(), m.end(), m.group(0), "other", "status", self.occupier, None))
        prio = {"status": 0, "repelled": 1, "mention": 2, "active": 2}  # then the longest phrase wins
        found.sort(key=lambda t: (prio[t.mode], -(t.end - t.start), t.start))
        kept: list[Trigger] = []
        for t in found:
            if all(t.end <= k.start or t.start >= k.end for k in kept):
                kept.append(t)
        kept.sort(key=lambda t: t.start)
        return kept

    def _noun_event(self, noun: str) -> str:
        for rx, event in self._nouns:
            if rx.fullmatch(noun):
                return event
        return "attack"

    def find_attributions(self, text: str) -> list[tuple[int, int, str]]:
        """Reporting verbs ("said", "claimed") as ``(start, end, "verb")`` and
        claimant-introducing phrases ("according to") as ``(start, end, "before")``."""
        out: list[tuple[int, int, str]] = []
        starts = self._ready_index(text)
        if self._attribution is not None:
            out += [(m.start(), m.end(), "verb") for m in _scan(self._attribution, _rx_heads(self._attribution), text, starts)]
        if self._before_claimant is not None:
            out += [(m.start(), m.end(), "before") for m in _scan(self._before_claimant, _rx_heads(self._before_claimant), text, starts)]
        return sorted(out)

    def is_anaphoric(self, claimant: str) -> bool:
        """True when a claimant phrase ("it", "the ministry") refers back to an earlier one."""
        return bool(self._anaphoric and self._anaphoric.fullmatch(claimant.strip()))

    def is_intention(self, before: str) -> bool:
        """True when ``before`` (the text just before an event word) makes it an
        intention or capability ("aims to", "want to", "can potentially")."""
        if self._intentions and self._intentions.search(before[-60:]):
            return True
        # "in order to achieve the goals of the operation, to liberate X"
        return bool(_PURPOSE.search(before[-100:]))

    def has_denial(self, text: str) -> bool:
        """True when ``text`` holds a denial word ("denied", "refuted")."""
        return bool(self._denials and self._denials.search(text))

    def find_hedges(self, text: str) -> list[tuple[int, int, str]]:
        """Hedging words ("likely", "allegedly", "could not be independently verified")."""
        if self._hedges is None:
            return []
        return [(m.start(), m.end(), m.group(0)) for m in self._hedges.finditer(text)]

    def claimant_class(self, claimant: str | None) -> str:
        """Classify a claimant phrase: ru_official, ua_official, independent, media, blogger or other."""
        if not claimant:
            return "other"
        hit = self._class_cache.get(claimant)
        if hit is None:
            hit = self._class_cache[claimant] = self._claimant_class(claimant)
            if len(self._class_cache) > 20_000:
                self._class_cache.clear()
        return hit

    def _claimant_class(self, claimant: str) -> str:
        for cls, rx in self._claimants:
            if rx.search(claimant):
                return "media" if cls == "media_named" else cls
        for actor in self.find_actors(claimant):
            if actor.side and actor.kind == "named":
                return self.official_class.get(actor.side, "other")
        return "other"

    def organisation_spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of multi-word claimant names ("Institute for the Study of War"):
        a place word inside one is part of a name, not a place."""
        if self._orgs is None:
            return []
        return [(m.start(), m.end()) for m in self._orgs.finditer(text)]

    def side_of(self, text: str) -> str | None:
        """The side a phrase names ("Russia's defence ministry" -> "RU"), or None."""
        for actor in self.find_actors(text):
            if actor.kind == "named" and actor.side:
                return actor.side
        return None


def _build(data: dict, path: str) -> Lexicon:
    where = Path(path).name
    sides_table = data.get("sides")
    if not isinstance(sides_table, dict) or not sides_table:
        raise LexiconError(f"lexicon {where}: needs a [sides.<CODE>] table per side (e.g. [sides.RU], [sides.UA])")
    sides = tuple(sides_table)
    opponents: dict[str, str] = {}
    countries: dict[str, str] = {}
    official: dict[str, str] = {}
    occupier: str | None = None
    actors: list[tuple[re.Pattern[str], str | None, str]] = []
    guards: list[tuple[frozenset[str], re.Pattern[str] | None] | None] = []  # one per actor regex
    adjectives: dict[str, str] = {}
    for code, side in sides_table.items():
        if not isinstance(side, dict):
            raise LexiconError(f"lexicon {where}: [sides.{code}] must be a table")
        opp = side.get("opponent")
        if opp is None and len(sides) == 2:
            opp = sides[1] if code == sides[0] else sides[0]
        if opp not in sides:
            raise LexiconError(f"lexicon {where}: [sides.{code}].opponent must name another side, got {opp!r}")
        opponents[code] = opp
        if side.get("country"):
            countries[code] = str(side["country"])
        official[code] = str(side.get("official_class", f"{code.lower()}_official"))
        if side.get("occupier"):
            occupier = code
        names = _strings(side, "actors", f"sides.{code}")
        rx = _compile(names, f"sides.{code}.actors")
        if rx is None:
            raise LexiconError(f"lexicon {where}: [sides.{code}].actors is empty; list the names of that side")
        actors.append((rx, code, "named"))
        guards.append(_guarded(rx, names))
        adjectives[code] = _alternation(_strings(side, "adjectives", f"sides.{code}") or [code])
    names = _strings(data.get("neutral", {}), "actors", "neutral")
    neutral = _compile(names, "neutral.actors")
    if neutral is not None:
        actors.append((neutral, None, "neutral"))
        guards.append(_guarded(neutral, names))
    context = data.get("context", {})
    for key, kind in (("pronouns", "pronoun"), ("generic", "generic"), ("enemy", "enemy")):
        names = _strings(context, key, "context")
        rx = _compile(names, f"context.{key}")
        if rx is not None:
            actors.append((rx, None, kind))
            guards.append(_guarded(rx, names))

    rules: list[_Rule] = []
    for i, entry in enumerate(data.get("event", [])):
        event = entry.get("type")
        mode = entry.get("mode", "active")
        if mode not in _MODES:
            raise LexiconError(f"lexicon {where}: [[event]] #{i + 1} mode {mode!r} is not one of {', '.join(_MODES)}")
        if mode == "active" and event not in EVENT_TYPES:
            raise LexiconError(f"lexicon {where}: [[event]] #{i + 1} type {event!r} is not one of {', '.join(EVENT_TYPES)}")
        patterns = _strings(entry, "patterns", f"event #{i + 1}")
        reach = entry.get("reach")
        if mode == "status":
            for code in sides:
                expanded = [p.replace("{side}", f"(?:{adjectives[code]})") for p in patterns]
                rx = _compile(expanded, f"event #{i + 1}")
                if rx is not None:
                    rules.append(_Rule("other", mode, rx, reach, code, _heads(_alternation(expanded))))
            continue
        rx = _compile(patterns, f"event #{i + 1}")
        if rx is not None:
            rules.append(_Rule(event if mode != "mention" else "mention", mode, rx, reach, None, _heads(_alternation(patterns))))
    status = data.get("status", {})
    for code in sides:
        remain = [p.replace("{side}", f"(?:{adjectives[code]})") for p in _strings(status, "remain", "status")]
        rx = _compile(remain, "status.remain")
        if rx is not None:
            rules.append(_Rule("other", "status", rx, None, code, _heads(_alternation(remain))))
    nouns = []
    for event, pats in data.get("event_nouns", {}).items():
        for p in pats:
            nouns.append((re.compile(p, re.IGNORECASE), event))

    attribution = data.get("attribution", {})
    claimants = data.get("claimants", {})
    compiled_claimants = []
    multiword: list[str] = []
    for cls in claimants.get("order", []):
        pats = _strings(claimants, cls, "claimants")
        rx = _compile(pats, f"claimants.{cls}")
        if rx is not None:
            compiled_claimants.append((cls, rx))
        multiword += [p for p in pats if " " in p]  # names of organisations, not single words
    conflict = data.get("conflict", {})
    intentions = _strings(data.get("intentions", {}), "before", "intentions")
    try:
        intentions_rx = re.compile(rf"(?<![\w-])(?:{_alternation(intentions)})\s+(?:\w+ly\s+)?$", re.IGNORECASE) if intentions else None
    except re.error as exc:
        raise LexiconError(f"lexicon {where}: [intentions].before has an invalid pattern ({exc})") from exc
    return Lexicon(
        name=str(conflict.get("name", where)),
        sides=sides,
        opponents=opponents,
        countries=countries,
        theatre=tuple(conflict.get("theatre", ())),
        occupier=occupier,
        official_class=official,
        path=str(path),
        _actors=actors,
        _actor_guards=guards,
        _rules=rules,
        _nouns=nouns,
        _occupied=_compile(_strings(status, "patterns", "status"), "status.patterns"),
        _not_after=tuple(w.lower() for w in _strings(status, "not_after", "status")),
        _attribution=_compile(_strings(attribution, "verbs", "attribution"), "attribution.verbs"),
        _before_claimant=_compile(_strings(attribution, "before_claimant", "attribution"), "attribution.before_claimant"),
        _anaphoric=_compile(_strings(attribution, "anaphoric", "attribution"), "attribution.anaphoric"),
        _hedges=_compile(_strings(data.get("hedges", {}), "words", "hedges"), "hedges.words"),
        _claimants=compiled_claimants,
        _intentions=intentions_rx,
        _orgs=_compile(multiword, "claimants"),
        _denials=_compile(_strings(data.get("denials", {}), "words", "denials"), "denials.words"),
    )


def load_lexicon(path: str | os.PathLike[str] | None = None) -> Lexicon:
    """Load and compile a claim lexicon.

    Parameters
    ----------
    path : str or path-like, optional
        A TOML lexicon file.  None loads the shipped Russia–Ukraine lexicon.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        The file is missing, is not TOML, or breaks the format; the message
        names the table at fault.
    """
    if path is None:
        return default_lexicon()
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise LexiconError(f"cannot read lexicon {str(p)!r} ({exc.strerror}); pass the path of a .toml lexicon file") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"lexicon {str(p)!r} is not valid UTF-8 TOML: {exc}") from exc
    return _build(data, str(p))


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped Russia–Ukraine lexicon (compiled once, cached)."""
    ref = resources.files("frontmap") / "lexicons" / "ru_ua.toml"
    data = tomllib.loads(ref.read_text(encoding="utf-8"))
    return _build(data, str(ref))
