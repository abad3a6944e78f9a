"""The lexicon's shortcuts (first-letter word index, guarded actor regexes) find
exactly what the plain regexes find."""

from __future__ import annotations

import pytest

from frontmap.lexicon import _required, _word_index, load_lexicon

SENTENCES = [
    "Russian forces captured the village, the defence ministry in Moscow said on Tuesday.",
    "The 47th Separate Mechanized Brigade said it had repelled 12 assaults near the town.",
    "Units of the 58th combined-arms army and the 20th motor-rifle division pressed on, according to Ukraine's General Staff.",
    "“We are holding,” a soldier told reporters, adding that the Third Assault Brigade had been moved north.",
    "Kyiv denied the claim, which could not be independently verified.",
    "Pro-Russian bloggers wrote that the enemy had pulled back; Zelensky's office did not comment.",
    "İstanbul talks ended without a deal, said a diplomat who asked not to be named.",  # a dotted capital I
    "The ſtrange spelling of a regiment name appears in an old source.",  # a long s
    "Drones struck an oil depot overnight.",
    "",
]


def _plain_actors(lex, text):
    guards = lex._actor_guards
    lex._actor_guards = []  # no stand-ins: every actor regex run in full
    try:
        return [(a.start, a.end, a.text, a.side, a.kind) for a in lex._find_actors(text)]
    finally:
        lex._actor_guards = guards


@pytest.mark.parametrize("text", SENTENCES)
def test_guarded_actor_regexes_find_the_same(text: str) -> None:
    lex = load_lexicon(None)
    got = [(a.start, a.end, a.text, a.side, a.kind) for a in lex._find_actors(text)]
    assert got == _plain_actors(lex, text)


def test_unit_names_still_found() -> None:
    lex = load_lexicon(None)
    found = {a.text: a.side for a in lex.find_actors(SENTENCES[1] + " " + SENTENCES[2]) if a.kind == "named"}
    assert found.get("47th Separate Mechanized Brigade") == "UA"
    assert any(side == "RU" and "combined-arms army" in name for name, side in found.items())


@pytest.mark.parametrize("text", SENTENCES)
def test_attributions_same_with_and_without_word_index(text: str) -> None:
    lex = load_lexicon(None)
    lex._last_index = (None, None)
    cold = lex.find_attributions(text)  # no index built for this text: plain regexes
    lex._index(text)
    assert lex._ready_index(text) is not None or not text.isascii()
    assert lex.find_attributions(text) == cold


def test_word_index_keys_are_word_heads() -> None:
    index = _word_index("Russian troops in pro-Russian areas")
    assert index["rus"] == [0]  # "pro-Russian": a hyphenated word starts once
    assert index["in "] == [15]
    assert "ssi" not in index


def test_required_strings() -> None:
    # the longest strings one of which every match holds (lower case)
    assert _required(r"(?:\d+ )?Motor[- ]rifle (?:Division|Regiment)") == frozenset({"division", "regiment"})
    assert _required(r"\w+") is None


ACTOR_SENTENCES = SENTENCES + [
    "The enemy tried to storm the village again, but our troops and the Ukrainian military held, Ukraine's President said.",
    "Its forces and their allies pushed on; the occupiers, the adversary's units and enemy forces fell back towards the army's lines.",
    "He said the soldiers of the Russian army and Ukraine's Prime Minister had met the enemy-held town's elders.",
]


@pytest.mark.parametrize("text", ACTOR_SENTENCES)
def test_actors_same_with_and_without_word_index(text: str) -> None:
    lex = load_lexicon(None)
    lex._last_index = (None, None)
    plain = _plain_actors(lex, text)  # no index for this text, no stand-ins: every regex in full
    assert lex._ready_index(text) is None
    lex._index(text)  # as after find_triggers: the unguarded regexes run only at matching word starts
    assert [(a.start, a.end, a.text, a.side, a.kind) for a in lex._find_actors(text)] == plain


def test_actor_kinds_found_through_word_index() -> None:
    lex = load_lexicon(None)
    text = ACTOR_SENTENCES[-2]
    lex._index(text)
    found = [(a.text, a.kind) for a in lex._find_actors(text)]
    assert ("the adversary", "enemy") in found and ("enemy forces", "enemy") in found
    assert ("the army", "generic") in found and ("the occupiers", "named") in found


TRIGGER_SENTENCES = SENTENCES + [
    "Russian forces now fully control the village, the ministry said.",
    "Ukrainian troops remain in “full control” of the town, a spokesman said.",
    "It was the latest town to fall since the summer, officials said.",
    "Residents of the OCCUPIED territories were told to leave; the occupation of the district began in 2022.",
    "Kyiv regained control over the bridge and the Russian-occupied bank.",
    "Traffic control measures were put in place near the station.",
]


@pytest.mark.parametrize("text", TRIGGER_SENTENCES)
def test_triggers_same_without_required_string_check(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import frontmap.lexicon as lexmod

    lex = load_lexicon(None)
    fast = lex.find_triggers(text)
    monkeypatch.setattr(lexmod, "_rx_required", lambda rx: None)  # every rule scanned in full
    assert lex.find_triggers(text) == fast


def test_required_string_check_keeps_status_triggers() -> None:
    lex = load_lexicon(None)
    found = {(t.text.lower(), t.mode) for t in lex.find_triggers(TRIGGER_SENTENCES[-4])}
    assert ("latest town to fall", "active") in found, found
    found = [t for t in lex.find_triggers(TRIGGER_SENTENCES[-3]) if t.mode == "status"]
    assert found, "occupied/occupation should be status triggers"
