"""Evaluate place finding and resolution on text nobody on the project wrote.

Reads ``../shared/dev`` at run time only (override with ``$FRONTMAP_SHARED``):

* ``geoparse/LGL.jsonl`` and ``geoparse/GeoVirus.jsonl``: gold toponym spans with
  coordinates.  With gold spans (``frontmap.resolve``): accuracy within 161 km, exact
  GeoNames-id accuracy (LGL), mean and median error.  End to end (``find_places``):
  span precision/recall/F1 (overlap match, one-to-one; exact-offset figures too) and
  accuracy@161 km of the matched spans.
* ``news/``: 17 war articles; every distinct gold place (``PLACES.jsonl``) is looked for
  among the mentions ``find_places`` returns for its article (same name after folding) and
  counted right within 25 km for settlements and facilities, within 150 km or the same
  admin1 for regions, the same code for countries.

Prints one table (plus a calibration table: accuracy by score band).

Usage: ``python bench/eval_places.py [--limit N]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from geopy.distance import great_circle

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from frontmap.articles import read_articles  # noqa: E402
from frontmap.gazetteer import default_gazetteer  # noqa: E402
from frontmap.mentions import demonym_places, find_places  # noqa: E402
from frontmap.normalize import fold  # noqa: E402
from frontmap.resolve import resolve  # noqa: E402

SHARED = Path(os.environ.get("FRONTMAP_SHARED") or REPO.parent / "shared")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return great_circle(a, b).km


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def eval_geoparse(name: str, docs: list[dict], gz, calib: list[tuple[float, bool]]) -> dict:
    errs: list[float] = []
    area_ok: list[bool] = []
    n_spans = 0
    exact_ok = exact_n = unresolved = 0
    n_gold = 0
    tp_o = tp_e = n_pred = 0
    n_spans_nd = tp_nd = 0  # gold without demonyms ("Russian" -> Russia), which find_places leaves out by design
    demonyms = frozenset(demonym_places())
    e2e_errs: list[float] = []
    t0 = time.perf_counter()
    for doc in docs:
        text = doc["text"]
        all_tops = doc["toponyms"]
        tops = [t for t in all_tops if t.get("lat") is not None and t.get("lon") is not None]
        n_gold += len(tops)
        n_spans += len(all_tops)
        answers = resolve(text, [(t["start"], t["end"]) for t in tops], gazetteer=gz)
        for t, a in zip(tops, answers):
            if a is None:
                unresolved += 1
                errs.append(20038.0)  # half the earth: an unresolved name counts as a miss
                area_ok.append(False)
                calib.append((0.0, False))
            else:
                d = km((t["lat"], t["lon"]), (a.lat, a.lon))
                errs.append(d)
                ok = d <= 161 or _same_area(gz, a.place, t)
                calib.append((a.score, ok))
                area_ok.append(ok)
            if t.get("geonameid"):
                exact_n += 1
                exact_ok += a is not None and a.place.place_id == str(t["geonameid"])
        # end to end
        preds = [m for m in find_places(text, gazetteer=gz) if m.coref_of is None]
        n_pred += len(preds)
        used: set[int] = set()
        for t in all_tops:
            is_demonym = text[t["start"]:t["end"]].casefold() in demonyms
            n_spans_nd += not is_demonym
            for k, m in enumerate(preds):
                if k in used or not (m.start < t["end"] and t["start"] < m.end):
                    continue
                used.add(k)
                tp_o += 1
                tp_nd += not is_demonym
                tp_e += m.start == t["start"] and m.end == t["end"]
                if m.place is not None and t.get("lat") is not None:
                    e2e_errs.append(km((t["lat"], t["lon"]), (m.lat, m.lon)))
                break
    secs = time.perf_counter() - t0
    p_o, r_o = tp_o / max(n_pred, 1), tp_o / max(n_spans, 1)
    p_e, r_e = tp_e / max(n_pred, 1), tp_e / max(n_spans, 1)
    r_nd = tp_nd / max(n_spans_nd, 1)
    resolved = [e for e in errs if e < 20038.0]
    return {
        "set": name, "docs": len(docs), "gold": n_gold,
        "acc161": sum(e <= 161 for e in errs) / n_gold,
        "acc_area": sum(area_ok) / n_gold,
        "exact_id": (exact_ok / exact_n) if exact_n else None,
        "mean_km": statistics.fmean(resolved) if resolved else float("nan"),
        "median_km": statistics.median(resolved) if resolved else float("nan"),
        "unresolved": unresolved,
        "P_overlap": p_o, "R_overlap": r_o, "F1_overlap": 2 * p_o * r_o / max(p_o + r_o, 1e-9),
        "F1_exact": 2 * p_e * r_e / max(p_e + r_e, 1e-9),
        "F1_no_demonyms": 2 * p_o * r_nd / max(p_o + r_nd, 1e-9),
        "e2e_acc161": sum(e <= 161 for e in e2e_errs) / max(len(e2e_errs), 1),
        "secs": secs,
    }


def _same_area(gz, place, t: dict) -> bool:
    """A country/region answer is the right entity when the gold point lies in it.

    Gold points of countries and states are GeoNames' representative points; the
    gazetteer's may be elsewhere in the same country (hundreds of km away)."""
    if place.kind not in ("country", "admin1"):
        return False
    near = gz.reverse(t["lat"], t["lon"], kinds=("settlement",))
    if near is None or km((t["lat"], t["lon"]), (near.lat, near.lon)) > 100:
        return False
    if place.kind == "country":
        return near.country == place.country
    return near.admin1 == place.admin1


def eval_news(gz, verbose: bool) -> dict:
    news = SHARED / "dev" / "news"
    places = load_jsonl(news / "PLACES.jsonl")
    arts = {a.id: a for a in read_articles(sorted(news.glob("n*.txt")), errors="raise")}
    seed_dir = SHARED / "seeds"
    if (seed_dir / "PLACES_seed.jsonl").exists():
        for a in read_articles(sorted(seed_dir.glob("*.txt")), errors="raise"):
            arts[a.id] = a
        seed_places = load_jsonl(seed_dir / "PLACES_seed.jsonl")
    else:
        seed_places = []
    mentions = {aid: find_places(a, gazetteer=gz) for aid, a in arts.items()}
    rows = []
    for rec in places + seed_places:
        aid = rec["id"]
        if aid not in mentions:
            aid = next((k for k in mentions if k.startswith(str(rec["id"]))), aid)
        ms = mentions.get(aid, [])
        key = fold(rec["place"])
        match = [m for m in ms if m.place is not None and (fold(m.text) == key or key in fold(m.text) or
                                                            (fold(m.text) and fold(m.text) in key))]
        match.sort(key=lambda m: (fold(m.text) != key, fold(m.text).replace("the ", "") != key))
        found = bool(match)
        right = False
        got = None
        if match:
            m = match[0]
            got = f"{m.place.name} ({m.place.kind} {m.place.admin1}) {m.score:.2f}"
            d = km((rec["lat"], rec["lon"]), (m.lat, m.lon))
            kind = rec["kind"]
            if kind in ("settlement", "facility"):
                right = d <= 25
            elif kind == "country":
                right = m.place.country == rec.get("country") or d <= 300
            else:
                right = d <= 150 or (rec.get("admin1_code") and m.place.admin1 == rec.get("admin1_code"))
        rows.append((rec["id"], rec["place"], rec["kind"], found, bool(right), got))
    if verbose:
        for r in rows:
            if not (r[3] and r[4]):
                print("  news miss:", r, file=sys.stderr)
    n = len(rows)
    return {"set": "war news", "gold": n, "found": sum(r[3] for r in rows) / n,
            "found_right": sum(r[3] and r[4] for r in rows) / n}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents of each geoparse set")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the war-news misses on stderr")
    ap.add_argument("--only", choices=["news", "geoparse"], default=None, help="run one part only")
    args = ap.parse_args()
    if not (SHARED / "dev").is_dir():
        sys.exit(f"no evaluation data at {SHARED / 'dev'}; set $FRONTMAP_SHARED")
    t0 = time.perf_counter()
    gz = default_gazetteer()
    print(f"gazetteer loaded in {time.perf_counter() - t0:.1f}s")
    calib: list[tuple[float, bool]] = []
    results = []
    for name in ("GeoVirus", "LGL") if args.only != "news" else ():
        docs = load_jsonl(SHARED / "dev" / "geoparse" / f"{name}.jsonl")[: args.limit]
        results.append(eval_geoparse(name, docs, gz, calib))
    news = eval_news(gz, args.verbose) if args.only != "geoparse" else {"gold": 0, "found": 0.0, "found_right": 0.0}

    print()
    print("| set | docs | gold | acc@161 (gold spans) | acc@161, regions by entity | exact id | mean km | median km | unresolved "
          "| span P | span R | span F1 (overlap) | span F1 (exact) | span F1, gold w/o demonyms | e2e acc@161 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        ex = f"{r['exact_id']:.3f}" if r["exact_id"] is not None else "-"
        print(f"| {r['set']} | {r['docs']} | {r['gold']} | {r['acc161']:.3f} | {r['acc_area']:.3f} | {ex} | {r['mean_km']:.0f} | "
              f"{r['median_km']:.1f} | {r['unresolved']} | {r['P_overlap']:.3f} | {r['R_overlap']:.3f} | "
              f"{r['F1_overlap']:.3f} | {r['F1_exact']:.3f} | {r['F1_no_demonyms']:.3f} | {r['e2e_acc161']:.3f} |")
    print(f"| war news (17 + seed) | - | {news['gold']} | found {news['found']:.3f} | - | - | - | - | - | - | - | - | - | - | "
          f"found+right {news['found_right']:.3f} |")
    print()
    print("calibration (gold spans, both sets): score band -> share right (within 161 km, regions by entity)")
    for lo, hi in ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 0.95), (0.95, 1.01)):
        band = [ok for s, ok in calib if lo <= s < hi]
        if band:
            print(f"  [{lo:.2f}, {min(hi, 1.0):.2f}): n={len(band):5d}  acc@161={sum(band) / len(band):.3f}")


if __name__ == "__main__":
    main()
