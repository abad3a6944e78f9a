"""Claims table -> the compact, escaped payload the HTML map draws.

Pure pandas/python (no folium): one *feature* per distinct claim, i.e. per
(place, event, side, start day), carrying every source that made that claim.
Every string that can reach HTML is ``html.escape``-d here, once, and stored in
one string table the page's script indexes into; the page never sees raw text.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from frontmap.errors import ValidationError

log = logging.getLogger(__name__)

#: Colours shared by the HTML map and the static figure (fill colour by side).
SIDE_COLORS: dict[str, str] = {"RU": "#c62828", "UA": "#1565c0", "none": "#6d6d6d"}
MENTION_COLOR = "#8a8a8a"
#: Fill of control areas by side (``timeline.control_areas`` also returns "contested").
AREA_COLORS: dict[str, str] = {**SIDE_COLORS, "contested": "#e69f00"}
SIDE_LABELS: dict[str, str] = {"RU": "Russian-held / Russian action", "UA": "Ukrainian-held / Ukrainian action", "none": "Side not stated"}
EVENTS: tuple[str, ...] = ("capture", "withdrawal", "advance", "attack", "incursion", "other")
CLAIMANT_CLASSES: dict[str, str] = {
    "ru_official": "Russian officials",
    "ua_official": "Ukrainian officials",
    "independent": "Independent (ISW, analysts)",
    "media": "Media",
    "blogger": "Bloggers",
    "other": "Other claimants",
}
#: Radius (metres) of the soft circle drawn for a claim located only to an area.
AREA_RADIUS_M: dict[str, int] = {"admin2": 20_000, "admin1": 70_000, "country": 250_000, "area": 15_000}
AREA_KINDS = ("admin1", "admin2", "country")
QUOTE_MAX_CHARS = 320
MS_PER_DAY = 86_400_000


def _text(value: Any) -> str | None:
    """A clean string or None for NaN/None/empty."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    s = str(value).strip()
    return s or None


def safe_url(value: Any) -> str | None:
    """Return ``value`` if it is an absolute http(s) URL with a host, else None.

    Article metadata is untrusted: ``javascript:``, ``data:`` and relative URLs
    are never turned into links.
    """
    s = _text(value)
    if s is None or any(ch in s for ch in "\r\n\t\x00 "):
        return None
    try:
        parts = urlsplit(s)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return s


def _flag(value: Any) -> bool:
    """Truthiness of a possibly-missing boolean cell."""
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def _truncate(s: str, limit: int = QUOTE_MAX_CHARS) -> str:
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "\u2026"


def _day_ms(value: Any) -> int | None:
    s = _text(value)
    if s is None:
        return None
    try:
        d = dt.date.fromisoformat(s[:10])
    except ValueError:
        return None
    return int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc).timestamp() * 1000)


def ms_to_iso(ms: int) -> str:
    """Epoch milliseconds (UTC midnight) -> ``YYYY-MM-DD``."""
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.timezone.utc).date().isoformat()


def side_of(controller: Any, actor: Any) -> str:
    """The side a claim is drawn for: its controller, else its actor, else ``"none"``."""
    for v in (controller, actor):
        s = _text(v)
        if s:
            return s
    return "none"


class StringTable:
    """Escaped, de-duplicated strings; features refer to them by index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, value: Any, *, limit: int | None = None, escape: bool = True) -> int:
        """Index of ``value`` (escaped for HTML) in the table; -1 for a missing value."""
        s = _text(value)
        if s is None:
            return -1
        if limit:
            s = _truncate(s, limit)
        if escape:
            s = html.escape(s, quote=True)
        idx = self._index.get(s)
        if idx is None:
            idx = self._index[s] = len(self.items)
            self.items.append(s)
        return idx


@dataclass
class Payload:
    """Everything the HTML map needs, already escaped."""

    features: list[dict[str, Any]]
    strings: list[str]
    start_ms: int | None
    end_ms: int | None
    bounds: list[list[float]] | None  # [[south, west], [north, east]]
    sides: list[str]
    events: list[str]
    classes: list[str]
    n_claims: int
    n_mentions: int
    n_undated: int
    aggregated: str | None = None  # None | "month" | "place"
    counts: dict[str, int] = field(default_factory=dict)


def as_claims_frame(claims: Any) -> pd.DataFrame:
    """Accept a claims GeoDataFrame, a ``frontmap.query.Claims`` or a DataFrame with lat/lon.

    Returns a plain DataFrame with ``lat``/``lon`` filled from the geometry where
    present (reprojected to EPSG:4326) and every optional column present.

    Raises
    ------
    ValidationError
        If there is no way to place the rows, or ``event`` is missing.
    """
    gdf = getattr(claims, "gdf", claims)
    if not isinstance(gdf, pd.DataFrame):
        raise ValidationError(
            f"expected a claims GeoDataFrame (frontmap.claims.extract) or frontmap.query.Claims, got {type(claims).__name__}"
        )
    df = pd.DataFrame(gdf).copy()
    problems = []
    geom_col = getattr(gdf, "_geometry_column_name", None) if hasattr(gdf, "crs") else None
    if geom_col is not None and geom_col in df.columns and len(df):
        g = gdf.geometry
        if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
            g = g.to_crs(4326)
        # claims are points; for anything else use a representative point
        pts = g.where(g.geom_type == "Point", g.representative_point())
        df["lon"] = pts.x.to_numpy()
        df["lat"] = pts.y.to_numpy()
        df = df.drop(columns=[geom_col])
    if "lat" not in df.columns or "lon" not in df.columns:
        problems.append("no geometry and no lat/lon columns")
    if "event" not in df.columns:
        problems.append("no 'event' column")
    if problems:
        raise ValidationError(
            "cannot map this table: " + "; ".join(problems) + ". Pass the GeoDataFrame frontmap.claims.extract() returns."
        )
    for col in (
        "article", "published", "url", "outlet", "place", "name", "place_id", "kind", "coord_precision",
        "admin1", "country", "controller", "actor", "claimant", "claimant_class", "hedged", "event_date",
        "date_precision", "date_start", "date_end", "sentence", "claim_id",
    ):
        if col not in df.columns:
            df[col] = None
    df["lat"] = pd.to_numeric(df["lat"], errors="coerce")
    df["lon"] = pd.to_numeric(df["lon"], errors="coerce")
    bad = df["lat"].isna() | df["lon"].isna() | ~df["lat"].between(-90, 90) | ~df["lon"].between(-180, 180)
    if bad.any():
        log.warning("dropping %d claim rows without usable coordinates", int(bad.sum()))
        df = df[~bad]
    return df.reset_index(drop=True)


def _negated(df: pd.DataFrame) -> pd.Series:
    """Rows whose sentence denies the claimed event (the ``negated`` column; False when absent)."""
    if "negated" not in df.columns:
        return pd.Series(False, index=df.index)
    return df["negated"].map(_flag).astype(bool)


def contested_places(df: pd.DataFrame) -> set[str]:
    """Places both sides claim to control (a capture/holding claim by each side); denials don't count."""
    claims = df[(df["event"] != "mention") & df["controller"].notna() & ~_negated(df)]
    if claims.empty:
        return set()
    key = claims["place_id"].fillna(claims["lat"].round(4).astype(str) + "," + claims["lon"].round(4).astype(str))
    n_sides = claims.groupby(key)["controller"].nunique()
    return set(n_sides[n_sides > 1].index)


def _date_span(starts: list) -> str:
    """``first to last`` day of epoch-ms starts, or "undated"."""
    if not starts:
        return "undated"
    lo, hi = ms_to_iso(int(min(starts))), ms_to_iso(int(max(starts)))
    return lo if lo == hi else f"{lo} to {hi}"


def _place_key(row_place_id: Any, lat: float, lon: float) -> str:
    pid = _text(row_place_id)
    return pid if pid else f"{lat:.4f},{lon:.4f}"


def _precision_radius(kind: Any, coord_precision: Any) -> int:
    k = _text(kind)
    if k in AREA_KINDS:
        return AREA_RADIUS_M[k]
    if _text(coord_precision) == "area":
        return AREA_RADIUS_M["area"]
    return 0


def build_payload(df: pd.DataFrame, *, aggregate_above: int = 5000, max_sources: int = 12) -> Payload:
    """Group claim rows into map features and escape every string once.

    Parameters
    ----------
    df
        Output of :func:`as_claims_frame`.
    aggregate_above
        When there are more distinct claims than this, claims of the same place,
        side and event within one calendar month become one feature (its start is
        the month's first claim), so the page stays small and fast.
    max_sources
        Sources listed per feature in its popup; the rest are counted.
    """
    strings = StringTable()
    contested = contested_places(df)
    ev = df["event"].astype("string").fillna("other").str.lower()
    # a denied event ("X denied that Y had fallen") is no control claim: draw it with the faded mentions
    is_mention = (ev == "mention") | _negated(df)
    starts = [_day_ms(v) for v in df["date_start"]]
    ends = [_day_ms(v) for v in df["date_end"]]
    # the slider spans the claims' event dates (mentions are not events)
    dated = [s for s, mm in zip(starts, is_mention) if s is not None and not mm]
    start_ms = min(dated) if dated else None
    end_candidates = [e for e, mm in zip(ends, is_mention) if e is not None and not mm] + dated
    end_ms = max(end_candidates) if end_candidates else None

    rows = df.assign(_event=ev, _start=starts)
    # sides come from the data too: escaped, as they reach tooltips and filter keys
    rows["_side"] = [html.escape(side_of(c, a), quote=True) for c, a in zip(rows["controller"], rows["actor"])]
    rows["_place"] = [_place_key(p, la, lo) for p, la, lo in zip(rows["place_id"], rows["lat"], rows["lon"])]
    mentions = rows[is_mention.to_numpy()]
    claims = rows[~is_mention.to_numpy()]

    # aggregation: the finest grouping with at most `aggregate_above` markers
    #   day:   one marker per distinct claim (place, event, side, start day)
    #   month: same place/event/side within a calendar month
    #   place: one marker per place (sides/events listed; colour = most-claimed side)
    bucket = claims["_start"].astype("float64")
    month = pd.to_datetime(bucket, unit="ms", utc=True).dt.strftime("%Y-%m").fillna("undated")
    levels = [
        (None, ["_place", "_event", "_side", "_b"], bucket.fillna(-1)),
        ("month", ["_place", "_event", "_side", "_b"], month),
        ("place", ["_place"], month),
    ]
    aggregated, key_cols, bucket_key = levels[0]
    if len(claims):
        for level, cols, bkey in levels:
            aggregated, key_cols, bucket_key = level, cols, bkey
            n_groups = len(claims.assign(_b=bkey.to_numpy()).groupby(cols, dropna=False))
            if n_groups <= aggregate_above:
                break
        if aggregated:
            log.info("%d claims: aggregated to %d markers (by %s)", len(claims), n_groups, aggregated)
            max_sources = min(max_sources, 3)
    claims = claims.assign(_b=bucket_key.to_numpy())

    features: list[dict[str, Any]] = []
    sides: set[str] = set()
    events: set[str] = set()
    classes: set[str] = set()
    n_undated = 0
    # plain lists: a python loop over groups is much faster than per-group pandas calls
    col = {c: claims[c].tolist() for c in (
        "article", "published", "url", "outlet", "place", "name", "controller", "claimant", "claimant_class",
        "hedged", "event_date", "date_precision", "sentence", "kind", "coord_precision", "lat", "lon",
        "_start", "_side", "_event", "_place", "_b")}
    n_src_col = pd.to_numeric(claims["n_sources"], errors="coerce").tolist() if "n_sources" in claims.columns else None
    groups = claims.groupby(key_cols, sort=False, dropna=False).indices if len(claims) else {}
    for idx in groups.values():
        idx = sorted(idx, key=lambda i: (_text(col["published"][i]) is None, _text(col["published"][i]) or ""))
        first = idx[0]
        grp_starts = [col["_start"][i] for i in idx if col["_start"][i] is not None and col["_start"][i] == col["_start"][i]]
        start = int(min(grp_starts)) if grp_starts else None
        arts = {_text(col["article"][i]) or f"#{i}" for i in idx}
        n = len(arts)
        if n_src_col is not None:
            ns = [v for v in (n_src_col[i] for i in idx) if v == v]
            if ns:
                n = max(n, int(max(ns)))
        srcs = []
        seen: set[tuple] = set()
        for i in idx:
            k = (_text(col["article"][i]), _text(col["sentence"][i]), _text(col["claimant"][i]))
            if k in seen:
                continue
            seen.add(k)
            if len(srcs) < max_sources:
                srcs.append([
                    strings.add(col["claimant"][i]),
                    strings.add(col["claimant_class"][i]),
                    strings.add(col["outlet"][i] or col["article"][i], limit=120),
                    strings.add(safe_url(col["url"][i])),
                    strings.add(col["sentence"][i], limit=QUOTE_MAX_CHARS),
                    1 if _flag(col["hedged"][i]) else 0,
                    strings.add(col["published"][i]),
                    strings.add(col["event_date"][i]),
                    strings.add(col["date_precision"][i]),
                ])
        cls = sorted({html.escape(_text(col["claimant_class"][i]) or "other", quote=True) for i in idx})
        hedged_all = all(bool(s[5]) for s in srcs) if srcs else False
        grp_sides = Counter(col["_side"][i] for i in idx)
        grp_events = Counter(col["_event"][i] if col["_event"][i] in EVENTS else "other" for i in idx)
        side = grp_sides.most_common(1)[0][0]
        event = grp_events.most_common(1)[0][0]
        sides.update(grp_sides)
        events.update(grp_events)
        classes.update(cls)
        lat = sum(col["lat"][i] for i in idx) / len(idx)
        lon = sum(col["lon"][i] for i in idx) / len(idx)
        name = col["name"][first] if _text(col["name"][first]) else col["place"][first]
        props: dict[str, Any] = {
            "k": "c" if start is not None else "u",
            "s": side,
            "e": event,
            "c": cls,
            "pl": strings.add(name),
            "pw": strings.add(col["place"][first]),
            "ct": strings.add(col["controller"][first]),
            "d": strings.add(col["event_date"][first]) if aggregated is None else strings.add(
                str(col["_b"][first]) if aggregated == "month" else _date_span(grp_starts)),
            "dp": strings.add(col["date_precision"][first]) if aggregated is None else strings.add(f"aggregated by {aggregated}"),
            "n": n,
            "m": len(idx),
            "src": srcs,
            "_pk": col["_place"][first],
        }
        if aggregated == "place":
            props["s"] = sorted(grp_sides)
            props["e"] = sorted(grp_events)
            props["sc"] = side
            props["sum"] = strings.add(" · ".join(f"{k} {v}" for k, v in grp_sides.most_common())
                                       + " | " + " · ".join(f"{k} {v}" for k, v in grp_events.most_common()))
        if hedged_all:
            props["h"] = 1
        radius = _precision_radius(col["kind"][first], col["coord_precision"][first])
        if radius:
            props["r"] = radius
        if col["_place"][first] in contested:
            props["x"] = 1
        if start is None:
            n_undated += 1
        props["_start"] = start
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]}, "properties": props})
    # several area claims on one region would stack into an opaque blob: share the fill among them
    stack = Counter(tuple(f["geometry"]["coordinates"]) for f in features if f["properties"].get("r"))
    for f in features:
        k = stack.get(tuple(f["geometry"]["coordinates"]), 0) if f["properties"].get("r") else 0
        if k > 1:
            f["properties"]["o"] = k
    # place mentions: one faint dot per place, not on the time slider
    n_mention_features = 0
    if len(mentions):
        for _, grp in mentions.groupby("_place", sort=False):
            first = grp.iloc[0]
            props = {
                "k": "m",
                "pl": strings.add(first["name"] if _text(first["name"]) else first["place"]),
                "pw": strings.add(first["place"]),
                "n": int(grp["article"].map(_text).nunique()) or len(grp),
                "m": len(grp),
                "src": [[-1, -1, strings.add(r.outlet or r.article, limit=120), strings.add(safe_url(r.url)),
                         strings.add(r.sentence, limit=QUOTE_MAX_CHARS), 0, strings.add(r.published), -1, -1]
                        for r in grp.head(3).itertuples(index=False)],
                "_start": None,
            }
            features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(float(first["lon"]), 4), round(float(first["lat"]), 4)]}, "properties": props})
            n_mention_features += 1

    # time interval per feature: a dated claim is visible from its first day to the end of the data;
    # undated claims and mentions are visible over the whole range.
    if start_ms is None:
        pub = [_day_ms(v) for v in df["published"]]
        pub = [p for p in pub if p is not None]
        start_ms = min(pub) if pub else _day_ms(dt.date.today().isoformat())
        end_ms = max(pub) if pub else start_ms
    assert end_ms is not None
    last = end_ms + MS_PER_DAY - 1
    for f in features:
        p = f["properties"]
        s = p.pop("_start")
        p["start"] = s if s is not None else start_ms
        p["end"] = last
    # a dated claim shows until a later-dated claim about the same place supersedes it, so the slider
    # shows each place's latest claims on that day (claims of one day, e.g. both sides', show together)
    later_starts: dict[Any, list[int]] = {}
    for f in features:
        p = f["properties"]
        if p["k"] == "c":
            later_starts.setdefault(p["_pk"], []).append(p["start"])
    for f in features:
        p = f["properties"]
        pk = p.pop("_pk", None)
        if p["k"] == "c":
            nxt = [x for x in later_starts[pk] if x > p["start"]]
            if nxt:
                p["end"] = min(nxt) - 1
    # drawing order (later is on top): region areas under points, then mentions, undated, hedged,
    # and the rest by date, so a place's latest firm claim is the mark you see
    features.sort(key=lambda f: (0 if f["properties"].get("r") else 1, {"m": 0, "u": 1}.get(f["properties"]["k"], 2),
                                 -f["properties"].get("h", 0), f["properties"]["start"]))

    framed = claims if len(claims) else rows  # frame the claims; mentions only when there is nothing else
    if len(framed):
        bounds = [[float(framed["lat"].min()), float(framed["lon"].min())], [float(framed["lat"].max()), float(framed["lon"].max())]]
    else:
        bounds = None
    return Payload(
        features=features,
        strings=strings.items,
        start_ms=start_ms,
        end_ms=end_ms,
        bounds=bounds,
        sides=sorted(sides, key=lambda s: (s == "none", s)),
        events=[e for e in EVENTS if e in events],
        classes=[c for c in CLAIMANT_CLASSES if c in classes] + sorted(classes - set(CLAIMANT_CLASSES)),
        n_claims=len(claims),
        n_mentions=len(mentions),
        n_undated=n_undated,
        aggregated=aggregated,
        counts={"features": len(features), "mention_places": n_mention_features},
    )
