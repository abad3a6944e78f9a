"""`frontmap places`: output formats, bad files, exit status."""

from __future__ import annotations

import json

import pytest

from frontmap.cli import main
from frontmap.cli.places import JSON_KEYS
from places_fake_gazetteer import FakeGazetteer


@pytest.fixture(autouse=True)
def fake_gazetteer(monkeypatch):
    gz = FakeGazetteer()
    monkeypatch.setattr("frontmap.cli.places._load_gazetteer", lambda path: gz)
    return gz


@pytest.fixture
def articles(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(
        " date 2024-08-08\n\nUkrainian troops entered Sudzha in the Kursk region. The town was quiet.",
        encoding="utf-8")
    (d / "b.txt").write_text(" date 2024-02-22 Russian forces shelled Kharkiv. [bold]Pokrovsk[/bold] too.",
                             encoding="utf-8")
    return d


def test_jsonl(runner, articles):
    res = runner.invoke(main, ["places", str(articles), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows and all(tuple(r) == JSON_KEYS for r in rows)
    sudzha = next(r for r in rows if r["text"] == "Sudzha")
    assert sudzha["article"] == "a" and sudzha["country"] == "RU" and sudzha["admin1"] == "RU.41"
    assert {r["text"] for r in rows} >= {"Sudzha", "Kursk region", "The town", "Kharkiv", "Pokrovsk"}
    assert all(0 <= r["score"] <= 1 for r in rows)


def test_geojson(runner, articles, tmp_path):
    out = tmp_path / "p.geojson"
    res = runner.invoke(main, ["places", str(articles), "--format", "geojson", "-o", str(out)])
    assert res.exit_code == 0, res.output
    fc = json.loads(out.read_text())
    assert fc["type"] == "FeatureCollection"
    kharkiv = next(f for f in fc["features"] if f["properties"]["text"] == "Kharkiv")
    lon, lat = kharkiv["geometry"]["coordinates"]
    assert lat == pytest.approx(49.99, abs=0.01) and lon == pytest.approx(36.23, abs=0.01)
    res = runner.invoke(main, ["places", str(articles), "--format", "geojson", "-o", str(out)])
    assert res.exit_code != 0 and "--overwrite" in res.output


def test_table_escapes_markup(runner, articles):
    res = runner.invoke(main, ["places", str(articles)])
    assert res.exit_code == 0, res.output
    assert "Sudzha" in res.stdout and "Kursk Oblast" in res.stdout
    assert "place mention(s)" in res.stdout


def test_bad_file_reported_run_continues(runner, articles):
    (articles / "c.txt").write_bytes(b"\x00\x00binary")
    res = runner.invoke(main, ["places", str(articles), "--format", "jsonl"])
    assert res.exit_code == 0
    assert "c.txt" in res.stderr and "binary" in res.stderr
    assert any(json.loads(line)["article"] == "a" for line in res.stdout.splitlines())


def test_nothing_readable_exits_1(runner, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    res = runner.invoke(main, ["places", str(bad)])
    assert res.exit_code == 1
    assert "no article could be read" in res.stderr


def test_date_option_and_stdin(runner):
    res = runner.invoke(main, ["places", "-", "--format", "jsonl", "--date", "2025-01-02"],
                        input="Drones struck Sumy overnight.")
    assert res.exit_code == 0, res.output
    (row,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert row["article"] == "stdin" and row["name"] == "Sumy"
    res = runner.invoke(main, ["places", "-", "--date", "2025-13-02"], input="x")
    assert res.exit_code == 2
