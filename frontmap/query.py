"""Chainable queries over claims: near, within, between, by, held_on, changes, areas.

>>> from frontmap.query import Claims
>>> c = Claims.from_store("claims.gpkg")                                # doctest: +SKIP
>>> c.near("Sudzha", 30).between("2025-03-01", "2025-03-31").by(side="RU")  # doctest: +SKIP
>>> c.within("Kursk Oblast").held_on("2025-03-13")                     # doctest: +SKIP

Filters return a new :class:`Claims`; the timeline methods (``held_on``, ``changes``,
``control_areas``, ``front_line``) return GeoDataFrames (see :mod:`frontmap.timeline`).
Points given as tuples are ``(lat, lon)``, as in geopy and the gazetteer.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from frontmap import timeline
from frontmap.errors import PlaceNotFound, ValidationError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    from shapely.geometry.base import BaseGeometry

__all__ = ["Claims"]

log = logging.getLogger(__name__)

_KM_PER_DEG_LAT = 110.574  # the shortest degree of latitude (at the equator): a safe bbox


class Claims:
    """A claims table with chainable filters.

    Parameters
    ----------
    gdf : GeoDataFrame
        Claims in EPSG:4326 (the columns of :data:`frontmap.claims.CLAIM_COLUMNS`).
    gazetteer : Gazetteer, optional
        Resolves place and region names in :meth:`near` and :meth:`within`
        (default :func:`frontmap.gazetteer.default_gazetteer`).
    baseline : timeline.Baseline, optional
        The starting state for :meth:`held_on` and the area methods.
    """

    def __init__(self, gdf: gpd.GeoDataFrame, *, gazetteer: Any = None, baseline: timeline.Baseline | None = None):
        import geopandas as gpd

        if not isinstance(gdf, gpd.GeoDataFrame):
            raise ValidationError("Claims wraps a GeoDataFrame; build one with frontmap.claims.extract() or Claims.from_store()")
        if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
            gdf = gdf.to_crs(4326)
        self._gdf = gdf
        self._gazetteer = gazetteer
        self.baseline = baseline
        self._prep: timeline.Prepared | None = None

    def _prepared(self) -> timeline.Prepared:
        """Dates and place keys of the claims, derived once per Claims (the table is treated as read-only)."""
        if self._prep is None:
            self._prep = timeline.prepare(self._gdf)
        return self._prep

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_store(cls, path: str | os.PathLike[str], **kwargs: Any) -> Claims:
        """Every claim in a :class:`~frontmap.store.ClaimStore`, with its cluster columns."""
        from frontmap.store import ClaimStore

        with ClaimStore(path, readonly=True) as store:
            return cls(store.read(), **kwargs)

    @classmethod
    def from_articles(cls, paths: Iterable[str | os.PathLike[str]] | str, **kwargs: Any) -> Claims:
        """Extract the claims of articles (files, directories) with :func:`frontmap.claims.extract`."""
        from frontmap.claims import extract

        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        return cls(extract(list(paths)), **kwargs)

    def _new(self, gdf: gpd.GeoDataFrame) -> Claims:
        return Claims(gdf, gazetteer=self._gazetteer, baseline=self.baseline)

    # ------------------------------------------------------------------ container protocol
    @property
    def gdf(self) -> gpd.GeoDataFrame:
        """The underlying GeoDataFrame."""
        return self._gdf

    def __len__(self) -> int:
        return len(self._gdf)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self._gdf.to_dict("records"))

    def __repr__(self) -> str:
        places = self._gdf["place_id"].nunique() if "place_id" in self._gdf else 0
        return f"<Claims: {len(self)} claims, {places} places>"

    def _repr_html_(self) -> str:
        cols = [c for c in ("event_date", "name", "event", "controller", "claimant", "hedged", "n_sources", "contested",
                            "distance_km", "sentence") if c in self._gdf.columns]
        head = pd.DataFrame(self._gdf[cols].head(20))
        if "sentence" in head:
            head["sentence"] = head["sentence"].astype(str).str.slice(0, 160)
        # to_html escapes cell text: article sentences are untrusted
        return f"<p>{html.escape(repr(self))}</p>" + head.to_html(index=False, escape=True, na_rep="")

    # ------------------------------------------------------------------ geography
    def _gaz(self) -> Any:
        if self._gazetteer is None:
            from frontmap.gazetteer import default_gazetteer

            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def _point(self, where: Any) -> tuple[float, float]:
        """(lon, lat) of a place name, a shapely Point, a Place, or a (lat, lon) tuple."""
        if isinstance(where, str):
            found = self._gaz().candidates(where, limit=1)
            if not found:
                suggest = getattr(self._gaz(), "suggest", None)
                raise PlaceNotFound(where, suggest(where) if suggest else ())
            place = found[0].place
            return float(place.lon), float(place.lat)
        if hasattr(where, "geom_type") and where.geom_type == "Point":
            return float(where.x), float(where.y)
        if hasattr(where, "lat") and hasattr(where, "lon"):
            return float(where.lon), float(where.lat)
        if isinstance(where, (tuple, list)) and len(where) == 2:
            lat, lon = float(where[0]), float(where[1])
            if not (-90 <= lat <= 90):
                raise ValidationError(f"{where!r}: a point tuple is (lat, lon); latitude {lat} is out of range")
            return lon, lat
        raise ValidationError(f"near() takes a place name, a shapely Point or a (lat, lon) tuple, not {where!r}")

    def near(self, place_or_point: Any, km: float) -> Claims:
        """Claims within ``km`` kilometres (geodesic, WGS 84) of a place or point.

        Adds a ``distance_km`` column.  A degree box around the point is looked up on
        the spatial index first; geodesic distances are computed for those claims only.
        """
        import shapely
        from pyproj import Geod

        if km < 0:
            raise ValidationError(f"km must be >= 0, got {km}")
        lon, lat = self._point(place_or_point)
        gdf = self._gdf
        if len(gdf) == 0:
            return self._new(gdf.assign(distance_km=pd.Series(dtype=float)))
        dlat = km / _KM_PER_DEG_LAT
        top = min(abs(lat) + dlat, 89.9)
        dlon = min(km / (_KM_PER_DEG_LAT * np.cos(np.radians(top))), 180.0)
        box = shapely.box(lon - dlon, lat - dlat, lon + dlon, lat + dlat)
        idx = np.sort(gdf.sindex.query(box, predicate="intersects"))
        sub = gdf.iloc[idx]
        if len(sub):
            xs, ys = sub.geometry.x.to_numpy(), sub.geometry.y.to_numpy()
            _, _, dist = Geod(ellps="WGS84").inv(np.full(len(sub), lon), np.full(len(sub), lat), xs, ys)
            keep = dist <= km * 1000.0
            sub = sub.iloc[np.flatnonzero(keep)].copy()
            sub["distance_km"] = dist[keep] / 1000.0
        else:
            sub = sub.assign(distance_km=pd.Series(dtype=float))
        return self._new(sub)

    def _region(self, region: Any) -> BaseGeometry:
        import shapely

        if isinstance(region, tuple | list) and len(region) == 4:
            return shapely.box(*map(float, region))
        if hasattr(region, "geom_type"):
            return region
        if hasattr(region, "union_all"):
            return region.to_crs(4326).union_all() if getattr(region, "crs", None) else region.union_all()
        if isinstance(region, str):
            return _region_polygon(region, self._gaz)
        raise ValidationError(f"within() takes a region name, a shapely geometry or a (minlon, minlat, maxlon, maxlat) bbox, not {region!r}")

    def within(self, region: Any) -> Claims:
        """Claims inside a region: a gazetteer name ("Kursk Oblast", "Ukraine"), a shapely
        geometry (EPSG:4326), or a bbox ``(minlon, minlat, maxlon, maxlat)``."""
        geom = self._region(region)
        if len(self._gdf) == 0:
            return self._new(self._gdf)
        idx = np.sort(self._gdf.sindex.query(geom, predicate="intersects"))
        return self._new(self._gdf.iloc[idx])

    # ------------------------------------------------------------------ attributes
    def between(self, start: Any = None, end: Any = None, *, include_undated: bool = False) -> Claims:
        """Claims whose event date overlaps ``[start, end]`` (inclusive).

        A month-precision claim covers its whole month (``date_start``..``date_end``),
        so it overlaps any day in it.  Claims with no event date in their text
        (precision ``unknown``) are left out: they are only known to have been true at
        some time on or before their publication date, so a background remark
        ("X was the largest town Kyiv seized") does not land in the month it was
        published.  With ``include_undated=True`` they count on their publication date.
        Either bound may be None.
        """
        prep = self._prepared()
        s, e = prep.start, prep.end
        if include_undated:
            s = s.fillna(prep.published)
            e = e.fillna(s)
        keep = s.notna()
        if start is not None:
            keep &= e >= pd.Timestamp(timeline.to_date(start))
        if end is not None:
            keep &= s <= pd.Timestamp(timeline.to_date(end))
        return self._new(self._gdf[keep.to_numpy()])

    def by(
        self,
        *,
        claimant: str | None = None,
        side: str | None = None,
        event: str | Iterable[str] | None = None,
        hedged: bool | None = None,
        claimant_class: str | Iterable[str] | None = None,
        actor: str | None = None,
        article: str | Iterable[str] | None = None,
        contested: bool | None = None,
    ) -> Claims:
        """Filter on attributes.

        Parameters
        ----------
        claimant : str, optional
            Case-insensitive substring of the claimant (or of any claimant of the
            claim's cluster, for claims read from a store).
        side : str, optional
            The controller the claim gives the place to ("RU", "UA").
        event : str or list, optional
            ``capture``, ``withdrawal``, ``advance``, ``attack``, ``incursion``, ``other``, ``mention``.
        hedged : bool, optional
        claimant_class, actor, article : optional
        contested : bool, optional
            Only claims (not) marked contested in the store.
        """
        gdf = self._gdf
        keep = pd.Series(True, index=gdf.index)

        def isin(col: str, value: str | Iterable[str]) -> pd.Series:
            values = [value] if isinstance(value, str) else list(value)
            return gdf[col].astype(object).isin(values)

        if claimant is not None:
            needle = claimant.casefold()
            hit = gdf["claimant"].astype(object).fillna("").astype(str).str.casefold().str.contains(needle, regex=False)
            if "claimants" in gdf:
                hit |= gdf["claimants"].astype(object).fillna("").astype(str).str.casefold().str.contains(needle, regex=False)
            keep &= hit
        if side is not None:
            keep &= gdf["controller"].astype(object) == side.upper()
        if event is not None:
            keep &= isin("event", event)
        if hedged is not None:
            keep &= gdf["hedged"].fillna(False).astype(bool) == bool(hedged)
        if claimant_class is not None:
            keep &= isin("claimant_class", claimant_class)
        if actor is not None:
            keep &= gdf["actor"].astype(object) == actor.upper()
        if article is not None:
            keep &= isin("article", article)
        if contested is not None:
            if "contested" not in gdf:
                raise ValidationError("these claims have no 'contested' column; read them from a store (Claims.from_store)")
            keep &= gdf["contested"].fillna(False).astype(bool) == bool(contested)
        return self._new(gdf[keep.to_numpy()])

    # ------------------------------------------------------------------ timeline
    def held_on(self, date: Any, **kwargs: Any) -> gpd.GeoDataFrame:
        """Who held each place on ``date`` (:func:`frontmap.timeline.held_on`)."""
        kwargs.setdefault("baseline", self.baseline)
        kwargs.setdefault("prepared", self._prepared())
        return timeline.held_on(self._gdf, date, **kwargs)

    def changes(self, start: Any, end: Any, **kwargs: Any) -> gpd.GeoDataFrame:
        """Places whose controller changed between two dates (:func:`frontmap.timeline.changes`)."""
        kwargs.setdefault("baseline", self.baseline)
        kwargs.setdefault("prepared", self._prepared())
        return timeline.changes(self._gdf, start, end, **kwargs)

    def control_areas(self, date: Any, **kwargs: Any) -> gpd.GeoDataFrame:
        """Each side's area on ``date`` (:func:`frontmap.timeline.control_areas`)."""
        kwargs.setdefault("baseline", self.baseline)
        if "held" not in kwargs:
            kwargs["held"] = self.held_on(date, baseline=kwargs["baseline"], window_days=kwargs.get("window_days", 3))
        return timeline.control_areas(self._gdf, date, **kwargs)

    def area_changes(self, start: Any, end: Any, **kwargs: Any) -> gpd.GeoDataFrame:
        """Territory that changed hands between two dates, km² (:func:`frontmap.timeline.area_changes`)."""
        kwargs.setdefault("baseline", self.baseline)
        return timeline.area_changes(self._gdf, start, end, **kwargs)

    def front_line(self, date: Any, **kwargs: Any) -> gpd.GeoDataFrame:
        """Where the sides' areas meet on ``date`` (:func:`frontmap.timeline.front_line`)."""
        kwargs.setdefault("baseline", self.baseline)
        return timeline.front_line(self._gdf, date, **kwargs)

    def score_against(self, reference: Any, date: Any = None, **kwargs: Any) -> timeline.Score:
        """Agreement with a reference control layer (:func:`frontmap.timeline.score_against`)."""
        return timeline.score_against(self._gdf, reference, date, **kwargs)


def _region_polygon(name: str, gazetteer: Any) -> BaseGeometry:
    """A region's polygon by name: admin1 polygons, then countries, then the gazetteer's spellings.

    ``gazetteer`` is a callable returning the gazetteer (loaded only when the name is
    not an admin1 or country name as written).
    """
    from frontmap import boundaries

    key = _fold(name)
    admin1 = boundaries.admin1_polygons()
    for col in ("name", "admin1_name", "name_en"):
        if col in admin1.columns:
            hit = admin1[admin1[col].astype(str).map(_fold) == key]
            if len(hit):
                return hit.geometry.union_all()
    countries = boundaries.country_polygons()
    for col in ("name", "name_en", "NAME"):
        if col in countries.columns:
            hit = countries[countries[col].astype(str).map(_fold) == key]
            if len(hit):
                return hit.geometry.union_all()
    # the gazetteer knows other spellings ("Kurskaya oblast'"): resolve to an admin1 code or country
    gz = gazetteer()
    cands = gz.candidates(name, kinds=("admin1", "country"), limit=1)
    if cands:
        place = cands[0].place
        if place.kind == "admin1" and place.admin1:
            for col in ("admin1", "code", "admin1_code"):
                if col in admin1.columns:
                    hit = admin1[admin1[col] == place.admin1]
                    if len(hit):
                        return hit.geometry.union_all()
        if place.kind == "country":
            col = timeline._country_column(countries)
            hit = countries[countries[col] == place.country]
            if len(hit):
                return hit.geometry.union_all()
    suggest = getattr(gz, "suggest", None)
    raise PlaceNotFound(name, suggest(name) if suggest else ())


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for region names."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in bare).split())
