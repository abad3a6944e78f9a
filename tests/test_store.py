"""ClaimStore: GeoPackage layout, idempotent and atomic ingest, dedup, contested claims, export."""

from __future__ import annotations

import json
import sqlite3
import threading

import pandas as pd
import pytest

from claimfactory import claim, claims_gdf
from frontmap.errors import StoreError
from frontmap.store import SCHEMA_VERSION, ClaimStore, cluster_reports


@pytest.fixture
def store(tmp_path):
    with ClaimStore(tmp_path / "claims.gpkg") as s:
        yield s


def three_reports():
    """The same capture told by three articles over three days, two claimants."""
    return [
        claim("wire-1", "Zarichne", event_date="2025-03-10", published="2025-03-10"),
        claim("wire-2", "Zarichne", event_date="2025-03-11", published="2025-03-11",
              claimant="Rybar", claimant_class="blogger",
              sentence="The Rybar channel wrote that Russian units had entered Zarichne."),
        claim("wire-3", "Zarichne", event_date="2025-03-12", published="2025-03-13",
              claimant="russian ministry of defence",
              sentence="Moscow repeated that Zarichne had been liberated."),
    ]


def test_new_store_is_a_geopackage_with_versioned_schema(store, tmp_path):
    store.ingest_claims(claims_gdf(three_reports()))
    db = sqlite3.connect(tmp_path / "claims.gpkg")
    assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    kinds = dict(db.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert kinds["claims"] == "features"
    assert kinds["articles"] == kinds["claim_sources"] == "attributes"
    assert db.execute("SELECT geometry_type_name, srs_id FROM gpkg_geometry_columns").fetchone() == ("POINT", 4326)
    assert store.metadata()["schema_version"] == str(SCHEMA_VERSION)
    db.close()


def test_gdal_reads_the_claims_layer(store, tmp_path):
    pyogrio = pytest.importorskip("pyogrio")
    store.ingest_claims(claims_gdf(three_reports()))
    layers = dict(pyogrio.list_layers(tmp_path / "claims.gpkg"))
    assert layers["claims"] == "Point"
    df = pyogrio.read_dataframe(tmp_path / "claims.gpkg", layer="claims")
    assert len(df) == 1
    assert df.geometry.iloc[0].x == pytest.approx(34.60)
    assert df.geometry.iloc[0].y == pytest.approx(51.00)


def test_reingest_is_idempotent(store):
    gdf = claims_gdf(three_reports())
    first = store.ingest_claims(gdf)
    second = store.ingest_claims(gdf)
    assert (first.added, first.claims) == (3, 3)
    assert (second.added, second.unchanged, second.claims) == (0, 3, 0)
    assert store.stats() == {"articles": 3, "reports": 3, "claims": 1, "contested": 0}


def test_changed_article_replaces_only_its_own_claims(store):
    store.ingest_claims(claims_gdf(three_reports()))
    corrected = claims_gdf([claim("wire-2", "Oleshnia", controller="UA", claimant="Ukrainian General Staff",
                                  event="other", sentence="Kyiv said Oleshnia remained under Ukrainian control.")])
    rep = store.ingest_claims(corrected)
    assert rep.replaced == 1
    raw = store.read()
    assert sorted(raw.loc[raw["article"] == "wire-2", "name"]) == ["Oleshnia"]
    merged = store.read(merged=True).set_index("name")
    assert merged.loc["Zarichne", "n_sources"] == 2  # wire-1 and wire-3 still there
    assert merged.loc["Oleshnia", "n_sources"] == 1


def test_dedup_counts_sources_claimants_and_dates(store):
    store.ingest_claims(claims_gdf(three_reports()))
    merged = store.read(merged=True)
    assert len(merged) == 1
    row = merged.iloc[0]
    assert row["n_sources"] == 3
    assert row["n_articles"] == 3
    # "Russian Ministry of Defence" and its lower-case spelling are one claimant
    assert row["n_claimants"] == 2
    assert row["first_reported"] == "2025-03-10"
    assert row["last_reported"] == "2025-03-13"
    assert json.loads(row["articles"]) == ["wire-1", "wire-2", "wire-3"]
    sources = json.loads(row["sources"])
    assert {s["sentence"] for s in sources} == {r["sentence"] for r in three_reports()}
    # every raw report links to the cluster and carries its counts
    raw = store.read()
    assert raw["cluster_id"].nunique() == 1
    assert (raw["n_sources"] == 3).all()


def test_reports_outside_the_window_stay_separate(tmp_path):
    rows = [claim("a", "Zarichne", event_date="2025-03-01"), claim("b", "Zarichne", event_date="2025-03-20")]
    with ClaimStore(tmp_path / "s.gpkg") as s:
        s.ingest_claims(claims_gdf(rows))
        assert s.stats()["claims"] == 2
    with ClaimStore(tmp_path / "wide.gpkg", window_days=30) as s:
        s.ingest_claims(claims_gdf(rows))
        assert s.stats()["claims"] == 1
        assert s.metadata()["window_days"] == "30"


def test_window_of_an_existing_store_cannot_change(tmp_path):
    path = tmp_path / "s.gpkg"
    ClaimStore(path, window_days=5).close()
    with pytest.raises(StoreError, match="within 5 days"):
        ClaimStore(path, window_days=3)
    with ClaimStore(path) as s:
        assert s.window_days == 5


def test_opposite_controllers_in_the_window_are_contested(store):
    rows = [
        claim("ru-mod", "Sudzha", controller="RU", event_date="2025-03-12",
              sentence="The ministry said Russian troops had liberated Sudzha."),
        claim("ua-gs", "Sudzha", controller="UA", event="other", claimant="Ukrainian General Staff",
              claimant_class="ua_official", event_date="2025-03-13",
              sentence="The General Staff said Ukrainian forces still held positions in Sudzha."),
        claim("ru-mod", "Zarichne", controller="RU", event_date="2025-03-12",
              sentence="The ministry also claimed Zarichne."),
    ]
    store.ingest_claims(claims_gdf(rows))
    merged = store.read(merged=True)
    sudzha = merged[merged["name"] == "Sudzha"]
    assert len(sudzha) == 2
    assert sudzha["contested"].all()
    ids = set(sudzha["cluster_id"])
    for other, cw in zip(sudzha["cluster_id"], sudzha["contested_with"]):
        assert json.loads(cw) == sorted(ids - {other})
    assert not merged.loc[merged["name"] == "Zarichne", "contested"].any()


def test_a_claim_and_its_denial_are_contested():
    rows = [
        claim("a", "Oleshnia", controller="RU", event_date="2025-03-02"),
        claim("b", "Oleshnia", controller="RU", event_date="2025-03-03", negated=True, claimant="Ukrainian army spokesman",
              sentence="A Ukrainian spokesman denied that Oleshnia had fallen."),
    ]
    clusters = cluster_reports(rows, window_days=3)
    assert len(clusters) == 2
    assert all(c["contested"] for c in clusters)


def test_interrupted_ingest_leaves_store_as_before(store, monkeypatch):
    store.ingest_claims(claims_gdf(three_reports()))
    before_raw = store.read().drop(columns="geometry")
    before_merged = store.read(merged=True).drop(columns="geometry")

    calls = {"n": 0}
    real = ClaimStore._mark_pending

    def crash(self, keys):
        calls["n"] += 1
        real(self, keys)  # the article's claim rows are already written when the crash comes
        raise KeyboardInterrupt

    monkeypatch.setattr(ClaimStore, "_mark_pending", crash)
    changed = claims_gdf([
        claim("wire-1", "Sudzha", controller="UA", event="incursion", claimant="Ukrainian General Staff",
              sentence="Ukrainian units crossed into the Sudzha district."),
        claim("wire-9", "Bilopillia", controller="UA", event="other", sentence="Bilopillia stayed Ukrainian."),
    ])
    with pytest.raises(KeyboardInterrupt):
        store.ingest_claims(changed)
    assert calls["n"] == 1
    pd.testing.assert_frame_equal(store.read().drop(columns="geometry"), before_raw)
    pd.testing.assert_frame_equal(store.read(merged=True).drop(columns="geometry"), before_merged)
    assert store.stats()["articles"] == 3
    assert store.pending() == 0
    monkeypatch.undo()
    # the next run picks up where the crash happened
    rep = store.ingest_claims(changed)
    assert (rep.replaced, rep.added) == (1, 1)


def test_crash_while_rebuilding_dedup_is_repaired_on_next_open(tmp_path, monkeypatch):
    path = tmp_path / "claims.gpkg"

    def crash(self, keys):
        raise RuntimeError("disk full")

    with ClaimStore(path) as s:
        monkeypatch.setattr(ClaimStore, "_recluster", crash)
        with pytest.raises(RuntimeError):
            s.ingest_claims(claims_gdf(three_reports()))
        assert s.stats()["reports"] == 3  # the articles themselves are committed
        assert s.pending() == 1
    monkeypatch.undo()
    with ClaimStore(path) as s:
        assert s.pending() == 0
        merged = s.read(merged=True)
        assert len(merged) == 1 and merged["n_sources"].iloc[0] == 3


def test_add_article_without_defer_rebuilds_in_its_transaction(store):
    store.add_article("solo", claims_gdf([claim("solo", "Oleshnia")]))
    assert store.pending() == 0
    assert store.stats()["claims"] == 1


def test_reader_sees_committed_state_while_writer_holds_a_transaction(tmp_path):
    path = tmp_path / "claims.gpkg"
    with ClaimStore(path) as writer:
        writer.ingest_claims(claims_gdf(three_reports()))
        writer._db.execute("BEGIN IMMEDIATE")
        writer._db.execute("DELETE FROM claims")
        seen = {}

        def read():
            with ClaimStore(path, readonly=True) as reader:
                seen["n"] = len(reader.read(merged=True))

        t = threading.Thread(target=read)
        t.start()
        t.join(10)
        writer._db.execute("ROLLBACK")
    assert seen["n"] == 1


def test_unknown_schema_is_refused_naming_both_versions(tmp_path):
    path = tmp_path / "claims.gpkg"
    with ClaimStore(path) as s:
        s._db.execute("UPDATE frontmap_metadata SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=r"schema '99'.*reads schema 1.*Upgrade frontmap"):
        ClaimStore(path)


def test_foreign_database_is_refused(tmp_path):
    path = tmp_path / "other.gpkg"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE roads (id INTEGER)")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="not a frontmap claim store"):
        ClaimStore(path)


def test_readonly_missing_store_says_how_to_create_it(tmp_path):
    with pytest.raises(StoreError, match="frontmap ingest"):
        ClaimStore(tmp_path / "nope.gpkg", readonly=True)


@pytest.mark.parametrize("suffix", [".geojson", ".parquet", ".csv", ".jsonl", ".gpkg"])
def test_export_formats_round_trip(store, tmp_path, suffix):
    import geopandas as gpd

    store.ingest_claims(claims_gdf(three_reports()))
    out = store.export(tmp_path / f"out{suffix}")
    assert not list(tmp_path.glob(".out*"))  # no temporary file left behind
    if suffix == ".parquet":
        back = gpd.read_parquet(out)
    elif suffix == ".csv":
        back = pd.read_csv(out)
        assert back["wkt"].iloc[0] == "POINT (34.6 51)"
    elif suffix == ".jsonl":
        back = pd.read_json(out, lines=True)
    else:
        back = gpd.read_file(out)
    assert len(back) == 1
    assert int(back["n_sources"].iloc[0]) == 3


def test_export_raw_and_unknown_suffix(store, tmp_path):
    from frontmap.errors import ValidationError

    store.ingest_claims(claims_gdf(three_reports()))
    out = store.export(tmp_path / "raw.jsonl", merged=False)
    assert len(out.read_text().splitlines()) == 3
    with pytest.raises(ValidationError, match="suffix"):
        store.export(tmp_path / "out.xlsx")


def test_ingest_articles_calls_the_extractor_per_article(store, tmp_path):
    from frontmap.articles import Article
    import datetime as dt

    seen = []

    def fake_extract(article):
        seen.append(article.id)
        return claims_gdf([claim(article.id, "Zarichne", sentence=article.text, published=article.published.isoformat())])

    arts = [Article(id="t1", text="Forces took Zarichne.", published=dt.date(2025, 3, 11)),
            Article(id="t2", text="Zarichne was taken, a blogger said.", published=dt.date(2025, 3, 12))]
    rep = store.ingest(arts, extract_article=fake_extract)
    assert rep.added == 2 and seen == ["t1", "t2"]
    rep = store.ingest(arts, extract_article=fake_extract)
    assert rep.unchanged == 2 and seen == ["t1", "t2"]  # unchanged articles are not re-extracted
    edited = [Article(id="t2", text="Zarichne was not taken after all.", published=dt.date(2025, 3, 12))]
    rep = store.ingest(edited, extract_article=fake_extract)
    assert rep.replaced == 1


def test_failed_extraction_is_skipped_and_logged(store, caplog):
    from frontmap.articles import Article

    def broken(article):
        raise RuntimeError("boom")

    rep = store.ingest([Article(id="x", text="text", published=None)], extract_article=broken)
    assert rep.failed == 1
    assert "claim extraction failed" in caplog.text
    assert store.stats()["articles"] == 0


def test_read_falls_back_to_sqlite_when_gdal_cannot(store, monkeypatch):
    pyogrio = pytest.importorskip("pyogrio")
    from pyogrio.errors import DataSourceError

    store.ingest_claims(claims_gdf(three_reports()))
    fast = store.read().drop(columns="geometry")

    def refuse(*args, **kwargs):
        raise DataSourceError("no SQL for you")

    monkeypatch.setattr(pyogrio, "read_dataframe", refuse)
    slow = store.read().drop(columns="geometry")
    assert list(slow.columns) == list(fast.columns)
    assert slow["claim_id"].tolist() == fast["claim_id"].tolist()
    assert slow["hedged"].dtype == bool and (slow["n_sources"] == 3).all()


# ---------------------------------------------------------------- spatial index, side files


def spread_reports():
    """Capture claims at places spread over both toy countries, one article each."""
    return [claim(f"s-{i}", name, event_date="2025-03-10", published="2025-03-11",
                  sentence=f"Russian forces said they had taken {name}.")
            for i, name in enumerate(["Zarichne", "Bilopillia", "Krasnyi Yar", "Oleshnia", "Far Village"])]


def test_claims_layer_has_a_geopackage_rtree_index(store, tmp_path):
    store.ingest_claims(claims_gdf(spread_reports()))
    db = sqlite3.connect(tmp_path / "claims.gpkg")
    ext = db.execute("SELECT table_name, column_name, scope FROM gpkg_extensions "
                     "WHERE extension_name = 'gpkg_rtree_index'").fetchall()
    assert ext == [("claims", "geom", "write-only")]
    boxes = {fid: (x0, x1, y0, y1) for fid, x0, x1, y0, y1 in db.execute("SELECT * FROM rtree_claims_geom")}
    points = dict(db.execute("SELECT fid, lon FROM claims"))
    assert set(boxes) == set(points) and len(boxes) == 5
    assert all(b[0] <= points[f] <= b[1] for f, b in boxes.items())  # float32 boxes enclose the point
    triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"rtree_claims_geom_insert", "rtree_claims_geom_delete", "rtree_claims_geom_update6"} <= triggers
    db.close()


def test_rtree_follows_replaced_articles(store, tmp_path):
    store.ingest_claims(claims_gdf(spread_reports()))
    moved = claims_gdf([claim("s-4", "Sudzha", event_date="2025-03-10", published="2025-03-11",
                              sentence="Russian forces said they had retaken Sudzha.")])
    store.ingest_claims(moved)  # s-4 now names Sudzha, not Far Village
    db = sqlite3.connect(tmp_path / "claims.gpkg")
    fids = sorted(r[0] for r in db.execute("SELECT fid FROM claims"))
    assert sorted(r[0] for r in db.execute("SELECT id FROM rtree_claims_geom")) == fids
    far = db.execute("SELECT count(*) FROM rtree_claims_geom WHERE minx > 36.5 AND miny > 52.0").fetchone()[0]
    assert far == 0
    db.close()


def test_gdal_sees_the_spatial_index_and_filters_by_bbox(store, tmp_path):
    pyogrio = pytest.importorskip("pyogrio")
    store.ingest_claims(claims_gdf(spread_reports()))
    store.close()
    path = tmp_path / "claims.gpkg"
    info = pyogrio.read_info(path, layer="claims")
    assert info["features"] == 5 and info["geometry_type"] == "Point"
    assert info["capabilities"]["fast_spatial_filter"] is True
    west = pyogrio.read_dataframe(path, layer="claims", bbox=(34.0, 50.5, 35.0, 51.5))  # the UA side
    assert sorted(west["name"]) == ["Bilopillia", "Oleshnia", "Zarichne"]


def test_store_written_before_the_index_gets_one_on_next_write_open(tmp_path):
    path = tmp_path / "old.gpkg"
    with ClaimStore(path) as s:
        s.ingest_claims(claims_gdf(spread_reports()))
    db = sqlite3.connect(path)  # strip the index, as a store from before it existed
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute(f'DROP TRIGGER "{name}"')
    db.execute("DROP TABLE rtree_claims_geom")
    db.execute("DELETE FROM gpkg_extensions")
    db.commit()
    db.close()
    with ClaimStore(path) as s:
        assert s.stats()["claims"] == 5
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM rtree_claims_geom").fetchone()[0] == 5
    db.close()


def side_files(path):
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def test_closed_writer_and_readonly_opens_leave_no_wal_or_shm(tmp_path):
    from frontmap.query import Claims

    path = tmp_path / "claims.gpkg"
    with ClaimStore(path) as s:
        s.ingest_claims(claims_gdf(spread_reports()))
    assert side_files(path) == []
    with ClaimStore(path, readonly=True) as s:
        assert s.stats()["claims"] == 5
    assert side_files(path) == []
    with ClaimStore(path, readonly=True) as s:
        assert len(s.read()) == 5
        assert len(s.read(merged=True)) == 5
    assert len(Claims.from_store(path)) == 5
    assert side_files(path) == []


def test_readonly_open_of_a_wal_mode_store_leaves_no_side_files(tmp_path):
    path = tmp_path / "claims.gpkg"
    with ClaimStore(path) as s:
        s.ingest_claims(claims_gdf(spread_reports()))
    db = sqlite3.connect(path)  # left in WAL mode, as stores written before this change were
    assert db.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    db.close()
    assert side_files(path) == []
    with ClaimStore(path, readonly=True) as s:
        assert s.stats()["claims"] == 5
    assert side_files(path) == []
    with ClaimStore(path, readonly=True) as s:
        assert len(s.read()) == 5
    assert side_files(path) == []


def test_readonly_reader_beside_an_open_writer_sees_its_commits(tmp_path):
    path = tmp_path / "claims.gpkg"
    with ClaimStore(path) as writer:
        writer.ingest_claims(claims_gdf(spread_reports()[:2]))
        with ClaimStore(path, readonly=True) as reader:
            assert reader.stats()["claims"] == 2
            writer.ingest_claims(claims_gdf(spread_reports()[2:]))
            assert reader.stats()["claims"] == 5
    assert side_files(path) == []


# ---------------------------------------------------------------- undated reports, claimant names


def test_undated_report_is_not_contested_against_dated_ones():
    dated = claim("d1", "Sudzha", controller="RU", event_date="2025-03-12", published="2025-03-13", fid=1)
    background = claim("d1", "Sudzha", controller="UA", event_date=None, published="2025-03-13", claimant="media",
                       claimant_class="media", sentence="Sudzha was the biggest town Kyiv's troops had held.", fid=2)
    clusters = cluster_reports([dated, background], window_days=3)
    assert len(clusters) == 2
    assert [c["contested"] for c in clusters] == [0, 0]
    undated = next(c for c in clusters if c["representative"]["controller"] == "UA")
    assert (undated["cluster_start"], undated["cluster_end"]) == (None, None)
    # two undated reports that disagree, published together, still contest each other
    other = claim("d2", "Sudzha", controller="RU", event_date=None, published="2025-03-14",
                  sentence="Sudzha, held by Russia, was quiet.", fid=3)
    assert [c["contested"] for c in cluster_reports([background, other], window_days=3)] == [1, 1]


def test_cluster_counts_folded_claimant_names(store):
    store.ingest_claims(claims_gdf([
        claim("f1", "Zarichne", claimant="The Russian defence ministry"),
        claim("f2", "Zarichne", claimant="Russia's defence ministry", sentence="Russia's defence ministry said so."),
        claim("f3", "Zarichne", claimant="ISW", claimant_class="independent", sentence="ISW assessed the same."),
    ]))
    merged = store.read(merged=True)
    assert len(merged) == 1
    assert merged.iloc[0]["n_claimants"] == 2


def test_negated_flag_round_trips_as_a_boolean(store):
    from frontmap.query import Claims

    store.ingest_claims(claims_gdf([
        claim("g1", "Oleshnia", event_date="2025-03-09"),
        claim("g2", "Oleshnia", hedged=True, negated=True, claimant="Ukrainian General Staff", claimant_class="ua_official",
              event_date="2025-03-10", sentence="Kyiv denied that Oleshnia had fallen."),
    ]))
    raw = store.read()
    assert raw["negated"].dtype == bool and sorted(raw["negated"]) == [False, True]
    held = Claims(raw).held_on("2025-03-12")
    assert (held.iloc[0]["controller"], held.iloc[0]["status"], held.iloc[0]["n_claims"]) == ("RU", "contested", 1)
