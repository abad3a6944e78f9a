"""Claims: chainable near/within/between/by and the timeline methods."""

from __future__ import annotations

import sys
import types
from types import SimpleNamespace

import geopandas as gpd
import pytest
import shapely
from pyproj import Geod

from claimfactory import PLACES, claim, claims_gdf, toy_countries, toy_land
from frontmap.errors import PlaceNotFound, ValidationError
from frontmap.query import Claims
from frontmap.store import ClaimStore
from frontmap.timeline import Baseline


class FakeGazetteer:
    """Knows the factory's places by exact name, plus one admin1 region."""

    def candidates(self, name, *, country=None, near=None, kinds=None, limit=10):
        if name in PLACES:
            pid, lat, lon, cc = PLACES[name]
            place = SimpleNamespace(place_id=pid, name=name, lat=lat, lon=lon, kind="settlement", country=cc,
                                    admin1=f"{cc}.01")
            return [SimpleNamespace(place=place, score=1.0)]
        if name == "Kurskaya oblast":
            place = SimpleNamespace(place_id="a1", name="Kursk Oblast", lat=51.5, lon=36.0, kind="admin1", country="RU",
                                    admin1="RU.41")
            return [SimpleNamespace(place=place, score=0.9)]
        return []

    def suggest(self, name, n=5):
        return ["Sudzha"] if name.lower().startswith("sud") else []


@pytest.fixture
def claims():
    rows = [
        claim("a1", "Sudzha", controller="RU", event="capture", event_date="2025-03-12", published="2025-03-13"),
        claim("a2", "Malaya Loknya", controller="RU", event="capture", event_date="2025-03", published="2025-04-01",
              claimant="Rybar", claimant_class="blogger", hedged=True),
        claim("a3", "Zarichne", controller="UA", event="other", claimant="Ukrainian General Staff",
              claimant_class="ua_official", event_date="2025-02-20", published="2025-02-21"),
        claim("a4", "Far Village", controller="UA", event="attack", claimant="Ukrainian General Staff",
              claimant_class="ua_official", event_date="2024-08-10", published="2024-08-10"),
        claim("a5", "Bilopillia", controller=None, event="mention", event_date=None, published="2025-01-05"),
    ]
    return Claims(claims_gdf(rows), gazetteer=FakeGazetteer(),
                  baseline=Baseline.from_countries(toy_countries(), land=toy_land()))


def names(c: Claims) -> list[str]:
    return sorted(c.gdf["name"])


def test_near_a_named_place_uses_geodesic_distance(claims):
    hits = claims.near("Sudzha", 15)
    assert names(hits) == ["Malaya Loknya", "Sudzha"]
    expected = Geod(ellps="WGS84").inv(35.27, 51.19, 35.20, 51.30)[2] / 1000
    got = hits.gdf.set_index("name").loc["Malaya Loknya", "distance_km"]
    assert got == pytest.approx(expected, rel=1e-6)
    assert 13 < got < 14


def test_near_honours_the_radius_edge(claims):
    d = Geod(ellps="WGS84").inv(35.27, 51.19, 35.20, 51.30)[2] / 1000
    assert "Malaya Loknya" not in names(claims.near((51.19, 35.27), d - 0.01))
    assert "Malaya Loknya" in names(claims.near(shapely.Point(35.27, 51.19), d + 0.01))


def test_near_unknown_place_suggests(claims):
    with pytest.raises(PlaceNotFound, match="Did you mean: Sudzha"):
        claims.near("Sudzah", 10)
    with pytest.raises(ValidationError, match="lat, lon"):
        claims.near((135.0, 51.0), 10)


def test_within_geometry_bbox_and_region_name(claims, monkeypatch):
    assert names(claims.within(shapely.box(35.0, 49.0, 39.0, 53.0))) == ["Far Village", "Malaya Loknya", "Sudzha"]
    assert names(claims.within((34.0, 50.0, 35.0, 52.0))) == ["Bilopillia", "Zarichne"]
    fake = types.ModuleType("frontmap.boundaries")
    admin1 = gpd.GeoDataFrame({"admin1": ["RU.41"], "name": ["Kursk Oblast"]},
                              geometry=[shapely.box(35.0, 50.9, 37.0, 52.0)], crs=4326)
    fake.admin1_polygons = lambda: admin1
    fake.country_polygons = toy_countries
    monkeypatch.setitem(sys.modules, "frontmap.boundaries", fake)
    assert names(claims.within("Kursk Oblast")) == ["Malaya Loknya", "Sudzha"]
    assert names(claims.within("kursk  OBLAST")) == ["Malaya Loknya", "Sudzha"]
    assert names(claims.within("Kurskaya oblast")) == ["Malaya Loknya", "Sudzha"]  # via the gazetteer's admin1 code
    assert names(claims.within("Ukraine")) == ["Bilopillia", "Zarichne"]
    with pytest.raises(PlaceNotFound):
        claims.within("Atlantis")


def test_between_honours_date_precision(claims):
    # the month-precision claim (March 2025) overlaps any day in March
    assert names(claims.between("2025-03-05", "2025-03-05")) == ["Malaya Loknya"]
    assert names(claims.between("2025-03-12", "2025-03-31")) == ["Malaya Loknya", "Sudzha"]
    assert names(claims.between("2025-04-01", None)) == []
    # the undated mention has no event date: left out unless asked for, then on its publication day
    assert names(claims.between(None, "2025-01-31")) == ["Far Village"]
    assert names(claims.between(None, "2025-01-31", include_undated=True)) == ["Bilopillia", "Far Village"]
    assert names(claims.between("2025-01-06", None, include_undated=True)) == ["Malaya Loknya", "Sudzha", "Zarichne"]


def test_between_leaves_out_undated_background_claims():
    gdf = claims_gdf([
        claim("r1", "Sudzha", controller="RU", event_date="2025-03-12", published="2025-03-13",
              sentence="Russian forces recaptured Sudzha on Wednesday, the defence ministry said."),
        claim("r1", "Zarichne", controller="UA", event="capture", event_date=None, published="2025-03-13",
              claimant="Example Wire", claimant_class="media",
              sentence="Zarichne was the first village Ukrainian troops took last summer."),
    ])
    march = Claims(gdf, gazetteer=FakeGazetteer()).between("2025-03-01", "2025-03-31")
    assert names(march) == ["Sudzha"]
    assert names(Claims(gdf).between("2025-03-01", "2025-03-31", include_undated=True)) == ["Sudzha", "Zarichne"]


def test_by_attributes(claims):
    assert names(claims.by(side="ru")) == ["Malaya Loknya", "Sudzha"]
    assert names(claims.by(claimant="general staff")) == ["Far Village", "Zarichne"]
    assert names(claims.by(event=["attack", "other"])) == ["Far Village", "Zarichne"]
    assert names(claims.by(hedged=True)) == ["Malaya Loknya"]
    assert names(claims.by(claimant_class="blogger")) == ["Malaya Loknya"]
    with pytest.raises(ValidationError, match="from_store"):
        claims.by(contested=True)


def test_filters_chain_and_keep_context(claims):
    out = claims.near("Sudzha", 30).between("2025-03-01", "2025-03-31").by(side="RU", hedged=False)
    assert isinstance(out, Claims)
    assert names(out) == ["Sudzha"]
    assert len(out) == 1
    assert out.baseline is claims.baseline
    html = out._repr_html_()
    assert "<table" in html and "Sudzha" in html


def test_repr_html_escapes_article_text():
    gdf = claims_gdf([claim("x", "Zarichne", sentence="<script>alert(1)</script> took Zarichne")])
    assert "<script>" not in Claims(gdf)._repr_html_()


def test_timeline_methods_through_claims(claims):
    held = claims.held_on("2025-03-13").set_index("name")
    assert held.loc["Sudzha", "controller"] == "RU"
    assert held.loc["Far Village", "controller"] == "UA"
    assert held.loc["Bilopillia", "status"] == "baseline"
    ch = claims.changes("2025-01-01", "2025-03-31")
    assert len(ch) == 0  # every claim in the window agrees with what held before
    areas = claims.control_areas("2025-03-13", extent=(34.0, 50.5, 37.5, 52.6))
    assert set(areas["side"]) == {"RU", "UA"}
    assert areas.set_index("side").loc["UA", "geometry"].contains(shapely.Point(36.9, 52.4))  # Far Village
    line = claims.front_line("2025-03-13", extent=(34.0, 50.5, 37.5, 52.6))
    assert line["length_km"].iloc[0] > 20


def test_changes_between_two_dates(claims):
    ch = claims.changes("2024-09-01", "2025-03-13").set_index("name")
    # Sudzha was RU by the baseline and is RU now: no change; Malaya Loknya too.
    assert "Sudzha" not in ch.index
    # Far Village: UA since Aug 2024 (claimed), unchanged in this window
    assert "Far Village" not in ch.index
    ch2 = claims.changes("2024-08-01", "2024-08-31").set_index("name")
    assert ch2.loc["Far Village", "controller_before"] == "RU"
    assert ch2.loc["Far Village", "controller_after"] == "UA"


def test_from_store_round_trip(tmp_path, claims):
    path = tmp_path / "c.gpkg"
    with ClaimStore(path) as store:
        store.ingest_claims(claims.gdf)
    back = Claims.from_store(path, gazetteer=FakeGazetteer())
    assert len(back) == 5
    assert set(back.gdf.columns) >= set(claims.gdf.columns) | {"n_sources", "contested", "cluster_id"}
    assert names(back.near("Sudzha", 15)) == ["Malaya Loknya", "Sudzha"]
    assert names(back.by(contested=False)) == names(claims)
    assert back.gdf["hedged"].dtype == bool


def test_from_articles_runs_the_extractor(monkeypatch, tmp_path):
    import frontmap.claims

    calls = []

    def fake_extract(paths, **kwargs):
        calls.append([str(p) for p in paths])
        return claims_gdf([claim("x", "Sudzha")])

    monkeypatch.setattr(frontmap.claims, "extract", fake_extract)
    c = Claims.from_articles(tmp_path)
    assert calls == [[str(tmp_path)]]
    assert names(c) == ["Sudzha"]
