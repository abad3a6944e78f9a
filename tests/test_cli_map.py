"""``frontmap map``: inputs, filters, formats, refusing to clobber.

Claim extraction is replaced by a fixed claims table (the extractor has its own
tests), so these tests check the command's wiring, not the NLP.
"""

from __future__ import annotations

import re

import pytest

pytest.importorskip("folium")
gpd = pytest.importorskip("geopandas")

from frontmap.cli import main  # noqa: E402
from frontmap.cli.map import filter_claims  # noqa: E402
from render_factory import claim, claims_gdf  # noqa: E402


@pytest.fixture
def table():
    return claims_gdf([
        claim(claim_id="a", date_start="2025-03-02", date_end="2025-03-02"),
        claim(claim_id="b", article="b", controller="UA", actor="UA", claimant="General Staff of Ukraine",
              claimant_class="ua_official", date_start="2025-03-20", date_end="2025-03-20",
              place="Kupiansk", name="Kupiansk", place_id="800002", lat=49.71, lon=37.61),
        claim(claim_id="c", article="c", event_date="2025-03", date_precision="month", date_start="2025-03-01",
              date_end="2025-03-31", place="Lyman", name="Lyman", place_id="800004", lat=48.99, lon=37.80),
        claim(claim_id="d", article="d", event_date=None, date_precision="unknown", date_start=None,
              date_end=None, published="2025-04-20", place="Siversk", name="Siversk", place_id="800005",
              lat=48.87, lon=38.10),
    ])


@pytest.fixture
def fake_extract(monkeypatch, table):
    import frontmap.claims

    seen = {}

    def extract(paths, **kwargs):
        seen["paths"] = paths
        seen["kwargs"] = kwargs
        return table

    monkeypatch.setattr(frontmap.claims, "extract", extract)
    monkeypatch.setattr("frontmap.render.load_boundaries", lambda: (None, None))
    return seen


def test_html_map_from_articles(runner, tmp_path, fake_extract):
    out = tmp_path / "maps" / "seed.html"
    res = runner.invoke(main, ["map", str(tmp_path), "-o", str(out), "--title", "Seed <claims>"])
    assert res.exit_code == 0, res.output
    assert fake_extract["paths"] == [str(tmp_path)]
    text = out.read_text()
    assert "L.timeline(" in text and "Seed \\u003cclaims\\u003e" in text
    assert "wrote" in res.output


def test_refuses_to_clobber_without_overwrite(runner, tmp_path, fake_extract):
    out = tmp_path / "m.html"
    out.write_text("keep me")
    res = runner.invoke(main, ["map", str(tmp_path), "-o", str(out)])
    assert res.exit_code != 0 and "--overwrite" in res.output
    assert out.read_text() == "keep me"
    res = runner.invoke(main, ["map", str(tmp_path), "-o", str(out), "--overwrite"])
    assert res.exit_code == 0, res.output
    assert out.read_text() != "keep me"


@pytest.mark.parametrize("args, name, magic", [
    ([], "fig.png", b"\x89PNG"),
    (["--format", "svg"], "fig.svg", b"<?xml"),
])
def test_static_figure(runner, tmp_path, fake_extract, args, name, magic):
    out = tmp_path / name
    res = runner.invoke(main, ["map", str(tmp_path), "-o", str(out), *args])
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(magic)


def test_format_and_extension_must_agree(runner, tmp_path, fake_extract):
    res = runner.invoke(main, ["map", str(tmp_path), "--format", "png", "-o", str(tmp_path / "x.html")])
    assert res.exit_code == 2 and ".png" in res.output
    res = runner.invoke(main, ["map", str(tmp_path), "-o", str(tmp_path / "x.bmp")])
    assert res.exit_code == 2


def test_needs_inputs_or_store(runner, tmp_path):
    res = runner.invoke(main, ["map", "-o", str(tmp_path / "x.html")])
    assert res.exit_code == 2 and "--store" in res.output


def test_self_contained_has_no_external_scripts(runner, tmp_path, fake_extract):
    out = tmp_path / "sc.html"
    res = runner.invoke(main, ["map", str(tmp_path), "-o", str(out), "--self-contained"])
    assert res.exit_code == 0, res.output
    text = out.read_text()
    assert not re.search(r'<script[^>]+src="https?:', text)
    assert "tile.openstreetmap.org" not in text


def test_side_filter(runner, tmp_path, fake_extract):
    out = tmp_path / "ru.html"
    res = runner.invoke(main, ["map", str(tmp_path), "-o", str(out), "--side", "UA"])
    assert res.exit_code == 0, res.output
    text = out.read_text()
    assert "Side: UA" in text and "Side: RU" not in text


def test_at_uses_timeline(runner, tmp_path, fake_extract, monkeypatch):
    from shapely.geometry import LineString, box

    import frontmap.timeline

    calls = []

    def areas(gdf, date, **kw):
        calls.append(date)
        return gpd.GeoDataFrame({"side": ["RU"], "area_km2": [10.0]}, geometry=[box(37, 48, 38, 49)], crs=4326)

    monkeypatch.setattr(frontmap.timeline, "control_areas", areas)
    monkeypatch.setattr(frontmap.timeline, "front_line",
                        lambda gdf, date, **kw: gpd.GeoDataFrame(geometry=[LineString([(37, 48), (37, 49)])], crs=4326))
    out = tmp_path / "at.html"
    res = runner.invoke(main, ["map", str(tmp_path), "-o", str(out), "--at", "2025-03-10"])
    assert res.exit_code == 0, res.output
    assert str(calls[0]) == "2025-03-10"
    text = out.read_text()
    assert "Control areas (2025-03-10)" in text and "Front line (2025-03-10)" in text


def test_at_rejects_from(runner, tmp_path, fake_extract):
    res = runner.invoke(main, ["map", str(tmp_path), "-o", str(tmp_path / "x.html"), "--at", "2025-03-10",
                               "--from", "2025-03-01"])
    assert res.exit_code == 2


def test_bad_date_is_a_usage_error(runner, tmp_path):
    res = runner.invoke(main, ["map", str(tmp_path), "-o", str(tmp_path / "x.html"), "--from", "March 3"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output


def test_filter_dates_overlap_and_undated_by_publication(table):
    import datetime as dt

    kept = filter_claims(table, date_from=dt.date(2025, 3, 15), date_to=dt.date(2025, 3, 25))
    assert sorted(kept["claim_id"]) == ["b", "c"]  # the March claim overlaps; 03-02 does not
    kept = filter_claims(table, date_from=dt.date(2025, 4, 1))
    assert list(kept["claim_id"]) == ["d"]  # undated, published 2025-04-20
    assert list(filter_claims(table, side="UA")["claim_id"]) == ["b"]


def test_store_input(runner, tmp_path, table, monkeypatch):
    import frontmap.query

    seen = []

    def from_store(cls, path, **kwargs):
        seen.append(path)
        return cls(table)

    monkeypatch.setattr(frontmap.query.Claims, "from_store", classmethod(from_store))
    monkeypatch.setattr("frontmap.render.load_boundaries", lambda: (None, None))
    store = tmp_path / "claims.gpkg"
    store.write_bytes(b"")  # --store must exist; the reader is replaced above
    out = tmp_path / "store.html"
    res = runner.invoke(main, ["map", "--store", str(store), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert seen == [str(store)] and "4 claim rows" in res.output
    res = runner.invoke(main, ["map", str(tmp_path), "--store", str(store), "-o", str(out), "--overwrite"])
    assert res.exit_code == 2  # articles or a store, not both
