"""Claim extraction from sentences written for these tests (hand-made places, no gazetteer)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from _fakeplaces import PLACES, article, mentions_for

from frontmap.claims import (
    CLAIM_COLUMNS,
    JSON_KEYS,
    Claim,
    claims_frame,
    extract,
    extract_article,
    split_sentences,
    validate_claims,
)
from frontmap.errors import ValidationError


def claims(text: str, published: dt.date | None = dt.date(2025, 3, 13), **kw) -> list[Claim]:
    art = article(text, published, **kw)
    return extract_article(art, mentions=mentions_for(text))


def one(text: str, place: str, **kw) -> Claim:
    found = [c for c in claims(text, **kw) if c.name == PLACES.get(place, PLACES["Hlynka"]).name or c.place == place]
    assert len(found) == 1, [(c.place, c.event, c.controller) for c in claims(text, **kw)]
    return found[0]


# ---------------------------------------------------------------- event types and controllers
def test_capture_controller_is_capturer():
    c = one("Russian troops captured the village of Hlynka, the Russian defence ministry said on Tuesday.", "Hlynka")
    assert (c.event, c.controller, c.actor) == ("capture", "RU", "RU")
    assert c.event_date == "2025-03-11" and c.date_precision == "day"
    assert c.claimant_class == "ru_official"


def test_liberated_by_ukraine():
    c = one("Ukrainian forces liberated Zoriane after weeks of fighting.", "Zoriane")
    assert (c.event, c.controller) == ("capture", "UA")


def test_drove_out_of_is_capture():
    c = one("Moscow said on Thursday it had driven Ukrainian units out of Sudzha.", "Sudzha")
    assert (c.event, c.controller, c.actor) == ("capture", "RU", "RU")
    assert c.event_date == "2025-03-13"


def test_fell_to_takes_the_side_after():
    c = one("Stepove fell to the Russians on Monday.", "Stepove")
    assert (c.event, c.controller) == ("capture", "RU")
    assert c.event_date == "2025-03-10"


def test_withdrawal_controller_is_the_other_side():
    c = one("Ukrainian troops pulled back from Kamianka to better positions.", "Kamianka")
    assert (c.event, c.controller, c.actor) == ("withdrawal", "RU", "UA")


def test_ordered_to_retreat():
    c = one("Ukrainian soldiers defending Hlynka have been ordered to retreat.", "Hlynka")
    assert (c.event, c.controller) == ("withdrawal", "RU")


def test_advance_entered():
    c = one("Ukrainian assault units entered Zoriane on 2 March.", "Zoriane")
    assert (c.event, c.controller) == ("advance", "UA")
    assert c.event_date == "2025-03-02"


def test_percent_is_advance():
    c = one("Analysts said Russian forces now occupy 60 percent of Pokrovsk.", "Pokrovsk")
    assert (c.event, c.controller) == ("advance", "RU")
    assert c.claimant_class == "independent"


def test_attack_controller_is_attacker():
    c = one("Russian troops stormed Kupiansk overnight, according to DeepState.", "Kupiansk")
    assert (c.event, c.controller) == ("attack", "RU")
    assert c.claimant == "DeepState" and c.claimant_class == "independent"


def test_repelled_attack_controller_is_defender():
    c = one("The Ukrainian army repelled a Russian assault on Stepove, the General Staff said.", "Stepove")
    assert (c.event, c.controller, c.actor) == ("attack", "UA", "RU")
    assert c.claimant_class == "ua_official"


def test_halted_advance_and_coordinated_capture():
    text = (
        "On 4 March, the governor said that Ukrainian forces had halted the advance of Russian troops near Hlynka "
        "in the Donetsk region and repelled an attack on Zoriane, but Russian forces were able to capture Stepove."
    )
    got = {c.place: (c.event, c.controller, c.actor, c.event_date) for c in claims(text)}
    assert got == {
        "Hlynka": ("advance", "UA", "RU", "2025-03-04"),
        "Zoriane": ("attack", "UA", "RU", "2025-03-04"),
        "Stepove": ("capture", "RU", "RU", "2025-03-04"),
    }  # the Donetsk region only locates Hlynka


def test_incursion_cross_border():
    c = one("Ukraine launched a cross-border incursion into the Kursk region in August 2024.", "Kursk region")
    assert (c.event, c.controller) == ("incursion", "UA")
    assert (c.event_date, c.date_precision) == ("2024-08", "month")


def test_launched_offensive_into_opponent_country_is_incursion():
    c = one("Moscow claimed that Ukrainian troops launched an offensive on the Belgorod region.", "Belgorod region")
    assert (c.event, c.controller) == ("incursion", "UA")


def test_volunteer_units_count_as_ukraine():
    c = one("The Russian Volunteer Corps crossed into the Belgorod region.", "Belgorod region")
    assert c.controller == "UA"


@pytest.mark.parametrize(
    "text, side",
    [
        ("Russian-held Tokmak has been without power for a week.", "RU"),
        ("Kupiansk remains under Ukrainian control, the governor said.", "UA"),
        ("Residents of occupied Tokmak queued for water.", "RU"),
    ],
)
def test_status_statements(text, side):
    place = "Tokmak" if "Tokmak" in text else "Kupiansk"
    c = one(text, place)
    assert (c.event, c.controller, c.actor) == ("other", side, None)


def test_background_fact_keeps_its_own_date():
    c = one("Moscow has controlled Crimea since it annexed the peninsula, which it took Crimea in 2014.", "Crimea")
    assert c.controller == "RU"
    assert (c.event_date, c.date_precision) == ("2014", "year")


def test_claim_and_background_incursion_in_one_sentence():
    text = "Russia meanwhile claimed rapid advances in the Kursk region -- where Kyiv launched a cross-border assault last August."
    got = {(c.event, c.controller): c.event_date for c in claims(text)}
    assert got == {("advance", "RU"): "2025-03-13", ("incursion", "UA"): "2024-08"}


# ---------------------------------------------------------------- not control
@pytest.mark.parametrize(
    "text",
    [
        "Putin visited Zaporizhzhia on Friday to meet local officials.",
        "A government plane landed at Vnukovo-2 late on Wednesday.",
    ],
)
def test_visits_and_flights_are_not_control(text):
    found = claims(text)
    assert all(c.event == "mention" and c.controller is None for c in found)


def test_unresolved_and_country_mentions_make_no_claim():
    assert claims("Russian forces captured territory in Ukraine.") == []


# ---------------------------------------------------------------- attribution, hedges, context
def test_hedged_claims():
    c = one("The Kremlin claimed its troops had allegedly seized Hlynka, a claim that could not be independently verified.", "Hlynka")
    assert c.hedged is True and c.controller == "RU"
    c = one("Ukraine's commander-in-chief hinted that troops could pull back from Kamianka.", "Kamianka")
    assert c.hedged is True and (c.event, c.controller) == ("withdrawal", "RU")
    c = one("Russian troops captured Zoriane, the defence ministry said.", "Zoriane")
    assert c.hedged is False


def test_pronoun_subject_takes_last_side():
    text = "Russia's defence ministry said on Saturday that it had taken Stepove."
    c = one(text, "Stepove")
    assert (c.event, c.controller, c.event_date) == ("capture", "RU", "2025-03-08")


def test_enemy_is_claimants_opponent():
    text = (
        "Ukraine's General Staff said on Wednesday that the situation was difficult. "
        "\"The enemy does not stop trying to break through our defence near Hlynka,\" it said."
    )
    c = one(text, "Hlynka")
    assert c.controller == "RU"
    assert c.claimant == "Ukraine's General Staff"


def test_claimant_outlet_when_no_attribution():
    c = one("Russian troops are mounting intense pressure on Pokrovsk.", "Pokrovsk", outlet="Test Wire")
    assert (c.claimant, c.claimant_class) == ("Test Wire", "media")
    assert c.event_date == "2025-03-13" and c.date_basis == "article_date"


def test_quote_continues_previous_claimant_and_date():
    text = (
        "The Russian defence ministry said on Tuesday that its forces were advancing. "
        "\"As a result of offensive actions, the village of Hlynka was completely liberated,\" the ministry said."
    )
    c = one(text, "Hlynka")
    assert (c.event, c.controller) == ("capture", "RU")
    assert c.claimant == "The Russian defence ministry"
    assert c.event_date == "2025-03-11"


def test_undated_past_is_unknown():
    c = one("Bloggers had previously reported that Russian troops raised their flag over Zoriane.", "Zoriane")
    assert c.event_date is None and c.date_precision == "unknown"


def test_no_date_and_no_report_is_unknown():
    c = one("Russian forces shelled Hlynka.", "Hlynka", published=None)
    assert c.event_date is None


def test_coreference_claims_the_antecedent():
    text = "Fighting raged around Zoriane for weeks. Russian forces finally captured the village on Sunday."
    found = [c for c in claims(text) if c.event == "capture"]
    assert len(found) == 1
    assert (found[0].place, found[0].name, found[0].event_date) == ("the village", "Zoriane", "2025-03-09")


def test_cyrillic_place_name():
    c = one("Russian troops stormed Вугледар on Monday, Ukrainian officials said.", "Вугледар")
    assert c.place == "Вугледар" and c.name == "Vuhledar"
    assert (c.event, c.controller, c.event_date) == ("attack", "RU", "2025-03-10")


def test_near_makes_capture_an_advance():
    c = one("Ukraine said it had driven Russian forces from their positions near Kamianka.", "Kamianka")
    assert (c.event, c.controller) == ("advance", "UA")


def test_custom_lexicon_for_another_conflict(tmp_path):
    lex = tmp_path / "red_blue.toml"
    lex.write_text(
        """
[conflict]
name = "test war"
theatre = ["UA"]
[sides.RED]
opponent = "BLU"
actors = ['Red forces', 'Redland']
adjectives = ['Red']
[sides.BLU]
opponent = "RED"
actors = ['Blue forces', 'Blueland']
adjectives = ['Blue']
[[event]]
type = "capture"
patterns = ['captured']
[[event]]
type = "withdrawal"
patterns = ['withdrew']
[attribution]
verbs = ['said']
""",
        encoding="utf-8",
    )
    text = "Blue forces captured Hlynka. Red forces withdrew from Zoriane."
    found = extract_article(article(text), mentions=mentions_for(text), lexicon=lex)
    assert [(c.place, c.event, c.controller) for c in found] == [("Hlynka", "capture", "BLU"), ("Zoriane", "withdrawal", "BLU")]


# ---------------------------------------------------------------- sentences, table, validation
def test_split_sentences_keeps_offsets_and_abbreviations():
    text = 'The U.S. envoy met Gen. Syrskyi on Monday. "We hold the line," he said -- and left.\nNext paragraph'
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "The U.S. envoy met Gen. Syrskyi on Monday.",
        '"We hold the line," he said -- and left.',
        "Next paragraph",
    ]


def test_claim_offsets_and_columns():
    text = "Intro sentence here. Russian troops captured Hlynka on Monday."
    c = claims(text)[0]
    assert text[c.sentence_start : c.sentence_end] == c.sentence
    assert text[c.mention_start : c.mention_end] == "Hlynka"
    assert tuple(c.to_dict()) == CLAIM_COLUMNS
    assert tuple(c.to_json_dict())[: len(JSON_KEYS)] == JSON_KEYS


def test_claims_frame_validates(monkeypatch):
    text = "Russian troops captured Hlynka on Monday. Ukrainian forces pulled back from Zoriane."
    gdf = claims_frame(claims(text))
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf.columns[: len(CLAIM_COLUMNS)]) == list(CLAIM_COLUMNS)
    assert gdf.geometry.x.tolist() == gdf["lon"].tolist()
    validate_claims(gdf)


def test_validate_collects_every_problem():
    text = "Russian troops captured Hlynka on Monday. Ukrainian forces pulled back from Zoriane."
    gdf = claims_frame(claims(text))
    gdf.loc[0, "event"] = "conquest"
    gdf.loc[1, "controller"] = "XX"
    gdf = gdf.drop(columns=["claimant"])
    with pytest.raises(ValidationError) as err:
        validate_claims(gdf)
    msg = str(err.value)
    assert "event" in msg and "controller" in msg and "missing columns: claimant" in msg


def test_extract_accepts_articles_and_paths(tmp_path, monkeypatch):
    import frontmap.mentions

    monkeypatch.setattr(frontmap.mentions, "find_places", lambda art, gazetteer=None: mentions_for(art.text))
    path = tmp_path / "a.txt"
    path.write_text(" date 2025-03-13\n\nUkrainian forces retook Stepove on Tuesday.\n", encoding="utf-8")
    art = article("Russian troops captured Hlynka on Monday.", id="obj")
    gdf = extract([art, path])
    assert sorted(gdf["article"]) == ["a", "obj"]
    assert set(gdf["controller"]) == {"RU", "UA"}


# ---------------------------------------------------------------- general sentence shapes
@pytest.mark.parametrize(
    "text",
    [
        "Moscow wants to capture Hlynka before winter.",
        "The goal of the operation is to liberate Hlynka.",
        "President Putin demanded that Ukraine withdraw from Hlynka.",
        "Ukrainian forces will have to pull back from Hlynka soon.",
    ],
)
def test_intentions_are_not_claims(text):
    assert [c for c in claims(text) if c.event != "mention"] == []


def test_destination_of_a_withdrawal_is_not_lost():
    got = {c.place: (c.event, c.controller) for c in claims("Russian units withdrew from Hlynka to Zoriane on Monday.")}
    assert got == {"Hlynka": ("withdrawal", "UA")}


def test_unnamed_village_in_a_region_is_not_the_region():
    assert claims("Russian forces captured a small village in the Donetsk region on Monday.") == []


def test_partial_status_is_no_status_of_the_whole():
    found = claims("Ukrainian drones struck a depot in the Russian-occupied part of the Donetsk region.")
    assert all(c.event != "other" for c in found)


def test_near_lowers_confidence():
    far = one("Russian troops advanced near Hlynka.", "Hlynka")
    into = one("Russian troops advanced into Hlynka.", "Hlynka")
    assert far.confidence < into.confidence


def test_repelled_attempts_to_break_through():
    text = "Ukraine's General Staff said its defenders thwarted attempts by enemy units to break through near Stepove."
    c = one(text, "Stepove")
    assert (c.controller, c.actor) == ("UA", "RU")


def test_denied_nominal_claim_is_the_other_sides():
    c = one("Ukrainian officials denied claims about the capture of Stepove.", "Stepove")
    assert (c.event, c.controller) == ("capture", "RU")


def test_passive_attack_without_agent_makes_no_control_claim():
    assert [c for c in claims("Kupiansk was shelled overnight, the governor said.") if c.event == "attack"] == []


def test_progressive_is_not_passive():
    c = one("Russia said its troops were advancing towards Pokrovsk.", "Pokrovsk")
    assert (c.event, c.controller) == ("advance", "RU")


def test_headline_restated_by_the_lead_counts_once():
    text = "Russian troops capture Hlynka\nRussian troops have captured Hlynka, the Russian defence ministry said on Tuesday."
    found = [c for c in claims(text) if c.event == "capture"]
    assert len(found) == 1 and found[0].event_date == "2025-03-11"


def test_quotation_restating_a_claim_counts_once():
    text = (
        "The Russian defence ministry said on Tuesday that its forces had captured Hlynka. "
        "\"The village of Hlynka has been completely liberated,\" the ministry said."
    )
    assert len([c for c in claims(text) if c.event == "capture"]) == 1


def test_distinct_attributed_sentences_stay_distinct():
    text = (
        "The Russian defence ministry said on Tuesday that its forces had captured Hlynka. "
        "Russian military bloggers reported on Monday that Russian troops had captured Hlynka."
    )
    found = [c for c in claims(text) if c.event == "capture"]
    assert [c.event_date for c in found] == ["2025-03-11", "2025-03-10"]
    assert [c.claimant_class for c in found] == ["ru_official", "blogger"]


def test_organisation_names_hide_place_words():
    text = "Ukrainian forces pulled back from Pokrovsk, the Institute for the Study of War said."
    assert {c.place for c in claims(text)} == {"Pokrovsk"}


def test_the_region_prefers_the_salient_region():
    text = (
        "Russia said it was advancing in the Kursk region. Fighting in the Kursk region went on. "
        "Moscow annexed Crimea years ago, analysts recalled at length in a long and detailed report on the war "
        "that also covered many other matters unrelated to the front, such as the economy, elections and trade. "
        "It also discussed energy prices, shipping in the Black Sea, grain exports and the mood in European capitals. "
        "Ukraine's commander hinted that troops were pulling back in the region."
    )
    last = [c for c in claims(text) if c.event == "withdrawal"]
    assert [c.name for c in last] == ["Kursk Oblast"]


def test_relative_clause_date_belongs_to_its_event():
    text = "Ukraine's incursion into the Kursk region, which began on 6 August 2024, continued."
    c = one(text, "Kursk region")
    assert (c.event, c.event_date) == ("incursion", "2024-08-06")


def test_date_of_a_later_event_is_not_borrowed():
    text = "Russian troops liberated Hlynka, near the region Moscow annexed in 2022, the ministry said."
    c = one(text, "Hlynka")
    assert c.event_date == "2025-03-13"


def test_blocked_from_advancing_is_a_repelled_advance():
    c = one("The ministry said Russian border guards blocked Ukrainian units from advancing deeper into the Kursk region.", "Kursk region")
    assert (c.event, c.controller, c.actor) == ("advance", "RU", "UA")


def test_attempts_that_were_repelled():
    c = one("Ukrainian attempts to advance into the Kursk region were repelled by artillery, Moscow said.", "Kursk region")
    assert (c.event, c.controller, c.actor) == ("advance", "RU", "UA")


def test_origin_of_an_advance_is_not_its_target():
    found = claims("Ukrainian units tried to advance on Sudzha from Hlynka on Monday.")
    assert {c.place for c in found} == {"Sudzha"}


def test_background_clause_is_the_outlets_narrative():
    text = "Russia claimed advances in the Kursk region -- where Kyiv launched a cross-border assault in August 2024."
    got = {c.event: (c.claimant, c.claimant_class) for c in claims(text, outlet="Test Wire")}
    assert got["advance"] == ("Russia", "ru_official")
    assert got["incursion"] == ("Test Wire", "media")


def test_denial_in_the_sentence_hedges_the_claim():
    c = one("Russia said it had captured Hlynka, but Kyiv denied it.", "Hlynka")
    assert (c.controller, c.hedged) == ("RU", True)


def test_has_occupied_is_a_capture():
    c = one("According to DeepState, Russian forces have occupied Stepove.", "Stepove")
    assert (c.event, c.controller, c.claimant_class) == ("capture", "RU", "independent")


def test_copular_subject_is_the_place():
    c = one("Stepove, home to about 900 people before the war, was the largest village Ukrainian troops retook.", "Stepove")
    assert (c.event, c.controller) == ("capture", "UA")


def test_lost_soldiers_is_no_lost_town():
    assert claims("Russian units lost 20 soldiers near Hlynka.") == []
    c = one("Russian forces lost the village of Hlynka on Monday.", "Hlynka")
    assert (c.event, c.controller) == ("withdrawal", "UA")


def test_a_stated_goal_governs_coordinated_events():
    text = "The enemy continues to focus on taking control of Hlynka and Zoriane, as well as establishing full control over Stepove."
    assert claims(text) == []


def test_named_areas_are_the_places():
    c = one("Russian units tried to advance in the areas of Hlynka and Zoriane, the General Staff said.", "Hlynka")
    assert (c.event, c.controller) == ("advance", "RU")


# ---------------------------------------------------------------- denials: the negated column
def test_denial_before_a_passive_event_is_the_other_sides_claim_negated():
    c = one("A Ukrainian district official on Friday denied that Stepove had been captured.", "Stepove")
    assert (c.event, c.controller, c.negated, c.hedged) == ("capture", "RU", True, True)


def test_denial_before_an_active_event_keeps_the_claimed_side():
    c = one("President Zelensky denied that Russian soldiers had seized Kamianka.", "Kamianka")
    assert (c.event, c.controller, c.negated) == ("capture", "RU", True)


def test_claim_followed_by_but_denied_is_not_negated():
    c = one("Moscow said its troops took Hlynka, but Kyiv denied it.", "Hlynka")
    assert (c.controller, c.negated, c.hedged) == ("RU", False, True)


def test_negated_event_word():
    c = one("The Russians have not captured Zoriane, a Ukrainian army spokesman said.", "Zoriane")
    assert (c.event, c.controller, c.negated) == ("capture", "RU", True)


def test_falsity_in_the_next_sentence_negates_the_claim():
    found = claims("Russian bloggers claim their units entered Hlynka. This is not true, the brigade said.")
    c = next(c for c in found if c.name == "Hlynka")
    assert (c.event, c.controller, c.negated) == ("advance", "RU", True)


def test_falsity_in_the_same_sentence():
    c = one("Claims that Ukrainian troops had been pushed out of Sudzha are false, Kyiv said.", "Sudzha")
    assert c.negated is True


def test_plain_claim_is_not_negated():
    c = one("Ukrainian forces retook Tokmak on Sunday, the General Staff said.", "Tokmak")
    assert c.negated is False


def test_negated_column_in_table_and_validation():
    gdf = claims_frame(claims("Kyiv denied that Russian forces had taken Kupiansk."))
    assert "negated" in gdf.columns and bool(gdf["negated"].iloc[0]) is True
    validate_claims(gdf)
    validate_claims(gdf.drop(columns=["negated"]))  # tables written before the column still validate


# ---------------------------------------------------------------- claimants are who speaks, never a verb phrase
@pytest.mark.parametrize(
    "text, who",
    [
        ("The ministry of defence in Moscow, writing on Telegram on Friday, said its units had taken Hlynka.", "The ministry of defence in Moscow"),
        ("A video posted on X by a Ukrainian brigade shows soldiers raising a flag in Zoriane.", "a Ukrainian brigade"),
        ("A statement by the Russian Defence Ministry said troops took control of Stepove.", "the Russian Defence Ministry"),
        ("Russian forces entered Kamianka, says regional governor Ivan Petrenko.", "regional governor Ivan Petrenko"),
        ("The army spokesman Petro Ivanenko told national television on Monday, saying Russian units had entered Hlynka.", "The army spokesman Petro Ivanenko"),
        ("Ihor Bondar, the head of the district, said Saturday that Russian troops had captured Zoriane.", "the head of the district"),
        ("The General Staff officially confirmed the liberation of Tokmak.", "The General Staff"),
    ],
)
def test_claimant_is_a_noun_phrase(text, who):
    found = [c for c in claims(text) if c.event != "mention"]
    assert found, text
    assert found[0].claimant == who
    assert not re.match(r"(?:in|on|said|says|writing|told|saying)\b", found[0].claimant, re.IGNORECASE)


# ---------------------------------------------------------------- shapes from reading unseen wire copy
def test_trying_to_capture_is_an_attack():
    c = one("Russia has been trying to capture Pokrovsk for months.", "Pokrovsk")
    assert (c.event, c.controller, c.actor) == ("attack", "RU", "RU")


def test_hypothetical_nominal_is_no_claim():
    assert not [c for c in claims("Tokmak's recapture would be a major blow to Moscow, analysts say.") if c.name == "Tokmak"]
    assert not [c for c in claims("The liberation of Tokmak would mark the biggest Ukrainian gain of the year.") if c.name == "Tokmak"]


def test_hypothetical_if_confirmed_is_a_hedged_claim():
    c = one("If confirmed, the capture of Hlynka by Russian forces would open the road west.", "Hlynka")
    assert (c.event, c.controller, c.hedged) == ("capture", "RU", True)


def test_region_after_located_in_only_locates():
    found = claims("Russian troops took Hlynka, located in the eastern Donetsk region, the ministry in Moscow said.")
    assert [(c.name, c.controller) for c in found] == [("Hlynka", "RU")]


def test_region_of_an_unnamed_village_situated_in():
    assert not claims("Moscow said it took control of a village situated in Ukraine's eastern Donetsk region.")


def test_place_starting_an_organisation_name_is_no_event_place():
    found = claims("Ukrainian troops entered Sudzha, the Pokrovsk Herald reported.")
    assert [c.name for c in found] == ["Sudzha"]


def test_civilians_leaving_is_no_withdrawal():
    assert not claims("Officials said residents needed to leave Pokrovsk within two weeks.")


def test_enemy_claim_in_a_quote_is_the_other_sides():
    found = claims('"The enemy claims that it has captured Zoriane. This is not true," a Ukrainian army spokesman said.')
    c = next(c for c in found if c.name == "Zoriane")
    assert (c.event, c.controller, c.negated) == ("capture", "RU", True)
    assert c.claimant == "a Ukrainian army spokesman"


def test_repelled_in_quotes_gives_the_defender():
    c = one('The ministry said Russian forces "repelled" two Ukrainian attacks near Kamianka.', "Kamianka")
    assert (c.event, c.controller, c.actor) == ("attack", "RU", "UA")


def test_passive_destroyed_with_adverbs_makes_no_control_claim():
    assert not claims("The town of Hlynka has been almost completely destroyed.")


def test_drone_taken_down_is_no_capture():
    assert not [c for c in claims("A drone was taken down over the Belgorod region, the governor said.") if c.event == "capture"]


def test_negative_attribution_is_no_claimant():
    c = one("Ukrainian forces retook Stepove, which Russia has not confirmed.", "Stepove")
    assert c.claimant != "Russia" and c.controller == "UA"


def test_fall_of_without_side_takes_the_side_that_acted_last():
    found = claims("Russian forces captured Hlynka after weeks of fighting. The fall of Hlynka is a blow to Kyiv.")
    assert {c.controller for c in found if c.name == "Hlynka"} == {"RU"}


# ---------------------------------------------------------------- fighting, "it is the latest town to fall", failed attacks
def test_fighting_is_an_attack_by_the_side_that_attacked_last():
    found = claims("Russian forces stormed Stepove last week. Heavy fighting continues near Kamianka, the brigade said.")
    c = next(c for c in found if c.name == "Kamianka")
    assert (c.event, c.controller, c.actor) == ("attack", "RU", "RU")


def test_fighting_with_a_side_right_before_it():
    c = one("Ukrainian troops are fighting in Sudzha.", "Sudzha")
    assert (c.event, c.controller) == ("attack", "UA")


def test_fighting_with_no_side_known_makes_no_claim():
    assert not claims("Fighting continues in Hlynka.")


def test_fighting_after_a_denial_is_not_negated():
    found = claims("Moscow said it took Zoriane. Kyiv refuted the claim, saying battles around Zoriane were ongoing.")
    fight = [c for c in found if c.event == "attack"]
    assert fight and all(not c.negated and c.controller == "RU" for c in fight)


def test_it_is_the_latest_town_to_fall():
    found = claims("Russian troops captured Kamianka on Monday. It is the latest town to fall in the region.")
    it = [c for c in found if c.place == "It"]
    assert [(c.name, c.event, c.controller) for c in it] == [("Kamianka", "capture", "RU")]


def test_it_is_the_latest_village_to_be_liberated_by():
    found = claims("Fighting raged around Hlynka for weeks. It is the latest village to be liberated by Ukrainian forces.")
    c = next(c for c in found if c.place == "It")
    assert (c.name, c.event, c.controller) == ("Hlynka", "capture", "UA")


def test_unsuccessful_attacks_leave_the_defender_in_control():
    found = claims("The General Staff said the enemy launched four unsuccessful attacks near Stepove.")
    c = next(c for c in found if c.name == "Stepove")
    assert (c.event, c.controller, c.actor) == ("attack", "UA", "RU")


def test_list_of_places_runs_past_a_semicolon():
    found = claims("Ukrainian units repelled 12 attacks near Hlynka, Donetsk region; Zoriane, Stepove, Kamianka and Tokmak, the General Staff said.")
    assert {c.name for c in found} >= {"Hlynka", "Zoriane", "Stepove", "Kamianka"}
    assert {c.controller for c in found} == {"UA"}


def test_this_was_stated_by_names_the_claimant():
    found = claims("Russian troops entered the eastern outskirts of Pokrovsk. This was stated by Oksana Melnyk, a brigade spokeswoman, on air.")
    c = next(c for c in found if c.name == "Pokrovsk")
    assert c.claimant == "Oksana Melnyk"


def test_glued_full_stop_still_ends_a_sentence():
    text = "Moscow said its forces had taken Hlynka.The fighting moved to Zoriane."
    assert [text[a:b] for a, b in split_sentences(text)] == ["Moscow said its forces had taken Hlynka.", "The fighting moved to Zoriane."]
    other = "Troops entered the city, e.g.Kramatorsk."
    assert [other[a:b] for a, b in split_sentences(other)] == [other]


def test_incursion_into_a_sides_own_country_is_the_other_sides():
    c = one("Kyiv confirmed their control of villages since the start of a cross-border incursion into Russia's Kursk region.", "Kursk region")
    assert (c.event, c.controller, c.actor) == ("incursion", "UA", "UA")


def test_claimant_before_a_denial_verb_and_saying():
    found = claims("Moscow said it took Zoriane. The Ukrainian army refuted the claim, saying battles around Zoriane were ongoing.")
    fight = next(c for c in found if c.event == "attack")
    assert fight.claimant == "The Ukrainian army"


def test_flag_raised_names_the_side_and_passive_report_is_the_outlets():
    found = claims("Videos of soldiers raising Ukrainian flags in Zoriane and Stepove have been published online.")
    assert {(c.name, c.event, c.controller) for c in found} == {("Zoriane", "advance", "UA"), ("Stepove", "advance", "UA")}
    assert {c.claimant for c in found} == {"Test Wire"}


def test_claim_contradicted_after_but_is_hedged_not_negated():
    c = one("The Russian army said it had liberated Kamianka, but a Ukrainian spokesman said: this does not correspond to reality.", "Kamianka")
    assert (c.controller, c.negated, c.hedged) == ("RU", False, True)


def test_enemy_with_no_claimant_gives_no_side():
    assert not [c for c in claims("The enemy launched three unsuccessful attacks near Hlynka.") if c.name == "Hlynka"]


# ---------------------------------------------------------------- second round: shapes seen in unseen reporting
def test_first_person_in_a_quote_is_the_speakers_side():
    text = "“Our units are pushing southeast of Hlynka and south of Zoriane,” a Kremlin spokesman told reporters."
    found = {c.place: c for c in claims(text)}
    assert set(found) == {"Hlynka", "Zoriane"}
    assert all((c.event, c.controller) == ("advance", "RU") for c in found.values())


def test_second_direction_of_is_coordinated_not_a_locator():
    text = "Ukrainian brigades moved north of Stepove and west of Kamianka, the general staff said."
    assert {c.place for c in claims(text)} == {"Stepove", "Kamianka"}


def test_advance_relative_to_a_place_keeps_it_with_lower_confidence():
    inside = one("Russian troops advanced into Kamianka on Monday.", "Kamianka")
    north = one("Russian troops advanced north of Kamianka on Monday.", "Kamianka")
    assert (north.event, north.controller) == ("advance", "RU")
    assert north.confidence < inside.confidence


def test_repelled_force_from_a_place_leaves_the_defender():
    c = one("Ukrainian defenders repelled Russian troops from Kupiansk, the brigade said.", "Kupiansk")
    assert (c.controller, c.actor) == ("UA", "RU")


def test_holding_back_the_enemy_in_listed_areas():
    text = "The defence forces continue to hold back the enemy in the areas of Hlynka, Zoriane and Stepove, the General Staff said."
    found = claims(text)
    assert {c.place for c in found} == {"Hlynka", "Zoriane", "Stepove"}
    assert {c.controller for c in found} == {"UA"}


def test_repelled_attacks_near_a_list():
    found = claims("Ukrainian forces repelled 14 attacks near Hlynka, Zoriane and Kamianka over the past day.")
    assert {c.place for c in found} == {"Hlynka", "Zoriane", "Kamianka"}
    assert {(c.controller, c.actor) for c in found} == {("UA", "RU")}


def test_quoted_control_verb_with_a_pronoun_subject():
    c = one('Kyiv said on Monday that its troops "fully control" Kupiansk despite constant shelling.', "Kupiansk")
    assert (c.event, c.controller) == ("other", "UA")


def test_in_full_control_in_a_region():
    c = one("The governor said Ukrainian units were in full control in the Donetsk region.", "Donetsk region")
    assert c.controller == "UA"


def test_appositive_status_belongs_to_the_place_before_it():
    c = one("Tokmak, a Russian-occupied rail hub, lies south of the front.", "Tokmak")
    assert (c.event, c.controller) == ("other", "RU")
    found = claims("Drone debris fell on Tokmak, a Russian-held town in the Donetsk region.")
    assert all(c.place != "Donetsk region" for c in found)


def test_political_pressure_is_no_attack():
    assert claims("The setbacks add to the pressure on Kupiansk officials to evacuate children.") == []
    c = one("Russian forces keep up heavy pressure on Pokrovsk, the army said.", "Pokrovsk")
    assert (c.event, c.controller) == ("attack", "RU")


def test_habitual_statement_is_no_event():
    assert claims("Border units have traditionally repelled such raids near Sudzha.") == []


def test_nominal_event_under_a_modal_is_a_hypothetical():
    assert claims("A Ukrainian breakthrough near Tokmak could open the road to Crimea.") == []
    assert claims("An assault on fortified towns such as Pokrovsk might cost Moscow dearly, analysts said.") == []
    assert claims("Analysts said Moscow would rather postpone the capture of Pokrovsk.") == []


def test_destination_on_the_way_is_not_the_entered_place():
    found = claims("Ukrainian units entered Zoriane on the way to Tokmak, the brigade said.")
    assert [c.place for c in found] == ["Zoriane"]


def test_withdrawal_to_a_line_located_by_a_town():
    found = claims("Russian bloggers said Ukrainian troops had to withdraw to the Hlynka-Zoriane line south of Pokrovsk.")
    assert all(c.place != "Pokrovsk" for c in found)


def test_closing_on_after_a_capture_with_a_place_in_east_ukraine():
    c = one("Russia said it had captured a hamlet in east Ukraine, closing in on Kamianka.", "Kamianka")
    assert (c.event, c.controller, c.actor) == ("advance", "RU", "RU")


def test_nominal_event_about_the_village_takes_the_side_told_before():
    text = ("Russian forces captured Hlynka on Sunday, the defence ministry in Moscow said. "
            "A Ukrainian army spokesman said the capture of the village had no military significance.")
    found = [c for c in claims(text) if c.place == "the village"]
    assert found and {c.controller for c in found} == {"RU"}


def test_status_that_ended_is_not_claimed():
    found = claims("Russia said its troops retook Sudzha after seven months under Ukrainian control.")
    assert [(c.place, c.controller) for c in found] == [("Sudzha", "RU")]


def test_places_after_a_closed_quote_belong_to_the_attribution():
    text = "“Our marines have gained a foothold near Hlynka,” a Ukrainian commander told a briefing in Zaporizhzhia on Monday."
    found = claims(text)
    assert [c.place for c in found] == ["Hlynka"]


def test_date_of_a_during_phrase_dates_the_event_before_it():
    text = "Troops were two kilometres from Kupiansk, a town retaken by Ukraine during its counteroffensive in late 2022."
    c = one(text, "Kupiansk")
    assert (c.event, c.controller, c.event_date, c.date_precision) == ("capture", "UA", "2022", "year")


def test_fighting_after_repelled_attacks_is_by_the_attacker():
    text = ("Ukrainian units repelled 9 Russian assaults on the Kupiansk axis, the General Staff said. "
            "Fighting continues near Hlynka and Zoriane.")
    found = claims(text)
    assert {c.place for c in found} == {"Hlynka", "Zoriane"}
    assert {(c.event, c.actor) for c in found} == {("attack", "RU")}


def test_a_dropped_intention_still_ends_the_reach_of_the_event_before_it():
    text = "Ukrainian marines crossed the river near Hlynka, in a push Kyiv says opens new avenues of attack toward Crimea."
    found = claims(text)
    assert [c.place for c in found] == ["Hlynka"]
    found = claims("Russian troops entered Zoriane and plan to capture Stepove next, the blogger said.")
    assert [c.place for c in found] == ["Zoriane"]


def test_no_confirmation_hedges_the_claim():
    c = one("There was no independent confirmation that Russian troops took Stepove on Friday.", "Stepove")
    assert c.hedged and c.controller == "RU"


def test_noun_event_carried_by_a_hypothetical_participle():
    text = "Taking Tokmak would be a turning point, ending the Russian advance in the Donetsk region, analysts said."
    assert [c for c in claims(text) if c.place == "Donetsk region"] == []


def test_region_after_listed_settlements_only_locates_them():
    text = "Ukrainian soldiers repelled 12 attacks in the areas of Hlynka settlements, Donetsk region, the General Staff said."
    found = claims(text)
    assert [c.place for c in found] == ["Hlynka"]


def test_a_side_still_holding_a_named_place():
    c = one("Ukrainian soldiers were still holding Kupiansk on Wednesday morning, a unit commander said.", "Kupiansk")
    assert (c.event, c.controller) == ("other", "UA")
    assert [c for c in claims("Ukrainian brigades continue to hold the line near Kupiansk after talks in Zaporizhzhia.") if c.event != "mention"] == []


def test_secured_a_place_is_a_capture_but_secured_funding_is_not():
    c = one("The Russian military claims to have fully secured Sudzha.", "Sudzha")
    assert (c.event, c.controller) == ("capture", "RU")
    assert claims("Kyiv secured funding from partners in Zaporizhzhia on Monday.") == []


# ---------------------------------------------------------------- carried state (looked up lazily)
def test_claimant_and_statement_date_carry_over_placeless_sentences():
    text = (
        "The Russian defence ministry said on Tuesday that the offensive was going to plan. "
        "Talks in Geneva produced nothing. Prices rose again. "
        "\u201cOur units have taken Hlynka,\u201d it said."
    )
    c = one(text, "Hlynka")
    assert (c.event, c.controller, c.claimant, c.claimant_class) == ("capture", "RU", "The Russian defence ministry", "ru_official")
    assert (c.event_date, c.date_basis) == ("2025-03-11", "context")


def test_quotation_without_verb_takes_claimant_from_sentences_back():
    text = (
        "Ukraine's General Staff said on Monday that the front was holding. Markets were calm. "
        "\u201cWe have pushed the enemy back from Hlynka,\u201d the statement went on."
    )
    c = one(text, "Hlynka")
    assert (c.controller, c.claimant, c.claimant_class) == ("UA", "Ukraine's General Staff", "ua_official")
    assert (c.event_date, c.date_basis) == ("2025-03-10", "context")


def test_statement_date_expires_after_four_sentences():
    text = (
        "Ukraine's General Staff said on Monday that the front was holding. Markets were calm. Talks stalled. "
        "A ceasefire seemed far off. Aid arrived late. \u201cWe have pushed the enemy back from Hlynka,\u201d it said."
    )
    c = one(text, "Hlynka")
    assert c.claimant == "Ukraine's General Staff"
    assert (c.event_date, c.date_basis) == ("2025-03-13", "article_date")


def test_later_claimant_replaces_earlier_one():
    text = (
        "Ukraine's General Staff said on Monday that the front was holding. "
        "The Russian defence ministry said on Wednesday that its forces were advancing. Talks stalled. "
        "\u201cOur units have taken Hlynka,\u201d it said."
    )
    c = one(text, "Hlynka")
    assert (c.controller, c.claimant, c.event_date) == ("RU", "The Russian defence ministry", "2025-03-12")


def test_pronoun_takes_side_named_sentences_back():
    text = "Russian troops kept up the pressure all week. The weather was cold. Talks stalled. They captured Hlynka."
    c = one(text, "Hlynka")
    assert (c.event, c.controller, c.actor) == ("capture", "RU", "RU")
    text = "Ukrainian troops kept up the pressure all week. The weather was cold, officials said. Then they entered Hlynka."
    c = one(text, "Hlynka")
    assert (c.event, c.controller) == ("advance", "UA")


def test_split_sentences_glued_full_stop():
    text = "Aid reached other communities.The surprise came later. Gen. Smith agreed.Then it ended."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Aid reached other communities.", "The surprise came later.", "Gen. Smith agreed.", "Then it ended."]
    assert split_sentences("It was over.No one came.") == [(0, 24)]  # "No" is too short to start a glued sentence


def test_split_sentences_long_words_and_abbreviations():
    text = "The commanders briefed Gen. Syrskyi and U.S. officials. Reinforcements arrived approx. 40 km away. Approximately."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "The commanders briefed Gen. Syrskyi and U.S. officials.", "Reinforcements arrived approx. 40 km away.", "Approximately."]


# ---------------------------------------------------------------- short round: shapes seen in unseen reporting
def test_control_of_ground_around_a_place_is_a_lower_confidence_status():
    c = one("Russian troops now control territory to the north, west and south of Kupiansk, the governor said.", "Kupiansk")
    assert (c.event, c.controller) == ("other", "RU")
    plain = one("Russian troops captured Kupiansk, the governor said.", "Kupiansk")
    assert c.confidence < plain.confidence


def test_failed_offensives_near_a_place_leave_the_defender():
    c = one("Russian units launched two unsuccessful offensives near Stepove on Sunday.", "Stepove")
    assert (c.controller, c.actor) == ("UA", "RU")
    c = one("Russian forces attempted unsuccessful offensives to regain lost ground near the village of Hlynka.", "Hlynka")
    assert (c.controller, c.actor) == ("UA", "RU")


def test_failed_attempts_to_storm_leave_the_defender():
    c = one("Russian troops made failed attempts to storm Zoriane last week, the General Staff said.", "Zoriane")
    assert (c.event, c.controller, c.actor) == ("attack", "UA", "RU")
    c = one("Russian troops continued attempts to storm Zoriane, the brigade said.", "Zoriane")
    assert (c.event, c.controller) == ("attack", "RU")
    assert not claims("Russian forces plan to storm Zoriane.")  # an intention is no claim


def test_advancing_in_the_direction_of_a_place_is_an_advance():
    c = one("Russian units are advancing in the direction of Pokrovsk, a Ukrainian officer said.", "Pokrovsk")
    assert (c.event, c.controller, c.actor) == ("advance", "RU", "RU")
    assert c.confidence < 0.7  # beside the town, not in it
    c = one("Ukrainian troops are pushing towards Tokmak, according to the brigade.", "Tokmak")
    assert (c.event, c.controller) == ("advance", "UA")
    # a sector named "the direction of X" is no event place of the attack told after it
    found = claims("In the direction of Pokrovsk, Russian troops attacked Hlynka.")
    assert [(c.place, c.event, c.controller) for c in found] == [("Hlynka", "attack", "RU")]


def test_locative_there_points_at_the_places_of_the_sentence_before():
    text = ("Fighting is heavy near Hlynka and Zoriane, south of Kupiansk. "
            "There, Russian troops are storming Ukrainian positions, the brigade said.")
    there = [c for c in claims(text) if c.place == "There"]
    assert sorted(c.name for c in there) == ["Hlynka", "Zoriane"]  # not Kupiansk, which only locates them
    assert all((c.event, c.controller) == ("attack", "RU") and c.confidence < 0.7 for c in there)
    assert len({c.claim_id for c in there}) == 2
    # an existential "There are" points nowhere
    assert not [c for c in claims("The brigade holds Stepove. There are Russian troops storming the outskirts.") if c.place == "There"]


def test_offensive_during_which_an_agent_captured_is_the_agents():
    found = claims("Sudzha was the largest Russian town captured by Ukrainian forces during last year's offensive in the Kursk region.")
    kinds = {c.place: (c.controller, c.actor) for c in found}
    assert kinds["Sudzha"] == ("UA", "UA")
    assert kinds["Kursk region"] == ("UA", "UA")  # not the "Russian" of "Russian town"


def test_a_win_for_a_side_names_the_capturer():
    c = one("The fall of Hlynka was a major win for Russia, the analyst wrote.", "Hlynka")
    assert (c.event, c.controller) == ("capture", "RU")


def test_claimant_is_a_noun_phrase_not_a_circumstance():
    c = one("A spokesman for Ukraine's army, Ivan Petrenko, interviewed Sunday on national television, said Russian forces had "
            "captured Hlynka.", "Hlynka")
    assert c.claimant == "A spokesman for Ukraine's army, Ivan Petrenko"  # the role and the name, not the interview
    assert c.claimant_class == "ua_official"
    c = one("On Friday, reports emerged that Russian forces had captured Zoriane.", "Zoriane")
    assert c.claimant == "Test Wire"  # not "emerged that Russian forces ...": the outlet's narrative


def test_claimant_is_the_person_before_a_role_appositive():
    c = one("Military analyst Jane Roe, co-founder of the Oslo-based Map Group, said Russian forces had captured Hlynka.", "Hlynka")
    assert c.claimant == "Military analyst Jane Roe"


def test_the_topic_of_a_question_is_no_claim():
    text = "The president said on Tuesday, when asked about the alleged Ukrainian offensive on the Belgorod region, that talks would go on."
    assert not [c for c in claims(text) if c.event != "mention"]
    assert not claims("Asked whether Russian troops had captured Hlynka, the spokesman declined to comment.")
    c = one("Ukrainian troops launched an offensive on the Belgorod region, Moscow said.", "Belgorod region")
    assert c.controller == "UA"


def test_a_verb_before_media_reports_is_no_claimant():
    c = one("Ukraine's success in retaking Hlynka, which Russia has not confirmed, follows media reports of heavy fighting.", "Hlynka")
    assert c.claimant == "Test Wire" and c.controller == "UA"


def test_a_cited_event_is_no_claimant():
    found = claims("In recent days, authorities in the Donetsk region urged residents to leave Hlynka, citing worsening Russian attacks in the area.")
    assert found and all("attacks" not in (c.claimant or "") for c in found)


def test_claimant_is_the_organisation_before_its_description():
    c = one("On Sunday, MapWatch, a Ukrainian group of military analysts, reported that Russian forces had captured Hlynka.", "Hlynka")
    assert c.claimant == "MapWatch"
    c = one("Ihor Bondar, the head of the district, said Saturday that Russian troops had captured Zoriane.", "Zoriane")
    assert c.claimant == "the head of the district"  # a bare name keeps its role
