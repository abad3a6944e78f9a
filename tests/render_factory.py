"""Claims tables for the render tests, with exactly the claims-table columns (docs/contracts.md).

Sentences are written for these tests, in the shapes war reporting uses.
"""

from __future__ import annotations

CLAIM_COLUMNS = [
    "article", "published", "url", "outlet", "place", "name", "place_id", "lat", "lon", "kind",
    "coord_precision", "admin1", "country", "event", "controller", "actor", "claimant", "claimant_class",
    "hedged", "event_date", "date_precision", "date_start", "date_end", "sentence", "sentence_start",
    "sentence_end", "mention_start", "mention_end", "confidence", "claim_id",
]

XSS = "Officials said the village of Ozerne was taken <script>alert(1)</script> overnight."


def claim(**over):
    """One claims-table row with sensible defaults (a Russian capture claim)."""
    row = dict(
        article="kyiv-daily-0412", published="2025-04-12", url="https://news.example.org/2025/04/12/front",
        outlet="Kyiv Daily", place="Ozerne", name="Ozerne", place_id="700001", lat=48.95, lon=37.72,
        kind="settlement", coord_precision="point", admin1="UA.05", country="UA", event="capture",
        controller="RU", actor="RU", claimant="Russian Defence Ministry", claimant_class="ru_official",
        hedged=False, event_date="2025-04-11", date_precision="day", date_start="2025-04-11",
        date_end="2025-04-11", sentence="Russia's defence ministry said its troops had taken Ozerne.",
        sentence_start=0, sentence_end=60, mention_start=48, mention_end=54, confidence=0.9, claim_id="c1",
    )
    row.update(over)
    return row


def claims_gdf(rows):
    """A claims GeoDataFrame (EPSG:4326, point geometry) from ``claim()`` rows."""
    import geopandas as gpd
    import pandas as pd

    df = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs="EPSG:4326")
