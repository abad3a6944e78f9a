"""Finding place mentions in sentences written the way war reporting writes them."""

from __future__ import annotations

import pytest

import frontmap.mentions as m_mod

from frontmap.articles import Article
from frontmap.mentions import Mention, find_places, level_of
from places_fake_gazetteer import FakeGazetteer


@pytest.fixture(scope="module")
def gz():
    return FakeGazetteer()


def spans(text, gz):
    return [(m.text, m.place.name if m.place else None) for m in find_places(text, gazetteer=gz)]


def texts(text, gz):
    return [m.text for m in find_places(text, gazetteer=gz)]


def test_offsets_match_text(gz):
    text = "Shelling hit Kramatorsk and Chasiv Yar overnight, officials in Donetsk Oblast said."
    ms = find_places(text, gazetteer=gz)
    assert ms, "expected mentions"
    for m in ms:
        assert text[m.start:m.end] == m.text
    assert [m.start for m in ms] == sorted(m.start for m in ms)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Troops advanced in the Kursk region on Monday.", ("Kursk region", "Kursk Oblast")),
        ("Shelling continued across Donetsk Oblast.", ("Donetsk Oblast", "Donetsk Oblast")),
        ("Officials in Kharkiv region reported drone strikes.", ("Kharkiv region", "Kharkiv Oblast")),
        ("Fires broke out in Luhansk oblast overnight.", ("Luhansk oblast", "Luhansk Oblast")),
        ("Power was cut in Zaporizhzhia province.", ("Zaporizhzhia province", "Zaporizhzhia Oblast")),
    ],
)
def test_region_phrases_are_regions(gz, text, expected):
    ms = find_places(text, gazetteer=gz)
    assert (ms[0].text, ms[0].place.name) == expected
    assert ms[0].level == "region"
    assert ms[0].place.kind == "admin1"


def test_multiword_names(gz):
    text = "Russian units pressed on Chasiv Yar and Velyka Novosilka; envoys met in Saudi Arabia and New York."
    assert texts(text, gz) == ["Chasiv Yar", "Velyka Novosilka", "Saudi Arabia", "New York"]


def test_person_names_next_to_places(gz):
    text = (
        "Russian President Vladimir Putin said the army had retaken Sudzha. "
        "Kremlin aide Yuri Ushakov told reporters in Moscow that Witkoff and Waltz would visit. "
        "Zelensky visited Kharkiv, while Syrskyi said Pokrovsk held."
    )
    got = texts(text, gz)
    assert "Vladimir" not in " ".join(got)  # the city of Vladimir is not named here
    assert got == ["Sudzha", "Moscow", "Kharkiv", "Pokrovsk"]


def test_surname_stays_a_person_later(gz):
    # "Dnipro" is a city, but here the surname of a person introduced with a given name
    text = "Serhii Dnipro, a local official, said drones hit Sumy. Dnipro added that nobody was hurt."
    assert texts(text, gz) == ["Sumy"]


def test_title_before_name_is_a_person(gz):
    text = "Governor Kursk Smith said the border was quiet."  # an invented person named like a city
    assert texts(text, gz) == []


def test_demonyms_and_possessive(gz):
    text = "Russian and Ukrainian officials met. Ukraine's army denied the Russian claim."
    ms = find_places(text, gazetteer=gz)
    assert [m.text for m in ms] == ["Ukraine"]
    assert ms[0].level == "country" and ms[0].place.name == "Ukraine"


def test_common_words_that_are_place_names(gz):
    text = "Most analysts expect a push in May. Along the line, most positions held near Bakhmut."
    assert texts(text, gz) == ["Bakhmut"]


def test_direction_phrase_names_the_town(gz):
    text = "The heaviest fighting was in the Kramatorsk direction and on the Pokrovsk front."
    ms = find_places(text, gazetteer=gz)
    assert [(m.text, m.place.name, m.level) for m in ms] == [
        ("Kramatorsk", "Kramatorsk", "settlement"),
        ("Pokrovsk", "Pokrovsk", "settlement"),
    ]
    assert ms[1].place.country == "UA"


def test_features_and_airports(gz):
    text = "Drones flew along the Dnipro river toward the Zaporizhzhia nuclear plant; flights left Vnukovo airport."
    ms = find_places(text, gazetteer=gz)
    assert [m.place.kind for m in ms] == ["water", "facility", "airport"]
    assert ms[1].level == "facility"
    assert ms[0].text == "Dnipro river"


def test_cyrillic_mentions(gz):
    text = "ВСУ отступили из Суджи, сообщили в Курской области."
    ms = find_places(text, gazetteer=gz)
    assert [(m.text, m.place.name) for m in ms] == [("Суджи", "Sudzha"), ("Курской области", "Kursk Oblast")]


def test_coreference_town_and_region(gz):
    text = (
        "Russia said its forces had recaptured Sudzha in the Kursk region. "
        "The town was the largest Ukraine held. Residents said the region was still shelled."
    )
    ms = find_places(text, gazetteer=gz)
    by_text = {m.text: (i, m) for i, m in enumerate(ms)}
    i_sudzha = by_text["Sudzha"][0]
    i_region = by_text["Kursk region"][0]
    town = by_text["The town"][1]
    region = by_text["the region"][1]
    assert town.coref_of == i_sudzha and town.place.name == "Sudzha"
    assert region.coref_of == i_region and region.place.name == "Kursk Oblast"


def test_border_region_falls_back_to_admin1_of_settlement(gz):
    text = "Ukrainian troops were pushed out of Sudzha. Fighting in the border region continues."
    ms = find_places(text, gazetteer=gz)
    assert ms[-1].text == "the border region"
    assert ms[-1].place.name == "Kursk Oblast" and ms[-1].coref_of == 0
    assert ms[-1].level == "region"


def test_town_of_x_is_not_coreference(gz):
    text = "They left the town of Sudzha."
    ms = find_places(text, gazetteer=gz)
    assert [(m.text, m.coref_of) for m in ms] == [("Sudzha", None)]


def test_coreference_without_antecedent_dropped(gz):
    assert find_places("The village was quiet.", gazetteer=gz) == []


def test_article_input_and_mention_properties(gz):
    art = Article(id="x", text="Strikes on Kyiv.", published=None)
    (m,) = find_places(art, gazetteer=gz)
    assert isinstance(m, Mention)
    assert (m.lat, m.lon, m.name) == (m.place.lat, m.place.lon, "Kyiv")
    assert 0.0 < m.score <= 1.0


def test_level_of():
    assert [level_of(k) for k in ("settlement", "admin1", "country", "airport", "water")] == [
        "settlement", "region", "country", "facility", "region"]


def test_alias_phrase_links_to_the_village(gz):
    text = ("Russia said it had captured Kostiantynopolske near Kurakhove. "
            "Reuters could not confirm the report about the village, called Ostrovsky by Russia.")
    ms = find_places(text, gazetteer=gz)
    alias = next(m for m in ms if m.text == "Ostrovsky")
    assert alias.place.name == "Kostiantynopolske"
    assert ms[alias.coref_of].text == "Kostiantynopolske"


def test_state_abbreviation_after_comma(gz):
    ms = find_places("A storm hit Macon, Ga., on Sunday.", gazetteer=gz)
    assert [(m.text, m.place.name, m.place.kind) for m in ms] == [
        ("Macon", "Macon", "settlement"), ("Ga.", "Georgia", "admin1")]


def test_capitalised_neighbour_makes_a_person(gz):
    # both words are places somewhere, but together they are a reporter's name
    text = "Reporting by Adam Schreck in Kyiv."
    assert texts(text, gz) == ["Kyiv"]


def test_small_place_needs_a_cue(gz):
    # a tiny village named without any place cue is more likely a surname or a word
    assert texts("Kovalivka added that talks would go on.", gz) == []
    assert texts("Shelling hit Kovalivka overnight.", gz) == ["Kovalivka"]
    # one cued mention keeps the others of the same name
    assert texts("Kovalivka was quiet. Troops entered Kovalivka later.", gz) == ["Kovalivka", "Kovalivka"]


def test_iso_code_alias_needs_upper_case(gz):
    assert texts("Dom Perignon was served in Kyiv.", gz) == ["Kyiv"]


def test_bare_city_name_is_the_city_not_its_region(gz):
    ms = find_places("Missiles struck Kharkiv and Zaporizhzhia overnight.", gazetteer=gz)
    assert [(m.place.name, m.place.kind) for m in ms] == [("Kharkiv", "settlement"), ("Zaporizhzhia", "settlement")]


def test_the_region_prefers_the_salient_region(gz):
    text = ("Ukraine pulled back in the Kursk region. Moscow says the Kursk region is nearly retaken, "
            "a year after Ukrainian troops crossed into the Kursk region. Russia took Crimea in 2014. "
            "Fighting in the region continues.")
    ms = find_places(text, gazetteer=gz)
    assert ms[-1].text == "the region" and ms[-1].place.name == "Kursk Oblast"


def test_words_the_text_also_uses_in_lower_case(gz):
    # "Most" is a town, but this text uses "most" as a word too
    assert texts("Most of the shelling hit Kharkiv; most residents stayed.", gz) == ["Kharkiv"]


def test_contractions_and_titles_are_not_places(gz):
    assert texts("\"We're staying in Sumy,\" she said. Gov. Kursk spoke later.", gz) == ["Sumy"]


def test_dotted_initials_anywhere(gz):
    ms = find_places("Envoys from the U.S. arrived in Riyadh.", gazetteer=gz)
    assert [(m.text, m.place.name) for m in ms] == [("U.S.", "United States"), ("Riyadh", "Riyadh")]


def test_place_inside_an_organisation_name(gz):
    # a place naming a local or regional institution is that institution's seat: still a place the
    # text names (the resolver does not use it as an anchor; claims are about the places acted on)
    text = "The Pokrovsk Military Administration said drones hit Sumy."
    assert texts(text, gz) == ["Pokrovsk", "Sumy"]
    # a name that only borrows a place's name is not a mention of it
    text = "Analysts at the Kovalivka Institute said drones hit Sumy."
    assert texts(text, gz) == ["Sumy"]
    text = "The Kharkiv Regional Military Administration said drones hit Sumy."
    assert texts(text, gz) == ["Kharkiv", "Sumy"]


def test_inflected_cyrillic_names(gz):
    text = "Бої тривають біля Покровська та Бахмута."
    ms = find_places(text, gazetteer=gz)
    assert [(m.text, m.place.name, m.place.country) for m in ms] == [
        ("Покровська", "Pokrovsk", "UA"), ("Бахмута", "Bakhmut", "UA")]


# --- people who speak are not places (shipped gazetteer) ---------------------------------------------


@pytest.fixture(scope="module")
def real_gz():
    from frontmap.gazetteer import default_gazetteer

    return default_gazetteer()


def test_a_surname_that_speaks_is_a_person_everywhere_in_the_article(real_gz):
    text = ("Emergency crews worked through the night near Pokrovsk. \"We heard three blasts,\" Welch said. "
            "Welch's house lost its roof, a neighbour said, quoting Welch.")
    got = [m.text for m in find_places(text, gazetteer=real_gz)]
    assert "Pokrovsk" in got
    assert "Welch" not in got


def test_speech_after_the_verb_marks_a_person(real_gz):
    text = "The bridge near Kupiansk was hit twice, said Dyer. Dyer added that traffic had stopped."
    got = [m.text for m in find_places(text, gazetteer=real_gz)]
    assert got[:1] == ["Kupiansk"] and "Dyer" not in got


def test_a_government_that_speaks_stays_a_place(real_gz):
    text = "Kyiv said the strike on Sumy killed four people."
    got = [m.text for m in find_places(text, gazetteer=real_gz)]
    assert "Kyiv" in got and "Sumy" in got


def test_ukrainian_given_name_is_not_a_french_town(real_gz):
    text = "Ganna Malyar wrote on Telegram that the troops still held Kupiansk."
    got = [(m.text, m.place.country) for m in find_places(text, gazetteer=real_gz)]
    assert got == [("Kupiansk", "UA")]


def _tokens_reference(text: str):
    """Capitalised words and the lower-case words the finder looks at, plus every lower-case word.

    Other lower-case words are skipped (the finder only ever looks at gaps, never at them),
    which keeps the token list short: most words of an article are lower case.
    """
    out = []
    append = out.append
    lower: set[str] = set()
    keep = m_mod._INTERESTING
    prev_end = -1
    for m in m_mod._WORD.finditer(text):
        word = m.group()
        if not word[0].isupper():
            lower.add(word)
            if word not in keep:
                continue
        s, e = m.span()
        end = e
        # possessive: "Ukraine's" -> "Ukraine"
        if word[-1] in "sS" and len(word) > 2 and word[-2] in "'’ʼ":
            e -= 2
            word = word[:-2]
        if s == prev_end + 1 and text[prev_end] == " ":
            sent_start = False
        else:
            k = s - 1
            while k >= 0 and text[k] in " \t":
                k -= 1
            sent_start = k < 0 or text[k] in m_mod._SENT_CHARS
        append(m_mod._Tok(s, e, word, word[0].isupper(), sent_start))
        prev_end = end
    return out, lower


def test_tokens_agree_with_the_reference_definition():
    from frontmap.mentions import _tokens

    text = ("Pro-Russian bloggers said the U.S.-made rockets hit Kup'yansk-Vuzlovyi; 3rd Brigade's men "
            "held the border region.\nThe village of Ternuvate, near the Dnipro, was shelled.")
    fast, ref = _tokens(text), _tokens_reference(text)
    assert fast[0] == ref[0]
    assert ref[1] <= fast[1] and all(w[0].isupper() or not w[0].isalpha() for w in fast[1] - ref[1])


def test_adjective_before_the_coreference_noun(real_gz):
    text = "Ukrainian troops pushed into Andriivka on Monday. Heavy fighting in the eastern village went on."
    ms = find_places(text, gazetteer=real_gz)
    coref = [m for m in ms if m.text == "the eastern village"]
    assert coref and coref[0].coref_of is not None
    assert ms[coref[0].coref_of].text == "Andriivka"


def test_sentence_initial_determiner_before_a_feature_word_is_no_place(real_gz):
    text = "The bridge near Kupiansk was hit twice overnight."
    got = [m.text for m in find_places(text, gazetteer=real_gz)]
    assert got == ["Kupiansk"]


def test_sentence_initial_the_before_a_county_and_a_title(real_gz):
    got = [(m.text, m.place.kind) for m in find_places("The Laurel County Sheriff closed the road after the crash.",
                                                      gazetteer=real_gz)]
    assert got == [("Laurel County", "admin2")]
    got = [m.text for m in find_places("The Kyiv Independent reported strikes on Kharkiv.", gazetteer=real_gz)]
    assert got == ["Kharkiv"]  # a newspaper's name is no place


def test_a_place_after_a_cue_that_speaks_is_still_a_place(real_gz):
    got = [m.text for m in find_places("Officials in Watertown said the road would reopen.", gazetteer=real_gz)]
    assert got == ["Watertown"]


def test_a_two_word_name_that_speaks_is_a_person(real_gz):
    text = "\"The convoy left at dawn,\" Marion Dufresne said in Kramatorsk."
    got = [m.text for m in find_places(text, gazetteer=real_gz)]
    assert got == ["Kramatorsk"]


def test_firm_names_and_holidays_are_no_places(real_gz):
    text = ("The city hired Welch & Garner to rebuild the school in Irpin. "
            "Volunteers handed out food on St. Patrick's Day near Bucha.")
    got = [m.text for m in find_places(text, gazetteer=real_gz)]
    assert got == ["Irpin", "Bucha"]


def test_holiday_word_is_not_a_town(real_gz):
    got = [m.text for m in find_places("Families in Kherson spent Christmas in shelters.", gazetteer=real_gz)]
    assert got == ["Kherson"]


def test_outlets_named_after_places_are_not_places():
    from frontmap.mentions import find_places  # the shipped gazetteer

    text = ("Russian troops shelled Kharkiv overnight, the Kyiv Independent reported, "
            "citing the Kyiv Post and the Los Angeles Times.")
    found = [m.text for m in find_places(text)]
    assert "Kharkiv" in found
    assert "Kyiv" not in found and "Los Angeles" not in found


def test_small_places_listed_with_a_known_place_are_kept():
    from frontmap.mentions import find_places

    text = ("Russian troops attacked in the areas of Bilohorivka, Luhansk region; Spirne, Rozdolivka, "
            "Opytne and Andriivka, Donetsk region.")
    found = [m.text for m in find_places(text)]
    assert "Spirne" in found and "Rozdolivka" in found


def test_two_unknown_words_with_one_place_are_no_list():
    from frontmap.mentions import find_places

    text = "He grew up near Madison Creek and Hampton Hills apartments."
    found = [m.text for m in find_places(text)]
    assert "Creek" not in found


def test_ukrainian_spelling_of_a_village_known_by_its_russian_name():
    from frontmap.mentions import find_places

    text = "Troops repelled attacks near Verkhnokamyanske, Spirne and Rozdolivka, Donetsk region."
    m = next(m for m in find_places(text) if m.text == "Verkhnokamyanske")
    assert abs(m.lat - 48.85) < 0.1 and abs(m.lon - 38.25) < 0.1
