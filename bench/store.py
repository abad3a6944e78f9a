"""Claim store throughput: ingest rate and query latency on 100,000 synthetic claims.

Goals (issue #5): ingest >= 2,000 claims/s; ``near`` and ``held_on`` < 200 ms each.

    .venv/bin/python bench/store.py [--claims 100000] [--per-article 10]

The synthetic claims are generated here (random places in a box over eastern Ukraine
and western Russia); nothing is read from ../shared.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402

from frontmap.query import Claims  # noqa: E402
from frontmap.store import ClaimStore  # noqa: E402
from frontmap.timeline import Baseline  # noqa: E402


def synthetic_claims(n: int, per_article: int, n_places: int, seed: int = 5) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    lon_p = rng.uniform(32.0, 40.0, n_places)
    lat_p = rng.uniform(46.5, 52.5, n_places)
    place = rng.integers(0, n_places, n)
    day0 = pd.Timestamp("2024-01-01")
    days = rng.integers(0, 700, n)
    dates = (day0 + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d")
    pub = (day0 + pd.to_timedelta(days + rng.integers(0, 3, n), unit="D")).strftime("%Y-%m-%d")
    controller = np.where(rng.random(n) < 0.55, "RU", "UA")
    claimants = np.array(["Russian MoD", "Ukrainian General Staff", "ISW", "Rybar", "DeepState", "Reuters",
                          "Russia's defence ministry", "TASS"])
    classes = np.array(["ru_official", "ua_official", "independent", "blogger", "independent", "media",
                        "ru_official", "ru_official"])
    who = rng.integers(0, len(claimants), n)
    undated = rng.random(n) < 0.05  # background claims with no event date in the text
    dates = np.where(undated, None, np.asarray(dates, dtype=object))
    article = np.arange(n) // per_article
    ids = [hashlib.sha1(f"{a}|{i}".encode()).hexdigest()[:16] for a, i in zip(article, range(n))]
    frame = {
        "article": [f"syn-{a:06d}" for a in article],
        "published": pub,
        "url": None,
        "outlet": "Synthetic Wire",
        "place": [f"Village {p}" for p in place],
        "name": [f"Village {p}" for p in place],
        "place_id": [str(100000 + p) for p in place],
        "lat": lat_p[place],
        "lon": lon_p[place],
        "kind": "settlement",
        "coord_precision": "point",
        "admin1": None,
        "country": np.where(lon_p[place] < 36.0, "UA", "RU"),
        "event": rng.choice(["capture", "withdrawal", "advance", "other", "mention"], n, p=[0.3, 0.1, 0.3, 0.2, 0.1]),
        "controller": controller,
        "actor": controller,
        "claimant": claimants[who],
        "claimant_class": classes[who],
        "hedged": rng.random(n) < 0.2,
        "event_date": dates,
        "date_precision": np.where(undated, "unknown", "day"),
        "date_start": dates,
        "date_end": dates,
        "sentence": [f"Synthetic sentence {i} about village {p}." for i, p in zip(range(n), place)],
        "sentence_start": 0,
        "sentence_end": 40,
        "mention_start": 0,
        "mention_end": 10,
        "confidence": rng.uniform(0.5, 1.0, n).round(3),
        "claim_id": ids,
    }
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=4326)


def timed(fn, repeat: int = 7):
    """Median wall and CPU milliseconds over ``repeat`` runs (the CPU figure ignores other load on the machine)."""
    times, cpu = [], []
    result = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(times), times, result, statistics.median(cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--per-article", type=int, default=10)
    ap.add_argument("--places", type=int, default=20_000)
    args = ap.parse_args()

    gdf = synthetic_claims(args.claims, args.per_article, args.places)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.gpkg"
        with ClaimStore(path) as store:
            t0, c0 = time.perf_counter(), time.process_time()
            rep = store.ingest_claims(gdf)
            dt_ingest = time.perf_counter() - t0
            cpu_ingest = time.process_time() - c0
            t0 = time.perf_counter()
            again = store.ingest_claims(gdf)
            dt_again = time.perf_counter() - t0
            stats = store.stats()
        size_mb = path.stat().st_size / 1e6
        print(f"claims: {args.claims:,} in {rep.added:,} articles ({args.per_article}/article), {args.places:,} places")
        print(f"ingest: {dt_ingest:.2f} s wall = {args.claims / dt_ingest:,.0f} claims/s "
              f"(one transaction per article; goal >= 2,000/s); CPU {cpu_ingest:.2f} s = "
              f"{args.claims / cpu_ingest:,.0f} claims/s of CPU")
        print(f"re-ingest (all unchanged): {dt_again:.2f} s, {again.unchanged:,} unchanged, {again.claims} written")
        print(f"store: {stats['reports']:,} reports -> {stats['claims']:,} deduplicated claims, "
              f"{stats['contested']:,} contested; {size_mb:.1f} MB")

        t0 = time.perf_counter()
        claims = Claims.from_store(path, baseline=Baseline.from_countries(countries=_no_polygons()))
        print(f"load: Claims.from_store {1000 * (time.perf_counter() - t0):.0f} ms")
        t0 = time.perf_counter()
        claims.gdf.sindex  # noqa: B018 - built once, reused by every spatial query
        print(f"spatial index build: {1000 * (time.perf_counter() - t0):.0f} ms (once per load)")
        t0 = time.perf_counter()
        claims.held_on("2025-03-13")
        print(f"first held_on (derives dates, place keys, claimant keys once per Claims): "
              f"{1000 * (time.perf_counter() - t0):.0f} ms")
        med, times, hits, cpu = timed(lambda: claims.near((50.0, 36.5), 30))
        print(f"near((50.0, 36.5), 30 km): median {med:.1f} ms wall, {cpu:.1f} ms CPU over {len(times)} runs "
              f"(max {max(times):.1f}); {len(hits):,} claims")
        med, times, held, cpu = timed(lambda: claims.held_on("2025-03-13"))
        print(f"held_on(2025-03-13): median {med:.1f} ms wall, {cpu:.1f} ms CPU over {len(times)} runs "
              f"(max {max(times):.1f}); {len(held):,} places, {int((held['status'] != 'baseline').sum()):,} from claims")
        med, times, chain, cpu = timed(lambda: claims.near((50.0, 36.5), 50).between("2025-01-01", "2025-03-31").by(side="RU"))
        print(f"near+between+by chain: median {med:.1f} ms wall, {cpu:.1f} ms CPU; {len(chain):,} claims")
        import pyogrio

        box = (36.2, 49.8, 36.8, 50.2)
        med, times, df, cpu = timed(lambda: pyogrio.read_dataframe(path, layer="claims", bbox=box, columns=["name"]))
        rtree = pyogrio.read_info(path, layer="claims")["capabilities"]["fast_spatial_filter"]
        print(f"GDAL bbox read of the claims layer (R-tree: {rtree}): median {med:.1f} ms wall; {len(df):,} claims")
        print(f"machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def _no_polygons() -> gpd.GeoDataFrame:
    """Every synthetic claim carries its country, so the baseline never needs polygons."""
    return gpd.GeoDataFrame({"country": []}, geometry=[], crs=4326)


if __name__ == "__main__":
    main()
