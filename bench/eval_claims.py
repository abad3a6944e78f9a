"""Evaluate claim extraction against the hand-annotated gold claims.

Runs the real pipeline (read -> places -> claims) on the seed article
(``../shared/seeds``, GOLD_seed.jsonl) and the dev articles
(``../shared/dev/news``, GOLD.jsonl) and prints, per set:

* precision / recall / F1 on (article, place, controller): a predicted claim
  matches a gold claim of the same article with the same controller whose place
  is the same name, or whose true point (PLACES*.jsonl) lies within 25 km of the
  predicted point (regions, rivers and areas: within 200 km); one-to-one;
* the same with the event type required too;
* the share of (place, controller)-matched claims whose event date is right at
  the gold's precision (a null gold date needs a null prediction).

Gold records with ``duplicate_of`` are aliases of another claim: their place
names count as names of that claim, the claim counts once.  Predicted
``mention`` events, claims without a controller and denied claims (``negated``:
"Kyiv denied that X had fallen") are not control claims and are not scored.

Usage: ``python bench/eval_claims.py [-v]`` (``-v``: per-article false
positives and negatives).  ``$FRONTMAP_SHARED`` overrides the shared folder.

``--texts DIR --gold FILE`` scores a set of your own instead: the article files
in DIR and their claims annotated in the same format (``id`` = file stem,
``place``, ``claimed_controller``, ``event``, ``event_date``, ``sentence``;
``claim_id``, ``duplicate_of`` and a PLACES file are optional: without points,
places match by name, as written or as the gazetteer names them).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

from geopy.distance import geodesic

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from frontmap.articles import read_articles  # noqa: E402
from frontmap.claims import extract_article  # noqa: E402
from frontmap.normalize import fold  # noqa: E402

SHARED = Path(os.environ.get("FRONTMAP_SHARED") or REPO.parent / "shared")
POINT_KM = 25.0
AREA_KM = 200.0


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _key(name: str) -> str:
    return fold(name or "")


def load_set(texts: list[Path], gold: Path, places: Path | None, index: Path | None) -> tuple[list, list[dict], dict]:
    meta = {r["id"]: r for r in _jsonl(index)} if index and index.exists() else {}
    arts = []
    for art in read_articles([str(p) for p in texts]):
        m = meta.get(art.id)
        if m:
            art = dataclasses.replace(art, outlet=art.outlet or m.get("outlet"), url=art.url or m.get("url_or_origin"))
        arts.append(art)
    gold_rows = _jsonl(gold)
    for k, g in enumerate(gold_rows):
        g.setdefault("claim_id", f"{g['id']}-{k}")
    pts = {(r["id"], r["place"]): r for r in _jsonl(places)} if places and places.exists() else {}
    by_id = {g["claim_id"]: g for g in gold_rows}
    primary = []
    for g in gold_rows:
        if g.get("duplicate_of"):
            continue
        g = dict(g)
        g["names"] = {g["place"]}
        primary.append(g)
    prim_by_id = {g["claim_id"]: g for g in primary}
    for g in gold_rows:
        dup = g.get("duplicate_of")
        if dup and dup in prim_by_id:
            prim_by_id[dup]["names"].add(g["place"])
    for g in primary:
        g["points"] = [pts[(g["id"], n)] for n in g["names"] if (g["id"], n) in pts]
    return arts, primary, by_id


def place_matches(pred: dict, g: dict) -> bool:
    names = {_key(n) for n in g["names"]} | {_key(p.get("canonical", "")) for p in g["points"]}
    if _key(pred["place"]) in names or _key(pred["name"]) in names:
        return True
    for p in g["points"]:
        tol = POINT_KM if p.get("kind") in ("settlement", "facility", None) else AREA_KM
        if geodesic((pred["lat"], pred["lon"]), (p["lat"], p["lon"])).km <= tol:
            return True
    return False


def date_right(pred: dict, g: dict) -> bool:
    gd, pd = g.get("event_date"), pred.get("event_date")
    if gd is None or pd is None:
        return gd is None and pd is None
    return len(pd) >= len(gd) and pd[: len(gd)] == gd


def match(preds: list[dict], golds: list[dict], *, need_event: bool) -> list[tuple[int, int]]:
    """One-to-one matches (pred index, gold index), best pairs first."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if p["article"] != g["id"] or p["controller"] != g["claimed_controller"]:
                continue
            if need_event and p["event"] != g["event"]:
                continue
            if not place_matches(p, g):
                continue
            same_sentence = g["sentence"][:60] in p["sentence"] or p["sentence"][:60] in g["sentence"]
            score = 4 * same_sentence + 2 * (p["event"] == g["event"]) + date_right(p, g)
            pairs.append((-score, i, j))
    pairs.sort()
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def key_scores(preds: list[dict], golds: list[dict]) -> tuple[float, float, float, int, int]:
    """P/R/F1 on distinct (article, place, controller) keys: a claim restated five times counts
    once, on both sides."""
    pk: dict[tuple, dict] = {}
    for p in preds:
        pk.setdefault((p["article"], _key(p["name"] or p["place"]), p["controller"]), p)
    gk: dict[tuple, dict] = {}
    for g in golds:
        # one key per place: its canonical name where the PLACES file gives one ("the region" is Kursk Oblast)
        name = next((pt.get("canonical") for pt in g["points"] if pt.get("canonical")), None) or min(g["names"])
        gk.setdefault((g["id"], _key(name), g["claimed_controller"]), g)
    hit_p = {k for k, p in pk.items() if any(k[0] == g["id"] and k[2] == g["claimed_controller"] and place_matches(p, g)
                                              for g in gk.values())}
    hit_g = {k for k, g in gk.items() if any(k[0] == p["article"] and k[2] == p["controller"] and place_matches(p, g)
                                              for p in pk.values())}
    p_, r_ = (len(hit_p) / len(pk) if pk else 0.0), (len(hit_g) / len(gk) if gk else 0.0)
    return p_, r_, (2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0), len(pk), len(gk)


def prf(n_match: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = n_match / n_pred if n_pred else 0.0
    r = n_match / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(label: str, arts: list, golds: list[dict], verbose: bool) -> dict:
    t0 = time.perf_counter()
    preds = []
    for art in arts:
        for c in extract_article(art):
            if c.event == "mention" or c.controller is None or c.negated:
                continue
            preds.append(c.to_dict())
    elapsed = time.perf_counter() - t0
    m1 = match(preds, golds, need_event=False)
    m2 = match(preds, golds, need_event=True)
    p1, r1, f1 = prf(len(m1), len(preds), len(golds))
    p2, r2, f2 = prf(len(m2), len(preds), len(golds))
    right = sum(date_right(preds[i], golds[j]) for i, j in m1)
    share = right / len(m1) if m1 else 0.0
    print(f"== {label}: {len(arts)} articles, {len(golds)} gold claims, {len(preds)} predicted ({elapsed:.2f}s)")
    print(f"  place+controller        P={p1:.3f} R={r1:.3f} F1={f1:.3f}  ({len(m1)} matched)")
    print(f"  place+controller+event  P={p2:.3f} R={r2:.3f} F1={f2:.3f}  ({len(m2)} matched)")
    print(f"  event date right        {share:.3f}  ({right}/{len(m1)} matched claims)")
    kp, kr, kf, n_pk, n_gk = key_scores(preds, golds)
    print(f"  distinct (article, place, side) keys  P={kp:.3f} R={kr:.3f} F1={kf:.3f}  ({n_pk} predicted, {n_gk} gold)")
    hedge = sum(bool(preds[i]["hedged"]) == bool(golds[j].get("hedged")) for i, j in m1)
    print(f"  (hedged flag agrees     {hedge / len(m1) if m1 else 0:.3f})")
    if verbose:
        got_p = {i for i, _ in m1}
        got_g = {j for _, j in m1}
        ev_g = {j: i for i, j in m2}
        for art in arts:
            fps = [p for i, p in enumerate(preds) if p["article"] == art.id and i not in got_p]
            fns = [g for j, g in enumerate(golds) if g["id"] == art.id and j not in got_g]
            wrong = [(preds[i], golds[j]) for i, j in m1 if golds[j]["id"] == art.id and (j not in ev_g or not date_right(preds[i], golds[j]))]
            if not (fps or fns or wrong):
                continue
            print(f"  -- {art.id} ({art.published})")
            for p in fps:
                print(f"     FP {p['place']!r} ({p['name']}) {p['event']} ctl={p['controller']} date={p['event_date']} trig={p['trigger']!r} :: {p['sentence'][:110]!r}")
            for g in fns:
                print(f"     FN {g['place']!r} {g['event']} ctl={g['claimed_controller']} date={g['event_date']} :: {g['sentence'][:110]!r}")
            for p, g in wrong:
                print(f"     ~~ {g['place']!r} event {p['event']}/{g['event']} date {p['event_date']}({p['date_basis']})/{g['event_date']}({g['date_basis']}) trig={p['trigger']!r}")
    return {"f1": f1, "f1_event": f2, "dates": share}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="per-article false positives and negatives")
    ap.add_argument("--texts", type=Path, help="score your own set: a folder of article files ...")
    ap.add_argument("--gold", type=Path, help="... and its gold claims (JSON lines, the dev format)")
    args = ap.parse_args(argv)
    if args.texts or args.gold:
        if not (args.texts and args.gold and args.texts.is_dir() and args.gold.is_file()):
            print("--texts needs a folder of articles and --gold a JSON-lines file of their claims", file=sys.stderr)
            return 2
        texts = sorted(p for p in args.texts.iterdir() if p.suffix in (".txt", ".html", ".jsonl"))
        arts, golds, _ = load_set(texts, args.gold, None, None)
        evaluate(args.texts.name, arts, golds, args.verbose)
        return 0
    if not SHARED.exists():
        print(f"no shared data at {SHARED}; set $FRONTMAP_SHARED", file=sys.stderr)
        return 2
    seeds = SHARED / "seeds"
    news = SHARED / "dev" / "news"
    arts, golds, _ = load_set(sorted(seeds.glob("*.txt")), seeds / "GOLD_seed.jsonl", seeds / "PLACES_seed.jsonl", None)
    evaluate("seed", arts, golds, args.verbose)
    arts, golds, _ = load_set(sorted(news.glob("n*.txt")), news / "GOLD.jsonl", news / "PLACES.jsonl", news / "INDEX.jsonl")
    evaluate("dev", arts, golds, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
