"""Who-held-what against assessed-control reference layers.

For the places the dev articles name, compare ``held_on(date)`` with the reference
control layers in ``../shared/dev/frontline/`` (2024-11-01 and 2025-03-01) and print
agreement.  Two sources of claims:

* ``gold``: the hand-annotated claims (``GOLD.jsonl`` + ``PLACES.jsonl``) turned into a
  claims table: measures the timeline rules alone;
* ``pipeline``: ``frontmap.claims.extract`` on the article texts: the whole chain.

Read at evaluation time only; nothing from ../shared is written anywhere.

    .venv/bin/python bench/eval_control.py [--source gold|pipeline|both]
"""

from __future__ import annotations

import argparse
import calendar
import json
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import shapely  # noqa: E402

from frontmap import timeline  # noqa: E402
from frontmap.timeline import AREA_KINDS, SIDES, Baseline  # noqa: E402

SHARED = Path(os.environ.get("FRONTMAP_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
NEWS = SHARED / "dev" / "news"
FRONTLINE = SHARED / "dev" / "frontline"
DATES = ("2024-11-01", "2025-03-01")


def _span(event_date: str | None) -> tuple[str | None, str | None, str]:
    if not event_date:
        return None, None, "unknown"
    if len(event_date) == 10:
        return event_date, event_date, "day"
    if len(event_date) == 7:
        y, m = map(int, event_date.split("-"))
        return f"{event_date}-01", f"{event_date}-{calendar.monthrange(y, m)[1]:02d}", "month"
    return f"{event_date}-01-01", f"{event_date}-12-31", "year"


def gold_claims() -> gpd.GeoDataFrame:
    """The annotated claims as a claims table (in memory only)."""
    index = {r["id"]: r for r in map(json.loads, (NEWS / "INDEX.jsonl").read_text().splitlines()) if r}
    places = {(r["id"], r["place"]): r for r in map(json.loads, (NEWS / "PLACES.jsonl").read_text().splitlines()) if r}
    from frontmap.lexicon import default_lexicon

    classify = default_lexicon().claimant_class  # the annotations name claimants, not their class
    rows = []
    for g in map(json.loads, (NEWS / "GOLD.jsonl").read_text().splitlines()):
        p = places.get((g["id"], g["place"]))
        if p is None:
            continue
        start, end, precision = _span(g.get("event_date"))
        rows.append({
            "article": g["id"], "published": index.get(g["id"], {}).get("date"), "url": None, "outlet": None,
            "place": g["place"], "name": p.get("canonical") or g["place"],
            "place_id": str(p["geonameid"]) if p.get("geonameid") else f"gold:{p.get('canonical')}",
            "lat": p["lat"], "lon": p["lon"], "kind": p.get("kind"), "coord_precision": "point",
            "admin1": p.get("admin1_code"), "country": p.get("country"), "event": g["event"],
            "controller": g["claimed_controller"], "actor": g.get("actor"), "claimant": g.get("claimant"),
            "claimant_class": classify(g.get("claimant")), "hedged": bool(g.get("hedged")), "event_date": g.get("event_date"),
            "date_precision": precision, "date_start": start, "date_end": end, "sentence": None,
            "sentence_start": None, "sentence_end": None, "mention_start": None, "mention_end": None,
            "confidence": 1.0, "claim_id": g["claim_id"],
        })
    return gpd.GeoDataFrame(rows, geometry=gpd.points_from_xy([r["lon"] for r in rows], [r["lat"] for r in rows]), crs=4326)


def pipeline_claims() -> gpd.GeoDataFrame:
    from frontmap.claims import extract

    return extract(sorted(NEWS.glob("n*.txt")))


def evaluate(name: str, claims: gpd.GeoDataFrame) -> None:
    control = claims[timeline._control_rows(claims).to_numpy()]
    denials = int((timeline._claimed_rows(claims) & ~timeline._control_rows(claims)).sum())
    print(f"\n== {name}: {len(claims)} claims, {len(control)} control claims, "
          f"{control['place_id'].nunique()} places with a control claim, "
          f"{int(control['date_start'].isna().sum())} control claims with no event date, {denials} denials")
    refs = {d: Baseline.from_reference(FRONTLINE / f"deepstate_control_{d}.geojson") for d in DATES}
    for d in DATES:
        ref = refs[d]
        held = timeline.held_on(claims, d)
        point = ~held["kind"].isin(list(AREA_KINDS))
        held = held[point & held["controller"].isin(list(SIDES))].copy()
        held["reference"] = ref.side_at(held.geometry)
        scored = held[held["reference"].isin(list(SIDES))]
        grey = int((held["reference"] == "contested").sum())
        from_claims = scored[scored["status"] != "baseline"]
        base_only = scored[scored["status"] == "baseline"]
        agree_c = int((from_claims["controller"] == from_claims["reference"]).sum())
        agree_b = int((base_only["controller"] == base_only["reference"]).sum())
        # what the country rule alone would say for the same claim-derived places
        country_rule = Baseline.from_countries().side_at(from_claims.geometry, country=from_claims["country"])
        agree_country = int((country_rule == from_claims["reference"].to_numpy()).sum())
        score = timeline.score_against(claims, ref, d)
        print(f"{d}: {len(held)} settlement-level places ({int((~point).sum())} region-level left out, "
              f"{grey} in the grey zone left out)")
        print(f"  held_on from claims: {agree_c}/{len(from_claims)} agree "
              f"({_pct(agree_c, len(from_claims))}); country rule alone on those places: "
              f"{agree_country}/{len(from_claims)} ({_pct(agree_country, len(from_claims))})")
        print(f"  places with no claim yet (baseline): {agree_b}/{len(base_only)} agree ({_pct(agree_b, len(base_only))})")
        print(f"  all places: {agree_c + agree_b}/{len(scored)} ({_pct(agree_c + agree_b, len(scored))})")
        by_status = from_claims.groupby("status").apply(
            lambda g: f"{int((g['controller'] == g['reference']).sum())}/{len(g)}", include_groups=False
        )
        print("  by status: " + ", ".join(f"{k} {v}" for k, v in by_status.items()))
        lag = f"median lag {score.median_lag_days:.0f} days" if score.median_lag_days is not None else "no lag"
        print(f"  score_against: {score.agree} agree / {score.disagree} disagree / {score.unknown} unknown "
              f"(agreement {score.agreement:.3f}); {score.claims_confirmed} control claims confirmed, {lag}")
        wrong = from_claims[from_claims["controller"] != from_claims["reference"]]
        for _, r in wrong.iterrows():
            print(f"    disagree: {r['name']} claims->{r['controller']} ({r['status']}, as of {r['as_of']}) "
                  f"reference->{r['reference']}")
    # the earlier layer as the starting state, claims update it: agreement with the later layer
    d0, d1 = DATES
    start = refs[d0]
    held = timeline.held_on(claims, d1, baseline=start)
    held = held[~held["kind"].isin(list(AREA_KINDS)) & held["controller"].isin(list(SIDES))].copy()
    held["reference"] = refs[d1].side_at(held.geometry)
    scored = held[held["reference"].isin(list(SIDES))]
    agree = int((scored["controller"] == scored["reference"]).sum())
    print(f"{d1} starting from the {d0} layer + claims: {agree}/{len(scored)} places agree ({_pct(agree, len(scored))})")
    # territory: RU-held area in the theatre, claims over the earlier layer vs the later layer
    areas = timeline.control_areas(claims, d1, baseline=start)
    # compare on the very area the control areas cover (the theatre: every side's polygons together)
    theatre = shapely.union_all(shapely.make_valid(areas.geometry.to_numpy()))
    truth = refs[d1].partition(theatre)
    before = start.partition(theatre)
    crs = "+proj=laea +lat_0=48.5 +lon_0=36 +ellps=WGS84 +units=m"

    def ru(frame: gpd.GeoDataFrame):
        sub = frame[frame["side"] == "RU"].to_crs(crs)
        # reprojected reference polygons can self-touch: repair, and snap to a 1 m grid
        return shapely.union_all(shapely.make_valid(sub.geometry.to_numpy()), grid_size=1.0) if len(sub) else shapely.Polygon()

    t, a, b0 = ru(truth), ru(areas), ru(before)
    def iou_of(x, y) -> float:
        return shapely.intersection(x, y, grid_size=1.0).area / shapely.union(x, y, grid_size=1.0).area

    iou, iou0 = iou_of(t, a), iou_of(t, b0)
    print(f"RU-held area on {d1}: reference {t.area / 1e6:,.0f} km²; {d0} layer + claims {a.area / 1e6:,.0f} km² "
          f"(IoU {iou:.4f}); {d0} layer alone {b0.area / 1e6:,.0f} km² (IoU {iou0:.4f})")


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "n/a"


def main() -> None:
    ap = argparse.ArgumentParser(description="held_on vs assessed-control reference layers")
    ap.add_argument("--source", choices=["gold", "pipeline", "both"], default="both")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if not NEWS.exists():
        sys.exit(f"no dev data at {NEWS}; set FRONTMAP_SHARED to the shared folder")
    np.seterr(all="ignore")
    if args.source in ("gold", "both"):
        evaluate("gold claims (GOLD.jsonl + PLACES.jsonl)", gold_claims())
    if args.source in ("pipeline", "both"):
        evaluate("pipeline claims (frontmap.claims.extract on news/*.txt)", pipeline_claims())


if __name__ == "__main__":
    main()
