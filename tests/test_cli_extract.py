"""``frontmap extract``: output formats, atomic writes, errors (hand-made places, no gazetteer)."""

from __future__ import annotations

import json

import pytest

from _fakeplaces import mentions_for
from frontmap.claims import JSON_KEYS
from frontmap.cli import main

TEXT = (
    " date 2025-03-13\n\n"
    "Russian troops captured the village of Hlynka on Tuesday, the Russian defence ministry said.\n"
    "Ukrainian forces pulled back from Zoriane, the General Staff said on Wednesday.\n"
    "Putin visited Zaporizhzhia on Friday.\n"
)


@pytest.fixture
def article_file(tmp_path, monkeypatch):
    import frontmap.mentions

    monkeypatch.setattr(frontmap.mentions, "find_places", lambda art, gazetteer=None: mentions_for(art.text))
    path = tmp_path / "a1.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_jsonl_on_stdout(runner, article_file):
    result = runner.invoke(main, ["extract", str(article_file)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    control = [r for r in rows if r["event"] != "mention"]
    assert [(r["place"], r["event"], r["controller"], r["event_date"]) for r in control] == [
        ("Hlynka", "capture", "RU", "2025-03-11"),
        ("Zoriane", "withdrawal", "RU", "2025-03-12"),
    ]
    assert tuple(rows[0])[: len(JSON_KEYS)] == JSON_KEYS
    assert all(r["controller"] is None for r in rows if r["event"] == "mention")


def test_table_format(runner, article_file):
    result = runner.invoke(main, ["extract", str(article_file), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "Hlynka" in result.stdout and "capture" in result.stdout


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet", ".csv", ".jsonl"])
def test_file_formats(runner, article_file, tmp_path, suffix):
    out = tmp_path / f"claims{suffix}"
    result = runner.invoke(main, ["extract", str(article_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".claims")]  # no temp file left
    if suffix == ".jsonl":
        rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert {r["place"] for r in rows} >= {"Hlynka", "Zoriane"}
    elif suffix == ".csv":
        import pandas as pd

        df = pd.read_csv(out)
        assert {"place", "controller", "event_date", "claim_id"} <= set(df.columns)
    else:
        import geopandas as gpd

        gdf = gpd.read_parquet(out) if suffix == ".parquet" else gpd.read_file(out)
        assert gdf.crs.to_epsg() == 4326
        assert set(gdf["place"]) >= {"Hlynka", "Zoriane"}


def test_refuses_to_overwrite(runner, article_file, tmp_path):
    out = tmp_path / "claims.geojson"
    out.write_text("keep me", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(article_file), "-o", str(out)])
    assert result.exit_code != 0 and "--overwrite" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"
    result = runner.invoke(main, ["extract", str(article_file), "-o", str(out), "--overwrite"])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_unknown_suffix(runner, article_file, tmp_path):
    result = runner.invoke(main, ["extract", str(article_file), "-o", str(tmp_path / "claims.xlsx")])
    assert result.exit_code != 0 and "suffix" in result.output


def test_custom_lexicon_option(runner, article_file, tmp_path):
    lex = tmp_path / "lex.toml"
    lex.write_text(
        "[sides.A]\nopponent='B'\nactors=['Russian troops']\n[sides.B]\nopponent='A'\nactors=['Nobody']\n"
        "[[event]]\ntype='capture'\npatterns=['captured']\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["extract", str(article_file), "--lexicon", str(lex)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["place"], r["controller"]) for r in rows] == [("Hlynka", "A")]


def test_bad_lexicon_is_a_clean_error(runner, article_file, tmp_path):
    lex = tmp_path / "bad.toml"
    lex.write_text("[sides.A]\nactors = ['(unclosed']\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(article_file), "--lexicon", str(lex)])
    assert result.exit_code == 1
    assert "lexicon" in result.output and "Traceback" not in result.output


def test_date_option_for_undated_text(runner, tmp_path, monkeypatch):
    import frontmap.mentions

    monkeypatch.setattr(frontmap.mentions, "find_places", lambda art, gazetteer=None: mentions_for(art.text))
    path = tmp_path / "nodate.txt"
    path.write_text("Russian troops captured Hlynka on Tuesday.\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(path), "--date", "2025-01-02"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["event_date"] == "2024-12-31"
