"""Build claims GeoDataFrames for the store/timeline/query tests (sentences written for the tests).

Geometry helpers give two toy "countries" sharing a straight border at lon 35.0, so the
expected areas are known: RU east of the border, UA west of it.
"""

from __future__ import annotations

import calendar
import hashlib
from typing import Any

import geopandas as gpd
import shapely

# The claims-table columns (docs/contracts.md).
COLUMNS = (
    "article", "published", "url", "outlet", "place", "name", "place_id", "lat", "lon", "kind",
    "coord_precision", "admin1", "country", "event", "controller", "actor", "claimant", "claimant_class",
    "hedged", "event_date", "date_precision", "date_start", "date_end", "sentence", "sentence_start",
    "sentence_end", "mention_start", "mention_end", "confidence", "claim_id",
)

# Made-up places on both sides of the toy border (lon 35.0); lat/lon, country.
PLACES: dict[str, tuple[str, float, float, str]] = {
    "Zarichne": ("9001", 51.00, 34.60, "UA"),
    "Bilopillia": ("9002", 51.10, 34.30, "UA"),
    "Krasnyi Yar": ("9003", 51.20, 35.30, "RU"),
    "Sudzha": ("9004", 51.19, 35.27, "RU"),
    "Malaya Loknya": ("9005", 51.30, 35.20, "RU"),
    "Oleshnia": ("9006", 50.80, 34.80, "UA"),
    "Far Village": ("9007", 52.40, 36.90, "RU"),
}


def claim(
    article: str,
    place: str,
    *,
    event: str = "capture",
    controller: str | None = "RU",
    claimant: str = "Russian Ministry of Defence",
    claimant_class: str = "ru_official",
    event_date: str | None = "2025-03-10",
    published: str | None = "2025-03-11",
    hedged: bool = False,
    sentence: str | None = None,
    confidence: float = 0.9,
    **extra: Any,
) -> dict[str, Any]:
    """One claim row; dates follow the contract (a month covers the whole month)."""
    pid, lat, lon, country = PLACES[place]
    if event_date is None:
        precision, start, end = "unknown", None, None
    elif len(event_date) == 10:
        precision, start, end = "day", event_date, event_date
    elif len(event_date) == 7:
        y, m = map(int, event_date.split("-"))
        precision, start, end = "month", f"{event_date}-01", f"{event_date}-{calendar.monthrange(y, m)[1]:02d}"
    else:
        precision, start, end = "year", f"{event_date}-01-01", f"{event_date}-12-31"
    sentence = sentence or f"{claimant} said its forces took control of {place}."
    cid = hashlib.sha1(f"{article}|{sentence}|{pid}|{event}".encode()).hexdigest()[:16]
    row = {
        "article": article, "published": published, "url": f"https://example.org/{article}", "outlet": "Example Wire",
        "place": place, "name": place, "place_id": pid, "lat": lat, "lon": lon, "kind": "settlement",
        "coord_precision": "point", "admin1": f"{country}.01", "country": country, "event": event,
        "controller": controller, "actor": controller, "claimant": claimant, "claimant_class": claimant_class,
        "hedged": hedged, "event_date": event_date, "date_precision": precision, "date_start": start,
        "date_end": end, "sentence": sentence, "sentence_start": 0, "sentence_end": len(sentence),
        "mention_start": 0, "mention_end": len(place), "confidence": confidence, "claim_id": cid,
    }
    row.update(extra)
    return row


def claims_gdf(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """A claims GeoDataFrame (EPSG:4326, point geometry at lon, lat) from claim rows."""
    frame = {c: [r.get(c) for r in rows] for c in COLUMNS}
    extras = sorted({k for r in rows for k in r} - set(COLUMNS))
    for k in extras:
        frame[k] = [r.get(k) for r in rows]
    return gpd.GeoDataFrame(
        frame, geometry=gpd.points_from_xy([r["lon"] for r in rows], [r["lat"] for r in rows]), crs=4326
    )


def toy_countries() -> gpd.GeoDataFrame:
    """UA west of lon 35, RU east of it, both between lat 49 and 53, lon 32..39."""
    return gpd.GeoDataFrame(
        {"country": ["UA", "RU"], "name": ["Ukraine", "Russia"]},
        geometry=[shapely.box(32.0, 49.0, 35.0, 53.0), shapely.box(35.0, 49.0, 39.0, 53.0)],
        crs=4326,
    )


def toy_land() -> shapely.Polygon:
    """Land everywhere except a square 'lake' straddling nothing important (lat 49..49.3)."""
    return shapely.difference(shapely.box(30.0, 48.0, 41.0, 54.0), shapely.box(33.0, 49.0, 33.5, 49.3))
