"""The claim lexicon: sides, event words, attribution, hedges, claimant classes, custom files."""

from __future__ import annotations

import pytest

from frontmap.lexicon import LexiconError, default_lexicon, load_lexicon

LEX = default_lexicon()


def sides(text: str) -> list[tuple[str, str | None]]:
    return [(a.text, a.side) for a in LEX.find_actors(text) if a.kind == "named"]


@pytest.mark.parametrize(
    "phrase, side",
    [
        ("Russian forces", "RU"), ("the Kremlin", "RU"), ("Moscow", "RU"), ("Wagner", "RU"),
        ("pro-Russian separatists", "RU"), ("occupying forces", "RU"), ("DPR forces", "RU"),
        ("Russian-backed separatists", "RU"), ("the Sever group", "RU"), ("Battlegroup North", "RU"),
        ("Ukrainian troops", "UA"), ("Kyiv", "UA"), ("the General Staff", "UA"), ("ZSU", "UA"), ("AFU", "UA"),
        ("the 47th Mechanized Brigade", "UA"), ("the 3rd Assault Brigade", "UA"), ("Azov", "UA"),
        ("the Freedom of Russia Legion", "UA"), ("the Russian Volunteer Corps", "UA"), ("the Siberian Battalion", "UA"),
    ],
)
def test_actor_sides(phrase, side):
    found = sides(f"On Monday {phrase} moved.")
    assert found and found[0][1] == side, found


def test_longest_actor_wins():
    assert sides("Fighters of the Russian Volunteer Corps crossed the border.") == [("Russian Volunteer Corps", "UA")]


def test_media_names_are_not_sides():
    assert sides("The BBC Russian Service reported heavy rain.") == []


def test_pronouns_and_generic_subjects_are_contextual():
    kinds = [(a.text, a.kind) for a in LEX.find_actors("It said its troops and the enemy were near.")]
    assert ("its troops", "pronoun") in kinds and ("the enemy", "enemy") in kinds


@pytest.mark.parametrize(
    "sentence, event",
    [
        ("They took the village.", "capture"),
        ("They seized the bridge.", "capture"),
        ("The town fell to the attackers.", "capture"),
        ("They regained control of the town.", "capture"),
        ("They drove the defenders out of the town.", "capture"),
        ("Troops pulled back from the town.", "withdrawal"),
        ("Troops were ordered to retreat.", "withdrawal"),
        ("Units regrouped to the east.", "withdrawal"),
        ("Units advanced towards the river.", "advance"),
        ("Soldiers raised a flag in the square.", "advance"),
        ("Forces gained a foothold in the district.", "advance"),
        ("Troops now occupy 80 percent of the town.", "advance"),
        ("Drones struck the depot.", "attack"),
        ("Artillery shelled the village.", "attack"),
        ("They launched a cross-border incursion.", "incursion"),
        ("Troops crossed into the neighbouring region.", "incursion"),
    ],
)
def test_event_words(sentence, event):
    assert [t.event for t in LEX.find_triggers(sentence)] == [event]


def test_repelled_takes_the_event_of_its_noun():
    found = LEX.find_triggers("Defenders repelled an assault and halted the advance.")
    assert [(t.mode, t.event) for t in found] == [("repelled", "attack"), ("repelled", "advance")]


def test_status_names_the_side():
    found = LEX.find_triggers("Russian-held areas and towns under Ukrainian control.")
    assert [(t.event, t.side) for t in found] == [("other", "RU"), ("other", "UA")]


def test_formerly_occupied_is_no_status():
    assert [t for t in LEX.find_triggers("the once-occupied city") if t.mode == "status"] == []


def test_visits_and_talks_are_mentions():
    found = LEX.find_triggers("The president visited the town and held talks in the capital.")
    assert {t.event for t in found} == {"mention"}


def test_left_bank_is_not_a_withdrawal():
    assert LEX.find_triggers("positions on the left bank of the river") == []


def test_attribution_and_hedges():
    text = "According to analysts, troops likely withdrew, a claim that could not be independently verified."
    assert [k for _, _, k in LEX.find_attributions(text)] == ["before"]
    words = [w.lower() for _, _, w in LEX.find_hedges(text)]
    assert "likely" in words and any("independently" in w for w in words)


@pytest.mark.parametrize(
    "claimant, cls",
    [
        ("Russia's defence ministry", "ru_official"), ("the Kremlin", "ru_official"), ("TASS", "ru_official"),
        ("Ukraine's General Staff", "ua_official"), ("President Volodymyr Zelensky", "ua_official"),
        ("the regional governor", "ua_official"), ("the Institute for the Study of War", "independent"),
        ("DeepState", "independent"), ("UK Ministry of Defence intelligence", "independent"),
        ("Reuters", "media"), ("Russian military bloggers", "blogger"), ("a Telegram channel", "blogger"),
        ("a local resident", "other"),
    ],
)
def test_claimant_classes(claimant, cls):
    assert LEX.claimant_class(claimant) == cls


def test_intentions():
    assert LEX.is_intention("Moscow wants to ")
    assert LEX.is_intention("in order to achieve the goals of the operation, to ")
    assert not LEX.is_intention("Russian troops have ")


def test_bad_lexicon_files(tmp_path):
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("sides = [", encoding="utf-8")
    with pytest.raises(LexiconError, match="not valid"):
        load_lexicon(bad)
    nosides = tmp_path / "nosides.toml"
    nosides.write_text("[conflict]\nname='x'\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="sides"):
        load_lexicon(nosides)
    badrx = tmp_path / "badrx.toml"
    badrx.write_text("[sides.A]\nactors=['(oops']\n[sides.B]\nactors=['b']\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="regular expression"):
        load_lexicon(badrx)


def test_custom_lexicon_two_sides_default_opponents(tmp_path):
    path = tmp_path / "ab.toml"
    path.write_text("[sides.A]\nactors=['Alphans']\n[sides.B]\nactors=['Betans']\n", encoding="utf-8")
    lex = load_lexicon(path)
    assert lex.sides == ("A", "B") and lex.opponent("A") == "B" and lex.opponent("B") == "A"
    assert lex.side_of("the Betans said") == "B"


# ---------------------------------------------------------------- trigger scan by word heads (speed, same result)
def test_rule_heads_are_the_first_letters_of_every_match():
    from frontmap.lexicon import _heads

    assert _heads("(?:took|taken) control") == frozenset({"too", "tak"})
    assert _heads("(?:now )?in control of") == frozenset({"now", "in "})
    assert _heads(r"\w+est town to fall") is None  # any word can start it: the rule always runs
    assert _heads('[“"]?controls?') is None


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops took control of the village after heavy fighting, the ministry said.",
        "In the Kupiansk sector, Ukrainian units repelled 7 assaults and held off the enemy near two villages.",
        "It is the third town to fall this month; Kyiv's forces \"fully control\" the road, officials insisted.",
        "Shelling hit the Russian-occupied port overnight, as in-control units withdrew — no one entered.",
        "İstanbul talks stalled while occupied villages changed hands.",
    ],
)
def test_word_head_scan_finds_what_a_full_scan_finds(text):
    import dataclasses

    full = load_lexicon(LEX.path)
    full._rules = [dataclasses.replace(r, heads=None) for r in full._rules]
    assert LEX.find_triggers(text) == full.find_triggers(text)
    assert LEX.find_triggers(text)  # each sentence has event words
