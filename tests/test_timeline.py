"""timeline: held_on rules, changes, baseline, control areas (km²), front line, scoring."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely
from pyproj import Geod

from claimfactory import claim, claims_gdf, toy_countries, toy_land
from frontmap import timeline
from frontmap.timeline import Baseline

GEOD = Geod(ellps="WGS84")


def geodesic_km2(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


@pytest.fixture
def base():
    return Baseline.from_countries(toy_countries(), land=toy_land())


def row(held, name):
    hit = held[held["name"] == name]
    assert len(hit) == 1, f"{name} appears {len(hit)} times"
    return hit.iloc[0]


def test_latest_claim_on_or_before_the_date_wins(base):
    gdf = claims_gdf([
        claim("a", "Sudzha", controller="UA", event="incursion", claimant="Ukrainian General Staff",
              event_date="2024-08-08", published="2024-08-08"),
        claim("b", "Sudzha", controller="RU", event="capture", event_date="2025-03-12", published="2025-03-13"),
    ])
    assert row(timeline.held_on(gdf, "2024-12-01", baseline=base), "Sudzha")["controller"] == "UA"
    later = row(timeline.held_on(gdf, "2025-03-13", baseline=base), "Sudzha")
    assert later["controller"] == "RU"
    assert later["as_of"] == "2025-03-12"
    # before any claim the baseline rule applies: Sudzha lies in RU
    early = row(timeline.held_on(gdf, "2024-01-01", baseline=base), "Sudzha")
    assert (early["controller"], early["status"], early["n_claims"]) == ("RU", "baseline", 0)


def test_list_columns_are_json_text_and_survive_awkward_names(base):
    gdf = claims_gdf([
        claim("a", "Zarichne", claimant='The "Rybar" channel\\ said', event_date="2025-03-10"),
        claim("b", "Zarichne", claimant="Line\nbreak", event_date="2025-03-10"),
    ])
    held = timeline.held_on(gdf, "2025-03-12", baseline=base)
    assert sorted(json.loads(row(held, "Zarichne")["claimants"])) == ["Line\nbreak", 'The "Rybar" channel\\ said']
    assert json.loads(held.to_json())["features"][0]["properties"]["claim_ids"].startswith('["')


def test_status_claimed_corroborated_contested(base):
    gdf = claims_gdf([
        claim("a", "Zarichne", event_date="2025-03-10"),
        claim("b", "Zarichne", event_date="2025-03-11", claimant="Rybar", claimant_class="blogger"),
        claim("c", "Oleshnia", event_date="2025-03-10"),
        claim("d", "Oleshnia", event_date="2025-03-11"),  # same claimant again: not independent
        claim("e", "Bilopillia", event_date="2025-03-10"),
        claim("f", "Bilopillia", controller="UA", event="other", claimant="Ukrainian General Staff",
              event_date="2025-03-11"),
    ])
    held = timeline.held_on(gdf, "2025-03-12", baseline=base)
    assert row(held, "Zarichne")["status"] == "corroborated"
    assert row(held, "Zarichne")["n_claimants"] == 2
    assert row(held, "Oleshnia")["status"] == "claimed"
    assert row(held, "Bilopillia")["status"] == "contested"
    assert (row(held, "Bilopillia")["weight_RU"], row(held, "Bilopillia")["weight_UA"]) == (1.0, 1.0)


def test_hedged_claims_weigh_less_and_mentions_never_count(base):
    gdf = claims_gdf([
        claim("a", "Zarichne", controller="RU", hedged=True, event_date="2025-03-11",
              sentence="Russian forces may have entered Zarichne, a blogger said."),
        claim("b", "Zarichne", controller="UA", event="other", claimant="Ukrainian General Staff",
              event_date="2025-03-11", sentence="Kyiv said Zarichne remained under its control."),
        claim("c", "Oleshnia", controller="RU", event="mention", event_date="2025-03-11",
              sentence="Oleshnia was mentioned in a list of villages."),
    ])
    held = timeline.held_on(gdf, "2025-03-12", baseline=base)
    z = row(held, "Zarichne")
    assert (z["controller"], z["status"]) == ("UA", "claimed")
    assert (z["weight_RU"], z["weight_UA"]) == (0.4, 1.0)
    assert json.loads(z["claimants"]) == ["Ukrainian General Staff"]
    assert sorted(json.loads(z["articles"])) == ["a", "b"] and len(json.loads(z["claim_ids"])) == 2
    o = row(held, "Oleshnia")
    assert (o["controller"], o["status"]) == ("UA", "baseline")


def test_month_precision_claim_counts_within_its_month(base):
    gdf = claims_gdf([claim("a", "Zarichne", event_date="2025-03", published="2025-04-02")])
    assert row(timeline.held_on(gdf, "2025-03-15", baseline=base), "Zarichne")["controller"] == "RU"
    assert row(timeline.held_on(gdf, "2025-02-28", baseline=base), "Zarichne")["status"] == "baseline"


def test_undated_claim_counts_from_publication(base):
    gdf = claims_gdf([claim("a", "Zarichne", event_date=None, published="2025-03-05")])
    assert row(timeline.held_on(gdf, "2025-03-04", baseline=base), "Zarichne")["status"] == "baseline"
    assert row(timeline.held_on(gdf, "2025-03-05", baseline=base), "Zarichne")["controller"] == "RU"


def test_baseline_rule_uses_country_polygons_when_country_is_missing(base):
    pts = gpd.GeoSeries(gpd.points_from_xy([34.5, 36.0, 20.0], [51.0, 51.0, 51.0]), crs=4326)
    assert list(base.side_at(pts)) == ["UA", "RU", None]


def test_changes_lists_places_that_changed_hands(base):
    gdf = claims_gdf([
        claim("a", "Zarichne", event_date="2025-03-10"),
        claim("b", "Oleshnia", controller="UA", event="other", event_date="2025-03-10"),
    ])
    ch = timeline.changes(gdf, "2025-03-01", "2025-03-20", baseline=base)
    assert list(ch["name"]) == ["Zarichne"]
    assert (ch.iloc[0]["controller_before"], ch.iloc[0]["controller_after"]) == ("UA", "RU")
    assert ch.iloc[0]["claim_ids"] == [gdf.iloc[0]["claim_id"]]
    with pytest.raises(ValueError, match="before start"):
        timeline.changes(gdf, "2025-03-20", "2025-03-01", baseline=base)


EXTENT = (34.0, 50.5, 36.0, 51.5)


def test_baseline_areas_match_the_known_polygons(base):
    gdf = claims_gdf([claim("a", "Oleshnia", controller="UA", event="other")])  # agrees with the baseline
    areas = timeline.control_areas(gdf, "2025-03-12", baseline=base, extent=EXTENT).set_index("side")
    assert areas.loc["UA", "area_km2"] == pytest.approx(geodesic_km2(shapely.box(34.0, 50.5, 35.0, 51.5)), rel=0.01)
    assert areas.loc["RU", "area_km2"] == pytest.approx(geodesic_km2(shapely.box(35.0, 50.5, 36.0, 51.5)), rel=0.01)


def test_claimed_places_move_territory_and_areas_still_sum(base):
    gdf = claims_gdf([
        claim("a", "Zarichne", controller="RU", event_date="2025-03-10"),
        claim("b", "Sudzha", controller="UA", event="incursion", claimant="Ukrainian General Staff",
              event_date="2025-03-10"),
    ])
    areas = timeline.control_areas(gdf, "2025-03-12", baseline=base, extent=EXTENT, cell_km=15).set_index("side")
    total = geodesic_km2(shapely.box(*EXTENT))
    assert areas["area_km2"].sum() == pytest.approx(total, rel=0.01)
    ua_box = geodesic_km2(shapely.box(34.0, 50.5, 35.0, 51.5))
    # RU gained Zarichne's cell in UA; UA gained Sudzha's cell in RU: each at most a 15 km disc
    ua_in_ru = areas.loc["UA", "geometry"].intersection(shapely.box(35.0, 50.5, 36.0, 51.5))
    assert 100 < geodesic_km2(ua_in_ru) <= 3.1416 * 15**2 * 1.02
    assert areas.loc["RU", "geometry"].contains(shapely.Point(34.60, 51.00))
    assert areas.loc["UA", "geometry"].contains(shapely.Point(35.27, 51.19))
    assert areas.loc["UA", "area_km2"] != pytest.approx(ua_box, rel=0.001)


def test_area_changes_between_dates(base):
    gdf = claims_gdf([
        claim("a", "Sudzha", controller="UA", event="incursion", claimant="Ukrainian General Staff",
              event_date="2024-08-10"),
        claim("b", "Sudzha", controller="RU", event_date="2025-03-12"),
    ])
    ch = timeline.area_changes(gdf, "2024-09-01", "2025-03-13", baseline=base, extent=EXTENT)
    assert list(zip(ch["from_side"], ch["to_side"])) == [("UA", "RU")]
    cell = timeline.control_areas(gdf, "2024-09-01", baseline=base, extent=EXTENT)
    ua_in_ru = cell.set_index("side").loc["UA", "geometry"].intersection(shapely.box(35.0, 50.5, 36.0, 51.5))
    assert ch["area_km2"].iloc[0] == pytest.approx(geodesic_km2(ua_in_ru), rel=0.01)
    assert len(timeline.area_changes(gdf, "2024-09-01", "2024-10-01", baseline=base, extent=EXTENT)) == 0


def test_areas_are_clipped_to_land(base):
    gdf = claims_gdf([claim("a", "Oleshnia", controller="UA", event="other")])
    extent = (32.5, 48.5, 34.0, 49.6)
    areas = timeline.control_areas(gdf, "2025-03-12", baseline=base, extent=extent)
    expected = geodesic_km2(shapely.box(32.5, 49.0, 34.0, 49.6)) - geodesic_km2(shapely.box(33.0, 49.0, 33.5, 49.3))
    assert list(areas["side"]) == ["UA"]
    assert areas["area_km2"].sum() == pytest.approx(expected, rel=0.01)


def test_a_region_claimed_taken_moves_whole(base):
    admin1 = gpd.GeoDataFrame({"admin1": ["UA.99"], "name": ["Toy Oblast"]},
                              geometry=[shapely.box(34.0, 50.5, 34.5, 51.5)], crs=4326)
    region = claim("a", "Zarichne", controller="RU", event="capture", event_date="2025-03-01",
                   sentence="Moscow said it had taken all of Toy Oblast.")
    region.update(name="Toy Oblast", place="Toy Oblast", place_id="a1:UA.99", kind="admin1", admin1="UA.99",
                  lat=51.0, lon=34.25)
    gdf = claims_gdf([region])
    areas = timeline.control_areas(gdf, "2025-03-12", baseline=base, extent=EXTENT, admin1=admin1).set_index("side")
    ru_in_ua = areas.loc["RU", "geometry"].intersection(shapely.box(34.0, 50.5, 35.0, 51.5))
    assert geodesic_km2(ru_in_ua) == pytest.approx(geodesic_km2(shapely.box(34.0, 50.5, 34.5, 51.5)), rel=0.01)
    # an advance "in" a region moves nothing
    gdf2 = claims_gdf([{**region, "event": "advance"}])
    areas2 = timeline.control_areas(gdf2, "2025-03-12", baseline=base, extent=EXTENT, admin1=admin1).set_index("side")
    assert areas2.loc["UA", "area_km2"] == pytest.approx(geodesic_km2(shapely.box(34.0, 50.5, 35.0, 51.5)), rel=0.01)


def test_contested_place_gets_a_contested_cell(base):
    gdf = claims_gdf([
        claim("a", "Bilopillia", event_date="2025-03-10"),
        claim("b", "Bilopillia", controller="UA", event="other", claimant="Ukrainian General Staff", event_date="2025-03-10"),
    ])
    areas = timeline.control_areas(gdf, "2025-03-12", baseline=base, extent=EXTENT)
    assert "contested" in set(areas["side"])


def test_front_line_runs_around_the_salient_not_along_the_border(base):
    gdf = claims_gdf([claim("b", "Sudzha", controller="UA", event="incursion", claimant="Ukrainian General Staff",
                            event_date="2025-03-10")])
    line = timeline.front_line(gdf, "2025-03-12", baseline=base, extent=EXTENT)
    assert len(line) == 1
    geom = line.geometry.iloc[0]
    assert 20 < line["length_km"].iloc[0] < 2 * 3.1416 * 15 * 1.05
    assert geom.distance(shapely.Point(35.27, 51.19)) > 0.05  # around Sudzha, not through it
    # no piece of it lies on the state border (lon 35.0)
    assert geom.intersection(shapely.LineString([(35.0, 50.0), (35.0, 52.0)]).buffer(0.001)).length < 0.01
    # with only the baseline there is no front at all
    quiet = claims_gdf([claim("a", "Oleshnia", controller="UA", event="other")])
    assert len(timeline.front_line(quiet, "2025-03-12", baseline=base, extent=EXTENT)) == 0


def reference_layer():
    """One side's control: RU holds a square in UA around Zarichne; a grey square too."""
    return gpd.GeoDataFrame(
        {"class": ["ru_controlled", "contested_unknown", "something_else"]},
        geometry=[shapely.box(34.4, 50.9, 34.8, 51.1), shapely.box(34.7, 50.7, 34.9, 50.9), shapely.box(33, 50, 33.1, 50.1)],
        crs=4326,
    )


def test_reference_layer_as_baseline(base):
    ref = Baseline.from_reference(reference_layer(), countries=toy_countries(), land=toy_land(), date="2025-03-01")
    pts = gpd.GeoSeries(gpd.points_from_xy([34.6, 34.8, 34.3, 35.5], [51.0, 50.8, 51.1, 51.0]), crs=4326)
    assert list(ref.side_at(pts)) == ["RU", "contested", "UA", "RU"]
    # no claim: Zarichne is held as the reference says
    gdf = claims_gdf([claim("a", "Zarichne", controller="RU", event_date="2025-04-01")])
    assert row(timeline.held_on(gdf, "2025-03-05", baseline=ref), "Zarichne")["controller"] == "RU"
    areas = timeline.control_areas(gdf, "2025-03-05", baseline=ref, extent=EXTENT).set_index("side")
    assert areas.loc["RU", "area_km2"] == pytest.approx(
        geodesic_km2(shapely.box(35.0, 50.5, 36.0, 51.5)) + geodesic_km2(shapely.box(34.4, 50.9, 34.8, 51.1)), rel=0.01
    )
    # a custom class mapping: ignore the grey zone
    ref2 = Baseline.from_reference(reference_layer(), classes={"ru_controlled": "RU"}, countries=toy_countries())
    assert list(ref2.side_at(pts)) == ["RU", "UA", "UA", "RU"]


def test_reference_layer_supersedes_older_claims():
    ref = Baseline.from_reference(reference_layer(), countries=toy_countries(), date="2025-03-01")
    gdf = claims_gdf([
        claim("old", "Zarichne", controller="UA", event="other", event_date="2025-02-10"),  # before the layer
        claim("new", "Bilopillia", controller="RU", event_date="2025-03-05"),  # after it
    ])
    held = timeline.held_on(gdf, "2025-03-10", baseline=ref)
    z, b = row(held, "Zarichne"), row(held, "Bilopillia")
    assert (z["controller"], z["status"]) == ("RU", "baseline")  # the layer's RU square wins over the older claim
    assert (b["controller"], b["status"]) == ("RU", "claimed")
    # without a reference the old claim stands
    assert row(timeline.held_on(gdf, "2025-03-10", baseline=Baseline.from_countries(toy_countries())), "Zarichne")["controller"] == "UA"


def test_reference_layer_from_file_reads_its_date(tmp_path):
    path = tmp_path / "ref.geojson"
    data = json.loads(reference_layer().to_json())
    data["snapshot_utc"] = "2025-03-01T08:00:00+00:00"
    path.write_text(json.dumps(data))
    ref = Baseline.from_reference(path, countries=toy_countries())
    assert str(ref.date) == "2025-03-01"


def test_score_against_reference(base):
    ref = Baseline.from_reference(reference_layer(), countries=toy_countries(), date="2025-03-01")
    gdf = claims_gdf([
        claim("a", "Zarichne", controller="RU", event_date="2025-02-20"),  # agrees, 9 days early
        claim("b", "Bilopillia", controller="RU", event_date="2025-02-25"),  # reference says UA
        claim("c", "Oleshnia", controller="UA", event="other", event_date="2025-02-27"),  # grey zone: unknown
        claim("d", "Sudzha", controller="RU", event="other", event_date="2025-03-20"),  # after the date: not scored
    ])
    score = timeline.score_against(gdf, ref)
    assert (score.places, score.agree, score.disagree, score.unknown) == (3, 1, 1, 1)
    assert score.agreement == pytest.approx(0.5)
    assert score.lags_days == (9,)
    assert score.median_lag_days == 9.0


def test_to_date_rejects_junk():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        timeline.to_date("next Tuesday")


# ---------------------------------------------------------------- undated claims


def test_undated_background_claim_does_not_contest_dated_claims(base):
    gdf = claims_gdf([
        claim("m1", "Sudzha", controller="RU", event_date="2025-03-12", published="2025-03-13",
              claimant="Russia", sentence="Russia said on Thursday its troops had recaptured Sudzha a day earlier."),
        claim("m1", "Sudzha", controller="RU", event_date="2025-03-13", published="2025-03-13",
              claimant="The Russian defence ministry", sentence="The Russian defence ministry said Sudzha was retaken."),
        # background: no date in the text; true at some time before publication
        claim("m1", "Sudzha", controller="UA", event_date=None, published="2025-03-13", claimant="media",
              claimant_class="media", sentence="Sudzha was the largest town Ukrainian forces had held in the region."),
    ])
    s = row(timeline.held_on(gdf, "2025-03-13", baseline=base), "Sudzha")
    assert (s["controller"], s["status"], s["undated"]) == ("RU", "claimed", False)
    assert s["n_claims"] == 2 and s.get("weight_UA", 0.0) == 0.0
    assert "media" not in json.loads(s["claimants"])


def test_undated_claim_decides_only_where_no_dated_claim_does(base):
    gdf = claims_gdf([
        claim("p1", "Zarichne", controller="RU", event_date=None, published="2025-03-05",
              sentence="Zarichne, which Russian forces hold, was shelled again."),
        claim("p2", "Oleshnia", controller="UA", event="capture", claimant="Ukrainian General Staff",
              claimant_class="ua_official", event_date="2024-08-08", published="2024-08-08"),
        claim("p3", "Oleshnia", controller="RU", event_date=None, published="2025-03-05",
              sentence="Oleshnia, once taken by Russian forces, lies near the border."),
    ])
    held = timeline.held_on(gdf, "2025-03-06", baseline=base)
    z, o = row(held, "Zarichne"), row(held, "Oleshnia")
    assert (z["controller"], z["status"], z["undated"], z["as_of"]) == ("RU", "claimed", True, "2025-03-05")
    assert (o["controller"], o["status"], o["undated"], o["n_claims"]) == ("UA", "claimed", False, 1)
    # not known before it was published
    assert row(timeline.held_on(gdf, "2025-03-04", baseline=base), "Zarichne")["status"] == "baseline"


def test_undated_claims_keep_a_null_date():
    gdf = claims_gdf([claim("a", "Zarichne", event_date=None, published="2025-03-05"),
                      claim("b", "Zarichne", event_date="2025-03", published="2025-04-02")])
    start, end = timeline.effective_dates(gdf)
    assert start.isna().tolist() == [True, False] and str(end.iloc[1].date()) == "2025-03-31"
    start, _ = timeline.effective_dates(gdf, undated=True)
    assert str(start.iloc[0].date()) == "2025-03-05"


# ---------------------------------------------------------------- independent claimants


@pytest.mark.parametrize("spelling", ["Russian defence ministry", "Russia's defence ministry", "Russia’s Defense Ministry",
                                      "the Ministry of Defence of the Russian Federation", "Russian MoD"])
def test_claimant_key_folds_spellings_of_one_claimant(spelling):
    assert timeline.claimant_key(spelling) == timeline.claimant_key("The Russian defence ministry")


def test_claimant_key_keeps_different_claimants_apart():
    keys = {timeline.claimant_key(n) for n in ("Russian defence ministry", "Ukrainian defence ministry", "ISW",
                                                "Rybar", "Reuters")}
    assert len(keys) == 5
    assert timeline.claimant_key("ISW") == timeline.claimant_key("the Institute for the Study of War")


def test_corroboration_needs_independent_claimants(base):
    gdf = claims_gdf([
        # one claimant, three spellings
        claim("a", "Zarichne", claimant="The Russian defence ministry"),
        claim("b", "Zarichne", claimant="Russia's defence ministry"),
        claim("c", "Zarichne", claimant="Russian defence ministry", claimant_class="other"),
        # two Russian officials: one voice
        claim("d", "Oleshnia", claimant="Russian Ministry of Defence"),
        claim("e", "Oleshnia", claimant="TASS"),
        # a Russian official and an analyst: independent
        claim("f", "Bilopillia", claimant="Russian Ministry of Defence"),
        claim("g", "Bilopillia", claimant="ISW", claimant_class="independent"),
        # two outlets in their own voice are two sources; the outlet stands for "media"
        claim("h", "Krasnyi Yar", claimant="media", claimant_class="media", outlet="Wire One"),
        claim("i", "Krasnyi Yar", claimant="media", claimant_class="media", outlet="Wire Two"),
    ])
    gdf.loc[7, "outlet"], gdf.loc[8, "outlet"] = "Wire One", "Wire Two"
    held = timeline.held_on(gdf, "2025-03-12", baseline=base)
    z = row(held, "Zarichne")
    assert (z["status"], z["n_claimants"], z["n_independent"]) == ("claimed", 1, 1)
    assert len(json.loads(z["claimants"])) == 1
    o = row(held, "Oleshnia")
    assert (o["status"], o["n_claimants"], o["n_independent"]) == ("claimed", 2, 1)
    b = row(held, "Bilopillia")
    assert (b["status"], b["n_claimants"], b["n_independent"]) == ("corroborated", 2, 2)
    k = row(held, "Krasnyi Yar")
    assert (k["status"], k["n_independent"]) == ("corroborated", 2)


def test_a_denial_is_not_control_for_the_side_it_denies_but_contests_it(base):
    gdf = claims_gdf([
        # only a denial: the place stays with the baseline
        claim("n1", "Zarichne", controller="RU", hedged=True, negated=True, claimant="Ukrainian General Staff",
              claimant_class="ua_official", sentence="Kyiv denied that Russian troops had taken Zarichne."),
        # a claim and its denial two days apart: the claim wins, contested
        claim("n2", "Oleshnia", controller="RU", event_date="2025-03-09"),
        claim("n3", "Oleshnia", controller="RU", hedged=True, negated=True, claimant="Ukrainian General Staff",
              claimant_class="ua_official", event_date="2025-03-11",
              sentence="Ukraine's General Staff denied Moscow's claim to have captured Oleshnia."),
    ])
    held = timeline.held_on(gdf, "2025-03-12", baseline=base)
    z = row(held, "Zarichne")
    assert (z["controller"], z["status"], z["n_claims"]) == ("UA", "baseline", 0)
    o = row(held, "Oleshnia")
    assert (o["controller"], o["status"], o["n_claims"]) == ("RU", "contested", 1)


def test_negated_flags_read_from_text_files_count(base):
    gdf = claims_gdf([claim("t1", "Zarichne", negated="1", sentence="Kyiv denied Zarichne had fallen."),
                      claim("t2", "Oleshnia", negated="0")])
    held = timeline.held_on(gdf, "2025-03-12", baseline=base)
    assert row(held, "Zarichne")["status"] == "baseline" and row(held, "Oleshnia")["status"] == "claimed"
