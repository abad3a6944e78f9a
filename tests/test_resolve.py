"""Resolving ambiguous names by the context an analyst would use."""

from __future__ import annotations

import pytest

from frontmap.mentions import find_places
from frontmap.resolve import resolve
from places_fake_gazetteer import FakeGazetteer


@pytest.fixture(scope="module")
def gz():
    return FakeGazetteer()


def place_of(text, name, gz):
    for m in find_places(text, gazetteer=gz):
        if m.text == name:
            return m
    raise AssertionError(f"{name!r} not found in {text!r}")


def test_andriivka_by_named_oblast(gz):
    m = place_of("Ukrainian forces retook Andriivka in Kharkiv Oblast on Friday.", "Andriivka", gz)
    assert m.place.admin1 == "UA.07"
    m = place_of("Ukrainian forces retook Andriivka in Kyiv Oblast on Friday.", "Andriivka", gz)
    assert m.place.admin1 == "UA.13"


def test_andriivka_south_of_bakhmut(gz):
    m = place_of("Ukrainian forces retook Andriivka, south of Bakhmut, the brigade said.", "Andriivka", gz)
    assert m.place.place_id == "8"
    assert [c.place.place_id for c in m.candidates] and "8" not in [c.place.place_id for c in m.candidates]


def test_mykolaivka_by_nearby_places(gz):
    text = "Russian troops captured Mykolaivka after weeks of fighting around Bakhmut, Chasiv Yar and Kramatorsk."
    assert place_of(text, "Mykolaivka", gz).place.admin1 == "UA.05"


def test_theatre_prefers_front_line_namesake(gz):
    text = "Russian troops shelled Pokrovsk again as the offensive continued; drones hit the town."
    m = place_of(text, "Pokrovsk", gz)
    assert m.place.country == "UA"
    assert m.score > 0.6


def test_us_local_news_alexandria_with_state(gz):
    text = "A fire destroyed two homes in Alexandria, Louisiana, on Tuesday, the fire chief said."
    assert place_of(text, "Alexandria", gz).place.admin1 == "US.LA"
    text = "Commuters in Alexandria, Virginia, faced delays."
    assert place_of(text, "Alexandria", gz).place.admin1 == "US.VA"


def test_score_is_lower_when_ambiguous(gz):
    clear = place_of("Andriivka, south of Bakhmut, was retaken by troops.", "Andriivka", gz)
    vague = place_of("Troops entered Andriivka.", "Andriivka", gz)
    assert 0 <= vague.score < clear.score <= 1


def test_one_sense_per_article(gz):
    text = "Fighting near Andriivka in Kharkiv Oblast went on. Later, Andriivka was shelled again."
    ms = [m for m in find_places(text, gazetteer=gz) if m.text == "Andriivka"]
    assert len(ms) == 2 and {m.place.place_id for m in ms} == {"9"}


def test_resolve_gold_spans(gz):
    text = "Sudzha lies in the Kursk region; Alexandria is far away, and so is Atlantis."
    spans = [(0, 6), (19, 31), (33, 43), (67, 75)]
    out = resolve(text, spans, gazetteer=gz)
    assert len(out) == 4
    assert out[0].place.name == "Sudzha" and out[0].lat == pytest.approx(51.19, abs=0.01)
    assert out[1].place.kind == "admin1" and out[1].level == "region"
    assert out[2].place.name == "Alexandria"
    assert out[3] is None


def test_resolve_accepts_dicts_and_rejects_bad_offsets(gz):
    text = "Strikes on Kyiv."
    (m,) = resolve(text, [{"start": 11, "end": 15}], gazetteer=gz)
    assert m.place.name == "Kyiv"
    with pytest.raises(ValueError, match="outside the text"):
        resolve(text, [(10, 99)], gazetteer=gz)


def test_russian_name_of_renamed_town(gz):
    text = "Russian forces claimed Dzerzhinsk, near Kramatorsk and Bakhmut, as the offensive went on."
    m = place_of(text, "Dzerzhinsk", gz)
    assert m.place.name == "Toretsk"


def test_resolve_demonyms_and_abbreviations(gz):
    text = "Russian officials met U.S. envoys in Riyadh."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Russian", "U.S.", "Riyadh")]
    out = resolve(text, spans, gazetteer=gz)
    assert [m.place.name for m in out] == ["Russia", "United States", "Riyadh"]
    assert [m.level for m in out] == ["country", "country", "settlement"]


def test_resolve_continent_without_gazetteer_row(gz):
    (m,) = resolve("Aid arrived from Africa.", [(17, 23)], gazetteer=gz)
    assert m.place.kind == "area" and m.lat == pytest.approx(7.19, abs=0.01)


def test_georgia_in_us_news_is_the_state(gz):
    text = "Macon is the fourth-largest city in Georgia, officials said."
    ms = {m.text: m for m in find_places(text, gazetteer=gz)}
    assert ms["Georgia"].place.country == "US"
    text = "Russia and Georgia fought a war in 2008; Moscow still holds part of Georgia."
    ms = {m.text: m for m in find_places(text, gazetteer=gz)}
    assert ms["Georgia"].place.country == "GE"


def test_stated_distance_picks_the_namesake_that_far_away(gz):
    # one Lyman is ~160 km from Kharkiv, the other ~80 km
    m = place_of("Lyman is 100 miles south-east of Kharkiv, officials said.", "Lyman", gz)
    assert m.place.place_id == "42"
    m = place_of("Lyman is 50 miles south-east of Kharkiv, officials said.", "Lyman", gz)
    assert m.place.place_id == "43"


def test_city_or_village_of(gz):
    assert place_of("Troops left the city of Lyman.", "Lyman", gz).place.place_id == "42"
    assert place_of("Troops left the village of Lyman.", "Lyman", gz).place.place_id == "43"


# --- the shipped gazetteer: capitals, alternate names, airports --------------------------------------


@pytest.fixture(scope="module")
def real_gz():
    from frontmap.gazetteer import default_gazetteer

    return default_gazetteer()


def test_capital_beats_the_state_in_political_news(real_gz):
    text = "Officials in Washington said the aid package would be signed next week."
    m = place_of(text, "Washington", real_gz)
    assert m.place.kind == "settlement" and m.place.feature_code == "PPLC"


def test_country_beats_its_capital_matched_by_alternate_name(real_gz):
    text = "Avocado exports to Mexico fell sharply last year, growers said."
    m = place_of(text, "Mexico", real_gz)
    assert m.place.kind == "country" and m.place.country == "MX"


def test_sea_is_not_an_airport_alternate_name(real_gz):
    text = "A Ukrainian sea drone struck a patrol ship in the Black Sea overnight, the navy said."
    m = place_of(text, "Black Sea", real_gz)
    assert m.place.kind == "water"


def test_region_of_name_is_the_oblast_and_the_bare_name_the_city(real_gz):
    text = "Glide bombs hit the region of Sumy at dawn; later a drone struck Sumy itself."
    ms = [m for m in find_places(text, gazetteer=real_gz) if m.text == "Sumy"]
    assert [m.place.kind for m in ms] == ["admin1", "settlement"]


def test_county_without_a_point_of_its_own_sits_among_the_articles_towns(real_gz):
    text = "Deputies in Laurel County, Kentucky, said the crash happened on the highway between London and Corbin."
    ms = {m.text: m for m in find_places(text, gazetteer=real_gz)}
    county, london = ms["Laurel County"], ms["London"]
    assert county.place.kind == "admin2" and county.place.precision == "approximate"
    assert london.place.admin1 == "US.KY"
    state_point = real_gz.get(county.place.place_id)
    # moved from the state's middle to the towns named with it
    assert abs(county.lat - london.lat) + abs(county.lon - london.lon) < 0.5
    assert abs(state_point.lon - county.lon) > 0.5


# --- context an analyst reads: lists, qualifiers, rivers, outlets -------------------------------------


def test_list_of_big_cities_names_the_big_city(real_gz):
    text = "Overnight drone strikes hit Kursk, Voronezh and Belgorod, Russian troops reported."
    m = place_of(text, "Voronezh", real_gz)
    assert m.place.country == "RU" and m.place.population >= 100_000


def test_region_qualifier_beats_an_exact_namesake_elsewhere(real_gz):
    text = "Russian artillery shelled the settlement of Krynka, Kherson region, on Tuesday."
    m = place_of(text, "Krynka", real_gz)
    assert m.place.admin1 == "UA.08" and m.place.kind == "settlement"


def test_qualifier_with_a_compass_word(real_gz):
    text = ("Ukrainian troops retook Robotyne near Orikhiv in the south. "
            "Troops also attacked near Urozhaine in the eastern Donetsk region.")
    assert place_of(text, "Urozhaine", real_gz).place.admin1 == "UA.05"


def test_co_listed_village_is_the_nearby_namesake(real_gz):
    text = ("Russian troops took the neighbouring villages of Progres and Yevgenivka in the Donetsk region, "
            "as fighting raged around Vuhledar and Velyka Novosilka.")
    progres = place_of(text, "Progres", real_gz)
    yev = place_of(text, "Yevgenivka", real_gz)
    assert abs(yev.lat - progres.lat) < 0.2 and abs(yev.lon - progres.lon) < 0.2


def test_bank_of_a_river_is_the_river(real_gz):
    text = "Russian troops withdrew to the left bank of the Dnipro after heavy shelling."
    assert place_of(text, "Dnipro", real_gz).place.kind == "water"


def test_unknown_river_is_not_the_region_of_a_similar_name(real_gz):
    text = "Ukrainian troops tried to cross the Siverskyi Donets river under artillery fire."
    assert all(m.text != "Donets" for m in find_places(text, gazetteer=real_gz))
    text = "Russian troops tried to cross the Siverskiy Donets River again."
    assert all(m.text != "Donets" for m in find_places(text, gazetteer=real_gz))


def test_plural_region_word_applies_to_each_listed_name(real_gz):
    text = "Russian troops kept shelling both Luhansk and Donetsk regions overnight."
    assert place_of(text, "Luhansk", real_gz).place.kind == "admin1"
    text = "Ukrainian drones struck bases in Kursk, Voronezh, and Nizhny Novgorod, regions far from the front."
    assert place_of(text, "Voronezh", real_gz).place.kind == "admin1"


def test_border_region_is_the_oblast(real_gz):
    text = "Ukrainian troops pulled back from the town of Sudzha in the Kursk border region."
    assert place_of(text, "Kursk", real_gz).place.kind == "admin1"
