"""`frontmap geocode` and `frontmap gazetteer info|build`: exit codes and output shapes."""

from __future__ import annotations

import json
import zipfile

import pytest

from frontmap.cli import main
from frontmap.errors import GazetteerError


@pytest.fixture(scope="module", autouse=True)
def _needs_gazetteer():
    from frontmap.gazetteer import find_gazetteer_dir

    try:
        find_gazetteer_dir()
    except GazetteerError:
        pytest.skip("no built gazetteer; run 'make gazetteer'")


def test_geocode_prints_best_place(runner):
    res = runner.invoke(main, ["geocode", "Sudzha"])
    assert res.exit_code == 0, res.output
    assert "Sudzha" in res.output and "Kursk Oblast" in res.output


def test_geocode_json_shape(runner):
    res = runner.invoke(main, ["geocode", "Pokrovsk", "--country", "UA", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data) == {"name", "lat", "lon", "kind", "country", "admin1", "place_id", "score"}
    assert data["country"] == "UA" and data["admin1"] == "Donetsk Oblast" and data["place_id"] == "704422"


def test_geocode_all_json_is_a_list(runner):
    res = runner.invoke(main, ["geocode", "Kursk", "--all", "--json", "--limit", "5"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert isinstance(data, list) and 1 < len(data) <= 5
    assert data[0]["kind"] == "settlement"
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)


def test_geocode_unknown_exits_1_with_suggestions(runner):
    res = runner.invoke(main, ["geocode", "Kupyanks"])
    assert res.exit_code == 1
    assert "Did you mean" in res.output and "Kupyansk" in res.output


def test_geocode_empty_is_usage_error(runner):
    res = runner.invoke(main, ["geocode", "  "])
    assert res.exit_code == 2
    assert "empty" in res.output


def test_geocode_bad_country_is_usage_error(runner):
    res = runner.invoke(main, ["geocode", "Kursk", "--country", "Russia"])
    assert res.exit_code == 2


def test_geocode_explicit_missing_gazetteer_fails_cleanly(runner, tmp_path):
    res = runner.invoke(main, ["geocode", "Kursk", "--gazetteer", str(tmp_path)])
    assert res.exit_code == 1
    assert "gazetteer build" in res.output


def test_gazetteer_info(runner):
    res = runner.invoke(main, ["gazetteer", "info"])
    assert res.exit_code == 0, res.output
    assert "built:" in res.output and "GeoNames" in res.output
    assert "UA" in res.output and "settlement" in res.output
    res = runner.invoke(main, ["gazetteer", "info", "--json"])
    assert json.loads(res.output)["counts"]["UA"]["admin1"] >= 27


def _geonames_row(gid, name, alts, lat, lon, fclass, fcode, cc, a1, a2="", pop=0):
    cols = [str(gid), name, name, ",".join(alts), str(lat), str(lon), fclass, fcode, cc, "", a1, a2, "", "",
            str(pop), "", "100", "Europe/Kyiv", "2025-01-01"]
    return "\t".join(cols) + "\n"


@pytest.fixture
def dump_dir(tmp_path):
    """A tiny made-up GeoNames dump folder: two oblasts, a raion, four places."""
    d = tmp_path / "dumps"
    d.mkdir()
    (d / "admin1CodesASCII.txt").write_text(
        "ZZ.01\tNorth Oblast\tNorth Oblast\t9000001\nZZ.02\tSouth Oblast\tSouth Oblast\t9000002\n", encoding="utf-8")
    (d / "admin2Codes.txt").write_text("ZZ.01.100\tRiver Raion\tRiver Raion\t9000010\n", encoding="utf-8")
    rows = [
        _geonames_row(9000001, "North Oblast", ["Pivnichna oblast"], 50.5, 30.5, "A", "ADM1", "ZZ", "01", pop=900000),
        _geonames_row(9000010, "River Raion", [], 50.2, 30.2, "A", "ADM2", "ZZ", "01", "100"),
        _geonames_row(9000100, "Novoselytsia", ["Novoselitsa", "Новоселиця"], 50.1, 30.1, "P", "PPL", "ZZ", "01", "100", 1200),
        _geonames_row(9000101, "Stara Hreblia", ["Staraya Greblya"], 49.9, 30.9, "P", "PPL", "ZZ", "02", pop=0),
        _geonames_row(9000102, "North", [], 50.6, 30.6, "P", "PPLA", "ZZ", "01", pop=250000),
        _geonames_row(9000103, "Hotel Zirka", [], 50.6, 30.6, "S", "HTL", "ZZ", "01"),
    ]
    with zipfile.ZipFile(d / "ZZ.zip", "w") as zf:
        zf.writestr("ZZ.txt", "".join(rows))
        zf.writestr("readme.txt", "made up for a test\n")
    return d


def test_gazetteer_build_from_geonames_dumps(runner, dump_dir, tmp_path, monkeypatch):
    out = tmp_path / "gz"
    # --no-world: skip GeoNames cities500 (seconds to parse) in this test
    res = runner.invoke(main, ["gazetteer", "build", "--from", str(dump_dir), "-o", str(out), "--no-world"])
    assert res.exit_code == 0, res.output
    assert (out / "gazetteer.sqlite").is_file() and (out / "meta.json").is_file()
    # a fresh build carries the data attribution (GeoNames is CC BY 4.0)
    assert "GeoNames" in (out / "ATTRIBUTION.md").read_text(encoding="utf-8")
    from frontmap.gazetteer import Gazetteer

    gz = Gazetteer.load(out)
    p = gz.candidates("Novoselitsa")[0].place
    assert p.place_id == "9000100" and p.admin1_name == "North Oblast" and p.admin2 == "River Raion"
    assert gz.candidates("Новоселиця")[0].place.place_id == "9000100"
    assert gz.candidates("Staraya Greblya")[0].place.admin1 == "ZZ.02"
    assert gz.candidates("North")[0].place.kind == "settlement"
    assert gz.candidates("North region")[0].place.kind == "admin1"
    assert gz.candidates("Hotel Zirka") == []  # hotels are not kept
    # South Oblast has no row of its own: placed at its largest member place
    south = gz.admin1("ZZ.02")
    assert (south.lat, south.lon) == pytest.approx((49.9, 30.9))
    gz.close()
    # rebuilding replaces the folder atomically and leaves no temporary folders behind
    res = runner.invoke(main, ["gazetteer", "build", "--from", str(dump_dir), "-o", str(out), "--no-world"])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dumps", "gz"]


def test_gazetteer_build_without_admin_codes_fails_cleanly(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    res = runner.invoke(main, ["gazetteer", "build", "--from", str(tmp_path / "empty"), "-o", str(tmp_path / "gz"), "--no-world"])
    assert res.exit_code == 1
    assert "admin1CodesASCII.txt" in res.output


def test_geocode_online_only_when_asked(runner, tmp_path, monkeypatch):
    from unittest import mock

    from geopy.location import Location
    from geopy.point import Point

    monkeypatch.setenv("FRONTMAP_CACHE", str(tmp_path))
    fake = Location("Qwxzvbnmtrew, Somewhere", Point(1.5, 2.5), {})
    with mock.patch("geopy.geocoders.Nominatim.geocode", return_value=fake) as nominatim:
        offline = runner.invoke(main, ["geocode", "Qwxzvbnmtrew"])
        online = runner.invoke(main, ["geocode", "Qwxzvbnmtrew", "--online", "--json"])
    assert offline.exit_code == 1
    assert online.exit_code == 0, online.output
    data = json.loads(online.output)
    assert (data["lat"], data["lon"]) == (1.5, 2.5) and data["kind"] == "online"
    nominatim.assert_called_once()


def test_a_country_row_in_a_dump_gives_the_country_its_point(runner, dump_dir, tmp_path):
    # GeoNames' own point for a country wins over the centroid when a dump carries the country row
    with zipfile.ZipFile(dump_dir / "ZZ.zip", "a") as zf:
        zf.writestr("UA.txt", _geonames_row(690791, "Ukraine", ["Ukraina"], 11.5, 12.5, "A", "PCLI", "UA", "00"))
    out = tmp_path / "gz"
    res = runner.invoke(main, ["gazetteer", "build", "--from", str(dump_dir), "-o", str(out), "--no-world"])
    assert res.exit_code == 0, res.output
    from frontmap.gazetteer import Gazetteer

    gz = Gazetteer.load(out)
    ukraine = next(c.place for c in gz.candidates("Ukraine") if c.place.kind == "country")
    assert (ukraine.lat, ukraine.lon) == pytest.approx((11.5, 12.5))
    gz.close()
