"""Compounds, republics, military units and region lists, on the shipped gazetteer.  Sentences
are written for these tests in the shapes war and local reporting use."""

from __future__ import annotations

import pytest

from frontmap.mentions import find_places


@pytest.fixture(scope="module")
def gz():
    from frontmap.gazetteer import default_gazetteer

    return default_gazetteer()


def found(text: str, gz) -> list[tuple[str, object]]:
    out = []
    for m in find_places(text, gazetteer=gz):
        assert text[m.start:m.end] == m.text
        out.append((m.text, m.place))
    return out


def names(text: str, gz) -> list[str]:
    return [t for t, _ in found(text, gz)]


def test_hyphenated_pair_names_both_places(gz):
    got = dict(found("Russian troops pressed on the Pokrovsk-Myrnohrad agglomeration and the Kursk-Belgorod border.", gz))
    assert got["Pokrovsk"].admin1 == "UA.05" and got["Myrnohrad"].admin1 == "UA.05"
    assert got["Kursk"].country == "RU" and got["Belgorod"].country == "RU"


def test_place_based_names_the_place_but_side_words_do_not(gz):
    assert names("The Kyiv-based analyst said Atlanta-area donors helped.", gz) == ["Kyiv", "Atlanta"]
    assert names("Moscow-installed officials and Kremlin-backed forces fled.", gz) == []


def test_compound_names_stay_whole(gz):
    got = names("Drones hit Ivano-Frankivsk and Kamianets-Podilskyi; Vnukovo-2 was closed.", gz)
    assert got == ["Ivano-Frankivsk", "Kamianets-Podilskyi", "Vnukovo-2"]


def test_weapon_designations_are_not_places(gz):
    assert names("Su-34 bombers and Tu-95 aircraft launched Kh-101 missiles at Dnipro.", gz) == ["Dnipro"]


def test_party_and_place(gz):
    assert "Columbus" in names("said state Sen. Ray Miller, D-Columbus, on Monday.", gz)


def test_peoples_republic_is_the_oblast(gz):
    got = dict(found("Russia said it took Progres in the Donetsk People's Republic.", gz))
    assert got["Donetsk People's Republic"].kind == "admin1" and got["Donetsk People's Republic"].admin1 == "UA.05"
    assert dict(found("The LPR leader visited Luhansk.", gz))["LPR"].admin1 == "UA.14"


@pytest.mark.parametrize("text", [
    "The Akhmat battalion said it repelled an attack.",
    "A spokesman for OTG Kharkiv said two assaults failed.",
    "The 'Sever' group of forces reported progress.",
    "The Luhansk operational-tactical grouping said troops held.",
])
def test_military_units_named_after_places_are_not_places(gz, text):
    got = names(text, gz)
    assert not any(n in ("Akhmat", "Kharkiv", "Sever", "Luhansk") for n in got), got


def test_battle_of_is_not_a_town(gz):
    assert names("Veterans of the Battle of Kyiv gathered in Lviv.", gz) == ["Kyiv", "Lviv"]


def test_regions_of_a_list(gz):
    got = found("Air raid alerts sounded in the regions of Kyiv, Sumy and Odesa overnight.", gz)
    assert [p.kind for _, p in got] == ["admin1", "admin1", "admin1"]
    got = found("Drones hit Kyiv, Sumy and Odesa overnight.", gz)
    assert [p.kind for _, p in got] == ["settlement", "settlement", "settlement"]


def test_borders_on_names_the_region(gz):
    got = dict(found("Sumy region, which borders on Kursk, was shelled.", gz))
    assert got["Kursk"].kind == "admin1"


def test_region_after_a_list_qualifies_every_item(gz):
    got = dict(found("Russian troops attacked near Bilohorivka, Nevske and Kreminna in the Luhansk region.", gz))
    assert {got[n].admin1 for n in ("Bilohorivka", "Nevske", "Kreminna")} == {"UA.14"}


def test_black_sea_port_is_not_an_airport(gz):
    got = found("Russian troops shelled the Black Sea port of Kherson on Friday.", gz)
    assert [(t, p.kind) for t, p in got] == [("Black Sea", "water"), ("Kherson", "settlement")]


def test_siverskyi_donets_river(gz):
    got = dict(found("Ukrainian forces crossed the Siverskyi Donets River near Bilohorivka.", gz))
    assert got["Siverskyi Donets River"].kind == "water"


@pytest.mark.parametrize("text, person", [
    ("Police said Dana R. Welch, 19, was hurt. Welch was taken to hospital in Tulsa.", "Welch"),
    ("Their first child, Hailey, was born in May. Hailey is now two.", "Hailey"),
    ("The man was charged with killing Bell after an argument. Bell died at the scene.", "Bell"),
])
def test_a_word_used_for_a_person_is_a_person_throughout(gz, text, person):
    assert person not in names(text, gz)


def test_holidays_and_given_names_are_not_places(gz):
    assert names("Speakers at the Lincoln Day Dinner thanked Virginia Smith.", gz) == []
    assert names("A bill passed the Virginia Senate on Monday.", gz) == ["Virginia"]


def test_historical_alternate_names_are_not_read_into_words(gz):
    # "Julia" is an old name of Plovdiv, "St. James" of Vung Tau: here a person and a church
    got = found("Julia Kinsey thanked the volunteers at St. James on Sunday.", gz)
    assert "Julia" not in [t for t, _ in got]
    assert all(p.country != "VN" for _, p in got)


def test_people_in_war_reporting_do_not_hide_places(gz):
    got = names("Russian troops shot down drones near Kharkiv, and a strike killed Ivan M. Petrenko in Kupiansk.", gz)
    assert got == ["Kharkiv", "Kupiansk"]


def test_brand_names_are_not_split_into_places(gz):
    assert names("Coca-Cola and Wal-Mart shares rose in Ohio.", gz) == ["Ohio"]


def test_a_party_prefix_before_a_two_word_town(gz):
    assert "Elbow Lake" in names("Rep. Torrey Westrom, R-Elbow Lake, said the bill would pass.", gz)


def test_units_named_in_quotes_after_a_command(gz):
    got = names("Operational Command “Khortytsia” said the Khortytsia military unit held near Kupiansk.", gz)
    assert got == ["Kupiansk"]


def test_a_bracketed_direction_cues_a_small_village(gz):
    got = names("Russia claimed Dachenske (south of Pokrovsk) on Tuesday.", gz)
    assert "Dachenske" in got and "Pokrovsk" in got


def test_settlements_of_keeps_a_village_named_like_a_word(gz):
    got = dict(found("Russian forces liberated the settlements of Progress and Yevgenovka.", gz))
    assert got["Progress"].admin1 == "UA.05" and "Yevgenovka" in got
    assert names("Progress was slow on the talks.", gz) == []


def test_english_words_that_spell_a_place_loosely_are_not_places(gz):
    got = names("Call Crime Stoppers. The State Duma passed the bill; a Toyota hit a Soyuz poster in Kherson.", gz)
    assert got == ["Kherson"]


@pytest.mark.parametrize("text, name", [
    ("He was held at the Henderson County Jail on Tuesday.", "Henderson County"),
    ("The Madison County Health Department said two cases were found.", "Madison County"),
    ("The Kharkiv Oblast Military Administration said that drones were shot down.", "Kharkiv Oblast"),
])
def test_a_region_naming_an_institution_is_named(gz, text, name):
    got = dict(found(text, gz))
    assert name in got and got[name].kind in ("admin1", "admin2")


def test_a_saints_institution_is_not_a_town(gz):
    got = names("Students at St. John's Lutheran School in Lombard won. St. Petersburg's airport closed.", gz)
    assert "St. John" not in got and "St. Petersburg" in got and "Lombard" in got


@pytest.mark.parametrize("text, name, admin1", [
    ("Бої тривають на Курському напрямку.", "Kursk", "RU.41"),
    ("ЗСУ увійшли до Суджі, повідомив Генштаб.", "Sudzha", "RU.41"),
    ("Бої тривають на Покровському напрямку.", "Pokrovsk", "UA.05"),
    ("Ворог атакував у районі Краматорська.", "Kramatorsk", "UA.05"),
])
def test_ukrainian_forms_of_front_towns(gz, text, name, admin1):
    got = [p for _, p in found(text, gz)]
    assert [(p.name, p.admin1) for p in got] == [(name, admin1)]


def test_a_cyrillic_name_is_not_a_foreign_namesake_by_transliteration(gz):
    got = dict(found("Удар по Вашингтону и Парижу обсуждали в Таллине.", gz))
    assert got["Парижу"].country == "FR" and got["Таллине"].country == "EE"


def test_human_rights_is_not_uman(gz):
    got = names("Human Rights Watch said the Supreme Court ignored shelling of Uman.", gz)
    assert got == ["Uman"]


def _by_text(text: str, gz) -> dict[str, object]:
    return dict(found(text, gz))


@pytest.mark.parametrize("text, span, place, kind", [
    ("Shelling hit the Volnovakha district of Donetsk Oblast overnight.", "Volnovakha district", "Volnovakha Raion", "admin2"),
    ("Evacuations continued in the Sudzha district and the Glushkovo district.", "Sudzha district", "Sudzhanskiy Rayon", "admin2"),
    ("Evacuations continued in the Sudzha district and the Glushkovo district.", "Glushkovo district", "Glushkovskiy Rayon", "admin2"),
    ("A drone fell in the Starodubsky district of the Bryansk region.", "Starodubsky district", "Starodubskiy Rayon", "admin2"),
])
def test_a_district_phrase_is_the_raion_not_the_town(gz, text, span, place, kind):
    got = _by_text(text, gz)
    assert got[span].name == place and got[span].kind == kind


def test_airfields_by_loose_names(gz):
    got = _by_text("Drones struck the Saky military airfield and the Morosovsk airfield, and later the Kursk airfield.", gz)
    assert got["Saky military airfield"].kind == "airport"
    assert got["Morosovsk airfield"].name == "Morozovsk Air Base"
    # a loose match must still spell the airfield's town: Kursk's is not Korsak Airport
    assert "Kursk airfield" not in got and got["Kursk"].name == "Kursk"


def test_a_list_after_regions_and_a_dash_names_regions(gz):
    got = _by_text("Moscow claims four regions -- Donetsk, Luhansk, Kherson and Zaporizhzhia -- as its own.", gz)
    assert {got[n].kind for n in ("Donetsk", "Luhansk", "Kherson", "Zaporizhzhia")} == {"admin1"}


def test_village_after_an_event_verb_is_found(gz):
    got = _by_text("The troops took control of Rivnopil and approached Novodarivka, the ministry said.", gz)
    assert "Novodarivka" in got
    # the next step of one advance is close by: the Novodarivka next to Rivnopil, not Luhansk's
    assert got["Novodarivka"].admin1 == "UA.26"


def test_a_generic_district_naming_a_hospital_is_no_place(gz):
    got = _by_text("Patients were moved from the Central District Hospital in Shebekino.", gz)
    assert list(got) == ["Shebekino"]


def test_a_republic_of_the_war_countries_beats_a_hamlet_of_its_name(gz):
    got = _by_text("Chechnya's Akhmat special forces were sent to the Kursk region.", gz)
    assert got["Chechnya"].kind == "admin1" and got["Chechnya"].country == "RU"


def test_russian_villages_in_ukrainian_romanisation(gz):
    got = _by_text("Ukrainian troops pushed towards Hornal and Huyevo in the Kursk region.", gz)
    assert got["Hornal"].admin1 == got["Huyevo"].admin1 == "RU.41"


def test_a_list_introduced_by_a_dash_or_colon_is_places(gz):
    got = _by_text("Russian shells hit two border villages in the Belgorod region—Plotvyanka and Borisovka—the "
                   "governor said.", gz)
    assert got["Plotvyanka"].admin1 == got["Borisovka"].admin1 == "RU.09"


def test_a_fleet_named_after_a_sea_is_no_place(gz):
    got = _by_text("Ukraine said its navy struck a salvage ship of Russia's Black Sea fleet off Crimea.", gz)
    assert "Black Sea" not in got and "Crimea" in got


def test_a_renamed_hamlet_does_not_take_a_big_city_s_name(gz):
    got = _by_text("The Black Sea Fleet moved its ships from Sevastopol to Novorossiysk.", gz)
    assert got["Novorossiysk"].country == "RU" and got["Novorossiysk"].population > 100_000


def test_a_capital_used_as_a_government_is_no_antecedent(gz):
    got = {m.text: m.place for m in find_places(
        "Ukrainian soldiers raised the flag in Novodarivka on Sunday. Kyiv's troops published a video "
        "identifying the settlement.", gazetteer=gz)}
    assert got["the settlement"].name == got["Novodarivka"].name


def test_a_common_word_before_district_is_no_name(gz):
    got = _by_text("Fighting continued in the Central district of Kharkiv, part of the federal South district.", gz)
    assert list(got) == ["Kharkiv"]


def test_a_brigade_named_after_a_region_is_no_place(gz):
    got = _by_text("Ukrainian forces liberated the village of Novodarivka, the Separate Zaporizhzhia Territorial "
                   "Defense Brigade said, helped by the Zaporizhzhia Brigade.", gz)
    assert list(got) == ["Novodarivka"]


def test_three_front_line_villages_in_a_list_need_no_cue(gz):
    got = _by_text("Kyiv said its troops had freed Storozheve on June 12, and Blahodatne, Neskuchne and Makarivka "
                   "a day earlier.", gz)
    assert {got[n].country for n in ("Blahodatne", "Neskuchne", "Makarivka")} == {"UA"}


def test_front_line_and_compass_area_of_an_oblast_name_the_oblast(gz):
    got = _by_text("Russian forces pressed along the Donetsk front line, while Ukrainian units held the western "
                   "Kursk area and fighting went on in the Pokrovsk direction.", gz)
    assert got["Donetsk"].kind == got["Kursk"].kind == "admin1"
    assert got["Pokrovsk"].kind == "settlement"


def test_weapon_names_are_no_places(gz):
    got = _by_text("Kyiv sent dozens of its Dragon and Splash drones toward the airfield near Morozovsk, and later "
                   "hit a ship with Neptune missiles.", gz)
    assert "Dragon" not in got and "Neptune" not in got and "Morozovsk" in got


def test_raions_named_by_their_adjective_in_a_list(gz):
    got = _by_text("The acting governor reported clashes in the Sudzhansky and Korenevsky districts on Tuesday.", gz)
    assert got["Sudzhansky"].kind == got["Korenevsky"].kind == "admin2"
    got = _by_text("Drones hit three Belgorod border districts—Graivoronsky, Krasnoyaruzhsky and Volokonovsky—"
                   "overnight, the governor said.", gz)
    assert got["Volokonovsky"].name == "Volokonovskiy Rayon"


def test_more_qualifiers_and_features(gz):
    got = _by_text("Russian forces attacked near Novoiehorivka, the Luhansk region, and in the Lyman-Kupiansk "
                   "direction; civilians were evacuated through the Dnipro, and drones hit the Afipsky refinery "
                   "and ships in Kazachya Bay, Ukraine's Khortytsia ground forces formation said.", gz)
    assert got["Novoiehorivka"].admin1 == "UA.14"
    assert got["Lyman"].admin1 == "UA.05"
    assert got["Dnipro"].kind == "water"
    assert got["Afipsky"].kind != "airport"
    assert got["Kazachya Bay"].kind == "water" and "Bay" not in got
    assert "Khortytsia" not in got


def test_a_district_of_a_town_is_no_raion_elsewhere(gz):
    got = _by_text("Russian troops entered the town's Kanal district in Toretsk, and the Volnovakha district was shelled.", gz)
    assert "Kanal" not in got and got["Volnovakha district"].kind == "admin2"


def test_regions_including_a_list_are_regions(gz):
    got = _by_text("Drones hit Russian regions including Leningrad, Belgorod, Tula and Oryol overnight.", gz)
    assert {got[n].kind for n in ("Leningrad", "Belgorod", "Tula", "Oryol")} == {"admin1"}


def test_a_named_district_of_a_town_and_a_community_adjective(gz):
    got = _by_text("Russian troops entered the Kanal district in Chasiv Yar, and shells hit the Novhorod-Siverska "
                   "community and Tsentralna Street in Novhorod-Siversk.", gz)
    assert "Kanal" not in got and "Tsentralna" not in got
    assert got["Novhorod-Siverska"].name == got["Novhorod-Siversk"].name == "Novhorod-Siverskyi"


def test_headline_words_and_russian_federal_districts_are_no_places(gz):
    assert list(_by_text("Ukraine Retakes Border Village as Brutal Fighting Goes On", gz)) == ["Ukraine"]
    got = _by_text("Air defences destroyed 33 Ukrainian drones over the regions of the Russian Central Federal "
                   "District, the ministry said.", gz)
    assert "Federal District" not in got and "Central Federal District" not in got
