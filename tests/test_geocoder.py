"""OfflineGeocoder has geopy's shape: RateLimiter and geopandas.tools.geocode accept it."""

from __future__ import annotations

from unittest import mock

import pytest

from frontmap.errors import GazetteerError


@pytest.fixture(scope="module")
def coder():
    from frontmap.geocoder import OfflineGeocoder

    try:
        return OfflineGeocoder()
    except GazetteerError:
        pytest.skip("no built gazetteer; run 'make gazetteer'")


def test_geocode_returns_geopy_location(coder):
    from geopy.location import Location

    loc = coder.geocode("Sudzha")
    assert isinstance(loc, Location)
    assert loc.latitude == pytest.approx(51.19, abs=0.05) and loc.longitude == pytest.approx(35.27, abs=0.05)
    assert "Kursk Oblast" in loc.address and "Russia" in loc.address
    assert loc.raw["place_id"] == "486816" and 0 < loc.raw["score"] <= 1
    address, (lat, lon) = loc  # geopandas unpacks a Location this way
    assert address == loc.address and lat == loc.latitude


def test_geocode_list_country_and_none(coder):
    locs = coder.geocode("Pokrovsk", exactly_one=False)
    assert isinstance(locs, list) and len(locs) > 1
    assert coder.geocode("Pokrovsk", country="RU").raw["country"] == "RU"
    assert coder.geocode("Qwxzvbnmtrew") is None
    with pytest.raises(ValueError):
        coder.geocode("  ")


def test_reverse_nearest_settlement_with_region(coder):
    loc = coder.reverse((51.1915, 35.2705))
    assert loc.raw["name"] == "Sudzha"
    assert "Kursk Oblast" in loc.address
    assert coder.reverse("51.1915, 35.2705").raw["name"] == "Sudzha"
    assert isinstance(coder.reverse((51.1915, 35.2705), exactly_one=False), list)


def test_rate_limiter_accepts_it(coder):
    from geopy.extra.rate_limiter import RateLimiter

    geocode = RateLimiter(coder.geocode, min_delay_seconds=0)
    assert geocode("Kupiansk").raw["name"] == "Kupyansk"
    assert geocode("Kharkov", exactly_one=False)[0].raw["name"] == "Kharkiv"


def test_geopandas_tools_geocode_accepts_the_class(coder):
    gpd = pytest.importorskip("geopandas")
    from frontmap.geocoder import OfflineGeocoder

    gdf = gpd.tools.geocode(["Sudzha", "Chasiv Yar", "Qwxzvbnmtrew"], provider=OfflineGeocoder)
    assert list(gdf.columns) == ["geometry", "address"]
    assert gdf.geometry.iloc[0].x == pytest.approx(35.27, abs=0.05)  # lon first
    assert gdf.geometry.iloc[1].y == pytest.approx(48.59, abs=0.05)
    assert gdf.geometry.iloc[2].is_empty
    import pandas as pd

    assert pd.isna(gdf.address.iloc[2])


def test_online_fallback_is_off_by_default(coder):
    with mock.patch("geopy.geocoders.Nominatim.geocode") as nominatim:
        assert coder.geocode("Qwxzvbnmtrew") is None
    nominatim.assert_not_called()


def test_online_fallback_uses_nominatim_and_caches(tmp_path):
    from geopy.location import Location
    from geopy.point import Point

    from frontmap.geocoder import OfflineGeocoder

    fake = Location("Somewhere, Nowhere", Point(10.0, 20.0), {"osm_id": 1})
    cache = tmp_path / "cache"
    with mock.patch.dict("os.environ", {"FRONTMAP_CACHE": str(cache)}), \
            mock.patch("geopy.geocoders.Nominatim.geocode", return_value=fake) as nominatim:
        coder = OfflineGeocoder(online=True)
        first = coder.geocode("Qwxzvbnmtrew")
        second = coder.geocode("Qwxzvbnmtrew")
    assert first.latitude == 10.0 and second.longitude == 20.0
    nominatim.assert_called_once()  # the second answer came from the on-disk cache
    assert (cache / "frontmap" / "nominatim.json").is_file()
