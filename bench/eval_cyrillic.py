"""Inflected Russian and Ukrainian place names: does ``find_places`` find them and map them back?

A round trip through the shipped gazetteer.  Settlements of Ukraine and Russia are drawn at
random (with a fixed seed); each one's own Cyrillic name (the Ukrainian name of a place in
Ukraine, the Russian name of a place in Russia) is declined by a small *forward* inflector
written here, independently of :mod:`frontmap._cyrillic` (school-grammar paradigms: nouns
in a consonant, -ка, -а/-я, neuter -о, adjectival names in -е/-ое/-ий/-ый/-ая, and
adjective + noun pairs), and put into a sentence frame that governs the case:

* nominative/accusative: "Войска заняли X." / "Сили оборони звільнили X."
* genitive: "Бои идут около X." / "Бої тривають біля X."
* locative: "Обстановка в X остается сложной." / "Ситуація у X залишається складною."
* instrumental: "Противник атакует под X." / "Ворог наступає під X."

For each case it prints: *found* (a mention covers exactly the inflected name), *name*
(it resolved to a place that has the nominative among its names: the right name, maybe a
namesake), *id* (it resolved to the very place the name was drawn from; namesakes make this
lower by design: "Андріївка" is dozens of villages and the frame gives no context) and
*wrong* (found but resolved to a place without that name, e.g. "в Покровске" -> the village
Pokrovske).  Examples printed are wrong oblique forms of names whose nominative came out right.

Usage: ``python bench/eval_cyrillic.py [--n 400] [--seed 3] [--min-pop 1000]``.  Set
``$FRONTMAP_SRC`` to another checkout's folder to measure that code against the same sample.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("FRONTMAP_SRC") or str(REPO))
os.environ.setdefault("FRONTMAP_GAZETTEER", str(REPO / "data" / "gazetteer"))

from frontmap.gazetteer import default_gazetteer  # noqa: E402
from frontmap.mentions import find_places  # noqa: E402
from frontmap.normalize import fold, is_cyrillic, loose  # noqa: E402

FRAMES = {
    "ru": {"nom": "Войска заняли {}.", "gen": "Бои идут около {}.", "loc": "Обстановка в {} остается сложной.",
           "ins": "Противник атакует под {}."},
    "uk": {"nom": "Сили оборони звільнили {}.", "gen": "Бої тривають біля {}.",
           "loc": "Ситуація у {} залишається складною.", "ins": "Ворог наступає під {}."},
}
_HUSH = set("гкхжшчщ")
_CONS = set("бвгґджзклмнпрстфхцчшщ")


def decline_word(w: str, lang: str, adjective: bool) -> dict[str, str] | None:
    """Genitive, locative and instrumental of one word (None when the bench has no paradigm)."""
    lw = w.casefold()
    if adjective or re.search(r"(?:ое|ее|ый|ий|ой|ая|яя)$", lw) or (lang == "uk" and re.search(r"(?:[нвк]е|ськ[ае]|цьк[ае]|на|ва)$", lw) and adjective):
        if lang == "ru":
            if lw.endswith(("ое", "ый", "ой")):
                s = w[:-2]
                return {"gen": s + "ого", "loc": s + "ом", "ins": s + ("им" if s[-1] in _HUSH else "ым")}
            if lw.endswith("ий"):
                s = w[:-2]
                return {"gen": s + "ого", "loc": s + "ом", "ins": s + "им"}
            if lw.endswith("ая"):
                s = w[:-2]
                return {"gen": s + "ой", "loc": s + "ой", "ins": s + "ой"}
            return None
        if lw.endswith(("ий", "е")) and not lw.endswith("ьє"):
            s = w[:-2] if lw.endswith(("ий", "ое")) else w[:-1]
            return {"gen": s + "ого", "loc": s + "ому", "ins": s + "им"}
        if lw.endswith("а"):
            s = w[:-1]
            return {"gen": s + "ої", "loc": s + "ій", "ins": s + "ою"}
        return None
    last = lw[-1]
    if last in _CONS:
        if lang == "uk":
            m = re.search(r"і([бвгджзклмнпрстфхцчшщ])$", lw)
            s = w[:-2] + "о" + w[-1] if m and lw[-3] not in "аеиіоуюяєї" else w
            loc = s + ("у" if lw.endswith(("ськ", "цьк", "к", "г", "х")) else "і")
            return {"gen": s + "а", "loc": loc, "ins": s + "ом"}
        if last in "цжшщч":
            return None
        return {"gen": w + "а", "loc": w + "е", "ins": w + "ом"}
    if lw.endswith("ка"):
        s = w[:-2]
        if lang == "uk":
            return {"gen": s + "ки", "loc": s + "ці", "ins": s + "кою"}
        return {"gen": s + "ки", "loc": s + "ке", "ins": s + "кой"}
    if lw.endswith("а") and len(lw) > 3:
        s = w[:-1]
        if lang == "uk":
            loc = s[:-1] + {"г": "з", "х": "с"}.get(s[-1], s[-1]) + "і"
            return {"gen": s + "и", "loc": loc, "ins": s + "ою"}
        return {"gen": s + ("и" if s[-1] in _HUSH else "ы"), "loc": s + "е", "ins": s + ("ей" if s[-1] in "жшщчц" else "ой")}
    if lw.endswith(("ия", "ія")):
        s = w[:-2]
        if lang == "uk":
            return {"gen": s + "ії", "loc": s + "ії", "ins": s + "ією"}
        return {"gen": s + "ии", "loc": s + "ии", "ins": s + "ией"}
    if lang == "ru" and lw.endswith("о") and len(lw) > 4 and lw[-2] in _CONS:
        s = w[:-1]
        return {"gen": s + "а", "loc": s + "е", "ins": s + "ом"}
    return None


def decline(name: str, lang: str) -> dict[str, str] | None:
    """The cases of a one- or two-word name (adjective + noun); None when out of the bench's reach."""
    words = name.split(" ")
    if len(words) == 1 and "-" not in name:
        adj = bool(re.search(r"(?:ое|ее|ый|ий|ая)$" if lang == "ru" else r"(?:ий|[нвк]е|ське|цьке)$", name.casefold()))
        forms = decline_word(name, lang, adj)
    elif len(words) == 2 and "-" not in name:
        a = decline_word(words[0], lang, True)
        b = decline_word(words[1], lang, False)
        forms = None if a is None or b is None else {k: a[k] + " " + b[k] for k in a}
    else:
        return None
    if forms is None:
        return None
    return {"nom": name, **forms}


def own_cyrillic_name(gz, place) -> str | None:
    """The place's Cyrillic name that romanises to its display name (Ukrainian in UA, Russian in RU)."""
    target = loose(fold(place.name))
    for n in gz.names(place.place_id):
        if is_cyrillic(n) and loose(fold(n)) == target and re.fullmatch(r"[\w' -]+", n):
            return n
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400, help="settlements per country")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--min-pop", type=int, default=1000)
    args = ap.parse_args(argv)
    gz = default_gazetteer()
    rng = random.Random(args.seed)
    t0 = time.process_time()
    totals: dict[tuple[str, str], list[int]] = {}
    examples: list[str] = []
    for cc, lang in (("UA", "uk"), ("RU", "ru")):
        code = gz._codes["country"].index(cc)
        rows = gz._query("SELECT pid FROM places WHERE country = ? AND kind = 0 AND population >= ? ORDER BY rid",
                         (code, args.min_pop))
        pids = [r[0] for r in rows]
        rng.shuffle(pids)
        done = 0
        for pid in pids:
            if done >= args.n:
                break
            place = gz.get(pid)
            name = own_cyrillic_name(gz, place)
            if name is None:
                continue
            forms = decline(name, lang)
            if forms is None:
                continue
            done += 1
            nom_right = False
            for case, form in forms.items():
                text = FRAMES[lang][case].format(form)
                start = text.index(form)
                row = totals.setdefault((cc, case), [0, 0, 0, 0, 0])
                row[0] += 1
                ms = [m for m in find_places(text) if m.start == start and m.end == start + len(form)]
                if not ms or ms[0].place is None:
                    if len(examples) < 12 and rng.random() < 0.2:
                        examples.append(f"  missed {cc} {case}: {text}  ({place.name})")
                    continue
                got = ms[0].place
                row[1] += 1
                names = {n.casefold() for n in gz.names(got.place_id)}
                if name.casefold() in names or loose(fold(got.name)) == loose(fold(place.name)):
                    row[2] += 1
                    nom_right = nom_right or case == "nom"
                else:
                    row[4] += 1
                    if len(examples) < 60 and nom_right:  # the inflection, not the name, went wrong
                        examples.append(f"  wrong  {cc} {case}: {text}  -> {got.name} ({got.admin1}, pop {got.population})")
                if got.place_id == place.place_id:
                    row[3] += 1
    cpu = time.process_time() - t0
    print(f"inflected Cyrillic names, settlements of population >= {args.min_pop}, {args.n} per country, seed {args.seed}")
    print(f"{'country':8}{'case':6}{'n':>6}{'found':>8}{'name':>8}{'id':>8}{'wrong':>8}")
    agg = {"found": [0, 0], "name": [0, 0], "wrong": [0, 0]}
    for (cc, case), (n, found, right_name, right_id, wrong) in sorted(totals.items()):
        print(f"{cc:8}{case:6}{n:6d}{found / n:8.3f}{right_name / n:8.3f}{right_id / n:8.3f}{wrong / n:8.3f}")
        if case != "nom":
            agg["found"][0] += found
            agg["name"][0] += right_name
            agg["wrong"][0] += wrong
            for v in agg.values():
                v[1] += n
    print(f"oblique cases overall: found {agg['found'][0] / agg['found'][1]:.3f}  right name "
          f"{agg['name'][0] / agg['name'][1]:.3f}  wrong {agg['wrong'][0] / agg['wrong'][1]:.3f}  ({cpu:.1f} CPU-s)")
    for line in examples:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
