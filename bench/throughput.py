"""Throughput of the pipeline on one core: read, read + places, read + places + claims.

Three sets of texts, each timed in the same single process with CPU time
(``time.process_time``: CPU-seconds of this process, which is what "one core"
means on a shared machine; wall clock is printed too):

* ``realistic``: a few thousand synthetic wire reports shaped like real ones —
  3–6k characters, a headline, ~30 sentences of ~140 characters (as in real
  reports), most of which name no place (quotes, diplomacy, casualties,
  background), 10–30 place mentions.
  Sentences written for this bench; place names from a fixed list of towns
  and regions.  This is the row the issue's goals are measured on.
* ``dense``: the same length, but nearly every sentence names one or two places
  (~50 mentions per article) — a stress test for the claims stage.
* ``real dev``: the 17 real war articles of ``../shared/dev/news`` (about 1k
  characters each; read at run time only, never stored), repeated to ``--n``.

For each set: articles/s and characters/s for read, read + find + resolve, and
read + find + resolve + claims (``extract_article``), then the peak resident
memory (max RSS) of the process.  Every set is read back from files in a
temporary directory, so "read" includes decoding and the date header.  The
first 100 articles of a set are run once before timing: name caches are warm,
as in any long run.  The ``real dev`` row repeats 17 texts, so every per-text
cache (place names, short actor phrases) hits: an upper bound for real text.

Usage: ``python bench/throughput.py [--n 3000] [--seed 7] [--sets realistic,dense,dev]``
(``$FRONTMAP_SHARED`` overrides the shared folder).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("FRONTMAP_SHARED") or REPO.parent / "shared")

from frontmap.articles import read_articles
from frontmap.claims import extract_article
from frontmap.gazetteer import default_gazetteer
from frontmap.lexicon import load_lexicon
from frontmap.mentions import find_places

TOWNS = ["Pokrovsk", "Bakhmut", "Avdiivka", "Chasiv Yar", "Toretsk", "Kramatorsk", "Sloviansk", "Kupiansk",
         "Vovchansk", "Kurakhove", "Velyka Novosilka", "Robotyne", "Orikhiv", "Huliaipole", "Siversk", "Lyman",
         "Sudzha", "Kherson", "Zaporizhzhia", "Kharkiv", "Sumy", "Dnipro", "Odesa", "Mykolaiv", "Kyiv",
         "Belgorod", "Kursk", "Donetsk", "Horlivka", "Mariupol", "Selydove", "Myrnohrad", "Kostiantynivka",
         "Andriivka", "Mykolaivka", "Novoselivka", "Krasnohorivka", "Marinka", "Vuhledar", "Bilohorivka"]
REGIONS = ["Donetsk Oblast", "the Kharkiv region", "Zaporizhzhia Oblast", "the Kursk region", "Luhansk Oblast",
           "Sumy Oblast", "the Belgorod region", "Kherson Oblast", "Dnipropetrovsk region"]
PEOPLE = ["President Volodymyr Zelensky", "Kremlin spokesman Dmitry Peskov", "General Oleksandr Syrskyi",
          "Defence Minister Andrei Belousov", "regional governor Vitaliy Kim", "a military analyst"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "May", "August", "October", "December"]

# sentences that name places (the dense set uses only these)
PLACE_SENTENCES = [
    "Russian forces claimed to have captured {town} in {region} on {day}, the defence ministry said.",
    "Ukrainian troops repelled an assault near {town}, {people} said in a statement.",
    "Fighting continued in the {town} direction, where Russian units advanced by {n} km.",
    "{people} said drones had struck an energy facility in {town} overnight.",
    "The village of {town}, south of {town2}, has changed hands several times since {month}.",
    "Shelling damaged {n} homes in {town}; the town has been without power for days.",
    "Analysts said the fall of {town} would open the road to {town2}.",
    "Residents of {region} were told to evacuate as the front moved closer to {town}.",
    "Officials in {town2} reported air raid alerts lasting {n} hours.",
    "Ukraine's general staff said {n} clashes took place on the {town} front on {day}.",
]
# sentences that name none: what most of a wire report is made of
PLAIN_SENTENCES = [
    "Most observers expect the offensive to slow as winter sets in along the line.",
    "The claim could not be independently verified.",
    "\u201cWe are holding our positions, but the pressure is enormous,\u201d a company commander told reporters by phone.",
    "{people} said the talks had produced no agreement on a ceasefire, adding that more meetings were planned.",
    "The United Nations said at least {n} civilians had been killed in the past week, including {n2} children.",
    "European leaders are due to meet on {day} to discuss a new package of military aid and sanctions.",
    "Both sides have suffered heavy losses, though neither publishes full casualty figures.",
    "The defence ministry did not respond to a request for comment.",
    "Military bloggers, who often criticise commanders, said the advance had come at a high cost.",
    "{people} told a news conference that the army needed more air defence systems and artillery shells.",
    "The war, now in its fourth year, has killed tens of thousands of soldiers on both sides.",
    "Prisoner exchanges have continued despite the fighting, with {n} captives returned on {day}.",
    "\u201cThe situation is difficult but under control,\u201d {people} said in a video address late on {day}.",
    "Washington has pressed both governments to agree to a truce before the end of {month}.",
    "Power cuts lasting up to {n} hours a day have returned in several regions after attacks on the grid.",
    "Reuters could not immediately confirm the reports from either side.",
    "The Kremlin said it remained open to negotiations but would not give up its goals.",
    "Aid groups said food and medicine were running short and that evacuation routes were under fire.",
]
# clauses a wire sentence often goes on with (real sentences average ~140 characters)
TAILS = [
    "according to officials who spoke on condition of anonymity",
    "as the fighting intensified along several stretches of the front",
    "a claim that could not be independently verified",
    "in what officials described as the heaviest bombardment in weeks",
    "though the details could not be confirmed by reporters on the ground",
    "while aid workers struggled to reach those still living nearby",
    "the latest in a series of attacks on infrastructure this month",
    "even as diplomats continued to discuss the terms of a possible truce",
]
HEADLINES = ["Russia says it captured {town} as fighting rages in the east",
             "Ukraine repels attacks near {town}, says front is holding",
             "Drones strike {town} overnight; {n} injured",
             "Kyiv says troops pushed back near {town}"]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(town=rng.choice(TOWNS), town2=rng.choice(TOWNS), region=rng.choice(REGIONS),
                           people=rng.choice(PEOPLE), day=rng.choice(DAYS), month=rng.choice(MONTHS),
                           n=rng.randint(2, 60), n2=rng.randint(2, 12))


def make_article(rng: random.Random) -> str:
    """A dense report: every sentence names one or two places (~3.2k characters, ~50 mentions)."""
    paras = []
    for _ in range(rng.randint(10, 16)):
        paras.append(" ".join(_fill(rng.choice(PLACE_SENTENCES), rng) for _ in range(rng.randint(2, 4))))
    return "\n\n".join(paras)


def make_realistic(rng: random.Random) -> str:
    """A wire-report-shaped text: headline, 3–6k characters, sentences of ~140 characters,
    a quarter of which name a place (10–30 mentions)."""
    target = rng.randint(3000, 6000)
    paras = [_fill(rng.choice(HEADLINES), rng)]
    size = len(paras[0])
    while size < target:
        sents = []
        for _ in range(rng.randint(1, 3)):  # wire paragraphs are short
            pool = PLACE_SENTENCES if rng.random() < 0.25 else PLAIN_SENTENCES
            sent = _fill(rng.choice(pool), rng)
            if sent.endswith(".") and rng.random() < 0.8:
                sent = f"{sent[:-1]}, {rng.choice(TAILS)}."
            sents.append(sent)
        paras.append(" ".join(sents))
        size += len(paras[-1]) + 2
    return "\n\n".join(paras)


def _write(d: Path, texts: list[str]) -> None:
    for i, body in enumerate(texts):
        (d / f"a{i:05d}.txt").write_text(f" date 2025-0{1 + i % 9}-1{i % 10}\n\n{body}\n", encoding="utf-8")


def _time(fn: Callable[[], int]) -> tuple[float, float, int]:
    t0, c0 = time.perf_counter(), time.process_time()
    n = fn()
    return time.perf_counter() - t0, time.process_time() - c0, n


def bench_set(label: str, d: Path, n_articles: int, n_chars: int, gz: object, lex: object) -> None:
    """Time read, read+places and read+places+claims over the files in ``d``."""

    def read() -> int:
        return sum(1 for _ in read_articles(d))

    def places() -> int:
        return sum(len(find_places(a, gazetteer=gz)) for a in read_articles(d))

    def claims() -> int:
        return sum(len(extract_article(a, lexicon=lex, gazetteer=gz)) for a in read_articles(d))

    print(f"\n{label}: {n_articles} articles, mean {n_chars / n_articles:.0f} characters")
    for art in itertools.islice(read_articles(d), 100):  # warm the name caches once, for every row alike
        extract_article(art, lexicon=lex, gazetteer=gz)
    cpus = []
    for name, fn, unit in (("read", read, "articles"), ("read+places", places, "mentions"),
                           ("read+places+claims", claims, "claims")):
        wall, cpu, n = _time(fn)
        cpus.append(cpu)
        print(f"  {name:19s} {n_articles / cpu:8.0f} articles/s  {n_chars / cpu / 1e6:6.2f} M chars/s  (CPU; "
              f"wall {n_articles / wall:6.0f}/s)  {n / n_articles:5.1f} {unit}/article")
    per = [c / n_articles * 1000 for c in cpus]
    print(f"  CPU ms/article by stage: read {per[0]:.2f}, places {per[1] - per[0]:.2f}, claims {per[2] - per[1]:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=3000, help="articles per set")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sets", default="realistic,dense,dev", help="comma-separated: realistic, dense, dev")
    args = ap.parse_args()
    sets = {s.strip() for s in args.sets.split(",")}
    t0 = time.perf_counter()
    gz = default_gazetteer()
    gz.candidates("Pokrovsk")  # force any lazy index build
    lex = load_lexicon(None)
    print(f"gazetteer and lexicon loaded in {time.perf_counter() - t0:.2f}s; timings are CPU time of this one process")
    gens = {"realistic": make_realistic, "dense": make_article}
    for name in ("realistic", "dense", "dev"):
        if name not in sets:
            continue
        if name == "dev":
            news = SHARED / "dev" / "news"
            if not news.is_dir():
                print(f"\nreal dev: {news} not found (set $FRONTMAP_SHARED); skipped")
                continue
            texts = [a.text for a in read_articles(sorted(news.glob("*.txt")))]  # read at run time only
            texts = [texts[k % len(texts)] for k in range(args.n)]
            label = f"real dev articles ({len(set(texts))} texts repeated)"
        else:
            rng = random.Random(args.seed)
            texts = [gens[name](rng) for _ in range(args.n)]
            label = f"{name} synthetic"
        tmp = Path(tempfile.mkdtemp(prefix="frontmap-bench-"))
        try:
            _write(tmp, texts)
            bench_set(label, tmp, len(texts), sum(len(t) for t in texts), gz, lex)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS of the process): {peak:.0f} MB")


if __name__ == "__main__":
    main()
