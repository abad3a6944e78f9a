"""Gazetteer figures for the README.

Prints:
  * cold start of `frontmap geocode Sudzha` as a whole process (the venv's console script; median of runs)
  * lookups per second on a realistic mix of distinct names: first lookup of each (uncached)
    and warm (the same mix again, served by the in-memory cache in front of SQLite)
  * resident memory with the gazetteer loaded (after exact lookups; after fuzzy + reverse too)
  * build time of the whole gazetteer from ../shared/data-sources into a temporary folder
  * the gazetteer's ceiling on ../shared/dev gold toponyms without context (first candidate / among 10)

Usage: .venv/bin/python bench/gazetteer.py [--runs 9] [--names 20000] [--skip-build]
The build step reads ../shared/data-sources (override the shared folder with $FRONTMAP_SHARED).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTMAP_SHARED") or REPO.parent / "shared")


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cold_start(runs: int) -> None:
    exe = Path(sys.executable).parent / "frontmap"
    if not exe.exists():
        print(f"cold start: {exe} not found (pip install -e . first)")
        return
    times = []
    with tempfile.TemporaryDirectory() as cwd:  # run from another folder, as a user would
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([str(exe), "geocode", "Sudzha"], cwd=cwd, check=True, capture_output=True)
            times.append(time.perf_counter() - t)
    print(f"cold start `frontmap geocode Sudzha`: median {statistics.median(times):.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}, {runs} runs; goal < 0.4 s)")


def lookups(n_names: int) -> None:
    from frontmap.gazetteer import Gazetteer

    t = time.perf_counter()
    gz = Gazetteer.load()
    print(f"open gazetteer: {1000 * (time.perf_counter() - t):.1f} ms; RSS {rss_mb():.0f} MB")
    # a realistic mix: names of settlements, regions and airports of UA and RU plus the world's towns,
    # weighted to the war's region, spelled as the gazetteer has them (exact lookups)
    rows = gz._query(
        "SELECT p.name, c.value FROM places p JOIN codes c ON c.field = 'country' AND c.code = p.country")
    rng = random.Random(42)
    ua_ru = sorted({n for n, cc in rows if cc in ("UA", "RU")})
    other = sorted({n for n, cc in rows if cc not in ("UA", "RU")})
    mix = rng.sample(ua_ru, min(len(ua_ru), int(n_names * 0.7))) + rng.sample(other, min(len(other), int(n_names * 0.3)))
    rng.shuffle(mix)
    t = time.perf_counter()
    for name in mix:
        gz.candidates(name)
    dt = time.perf_counter() - t
    print(f"first (uncached) exact lookups: {len(mix) / dt:,.0f}/s over {len(mix):,} distinct names "
          f"({1e6 * dt / len(mix):.0f} us each)")
    reps = 5
    t = time.perf_counter()
    for _ in range(reps):
        for name in mix:
            gz.candidates(name)
    dt = time.perf_counter() - t
    print(f"warm exact lookups: {reps * len(mix) / dt:,.0f}/s ({reps} passes over the same {len(mix):,} distinct names; goal 200,000/s)")
    print(f"RSS with gazetteer loaded (after the lookups): {rss_mb():.0f} MB (goal < 300 MB)")
    t = time.perf_counter()
    gz.candidates("Vovchanks")
    print(f"first fuzzy lookup (loads the vocabulary): {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    for i in range(200):
        gz.candidates(f"Kupyanks{'x' * (i % 3)}{i}")
    print(f"fuzzy lookups: {200 / (time.perf_counter() - t):,.0f}/s")
    t = time.perf_counter()
    for i in range(1000):
        gz.reverse(47.0 + (i % 50) * 0.1, 33.0 + (i // 50) * 0.3)
    print(f"reverse lookups: {1000 / (time.perf_counter() - t):,.0f}/s")
    print(f"RSS after fuzzy + reverse: {rss_mb():.0f} MB")


def build_time() -> None:
    src = SHARED / "data-sources"
    if not src.is_dir():
        print(f"build: {src} not found; set $FRONTMAP_SHARED")
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "gazetteer"
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "frontmap", "gazetteer", "build", "--from", str(src), "-o", str(out)],
                       check=True, capture_output=True)
        dt = time.perf_counter() - t
        size = sum(p.stat().st_size for p in out.iterdir()) / 1e6
        print(f"build time (whole gazetteer from {src.name}): {dt:.1f} s; output {size:.1f} MB")
    shipped = REPO / "data" / "gazetteer"
    if shipped.is_dir():
        print(f"shipped data/gazetteer: {sum(p.stat().st_size for p in shipped.iterdir()) / 1e6:.1f} MB")


def recall() -> None:
    """Gazetteer ceiling on the dev gold (no context): is the true place the first candidate / among 10?"""
    import json

    from geopy.distance import great_circle

    from frontmap.gazetteer import Gazetteer

    gz = Gazetteer.load()
    dev = SHARED / "dev"
    if not dev.is_dir():
        print(f"recall: {dev} not found; set $FRONTMAP_SHARED")
        return

    def score(items: list[tuple[str, float, float, float]], label: str, show_misses: bool = False) -> None:
        top1 = top10 = top50 = 0
        misses = []
        for name, lat, lon, tol in items:
            cands = gz.candidates(name, limit=50)
            d = [great_circle((lat, lon), (c.place.lat, c.place.lon)).km for c in cands]
            top1 += bool(d) and d[0] <= tol
            top10 += any(x <= tol for x in d[:10])
            hit = any(x <= tol for x in d)
            top50 += hit
            if not hit:
                misses.append(name)
        n = len(items)
        print(f"{label}: {n} toponyms; first candidate right {top1 / n:.1%}, among 10 {top10 / n:.1%}, among 50 {top50 / n:.1%}")
        if show_misses and misses:
            print(f"  not among 50: {', '.join(sorted(set(misses))[:40])}")

    news = []
    for path in (dev / "news" / "PLACES.jsonl", SHARED / "seeds" / "PLACES_seed.jsonl"):
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                r = json.loads(line)
                tol = 10.0 if r["kind"] in ("settlement", "facility") else 150.0
                news.append((r["place"], float(r["lat"]), float(r["lon"]), tol))
    if news:
        score(news, "war news places (settlement/facility within 10 km, regions within 150 km)", show_misses=True)
    for corpus in ("LGL", "GeoVirus"):
        path = dev / "geoparse" / f"{corpus}.jsonl"
        if not path.is_file():
            continue
        items = []
        with open(path, encoding="utf-8") as fh:  # not splitlines(): texts hold U+2028
            lines = [ln for ln in fh if ln.strip()]
        for line in lines:
            for t in json.loads(line)["toponyms"]:
                if t.get("lat") is not None:
                    items.append((t["name"], float(t["lat"]), float(t["lon"]), 161.0))
        score(items, f"{corpus} toponyms (within 161 km)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--names", type=int, default=20000)
    ap.add_argument("--skip-build", action="store_true")
    args = ap.parse_args()
    cold_start(args.runs)
    lookups(args.names)
    recall()
    if not args.skip_build:
        build_time()


if __name__ == "__main__":
    main()
