"""Who held what, when: per-place control, changes, control areas and the front line.

Everything here works on a claims GeoDataFrame (the columns of
:data:`frontmap.claims.CLAIM_COLUMNS`, one row per reported claim).  Extra columns,
such as the cluster columns a :class:`~frontmap.store.ClaimStore` adds, are carried along.

The rules
---------
* A claim counts for control when its ``event`` is not ``mention`` and it names a
  ``controller``.  Its dates are ``date_start``/``date_end`` (the days the event date
  covers).  A claim with no event date in its text keeps a null date: it is only known
  to have been true at some time on or before its publication date, which is not its
  event date (:func:`effective_dates`).
* :func:`held_on` takes, per place, the latest dated control claims on or before the
  date (every claim within ``window_days`` of the latest one), weighs them (hedged
  claims weigh ``hedged_weight``, others 1) and picks the heavier controller.  The
  status is ``contested`` when the other side weighs at least half as much,
  ``corroborated`` when independent claimants back the winner (folded names; one
  official class is one voice), else ``claimed``.  Undated claims count from their
  publication date and decide a place only when no dated claim does; they never
  contest a dated claim.  A denial (``negated``) is not control for the side it
  denies; in the window it contests that side's claim.  Places with no claim by then
  fall back to the :class:`Baseline` (status ``baseline``).
* A dated reference layer as the baseline is the assessed state on its date: only
  claims whose event starts after that date update it.
* :func:`control_areas` starts from the baseline partition of the theatre (by default
  each country holds itself; or a reference control layer over the country rule),
  hands whole regions claimed taken (``kind="admin1"``, capture/withdrawal) to the
  claimant's side, then gives every settlement-level place with a claimed controller
  its Voronoi cell among the claimed places and a lattice of baseline seeds
  ``cell_km`` apart (so a claim moves at most ~``cell_km`` around it).  Territory with
  no claim keeps the baseline's own borders.  Areas are computed in a Lambert
  azimuthal equal-area projection centred on the theatre; strips under ~1-2 km wide
  where polygons from different sources disagree are merged into their neighbour.
* :func:`front_line` is where the sides' areas meet, less the international border
  and the coast.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import math
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from frontmap.errors import FrontmapError, ValidationError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    from shapely.geometry.base import BaseGeometry

__all__ = [
    "SIDES",
    "CONTESTED",
    "AREA_KINDS",
    "DEFAULT_REFERENCE_CLASSES",
    "Baseline",
    "Prepared",
    "prepare",
    "Score",
    "held_on",
    "changes",
    "area_changes",
    "control_areas",
    "front_line",
    "score_against",
    "effective_dates",
    "claimant_key",
    "OFFICIAL_CLASSES",
    "to_date",
]

log = logging.getLogger(__name__)

#: The two sides of the conflict frontmap maps by default.
SIDES: tuple[str, ...] = ("RU", "UA")
#: Side name given to cells of places whose control is contested, and to grey-zone reference polygons.
CONTESTED = "contested"
#: Reference-layer class -> side (None: ignore the polygon, the country rule applies there).
DEFAULT_REFERENCE_CLASSES: dict[str, str | None] = {
    "ru_controlled": "RU",
    "ua_controlled_in_russia": "UA",
    "ua_controlled": "UA",
    "contested_unknown": CONTESTED,
}
#: Default country (ISO alpha-2) -> side that holds it in the baseline.
DEFAULT_COUNTRY_SIDES: dict[str, str] = {"RU": "RU", "UA": "UA"}

_KM_PER_DEG_LAT = 111.32
_GRID_DEG = 1e-7  # snap-rounding grid of overlays in degrees (~1 cm)
_GRID_M = 1.0  # and in metres (projected)
_SLIVER_DEG = 0.005  # half-width (~500 m) below which a strip between reference and country polygons is a sliver
_SLIVER_M = 1000.0  # the same in metres, for region polygons over country polygons
_CRUMB_DEG2 = 0.0015  # ~10 km² at these latitudes: smaller islands of the country rule among reference polygons


# --------------------------------------------------------------------------- dates


def to_date(value: Any) -> dt.date:
    """Turn a date-like value (``date``, ``datetime``, ``"YYYY-MM-DD"``, Timestamp) into a date.

    Raises
    ------
    ValueError
        If the value is not a date; the message shows the expected form.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-13")


def _ts(value: Any) -> pd.Timestamp:
    return pd.Timestamp(to_date(value))


def _date_col(series: pd.Series) -> pd.Series:
    """ISO date strings (or None) -> datetime64 (NaT where missing or malformed)."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series
    text = series.astype("string").str.slice(0, 10)
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")


def effective_dates(gdf: pd.DataFrame, *, undated: bool = False) -> tuple[pd.Series, pd.Series]:
    """The first and last day each claim's event covers, as datetime64 Series.

    ``date_start``/``date_end`` when set.  A claim with no event date in its text
    (precision ``unknown``) gets NaT: it is only known to have been true at some time
    on or before its publication date, and that date is not its event date.  With
    ``undated=True`` such a claim counts on its publication date instead (start and
    end), for callers that ask for that explicitly.  NaT when nothing is known.
    """
    idx = gdf.index
    start = _date_col(gdf["date_start"]) if "date_start" in gdf else pd.Series(pd.NaT, index=idx)
    end = _date_col(gdf["date_end"]) if "date_end" in gdf else pd.Series(pd.NaT, index=idx)
    start = start.fillna(end)
    if undated:
        start = start.fillna(_published(gdf))
    end = end.fillna(start)
    return start, end


def _published(gdf: pd.DataFrame) -> pd.Series:
    """Publication dates as datetime64 (NaT where unknown)."""
    if "published" in gdf:
        return _date_col(gdf["published"])
    return pd.Series(pd.NaT, index=gdf.index, dtype="datetime64[ns]")


# --------------------------------------------------------------------------- claimants

#: Claimant classes that speak with one voice: two claimants of one of these classes
#: (the Russian defence ministry and TASS, say) are not independent of each other.
OFFICIAL_CLASSES = frozenset({"ru_official", "ua_official"})
_GENERIC_CLAIMANTS = frozenset({"", "media", "none", "nan", "unknown"})
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_MINISTRY_OF = re.compile(r"\bministry of defence(?: of(?: the)? ([\w ]+))?")
_DEMONYMS = (  # longest first: "russian federation" before "russia"
    ("russian federation", "russian"), ("united kingdom", "british"), ("united states", "american"),
    ("russia", "russian"), ("ukraine", "ukrainian"), ("britain", "british"), ("uk", "british"),
    ("us", "american"), ("usa", "american"), ("belarus", "belarusian"),
)
_ACRONYMS = {  # well-known short forms of one claimant
    "isw": "institute for the study of war", "ap": "associated press", "afp": "agence france presse",
    "deep state": "deepstate", "rfe rl": "radio free europe radio liberty", "radio liberty": "radio free europe radio liberty",
}
_DEMONYM_RE = re.compile(r"\b(?:" + "|".join(re.escape(k) for k, _ in _DEMONYMS) + r")\b")


@functools.lru_cache(maxsize=4096)
def claimant_key(name: str | None) -> str:
    """A claimant name folded so that spellings of one claimant compare equal.

    Case, accents, punctuation, a leading article, possessives and country names
    against their adjectives are folded, and "ministry of defence (of X)" reads
    "(X) defence ministry": "The Russian defence ministry", "Russian defence
    ministry", "Russia's defence ministry" and "the Ministry of Defence of the
    Russian Federation" all give ``"russian defence ministry"``.

    Parameters
    ----------
    name : str or None
        The claimant as written.

    Returns
    -------
    str
        The key; ``""`` for a missing name.
    """
    if name is None:
        return ""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = re.sub(r"'s\b", "", text)  # possessives: "russia's" -> "russia"
    text = " ".join(re.sub(r"[^\w]+", " ", text.replace("'", "")).split())
    text = _LEADING_ARTICLE.sub("", text)
    text = re.sub(r"\bdefense\b", "defence", text)
    text = re.sub(r"\bmod\b", "defence ministry", text)
    text = _MINISTRY_OF.sub(lambda m: f"{m.group(1) + ' ' if m.group(1) else ''}defence ministry", text)
    text = _DEMONYM_RE.sub(lambda m: dict(_DEMONYMS)[m.group(0)], text)
    text = _LEADING_ARTICLE.sub("", " ".join(text.split()))
    return _ACRONYMS.get(text, text)


def _claimant_columns(gdf: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per claim: the claimant key, and the source it counts as for independence.

    A missing or generic claimant ("media": the outlet's own voice) is the outlet.
    The source is the claimant class for :data:`OFFICIAL_CLASSES` (one voice per
    government; also for a name that appears elsewhere with that class), else the
    claimant key.  Empty strings where nothing is known.
    """
    n = len(gdf)

    def strings(name: str) -> pd.Series:
        if name not in gdf:
            return pd.Series("", index=gdf.index, dtype=object)
        return gdf[name].astype(object).where(gdf[name].notna(), "").astype(str)

    claimant, cls, outlet = strings("claimant"), strings("claimant_class"), strings("outlet")
    codes = [pd.factorize(col, sort=False) for col in (claimant, cls, outlet)]
    sizes = [max(len(u), 1) for _, u in codes]
    combo = (codes[0][0].astype(np.int64) * sizes[1] + codes[1][0]) * sizes[2] + codes[2][0]
    uniq, inverse = np.unique(combo, return_inverse=True)
    keys = np.empty(len(uniq), dtype=object)
    sources = np.empty(len(uniq), dtype=object)
    for k, c in enumerate(uniq.tolist()):
        c_out = c % sizes[2]
        c_cls = (c // sizes[2]) % sizes[1]
        c_name = c // (sizes[1] * sizes[2])
        name = str(codes[0][1][c_name]) if len(codes[0][1]) else ""
        klass = str(codes[1][1][c_cls]) if len(codes[1][1]) else ""
        out = str(codes[2][1][c_out]) if len(codes[2][1]) else ""
        key = claimant_key(name)
        if key in _GENERIC_CLAIMANTS and out.strip():
            key = claimant_key(out)
        if key in _GENERIC_CLAIMANTS - {"media"}:
            key = ""
        keys[k] = key
        sources[k] = f"class:{klass}" if klass in OFFICIAL_CLASSES else (f"name:{key}" if key else "")
    # one claimant is one source whatever class a sentence gave it: a name seen as an official is that official voice
    official = {key: src for key, src in zip(keys, sources) if key and src.startswith("class:")}
    sources = np.asarray([official.get(key, src) for key, src in zip(keys, sources)], dtype=object)
    if n == 0:
        return np.empty(0, dtype=object), np.empty(0, dtype=object)
    return keys[inverse], sources[inverse]


# --------------------------------------------------------------------------- geometry sources


def _load_countries() -> gpd.GeoDataFrame:
    try:
        from frontmap import boundaries
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise FrontmapError(
            "country polygons are unavailable (frontmap.boundaries could not be imported); "
            "pass countries= and land= explicitly"
        ) from exc
    return boundaries.country_polygons()


def _load_land() -> BaseGeometry | None:
    try:
        from frontmap import boundaries
    except ImportError:  # pragma: no cover
        return None
    land = boundaries.land_polygon()
    return _as_geometry(land)


def _as_geometry(obj: Any) -> BaseGeometry | None:
    """A shapely geometry from a geometry, a GeoSeries or a GeoDataFrame (unioned)."""
    if obj is None:
        return None
    if hasattr(obj, "geometry") and hasattr(obj, "crs") and not hasattr(obj, "geom_type"):
        obj = obj.geometry
    if hasattr(obj, "union_all"):
        if obj.crs is not None and obj.crs.to_epsg() != 4326:
            obj = obj.to_crs(4326)
        return obj.union_all()
    return obj


def _country_column(countries: pd.DataFrame) -> str:
    for name in ("country", "iso_a2", "ISO_A2", "cc", "iso2", "code"):
        if name in countries.columns:
            return name
    raise ValidationError(
        f"country polygons need an ISO alpha-2 column named 'country'; got columns {list(countries.columns)}"
    )


# --------------------------------------------------------------------------- baseline


@dataclass
class Baseline:
    """The starting state: which side holds a point when no claim says otherwise.

    Build one with :meth:`from_countries` (each place is held by the country it lies
    in; the default) or :meth:`from_reference` (a reference control layer, e.g. an
    assessed-control map, over the country rule).

    Attributes
    ----------
    countries : GeoDataFrame or None
        Country polygons (EPSG:4326) with an ISO alpha-2 ``country`` column; loaded
        from :mod:`frontmap.boundaries` when None and needed.
    country_sides : dict
        Country code -> side holding it.
    reference : GeoDataFrame or None
        Polygons with a ``side`` column that override the country rule where they lie.
    land : shapely geometry or None
        Land polygon to clip areas to (None: the country polygons alone).
    date : date or None
        The date of the reference layer, if any.
    """

    countries: Any = None
    country_sides: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COUNTRY_SIDES))
    reference: Any = None
    land: Any = None
    date: dt.date | None = None
    _land_loaded: bool = field(default=False, repr=False)

    @classmethod
    def from_countries(
        cls,
        countries: gpd.GeoDataFrame | None = None,
        *,
        country_sides: Mapping[str, str] | None = None,
        land: Any = None,
    ) -> Baseline:
        """Each place is held by the country it lies in.

        Parameters
        ----------
        countries : GeoDataFrame, optional
            Country polygons with an ISO alpha-2 column; the shipped ones when omitted.
        country_sides : mapping, optional
            Country code -> side (default ``{"RU": "RU", "UA": "UA"}``).
        land : geometry, GeoSeries or GeoDataFrame, optional
            Land to clip areas to; the shipped land polygon when omitted.
        """
        return cls(
            countries=countries,
            country_sides=dict(country_sides or DEFAULT_COUNTRY_SIDES),
            land=_as_geometry(land),
            _land_loaded=land is not None,
        )

    @classmethod
    def from_reference(
        cls,
        reference: str | os.PathLike[str] | gpd.GeoDataFrame,
        *,
        classes: Mapping[str, str | None] | None = None,
        class_column: str = "class",
        side: str | None = None,
        date: Any = None,
        countries: gpd.GeoDataFrame | None = None,
        country_sides: Mapping[str, str] | None = None,
        land: Any = None,
    ) -> Baseline:
        """Start from a reference control layer (GeoJSON polygons), the country rule elsewhere.

        Parameters
        ----------
        reference : path or GeoDataFrame
            Polygons of control at a date.
        classes : mapping, optional
            Value of ``class_column`` -> side; a class mapped to None, or missing from the
            mapping, is ignored.  Default :data:`DEFAULT_REFERENCE_CLASSES`.
        class_column : str
            The property holding the class (default ``"class"``); if the layer has a
            ``side`` column instead it is used as it is.
        side : str, optional
            Every polygon is held by this side (a layer of one side's control with no classes).
        date : date-like, optional
            The date the layer describes; read from a ``snapshot_utc`` member when omitted.
        """
        import geopandas as gpd

        snapshot = None
        if not isinstance(reference, gpd.GeoDataFrame):
            path = os.fspath(reference)
            try:
                ref = gpd.read_file(path)
            except Exception as exc:  # pyogrio raises its own DataSourceError family
                raise FrontmapError(f"cannot read reference layer {path!r}: {exc}; give a GeoJSON of polygons") from exc
            snapshot = _read_snapshot(path)
        else:
            ref = reference
        if ref.crs is not None and ref.crs.to_epsg() != 4326:
            ref = ref.to_crs(4326)
        if side is not None:
            sides = pd.Series(side, index=ref.index)
        elif class_column in ref.columns:
            mapping = dict(DEFAULT_REFERENCE_CLASSES if classes is None else classes)
            unknown = sorted(set(ref[class_column].dropna().astype(str)) - set(mapping))
            if unknown:
                log.warning("reference layer: ignoring polygons of unmapped classes %s", unknown)
            sides = ref[class_column].map(mapping)
        elif "side" in ref.columns:
            sides = ref["side"]
        else:
            raise ValidationError(
                f"reference layer has no {class_column!r} column; pass class_column=, or side= for a one-side layer"
            )
        ref = gpd.GeoDataFrame({"side": sides.to_numpy(dtype=object)}, geometry=ref.geometry.to_numpy(), crs=4326)
        ref = ref[ref["side"].notna() & ~ref.geometry.is_empty & ref.geometry.notna()]
        ref = ref.set_geometry(ref.geometry.make_valid())
        ref = ref.dissolve(by="side", as_index=False)
        when = to_date(date) if date is not None else snapshot
        return cls(
            countries=countries,
            country_sides=dict(country_sides or DEFAULT_COUNTRY_SIDES),
            reference=ref,
            land=_as_geometry(land),
            date=when,
            _land_loaded=land is not None,
        )

    # -- lazily loaded geometry
    def _countries(self) -> gpd.GeoDataFrame:
        if self.countries is None:
            self.countries = _load_countries()
        return self.countries

    def _land(self) -> BaseGeometry | None:
        if not self._land_loaded:
            self.land = _load_land()
            self._land_loaded = True
        return self.land

    def side_at(self, points: gpd.GeoSeries, country: pd.Series | None = None) -> np.ndarray:
        """The baseline side at each point (object array; None where no rule applies).

        Parameters
        ----------
        points : GeoSeries
            Points in EPSG:4326.
        country : Series, optional
            The ISO country code of each point, when already known (the claims'
            ``country`` column); polygons are consulted only where it is missing.
        """
        import geopandas as gpd

        out = np.full(len(points), None, dtype=object)
        if country is not None:
            codes = country.to_numpy(dtype=object)
            known = np.array([isinstance(c, str) and c in self.country_sides for c in codes], dtype=bool)
            out[known] = [self.country_sides[c] for c in codes[known]]
        else:
            known = np.zeros(len(points), dtype=bool)
        pts = gpd.GeoSeries(np.asarray(points.geometry if hasattr(points, "geometry") else points), crs=4326)
        valid = pts.notna().to_numpy() & ~pts.is_empty.to_numpy()
        missing = ~known & valid
        if missing.any():
            countries = self._countries()
            col = _country_column(countries)
            sub = countries[countries[col].isin(list(self.country_sides))]
            hit_pt, hit_poly = sub.sindex.query(pts[missing].to_numpy(), predicate="intersects")
            idx = np.flatnonzero(missing)
            vals = sub[col].to_numpy(dtype=object)
            for p, q in zip(hit_pt, hit_poly):
                out[idx[p]] = self.country_sides[vals[q]]
        if self.reference is not None and valid.any():
            ref = self.reference
            hit_pt, hit_poly = ref.sindex.query(pts[valid].to_numpy(), predicate="intersects")
            idx = np.flatnonzero(valid)
            vals = ref["side"].to_numpy(dtype=object)
            # contested polygons win over either side where layers overlap at an edge
            order = np.argsort([v == CONTESTED for v in vals[hit_poly]], kind="stable")
            for p, q in zip(hit_pt[order], hit_poly[order]):
                out[idx[p]] = vals[q]
        return out

    def partition(self, extent: BaseGeometry) -> gpd.GeoDataFrame:
        """The baseline sides' polygons inside ``extent`` (EPSG:4326), clipped to land.

        Returns
        -------
        GeoDataFrame
            Columns ``side``, ``geometry``; one row per side, non-overlapping.
        """
        import geopandas as gpd
        import shapely

        countries = self._countries()
        col = _country_column(countries)
        land = self._land()
        clip = extent if land is None else _polygonal(shapely.intersection(extent, _valid_poly(land), grid_size=_GRID_DEG))
        rows: dict[str, list] = {}
        sub = countries[countries[col].isin(list(self.country_sides))]
        for code, geom in zip(sub[col], sub.geometry):
            piece = _polygonal(shapely.intersection(_valid_poly(geom), clip, grid_size=_GRID_DEG))
            if not piece.is_empty:
                rows.setdefault(self.country_sides[code], []).append(piece)
        sides = {s: _polygonal(shapely.union_all(g, grid_size=_GRID_DEG)) for s, g in rows.items()}
        if self.reference is not None:
            domain = _polygonal(shapely.union_all(list(sides.values()), grid_size=_GRID_DEG)) if sides else shapely.Polygon()
            taken = shapely.Polygon()
            ref = self.reference.sort_values("side", key=lambda s: s != CONTESTED)  # contested first
            ref_sides: dict[str, Any] = {}
            for side, geom in zip(ref["side"], ref.geometry):
                piece = _polygonal(shapely.difference(
                    _polygonal(shapely.intersection(_valid_poly(geom), domain, grid_size=_GRID_DEG)), taken, grid_size=_GRID_DEG
                ))
                if piece.is_empty:
                    continue
                taken = _polygonal(shapely.union(taken, piece, grid_size=_GRID_DEG))
                ref_sides[side] = _polygonal(shapely.union(ref_sides.get(side, shapely.Polygon()), piece, grid_size=_GRID_DEG))
            # the layer and the country polygons draw coasts and borders differently: strips of the
            # country rule left between them go to the reference side they touch
            pool = {("country", s): _polygonal(shapely.difference(g, taken, grid_size=_GRID_DEG)) for s, g in sides.items()}
            country_keys = list(pool)
            pool.update({("reference", r): g for r, g in ref_sides.items()})
            pool = _absorb_slivers(pool, _SLIVER_DEG, _GRID_DEG, only=country_keys, min_area=_CRUMB_DEG2)
            sides = {}
            for (_, s), g in pool.items():
                sides[s] = _polygonal(shapely.union(sides.get(s, shapely.Polygon()), g, grid_size=_GRID_DEG))
        items = [(s, g) for s, g in sides.items() if not g.is_empty]
        return gpd.GeoDataFrame(
            {"side": [s for s, _ in items]}, geometry=[_polygonal(g) for _, g in items], crs=4326
        )


def _read_snapshot(path: str) -> dt.date | None:
    if not path.lower().endswith((".geojson", ".json")):
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            head = json.load(fh)
        snap = head.get("snapshot_utc") if isinstance(head, dict) else None
        return to_date(snap) if snap else None
    except (OSError, ValueError):
        return None


def _valid_poly(geom: BaseGeometry) -> BaseGeometry:
    """A valid polygonal geometry (repairs, then drops any points/lines the repair leaves)."""
    import shapely

    return _polygonal(shapely.make_valid(geom))


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Drop points/lines that set operations leave behind in a GeometryCollection."""
    import shapely

    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


# --------------------------------------------------------------------------- held_on


def _place_keys(gdf: pd.DataFrame) -> pd.Series:
    pid = gdf["place_id"].astype(object) if "place_id" in gdf else pd.Series(None, index=gdf.index, dtype=object)
    name = gdf["name"].astype(object) if "name" in gdf else pd.Series(None, index=gdf.index, dtype=object)
    fallback = "name:" + name.fillna("?").astype(str)
    return pid.where(pid.notna() & (pid.astype(str) != ""), fallback).astype(str)


def _claimed_rows(gdf: pd.DataFrame) -> pd.Series:
    """Rows that name a controller for an event (denied or not)."""
    event = gdf["event"].astype(object) if "event" in gdf else pd.Series(None, index=gdf.index, dtype=object)
    ctrl = gdf["controller"].astype(object) if "controller" in gdf else pd.Series(None, index=gdf.index, dtype=object)
    return (event != "mention") & ctrl.notna() & (ctrl.astype(str) != "")


def _negated_rows(gdf: pd.DataFrame) -> pd.Series:
    """Rows whose sentence denies the claimed event (the ``negated`` column; False when absent)."""
    if "negated" not in gdf:
        return pd.Series(False, index=gdf.index)
    return _flags(gdf["negated"])


_TRUE_TEXT = frozenset({"1", "true", "t", "yes", "y"})


def _flags(col: pd.Series) -> pd.Series:
    """A boolean column that may arrive as bools, 0/1 or text ("0", "true") from files; missing is False."""
    if pd.api.types.is_bool_dtype(col):
        return col.fillna(False).astype(bool)
    if pd.api.types.is_numeric_dtype(col):
        return col.fillna(0).astype(float) != 0
    values = col.astype(object)
    return values.map(lambda v: v is True or (isinstance(v, (int, float, np.integer, np.floating)) and v == v and v != 0)
                      or (isinstance(v, str) and v.strip().lower() in _TRUE_TEXT)).astype(bool)


def _control_rows(gdf: pd.DataFrame) -> pd.Series:
    """Control claims: a controller named for an event that the sentence does not deny."""
    return _claimed_rows(gdf) & ~_negated_rows(gdf)


@dataclass(frozen=True)
class Prepared:
    """Per-claim values the timeline functions derive from a claims table (cache it to query fast).

    Build with :func:`prepare`; valid for the table it was built from, as long as that table is not modified.
    """

    keys: pd.Series  # place key: place_id, else "name:<name>"
    start: pd.Series  # datetime64 first day the claim's event covers (NaT if undated)
    end: pd.Series  # datetime64 last day (NaT if undated)
    control: pd.Series  # bool: the claim says who controls the place
    codes: np.ndarray  # place number of each claim (0..n_places-1, by first appearance)
    first_pos: np.ndarray  # row of each place's first claim
    published: pd.Series  # datetime64 publication date (NaT if unknown)
    claimant_keys: np.ndarray  # claimant_key() of each claim's claimant (the outlet for the outlet's own voice)
    sources: np.ndarray  # what the claim counts as for independence: "class:<official class>" or "name:<key>"
    denials: np.ndarray  # bool: the sentence denies that the claim's controller took/holds the place


def prepare(claims: pd.DataFrame) -> Prepared:
    """Derive the per-claim values :func:`held_on` and friends need (see :class:`Prepared`)."""
    start, end = effective_dates(claims)
    keys = _place_keys(claims)
    codes, _ = pd.factorize(keys, sort=False)
    # factorize numbers keys by first appearance: the first row of each place
    first_pos = np.unique(codes, return_index=True)[1]
    claimant_keys, sources = _claimant_columns(claims)
    negated = _negated_rows(claims)
    return Prepared(keys=keys, start=start, end=end, control=_claimed_rows(claims) & ~negated, codes=codes,
                    first_pos=first_pos, published=_published(claims), claimant_keys=claimant_keys, sources=sources,
                    denials=(_claimed_rows(claims) & negated).to_numpy())


_HELD_COLUMNS = ["place_id", "name", "kind", "admin1", "controller", "status", "n_claims", "n_claimants", "n_independent",
                 "claimants", "as_of", "event", "undated", "claim_ids", "articles", "country"]
#: Place kinds whose point stands for an area (a region's centroid): never a seed of control areas.
AREA_KINDS = frozenset({"admin1", "admin2", "country", "area", "water"})


def held_on(
    claims: gpd.GeoDataFrame,
    date: Any,
    *,
    baseline: Baseline | None = None,
    window_days: int = 3,
    hedged_weight: float = 0.4,
    contest_ratio: float = 0.5,
    prepared: Prepared | None = None,
) -> gpd.GeoDataFrame:
    """Who held each place on ``date``, per the claims made about it up to then.

    The rules
    ---------
    * Dated claims (an event date in the text, ``date_start`` set) count from their
      event's first day.  Per place, the latest ones on or before ``date`` are weighed
      (every claim whose event midpoint lies within ``window_days`` of the latest).
    * An undated claim (no event date, precision ``unknown``) is only known to have
      been true at some time on or before its publication date, so it cannot be
      ordered against a dated claim.  It counts from its publication date, and only
      for places that no dated claim on or before ``date`` decides: there, the latest
      undated claims (by publication date, within ``window_days``) are weighed the
      same way.  It never outweighs, corroborates or contests a dated claim
      (``undated`` is True for the places it decides), and it does not update a dated
      reference baseline.
    * Hedged claims weigh ``hedged_weight``, others 1; the heavier controller wins.
      The place is ``contested`` when the other side weighs at least
      ``contest_ratio`` of the winner.
    * A denial (``negated``: "Kyiv denied that Russian forces had taken X") is not a
      control claim for the controller it denies; when it falls in the window of the
      claims weighed (by the same dated/undated rule) and denies the winner, the place
      is ``contested``.
    * ``corroborated`` means independent claimants back the winner: claimant names
      are folded first (:func:`claimant_key`: "The Russian defence ministry" ==
      "Russia's defence ministry"), the outlet stands for an unattributed claim, and
      claimants of one official class (:data:`OFFICIAL_CLASSES`: two Russian
      officials, or the Russian defence ministry and TASS) count as one source.
      A Russian official and ISW are two sources; so are two outlets, or two analysts.
      ``n_independent`` counts those sources, ``n_claimants`` the folded names.
      One source is ``claimed``.
    * Places with no claim by then fall back to the :class:`Baseline` (status ``baseline``).

    Parameters
    ----------
    claims : GeoDataFrame
        A claims table (``frontmap.claims.CLAIM_COLUMNS``).
    date : date-like
        The day asked about.
    baseline : Baseline, optional
        Controller of places with no control claim on or before ``date``; default: the
        country each place lies in (its ``country`` column).  A dated reference layer
        (:meth:`Baseline.from_reference`) is the state on its date: only claims whose
        event starts after that date update it.
    window_days : int
        Claims within this many days of a place's latest claim are weighed together.
    hedged_weight : float
        Weight of a hedged claim ("reportedly", "may have"); an unhedged claim weighs 1.
    contest_ratio : float
        The place is ``contested`` when the losing side weighs at least this fraction of the winner.
    prepared : Prepared, optional
        :func:`prepare` of ``claims``, to skip re-deriving dates and keys.

    Returns
    -------
    GeoDataFrame
        One row per place named by a claim: ``place_id, name, controller, status``
        (``claimed`` | ``corroborated`` | ``contested`` | ``baseline``), ``n_claims``
        (claims weighed), ``n_claimants`` (distinct folded claimant names backing the
        winner), ``n_independent`` (independent sources backing it), ``claimants``
        (those backing the winner, one spelling each), ``as_of`` (ISO date of the
        latest claim weighed: its event date, or for undated claims their publication
        date), ``event`` (of the latest backing claim), ``undated`` (the place rests on
        undated claims only), ``claim_ids`` and ``articles`` (lists: the claims
        weighed), ``country``, ``geometry``, and ``weight_<side>`` (the summed weight of
        each side's claims weighed).  The list columns hold JSON text (``json.loads``
        gives the list), like the store's, so the table writes to GeoJSON and
        GeoPackage as it is.
    """
    import geopandas as gpd

    day = _ts(date)
    gdf = claims
    if len(gdf) == 0:
        return _empty_held()
    prep = prepared or prepare(gdf)
    codes, first_pos = prep.codes, prep.first_pos
    n_places = len(first_pos)

    def col(name: str, rows: np.ndarray) -> np.ndarray:
        """Column values at these row positions, as an object array (None for missing)."""
        if name not in gdf.columns:
            return np.full(len(rows), None, dtype=object)
        values = gdf[name].array.take(rows)
        return np.asarray(values.to_numpy(dtype=object, na_value=None), dtype=object)

    def arrow(name: str, rows: np.ndarray) -> pa.Array:
        """Column values at these row positions as an Arrow array (strings; null for missing)."""
        if name not in gdf.columns:
            return pa.nulls(len(rows), pa.string())
        values = gdf[name].array
        try:
            arr = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            arr = pa.array(values.to_numpy(dtype=object, na_value=None).astype(str))
        arr = arr.take(pa.array(rows))
        return arr if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type) else pc.cast(arr, pa.string())

    # columns as arrays; the frame is built once at the end (pandas re-checks every assigned column)
    out: dict[str, np.ndarray] = {
        "place_id": col("place_id", first_pos),
        "name": col("name", first_pos),
        "kind": col("kind", first_pos),
        "admin1": col("admin1", first_pos),
        "controller": np.full(n_places, None, dtype=object),
        "status": np.full(n_places, "baseline", dtype=object),
        "n_claims": np.zeros(n_places, dtype=int),
        "n_claimants": np.zeros(n_places, dtype=int),
        "n_independent": np.zeros(n_places, dtype=int),
        "as_of": np.full(n_places, None, dtype=object),
        "event": np.full(n_places, None, dtype=object),
        "undated": np.zeros(n_places, dtype=bool),
        "country": col("country", first_pos),
    }
    geoms = np.asarray(gdf.geometry.to_numpy())[first_pos]
    lists: dict[str, pa.Array] = {}
    weight_cols: dict[str, np.ndarray] = {}

    day64 = day.to_datetime64()
    start = prep.start.to_numpy()
    published = prep.published.to_numpy()
    control = prep.control.to_numpy()
    denials = prep.denials
    known = control | denials
    dated_mask = known & ~np.isnat(start) & (start <= day64)
    undated_mask = known & np.isnat(start) & ~np.isnat(published) & (published <= day64)
    if baseline is not None and baseline.reference is not None and baseline.date is not None and baseline.date <= day.date():
        # a reference layer is the assessed state on its date: only later claims update it,
        # and an undated claim cannot be shown to be later
        dated_mask &= start > np.datetime64(baseline.date, "ns")
        undated_mask[:] = False
    # an undated claim decides a place only when no dated claim does
    has_dated = np.zeros(n_places, dtype=bool)
    has_dated[codes[dated_mask & control]] = True
    undated_mask &= ~has_dated[codes]
    denied_rows = np.flatnonzero((dated_mask | undated_mask) & denials)
    sel = np.flatnonzero((dated_mask | undated_mask) & control)
    decided = np.zeros(n_places, dtype=bool)
    if len(sel):
        s_start = np.where(np.isnat(start[sel]), published[sel], start[sel])
        s_end = np.minimum(prep.end.to_numpy()[sel], day64)
        s_end = np.where(np.isnat(s_end), s_start, s_end)
        mid = (s_start + (s_end - s_start) / 2).astype("datetime64[D]").astype(np.int64)
        pcodes = codes[sel]
        latest = np.full(n_places, np.iinfo(np.int64).min)
        grouped_max = pd.Series(mid).groupby(pcodes).max()
        latest[grouped_max.index.to_numpy()] = grouped_max.to_numpy()
        keep = mid >= latest[pcodes] - window_days
        sel, mid, pcodes = sel[keep], mid[keep], pcodes[keep]

        ctrl = col("controller", sel).astype(str)
        ctrl_codes, sides = pd.factorize(ctrl, sort=True)
        if "hedged" in gdf.columns:
            hedged = gdf["hedged"].array.take(sel)
            hedged = np.asarray(pd.array(hedged, dtype="boolean").fillna(False), dtype=bool)
        else:
            hedged = np.zeros(len(sel), dtype=bool)
        w = np.where(hedged, hedged_weight, 1.0)
        n_sides = len(sides)
        wmat = np.bincount(pcodes * n_sides + ctrl_codes, weights=w, minlength=n_places * n_sides).reshape(n_places, n_sides)
        order = np.argsort(-wmat, axis=1, kind="stable")
        rows = np.arange(n_places)
        top = wmat[rows, order[:, 0]]
        second = wmat[rows, order[:, 1]] if n_sides > 1 else np.zeros(n_places)
        winner_code = order[:, 0]
        contested = (second > 0) & (second >= contest_ratio * top)
        n_claims = np.bincount(pcodes, minlength=n_places)
        decided = n_claims > 0
        backs = ctrl_codes == winner_code[pcodes]
        if len(denied_rows):  # a denial of the winner within the window weighed
            d_start = np.where(np.isnat(start[denied_rows]), published[denied_rows], start[denied_rows])
            d_mid = d_start.astype("datetime64[D]").astype(np.int64)
            d_codes = codes[denied_rows]
            d_ctrl = col("controller", denied_rows).astype(str)
            side_of = {str(x): k for k, x in enumerate(sides)}
            d_side = np.asarray([side_of.get(c, -1) for c in d_ctrl], dtype=np.int64)
            hit = (d_mid >= latest[d_codes] - window_days) & (d_side == winner_code[d_codes]) & decided[d_codes]
            contested[d_codes[hit]] = True

        # lists per place, grouped in Arrow (no Python loop over claims)
        table = pa.table({
            "p": pa.array(pcodes),
            "claim_id": arrow("claim_id", sel),
            "article": arrow("article", sel),
        })
        grouped = table.group_by("p", use_threads=False).aggregate([("claim_id", "list"), ("article", "distinct")])
        lists["claim_ids"] = _align(grouped["p"], grouped["claim_id_list"], n_places)
        lists["articles"] = _align(grouped["p"], grouped["article_distinct"], n_places)

        # the claimants backing the winner: one spelling per folded name; independent sources
        bsel = sel[backs]
        bkeys = prep.claimant_keys[bsel]
        bsources = prep.sources[bsel]
        display = pc.utf8_trim_whitespace(arrow("claimant", bsel)).to_numpy(zero_copy_only=False)
        named = np.asarray([bool(k) for k in bkeys], dtype=bool) & np.asarray(
            [isinstance(d, str) and d != "" for d in display], dtype=bool)
        backed = pd.DataFrame({"p": pcodes[backs], "key": bkeys, "display": display})[named]
        backed = backed.drop_duplicates(["p", "key"], keep="first")
        n_claimants = np.bincount(backed["p"].to_numpy(dtype=np.int64), minlength=n_places)
        btable = pa.table({"p": pa.array(backed["p"].to_numpy(dtype=np.int64)),
                           "claimant": pa.array(backed["display"].to_numpy(dtype=object), pa.string())})
        bgrouped = btable.group_by("p", use_threads=False).aggregate([("claimant", "list")])
        lists["claimants"] = _align(bgrouped["p"], bgrouped["claimant_list"], n_places)
        srcs = pd.DataFrame({"p": pcodes[backs], "source": bsources})
        srcs = srcs[srcs["source"].astype(bool)].drop_duplicates()
        n_independent = np.bincount(srcs["p"].to_numpy(dtype=np.int64), minlength=n_places)

        # the event of each place's latest backing claim
        ev = pd.DataFrame({"p": pcodes[backs], "mid": mid[backs], "event": col("event", sel[backs])})
        ev = ev.sort_values("mid", kind="stable").drop_duplicates("p", keep="last")
        events = np.full(n_places, None, dtype=object)
        events[ev["p"].to_numpy()] = ev["event"].to_numpy(dtype=object)

        status = np.where(n_independent >= 2, "corroborated", "claimed").astype(object)
        status[contested] = "contested"
        side_names = np.asarray([str(x) for x in sides], dtype=object)
        as_of = latest.astype("datetime64[D]").astype(str).astype(object)
        out["controller"] = np.where(decided, side_names[winner_code], None)
        out["status"] = np.where(decided, status, "baseline")
        out["n_claims"] = n_claims
        out["n_claimants"] = np.where(decided, n_claimants, 0)
        out["n_independent"] = np.where(decided, n_independent, 0)
        out["as_of"] = np.where(decided, as_of, None)
        out["event"] = np.where(decided, events, None)
        out["undated"] = decided & ~has_dated
        for k, side in enumerate(side_names):
            weight_cols[f"weight_{side}"] = np.round(wmat[:, k], 3)

    undecided = ~decided
    if undecided.any():
        base = baseline or Baseline.from_countries()
        pts = gpd.GeoSeries(geoms[undecided], crs=4326)
        controller = out["controller"].copy()
        controller[undecided] = base.side_at(pts, country=pd.Series(out["country"][undecided], dtype=object))
        out["controller"] = controller
    for name in ("claimants", "claim_ids", "articles"):
        arr = lists.get(name)
        out[name] = np.full(n_places, "[]", dtype=object) if arr is None else _json_lists(arr)
    out.update(weight_cols)
    cols = _HELD_COLUMNS + sorted(weight_cols)
    frame = pd.DataFrame({c: pd.Series(out[c], dtype=out[c].dtype) for c in cols}, copy=False)
    return gpd.GeoDataFrame(frame, geometry=geoms, crs=4326)


def _json_lists(arr: pa.Array) -> np.ndarray:
    """A list<string> Arrow array as JSON text per row (``'["a", "b"]'``), built without a Python loop."""
    flat = pc.fill_null(pc.cast(arr.values, pa.string()), "")  # child values, indexed by arr.offsets
    for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        flat = pc.replace_substring(flat, raw, escaped)
    rebuilt = pa.ListArray.from_arrays(pc.cast(arr.offsets, pa.int32()), flat)
    joined = pc.binary_join_element_wise('["', pc.binary_join(rebuilt, '", "'), '"]', "")
    empty = pc.equal(pc.list_value_length(arr), 0)
    return np.asarray(pc.if_else(empty, "[]", joined).to_numpy(zero_copy_only=False), dtype=object)


def _align(keys: pa.ChunkedArray, values: pa.ChunkedArray, n: int) -> pa.Array:
    """Per-group list values placed at their group codes; an empty list for groups not present."""
    pos = np.full(n, -1, dtype=np.int64)
    pos[keys.to_numpy()] = np.arange(len(keys))
    vals = values.combine_chunks()
    taken = vals.take(pa.array(pos, mask=pos < 0))
    return pc.fill_null(taken, pa.scalar([], type=taken.type))


def _empty_held() -> gpd.GeoDataFrame:
    import geopandas as gpd

    return gpd.GeoDataFrame({c: pd.Series(dtype=object) for c in _HELD_COLUMNS}, geometry=[], crs=4326)


# --------------------------------------------------------------------------- changes


def changes(
    claims: gpd.GeoDataFrame,
    start: Any,
    end: Any,
    *,
    baseline: Baseline | None = None,
    window_days: int = 3,
    prepared: Prepared | None = None,
) -> gpd.GeoDataFrame:
    """Places whose controller on ``end`` differs from the one on ``start``.

    Returns
    -------
    GeoDataFrame
        ``place_id, name, controller_before, controller_after, status_before,
        status_after, claim_ids`` (list: the control claims dated after ``start`` and
        up to ``end`` that back the new controller), ``geometry``.
    """
    import geopandas as gpd

    d0, d1 = to_date(start), to_date(end)
    if d1 < d0:
        raise ValueError(f"end {d1} is before start {d0}; give the earlier date first")
    prep = prepared or prepare(claims)
    before = held_on(claims, d0, baseline=baseline, window_days=window_days, prepared=prep)
    after = held_on(claims, d1, baseline=baseline, window_days=window_days, prepared=prep)
    cols = ["place_id", "name", "controller_before", "controller_after", "status_before", "status_after", "claim_ids"]
    if len(after) == 0:
        return gpd.GeoDataFrame({c: pd.Series(dtype=object) for c in cols}, geometry=[], crs=4326)
    merged = after.rename(columns={"controller": "controller_after", "status": "status_after"})
    merged["controller_before"] = before["controller"].to_numpy()
    merged["status_before"] = before["status"].to_numpy()
    changed = merged["controller_before"].astype(object).fillna("") != merged["controller_after"].astype(object).fillna("")
    merged = merged[changed.to_numpy()].copy()
    # the claims between the dates that back the new controller
    known = prep.start.fillna(prep.published)  # undated claims: from their publication date
    window = prep.control & (known > _ts(d0)) & (known <= _ts(d1))
    sub = claims[window.to_numpy()]
    by_place: dict[tuple[str, str], list[str]] = {}
    for k, ctrl, cid in zip(prep.keys[window], sub["controller"].astype(str), sub["claim_id"].astype(str)):
        by_place.setdefault((k, ctrl), []).append(cid)
    mkeys = _place_keys(merged)
    merged["claim_ids"] = [by_place.get((k, str(c)), []) for k, c in zip(mkeys, merged["controller_after"])]
    return gpd.GeoDataFrame(merged[cols].reset_index(drop=True), geometry=merged.geometry.to_numpy(), crs=4326)


# --------------------------------------------------------------------------- areas


def _laea(lon: float, lat: float) -> str:
    return f"+proj=laea +lat_0={lat:.4f} +lon_0={lon:.4f} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"


def _theatre(points: gpd.GeoSeries, margin_km: float, admin1: gpd.GeoDataFrame | None = None) -> BaseGeometry:
    """The area control is mapped over: the claims' bounding box grown by ``margin_km``,
    plus the first-level regions it touches (cut at four margins out), so that the
    areas follow oblast borders rather than the edges of a rectangle."""
    import shapely

    minx, miny, maxx, maxy = points.total_bounds

    def grown(km: float) -> BaseGeometry:
        dlat = km / _KM_PER_DEG_LAT
        dlon = km / (_KM_PER_DEG_LAT * max(math.cos(math.radians(min(abs(miny - dlat), abs(maxy + dlat), 89))), 0.05))
        return shapely.box(minx - dlon, max(miny - dlat, -90), maxx + dlon, min(maxy + dlat, 90))

    box = grown(margin_km)
    if admin1 is None:
        from frontmap import boundaries

        admin1 = boundaries.admin1_polygons()
    regions = admin1.geometry[admin1.geometry.intersects(box)].to_numpy()
    if len(regions) == 0:
        return box
    reach = shapely.intersection(shapely.union_all(regions), grown(4 * margin_km))
    return shapely.union(box, reach)


def control_areas(
    claims: gpd.GeoDataFrame,
    date: Any,
    *,
    baseline: Baseline | None = None,
    extent: Any = None,
    cell_km: float = 15.0,
    margin_km: float = 50.0,
    window_days: int = 3,
    held: gpd.GeoDataFrame | None = None,
    regions: bool = True,
    admin1: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Polygons of each side's control on ``date``, with their area in km².

    Parameters
    ----------
    claims : GeoDataFrame
        A claims table.
    date : date-like
        The day.
    baseline : Baseline, optional
        The starting state (default: each country holds itself, shipped polygons).
    extent : geometry or (minlon, minlat, maxlon, maxlat), optional
        The theatre; default the claims' bounding box grown by ``margin_km``.
    cell_km : float
        Spacing of the baseline seed grid: a claimed place controls at most about
        this far around it.
    held : GeoDataFrame, optional
        A :func:`held_on` result to reuse.
    regions : bool
        A whole region (``kind="admin1"``) claimed by a ``capture`` or ``withdrawal``
        ("Russia said it had taken all of Luhansk Oblast") goes to the claimed side
        before the places' cells are laid over it; other region-level claims
        ("advances in Kursk Oblast") never move territory.
    admin1 : GeoDataFrame, optional
        Region polygons with an ``admin1`` code column (default: the shipped ones).

    Returns
    -------
    GeoDataFrame
        ``side, area_km2, geometry`` (EPSG:4326), one row per side (``RU``, ``UA``,
        and ``contested`` when some place's control is contested).
    """
    import geopandas as gpd
    import shapely

    base = baseline or Baseline.from_countries()
    held = held if held is not None else held_on(claims, date, baseline=base, window_days=window_days)
    if extent is None:
        if len(held) == 0:
            raise ValidationError("no claims to build control areas from; pass extent= to map the baseline alone")
        theatre = _theatre(held.geometry, margin_km, admin1)
    elif isinstance(extent, tuple | list):
        theatre = shapely.box(*extent)
    else:
        theatre = extent
    c = theatre.centroid
    crs = _laea(c.x, c.y)
    part = base.partition(theatre).to_crs(crs)
    # snap to a 1 m grid after projecting: overlays stay robust (no GEOS topology errors)
    part = part.set_geometry([_valid_poly(shapely.set_precision(_valid_poly(g), _GRID_M)) for g in part.geometry])
    clip = _polygonal(shapely.union_all(part.geometry.to_numpy(), grid_size=_GRID_M)) if len(part) else shapely.Polygon()
    sides: dict[str, Any] = dict(zip(part["side"], part.geometry))
    if regions:
        sides = _claimed_regions(held, sides, clip, crs, admin1)

    claimed = held[(held["status"] != "baseline") & held["controller"].notna()]
    if "kind" in claimed.columns:  # a region's centroid does not say who holds the ground around it
        claimed = claimed[~claimed["kind"].isin(list(AREA_KINDS))]
    claimed = claimed[~claimed.geometry.is_empty & claimed.geometry.notna()]
    if len(claimed) and not clip.is_empty:
        pts = claimed.to_crs(crs).geometry
        # keep one seed per location (several place ids can share a point)
        xy = np.round(shapely.get_coordinates(pts.to_numpy()), 1)
        _, uniq = np.unique(xy, axis=0, return_index=True)
        uniq = np.sort(uniq)
        seeds = pts.to_numpy()[uniq]
        seed_side = np.where(claimed["status"].to_numpy()[uniq] == "contested", CONTESTED,
                             claimed["controller"].to_numpy(dtype=object)[uniq])
        grid = _grid(shapely.bounds(shapely.buffer(clip, cell_km * 1000)), cell_km * 1000)
        if len(grid):
            near = shapely.STRtree(seeds).query(grid, predicate="dwithin", distance=cell_km * 500)
            keep = np.ones(len(grid), dtype=bool)
            keep[np.unique(near[0])] = False
            grid = grid[keep]
        allpts = np.concatenate([seeds, grid])
        envelope = shapely.buffer(shapely.envelope(shapely.union(clip, shapely.multipoints(allpts))), cell_km * 2000)
        cells = shapely.voronoi_polygons(shapely.multipoints(allpts), extend_to=envelope, ordered=True)
        cells = np.asarray(shapely.get_parts(cells))[: len(seeds)]
        # a claimed place's cell never reaches further than cell_km from it
        cells = shapely.intersection(cells, shapely.buffer(seeds, cell_km * 1000, quad_segs=8), grid_size=_GRID_M)
        cells = np.array([_polygonal(c) for c in shapely.intersection(cells, clip, grid_size=_GRID_M)], dtype=object)
        claimed_union = _polygonal(shapely.union_all(cells, grid_size=_GRID_M))
        sides = {s: _polygonal(shapely.difference(g, claimed_union, grid_size=_GRID_M)) for s, g in sides.items()}
        for s in pd.unique(seed_side):
            add = _polygonal(shapely.union_all(cells[seed_side == s], grid_size=_GRID_M))
            sides[s] = _polygonal(shapely.union(sides.get(s, shapely.Polygon()), add, grid_size=_GRID_M))
    rows = [(s, _polygonal(g)) for s, g in sides.items() if s is not None and not g.is_empty]
    rows.sort(key=lambda r: (r[0] == CONTESTED, r[0]))
    out = gpd.GeoDataFrame({"side": [r[0] for r in rows]}, geometry=[r[1] for r in rows], crs=crs)
    out["area_km2"] = out.geometry.area / 1e6
    out = out.to_crs(4326)
    out = out.set_geometry([_valid_poly(g) for g in out.geometry], crs=4326)  # reprojection can bend edges across
    return out[["side", "area_km2", "geometry"]]


def _absorb_slivers(
    sides: dict[Any, Any], half_width: float, grid: float, *, only: list[Any] | None = None, near: Any = None,
    min_area: float = 0.0,
) -> dict[Any, Any]:
    """Hand strips of a side narrower than ``2 * half_width`` to the nearest other side.

    Polygons from different sources (countries, regions, a reference layer) disagree
    along shared coasts and borders; what falls between them is a thin strip, not
    territory.  ``only``: the sides whose strips move (default all); ``near``: only
    strips touching this geometry move; ``min_area``: islands of a side smaller than
    this also move (when they touch another side).
    """
    import shapely

    if len(sides) < 2:
        return sides
    out = dict(sides)
    for s in list(only if only is not None else out):
        g = out.get(s)
        if g is None or g.is_empty:
            continue
        opened = _polygonal(shapely.intersection(
            _polygonal(shapely.buffer(shapely.buffer(g, -half_width), half_width)), g, grid_size=grid))
        slivers = _polygonal(shapely.difference(g, opened, grid_size=grid))
        if min_area > 0:
            crumbs = [p for p in shapely.get_parts(opened) if p.area < min_area]
            if crumbs:
                slivers = _polygonal(shapely.union_all([slivers, *crumbs], grid_size=grid))
        if slivers.is_empty:
            continue
        parts = np.asarray(shapely.get_parts(slivers))
        if near is not None:
            parts = parts[shapely.dwithin(parts, near, half_width)]
        others = [(r, p) for r, geom in out.items() if r != s for p in shapely.get_parts(geom)]
        if not len(parts) or not others:
            continue
        tree = shapely.STRtree([p for _, p in others])
        hit_in, hit_other = tree.query_nearest(parts, max_distance=2 * half_width, all_matches=False)
        if not len(hit_in):
            continue
        moved = parts[hit_in]
        owners = [others[k][0] for k in hit_other]  # side keys may be tuples: keep them out of numpy
        out[s] = _polygonal(shapely.difference(g, shapely.union_all(moved, grid_size=grid), grid_size=grid))
        for r in dict.fromkeys(owners):
            mine = np.array([o == r for o in owners], dtype=bool)
            add = shapely.union_all(moved[mine], grid_size=grid)
            out[r] = _polygonal(shapely.union(out[r], add, grid_size=grid))
    return out


def _claimed_regions(held: pd.DataFrame, sides: dict[str, Any], clip: Any, crs: str, admin1: Any) -> dict[str, Any]:
    """Give whole regions claimed taken (or abandoned) to the claimed side, oldest claim first."""
    import shapely

    if not {"kind", "admin1", "event"} <= set(held.columns):
        return sides
    taken = held[
        (held["kind"] == "admin1") & held["status"].isin(["claimed", "corroborated"])
        & held["event"].isin(["capture", "withdrawal"]) & held["controller"].notna() & held["admin1"].notna()
    ]
    if len(taken) == 0:
        return sides
    if admin1 is None:
        try:
            from frontmap import boundaries
        except ImportError:  # pragma: no cover - shipped with frontmap
            log.warning("region polygons unavailable; region-level claims do not move territory")
            return sides
        admin1 = boundaries.admin1_polygons()
    code_col = "admin1" if "admin1" in admin1.columns else "code"
    polys = admin1.set_index(code_col).geometry
    moved = []
    for code, side in zip(taken.sort_values("as_of")["admin1"], taken.sort_values("as_of")["controller"]):
        if code not in polys.index:
            continue
        region = shapely.union_all(admin1[admin1[code_col] == code].to_crs(crs).geometry.to_numpy())
        region = _polygonal(shapely.intersection(
            _valid_poly(shapely.set_precision(_valid_poly(region), _GRID_M)), clip, grid_size=_GRID_M))
        if region.is_empty:
            continue
        sides = {s: _polygonal(shapely.difference(g, region, grid_size=_GRID_M)) for s, g in sides.items()}
        sides[side] = _polygonal(shapely.union(sides.get(side, shapely.Polygon()), region, grid_size=_GRID_M))
        moved.append(region)
    if not moved:
        return sides
    # region polygons and country polygons draw the border differently: no strips left beside a region
    return _absorb_slivers(sides, _SLIVER_M, _GRID_M, near=shapely.union_all(moved, grid_size=_GRID_M))


def _grid(bounds: np.ndarray, step: float) -> np.ndarray:
    import shapely

    minx, miny, maxx, maxy = bounds
    xs = np.arange(minx, maxx + step, step)
    ys = np.arange(miny, maxy + step, step)
    # offset every other row: a hexagonal-ish lattice gives rounder cells
    gx, gy = np.meshgrid(xs, ys)
    gx = gx + (np.arange(len(ys))[:, None] % 2) * step / 2
    return shapely.points(gx.ravel(), gy.ravel())


def area_changes(
    claims: gpd.GeoDataFrame,
    start: Any,
    end: Any,
    *,
    baseline: Baseline | None = None,
    **kwargs: Any,
) -> gpd.GeoDataFrame:
    """Territory that changed hands between two dates, in km².

    Builds :func:`control_areas` on both dates over the same theatre and intersects them.

    Returns
    -------
    GeoDataFrame
        ``from_side, to_side, area_km2, geometry`` (EPSG:4326), one row per pair of
        sides with a non-empty change; no rows when nothing changed.
    """
    import geopandas as gpd
    import shapely

    d0, d1 = to_date(start), to_date(end)
    if d1 < d0:
        raise ValueError(f"end {d1} is before start {d0}; give the earlier date first")
    base = baseline or Baseline.from_countries()
    if kwargs.get("extent") is None:
        held = held_on(claims, d1, baseline=base, window_days=kwargs.get("window_days", 3))
        if len(held) == 0:
            raise ValidationError("no claims to build control areas from; pass extent=")
        kwargs["extent"] = _theatre(held.geometry, kwargs.pop("margin_km", 50.0), kwargs.get("admin1"))
    a0 = control_areas(claims, d0, baseline=base, **kwargs)
    a1 = control_areas(claims, d1, baseline=base, **kwargs)
    c = kwargs["extent"].centroid if hasattr(kwargs["extent"], "centroid") else shapely.box(*kwargs["extent"]).centroid
    crs = _laea(c.x, c.y)
    p0, p1 = a0.to_crs(crs), a1.to_crs(crs)
    rows = []
    for s0, g0 in zip(p0["side"], p0.geometry):
        for s1, g1 in zip(p1["side"], p1.geometry):
            if s0 == s1:
                continue
            piece = _polygonal(shapely.intersection(g0, g1, grid_size=_GRID_M))
            if not piece.is_empty and piece.area > 1.0:
                rows.append((s0, s1, piece))
    out = gpd.GeoDataFrame(
        {"from_side": [r[0] for r in rows], "to_side": [r[1] for r in rows]},
        geometry=[r[2] for r in rows], crs=crs,
    )
    out["area_km2"] = out.geometry.area / 1e6
    out = out.to_crs(4326)
    out = out.set_geometry([_valid_poly(g) for g in out.geometry], crs=4326)
    return out[["from_side", "to_side", "area_km2", "geometry"]]


def front_line(
    claims: gpd.GeoDataFrame,
    date: Any,
    *,
    baseline: Baseline | None = None,
    areas: gpd.GeoDataFrame | None = None,
    sides: tuple[str, str] = SIDES,
    border_km: float = 2.0,
    coast_km: float = 1.0,
    min_km: float = 2.0,
    **kwargs: Any,
) -> gpd.GeoDataFrame:
    """The line(s) where the two sides' control areas meet, less the state border and the coast.

    Where a contested (grey) zone lies between the sides, the line follows the first
    side's edge of it (``sides[0]``, RU by default).

    Parameters
    ----------
    areas : GeoDataFrame, optional
        A :func:`control_areas` result to reuse; other keyword arguments go to it.
    border_km, coast_km : float
        Stretches this close to the international border between the sides' countries,
        or to the coast, are not front (polygons from different sources disagree there
        by up to a kilometre or two).
    min_km : float
        Pieces shorter than this are dropped.

    Returns
    -------
    GeoDataFrame
        ``length_km``, ``geometry`` (a MultiLineString in EPSG:4326); no rows when
        the sides do not meet away from the border.
    """
    import geopandas as gpd
    import shapely

    base = baseline or Baseline.from_countries()
    if areas is None:
        areas = control_areas(claims, date, baseline=base, **kwargs)
    empty = gpd.GeoDataFrame({"length_km": pd.Series(dtype=float)}, geometry=[], crs=4326)
    if len(areas) == 0:
        return empty
    b = areas.total_bounds
    crs = _laea((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
    proj = areas.to_crs(crs)
    by_side = dict(zip(proj["side"], proj.geometry))
    a, bside = (by_side.get(s) for s in sides)
    if a is None or bside is None:
        return empty
    if CONTESTED in by_side:  # a grey zone between the sides: the front is the first side's edge of it
        bside = shapely.union(bside, by_side[CONTESTED])
    tol = 50.0  # metres: overlay edges of the two areas coincide only to rounding
    line = shapely.intersection(shapely.boundary(a), shapely.buffer(bside, tol))
    window = shapely.box(b[0] - 1, b[1] - 1, b[2] + 1, b[3] + 1)  # degrees: the theatre and a margin
    countries = base._countries()
    col = _country_column(countries)
    near = countries[countries[col].isin(list(base.country_sides))]
    geoms = [
        _valid_poly(g) for g in gpd.GeoSeries(
            [shapely.intersection(_valid_poly(g), window) for g in near.geometry], crs=4326).to_crs(crs)
    ]
    exclude = []
    for i, g1 in enumerate(geoms):
        for g2 in geoms[i + 1:]:
            exclude.append(shapely.intersection(shapely.boundary(g1), shapely.buffer(g2, tol)).buffer(border_km * 1000))
    land = base._land()
    if land is not None and coast_km > 0:
        coast = gpd.GeoSeries([shapely.intersection(_valid_poly(land), window)], crs=4326).to_crs(crs).iloc[0]
        exclude.append(shapely.boundary(coast).buffer(coast_km * 1000))
    if exclude:
        line = shapely.difference(line, shapely.union_all(exclude))
    lines = [g for g in shapely.get_parts(line) if g.geom_type in ("LineString", "MultiLineString")]
    merged = shapely.line_merge(shapely.union_all(lines)) if lines else shapely.LineString()
    parts = [g for g in shapely.get_parts(merged) if not g.is_empty and g.length >= min_km * 1000]
    if not parts:
        return empty
    merged = shapely.multilinestrings(parts)
    out = gpd.GeoDataFrame({"length_km": [merged.length / 1000]}, geometry=[merged], crs=crs)
    return out.to_crs(4326)


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class Score:
    """How claims compare with a reference control layer (see :func:`score_against`)."""

    date: dt.date
    places: int  # places with a claim-derived controller on the date
    agree: int
    disagree: int
    unknown: int  # reference gives no side (grey zone, or outside every rule)
    agreement: float  # agree / (agree + disagree)
    claims_confirmed: int  # control claims dated on/before the reference date it agrees with
    median_lag_days: float | None
    lags_days: tuple[int, ...]
    table: Any = None  # per-place GeoDataFrame

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__ if k != "table"}


def score_against(
    claims: gpd.GeoDataFrame,
    reference: Baseline | str | os.PathLike[str] | gpd.GeoDataFrame,
    date: Any = None,
    *,
    baseline: Baseline | None = None,
    window_days: int = 3,
    **reference_kwargs: Any,
) -> Score:
    """Compare claimed control with a reference control layer.

    Parameters
    ----------
    claims : GeoDataFrame
        A claims table.
    reference : Baseline, path or GeoDataFrame
        The reference layer (a path or GeoDataFrame goes through
        :meth:`Baseline.from_reference` with ``reference_kwargs``).
    date : date-like, optional
        The day to compare on; default the reference layer's date.
    baseline : Baseline, optional
        For places whose claims all postdate ``date`` (not scored).  Places whose
        point stands for a region (``kind`` in :data:`AREA_KINDS`) are not scored.

    Returns
    -------
    Score
        Place-level agreement of :func:`held_on` (claim-derived places only) with the
        reference, and for each control claim dated on or before the reference date
        whose controller the reference shows, the lag in days until the reference date.
    """
    ref = reference if isinstance(reference, Baseline) else Baseline.from_reference(reference, **reference_kwargs)
    when = to_date(date) if date is not None else ref.date
    if when is None:
        raise ValueError("the reference layer has no date; pass date=YYYY-MM-DD")
    held = held_on(claims, when, baseline=baseline, window_days=window_days)
    # a region's centroid says nothing about who holds that point: settlement-level places only
    scored = held[(held["status"] != "baseline") & ~held["kind"].isin(list(AREA_KINDS))].copy()
    scored["reference"] = ref.side_at(scored.geometry) if len(scored) else []
    known = scored["reference"].isin(list(SIDES)) & scored["controller"].isin(list(SIDES))
    agree = int((known & (scored["reference"] == scored["controller"])).sum())
    disagree = int((known & (scored["reference"] != scored["controller"])).sum())
    scored["agrees"] = np.where(known, scored["reference"] == scored["controller"], None)

    start, _ = effective_dates(claims)
    mask = _control_rows(claims) & start.notna() & (start <= _ts(when))
    if "kind" in claims.columns:
        mask &= ~claims["kind"].isin(list(AREA_KINDS))
    sub = claims[mask.to_numpy()]
    lags: list[int] = []
    if len(sub):
        side = ref.side_at(sub.geometry)
        ok = side == sub["controller"].astype(str).to_numpy()
        lags = [int((_ts(when) - s).days) for s in start[mask][ok]]
    lags.sort()
    return Score(
        date=when,
        places=len(scored),
        agree=agree,
        disagree=disagree,
        unknown=int(len(scored) - agree - disagree),
        agreement=agree / (agree + disagree) if agree + disagree else float("nan"),
        claims_confirmed=len(lags),
        median_lag_days=float(np.median(lags)) if lags else None,
        lags_days=tuple(lags),
        table=scored,
    )
