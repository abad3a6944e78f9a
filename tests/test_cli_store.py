"""frontmap ingest | query | control | export, on claims tables the tests write."""

from __future__ import annotations

import json
import sys
import types

import geopandas as gpd
import pytest
import shapely

from claimfactory import claim, claims_gdf, toy_countries, toy_land
from frontmap.cli import main


@pytest.fixture
def fake_boundaries(monkeypatch):
    fake = types.ModuleType("frontmap.boundaries")
    fake.country_polygons = toy_countries
    fake.land_polygon = lambda: gpd.GeoDataFrame(geometry=[toy_land()], crs=4326)
    fake.admin1_polygons = lambda: gpd.GeoDataFrame(
        {"admin1": ["RU.41"], "name": ["Kursk Oblast"]}, geometry=[shapely.box(35.0, 50.9, 37.0, 52.0)], crs=4326
    )
    monkeypatch.setitem(sys.modules, "frontmap.boundaries", fake)
    return fake


@pytest.fixture
def claims_file(tmp_path):
    rows = [
        claim("a1", "Sudzha", controller="RU", event_date="2025-03-12", published="2025-03-13"),
        claim("a2", "Sudzha", controller="RU", event_date="2025-03-13", published="2025-03-13", claimant="Rybar",
              claimant_class="blogger", sentence="Rybar reported Russian flags over Sudzha."),
        claim("a3", "Zarichne", controller="UA", event="other", claimant="Ukrainian General Staff",
              event_date="2025-03-01", published="2025-03-02"),
    ]
    path = tmp_path / "claims.geojson"
    claims_gdf(rows).to_file(path, driver="GeoJSON")
    return path


def test_ingest_is_idempotent(runner, tmp_path, claims_file):
    store = tmp_path / "s.gpkg"
    first = runner.invoke(main, ["ingest", str(claims_file), "--store", str(store)])
    assert first.exit_code == 0, first.output
    assert "3 added" in first.output
    assert "2 claims (0 contested)" in first.output
    again = runner.invoke(main, ["ingest", str(claims_file), "--store", str(store)])
    assert again.exit_code == 0
    assert "0 added" in again.output and "3 unchanged" in again.output


def test_ingest_articles_runs_the_extractor_per_article(runner, tmp_path, monkeypatch):
    import frontmap.store as store_mod

    seen = []

    def fake_extractor(gazetteer):
        def run(article):
            seen.append(article.id)
            return claims_gdf([claim(article.id, "Zarichne", sentence=article.text.strip(),
                                     published=article.published.isoformat())])
        return run

    monkeypatch.setattr(store_mod, "_default_extractor", fake_extractor)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text(" date 2025-03-11\n\nRussian forces said they took Zarichne.\n")
    (folder / "two.txt").write_text(" date 2025-03-12\n\nA blogger said Zarichne had fallen.\n")
    store = str(tmp_path / "s.gpkg")
    res = runner.invoke(main, ["ingest", str(folder), "--store", store])
    assert res.exit_code == 0, res.output
    assert "2 added" in res.output and len(seen) == 2
    res = runner.invoke(main, ["ingest", str(folder), "--store", store])
    assert "2 unchanged" in res.output and len(seen) == 2  # unchanged articles are not re-extracted


def test_query_formats_and_filters(runner, tmp_path, claims_file, fake_boundaries):
    store = str(tmp_path / "s.gpkg")
    runner.invoke(main, ["ingest", str(claims_file), "--store", store])
    table = runner.invoke(main, ["query", "--store", store, "--side", "RU", "--from", "2025-03-10", "--to", "2025-03-31"])
    assert table.exit_code == 0, table.output
    assert "Sudzha" in table.output and "Zarichne" not in table.output
    assert "2 rows" in table.output
    jl = runner.invoke(main, ["query", "--store", store, "--within", "Kursk Oblast", "--format", "jsonl"])
    recs = [json.loads(line) for line in jl.output.splitlines()]
    assert {r["name"] for r in recs} == {"Sudzha"} and len(recs) == 2
    near = runner.invoke(main, ["query", "--store", store, "--near", "51.0,34.6", "--km", "5", "--format", "geojson"])
    fc = json.loads(near.output)
    assert [f["properties"]["name"] for f in fc["features"]] == ["Zarichne"]
    bbox = runner.invoke(main, ["query", "--store", store, "--within", "34,50,35,52", "--event", "other"])
    assert "Zarichne" in bbox.output and "1 rows" in bbox.output


def test_query_dates_leave_out_undated_claims_unless_asked(runner, tmp_path):
    rows = [
        claim("u1", "Sudzha", controller="RU", event_date="2025-03-12", published="2025-03-13"),
        claim("u1", "Oleshnia", controller="UA", event="capture", event_date=None, published="2025-03-13",
              claimant="media", claimant_class="media",
              sentence="Oleshnia was among the first villages Kyiv's forces had taken."),
    ]
    path = tmp_path / "undated.geojson"
    claims_gdf(rows).to_file(path, driver="GeoJSON")
    store = str(tmp_path / "u.gpkg")
    assert runner.invoke(main, ["ingest", str(path), "--store", store]).exit_code == 0
    dated = runner.invoke(main, ["query", "--store", store, "--from", "2025-03-01", "--to", "2025-03-31"])
    assert dated.exit_code == 0, dated.output
    assert "Sudzha" in dated.output and "Oleshnia" not in dated.output and "1 rows" in dated.output
    both = runner.invoke(main, ["query", "--store", store, "--from", "2025-03-01", "--to", "2025-03-31",
                                "--include-undated"])
    assert both.exit_code == 0, both.output
    assert "Oleshnia" in both.output and "2 rows" in both.output


def test_query_output_file_refuses_to_clobber(runner, tmp_path, claims_file):
    store = str(tmp_path / "s.gpkg")
    runner.invoke(main, ["ingest", str(claims_file), "--store", store])
    out = tmp_path / "q.jsonl"
    out.write_text("keep")
    res = runner.invoke(main, ["query", "--store", store, "--format", "jsonl", "-o", str(out)])
    assert res.exit_code != 0 and "--overwrite" in res.output
    assert out.read_text() == "keep"


def test_control_writes_areas_front_and_places(runner, tmp_path, claims_file, fake_boundaries):
    store = str(tmp_path / "s.gpkg")
    runner.invoke(main, ["ingest", str(claims_file), "--store", store])
    out = tmp_path / "control.geojson"
    res = runner.invoke(main, ["control", "--store", store, "--date", "2025-03-14", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "corroborated" in res.output  # Sudzha: two claimants
    assert "RU:" in res.output and "km²" in res.output
    fc = json.loads(out.read_text())
    layers = {f["properties"]["layer"] for f in fc["features"]}
    assert layers == {"area", "place"}  # claims agree with the baseline: no front line
    assert all(f["properties"]["date"] == "2025-03-14" for f in fc["features"])


def test_control_since_reports_changes(runner, tmp_path, fake_boundaries):
    rows = [
        claim("a1", "Sudzha", controller="UA", event="incursion", claimant="Ukrainian General Staff",
              event_date="2024-08-08", published="2024-08-08"),
        claim("a2", "Sudzha", controller="RU", event_date="2025-03-12", published="2025-03-13"),
    ]
    src = tmp_path / "c.geojson"
    claims_gdf(rows).to_file(src, driver="GeoJSON")
    store = str(tmp_path / "s.gpkg")
    runner.invoke(main, ["ingest", str(src), "--store", store])
    res = runner.invoke(main, ["control", "--store", store, "--date", "2025-03-14", "--since", "2024-09-01"])
    assert res.exit_code == 0, res.output
    assert "1 places changed hands" in res.output
    assert "Sudzha: UA -> RU" in res.output
    assert "UA -> RU:" in res.output and "km²" in res.output


def test_control_with_reference_layer(runner, tmp_path, claims_file, fake_boundaries):
    store = str(tmp_path / "s.gpkg")
    runner.invoke(main, ["ingest", str(claims_file), "--store", store])
    ref = tmp_path / "ref.geojson"
    gpd.GeoDataFrame({"class": ["held"]}, geometry=[shapely.box(34.4, 50.9, 34.8, 51.1)], crs=4326).to_file(ref)
    res = runner.invoke(main, ["control", "--store", store, "--date", "2025-02-15", "--reference", str(ref),
                               "--class-map", "held=RU"])
    assert res.exit_code == 0, res.output
    # before any claim about it, Zarichne follows the reference layer
    line = next(l for l in res.output.splitlines() if l.strip().startswith("Zarichne"))
    assert "RU" in line and "baseline" in line


def test_export_by_suffix(runner, tmp_path, claims_file):
    store = str(tmp_path / "s.gpkg")
    runner.invoke(main, ["ingest", str(claims_file), "--store", store])
    out = tmp_path / "all.csv"
    res = runner.invoke(main, ["export", "--store", store, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert len(out.read_text().strip().splitlines()) == 3  # header + 2 deduplicated claims
    raw = tmp_path / "raw.parquet"
    assert runner.invoke(main, ["export", "--store", store, "-o", str(raw), "--raw"]).exit_code == 0
    assert len(gpd.read_parquet(raw)) == 3


def test_missing_store_is_a_clean_error(runner, tmp_path):
    res = runner.invoke(main, ["query", "--store", str(tmp_path / "nope.gpkg")])
    assert res.exit_code == 1
    assert "frontmap ingest" in res.output
    assert "Traceback" not in res.output
