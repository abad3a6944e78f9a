"""The offline gazetteer: places, their names, and fast lookups.

A built gazetteer is a folder (``data/gazetteer/``, shipped in the wheel as
``frontmap/_data/gazetteer``) holding a read-only SQLite file of places and
name keys, two small numpy arrays for spatial lookups and the boundary
polygons (see :mod:`frontmap.gazetteer_build`).  Opening it costs a few
milliseconds: nothing is read until a lookup needs it, and this module imports
neither geopandas nor pandas.

>>> gz = default_gazetteer()                       # doctest: +SKIP
>>> gz.candidates("Pokrovsk", country="UA")[0].place.admin1_name  # doctest: +SKIP
'Donetsk Oblast'
"""

from __future__ import annotations

import json
import logging
import math
import os
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from frontmap.errors import GazetteerError
from frontmap.normalize import fold, loose, split_region_suffix, strip_article

log = logging.getLogger(__name__)

__all__ = ["Place", "Candidate", "Gazetteer", "default_gazetteer", "find_gazetteer_dir", "KINDS", "MATCH_TIERS"]

KINDS = ("settlement", "admin1", "admin2", "country", "airport", "water", "area", "facility")
#: match tiers, best first
MATCH_TIERS = ("exact", "folded", "translit", "fuzzy")
_SCHEMA = 1
_DB = "gazetteer.sqlite"

# Score bands per match tier: list order and score agree, and a fuzzy match never outranks a spelled one.
# Exact and folded matches rank together (a folded match differs only in case, diacritics, apostrophes,
# hyphens or script) with a small penalty for folding.
_BANDS = {"exact": (0.6, 1.0), "folded": (0.6, 1.0), "translit": (0.45, 0.6), "fuzzy": (0.1, 0.45)}
_TIER_RANK = {"exact": 0, "folded": 0, "translit": 1, "fuzzy": 2}
_FOLDED_PENALTY = 0.05
# prior weight of each kind for a bare name ("Donetsk" is the city, "Crimea" the region)
_KIND_PRIOR = {"country": 0.35, "settlement": 0.25, "airport": 0.12, "admin1": 0.1, "admin2": 0.02,
               "area": 0.1, "water": 0.08, "facility": 0.08}
# GeoNames codes of historical / abandoned / destroyed places and sections of a town
_WEAK_FCODES = {"PPLH": 0.15, "PPLQ": 0.1, "PPLW": 0.1, "PPLX": 0.12, "PPLCH": 0.15, "ADMDH": 0.15}
_LEVEL_KINDS = {"admin1": ("admin1", "area"), "admin2": ("admin2", "area"), "water": ("water",)}
_CACHE_MAX = 200_000
_TIER_BONUS = {2: 0.5, 3: 0.1}
_GENERIC_WORDS = frozenset({"region", "regions", "oblast", "oblasts", "district", "raion", "rayon", "province", "border region",
                            "city", "town", "village", "river", "country", "area", "front", "frontline", "front line"})
#: a small prior for the war's countries: "Odessa" is Odesa before it is Odessa, Texas
FOCUS_COUNTRIES = ("UA", "RU")
_FOCUS_BONUS = 0.08


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the gazetteer (see docs/contracts.md).

    ``place_id`` is the GeoNames id as digits where one exists, else ``"rs:<id>"``
    (Russian settlements table), ``"oa:<ident>"`` (OurAirports),
    ``"postal:RU:<zip>"`` (GeoNames postal fallback), ``"a1:RU.41"``, ``"alias:<slug>"``
    or ``"cc:UA"`` (countries).
    """

    place_id: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str
    admin1: str | None
    admin1_name: str | None
    admin2: str | None
    population: int
    source: str
    precision: str
    feature_code: str | None

    @property
    def point(self) -> tuple[float, float]:
        """``(lat, lon)``, the order geopy and folium use."""
        return (self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to, with how sure the match is."""

    place: Place
    score: float  # 0..1; exact > folded > translit > fuzzy
    match: str  # "exact" | "folded" | "translit" | "fuzzy"
    matched_name: str


def find_gazetteer_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """Locate a built gazetteer folder.

    Order: ``path``; ``$FRONTMAP_GAZETTEER``; the package data
    ``frontmap/_data/gazetteer`` (wheel installs); the source tree's
    ``data/gazetteer`` (editable installs and checkouts).

    Raises
    ------
    GazetteerError
        When none of them holds a gazetteer.
    """
    tried: list[str] = []
    candidates: list[Path] = []
    explicit = path if path is not None else os.environ.get("FRONTMAP_GAZETTEER") or None
    if explicit is not None:
        # an explicit choice is never silently replaced by another gazetteer
        p = Path(explicit)
        candidates.append(p.parent if p.name == _DB else p)
    else:
        here = Path(__file__).resolve().parent
        candidates.append(here / "_data" / "gazetteer")
        candidates.append(here.parent / "data" / "gazetteer")
    for c in candidates:
        if (c / _DB).is_file():
            return c
        tried.append(str(c))
    if explicit is None:
        # a zipped or otherwise unusual install: ask importlib.resources
        try:
            from importlib.resources import files

            res = files("frontmap") / "_data" / "gazetteer" / _DB
            if res.is_file():
                return Path(str(res)).parent
        except (ModuleNotFoundError, TypeError, NotADirectoryError):
            pass
    raise GazetteerError(
        f"no gazetteer found (looked in {', '.join(tried)}); build one with "
        "'frontmap gazetteer build --from DIR -o data/gazetteer' or point $FRONTMAP_GAZETTEER at one"
    )


class Gazetteer:
    """Offline place lookups against a built gazetteer folder.

    Use :meth:`load` (or :func:`default_gazetteer`); the constructor takes the
    folder.  Instances are safe to share between threads.
    """

    def __init__(self, folder: Path):
        self.path = Path(folder)
        db = self.path / _DB
        try:
            uri = db.resolve().as_uri() + "?mode=ro&immutable=1"
            self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            rows = self._con.execute("SELECT field, code, value FROM codes").fetchall()
        except sqlite3.Error as exc:
            raise GazetteerError(f"{db} is not a frontmap gazetteer ({exc}); rebuild it with 'frontmap gazetteer build'") from exc
        self._lock = threading.Lock()
        try:
            schema = json.loads((self.path / "meta.json").read_text(encoding="utf-8")).get("schema")
        except (OSError, ValueError):
            schema = None
        if schema != _SCHEMA:
            raise GazetteerError(
                f"{self.path} holds a gazetteer of schema {schema!r}, this frontmap reads schema {_SCHEMA}; "
                "rebuild it with 'frontmap gazetteer build --from DIR'"
            )
        codes: dict[str, dict[int, str]] = {}
        for fld, code, value in rows:
            codes.setdefault(fld, {})[code] = value
        self._codes = {fld: [d.get(i) for i in range(max(d) + 1)] if d else [] for fld, d in codes.items()}
        self._admin1: dict[str, tuple[str, int | None]] | None = None
        self._place_cache: dict[int, Place] = {}
        self._pid_cache: dict[str, int] = {}
        self._n_rows: int | None = None
        self._cand_cache: dict[tuple[Any, ...], list[Candidate]] = {}
        self._points: Any = None
        self._kinds: Any = None
        self._vocab: dict[str, list[str]] | None = None
        self._grids: dict[tuple[str, ...] | None, dict[tuple[int, int], Any]] = {}
        self._meta: dict[str, Any] | None = None
        self.focus_countries: tuple[str, ...] = FOCUS_COUNTRIES

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> "Gazetteer":
        """Open a gazetteer (see :func:`find_gazetteer_dir` for where it is looked for).

        Parameters
        ----------
        path : path, optional
            A gazetteer folder (or its ``gazetteer.sqlite``).

        Returns
        -------
        Gazetteer
        """
        return cls(find_gazetteer_dir(path))

    def close(self) -> None:
        """Close the database connection."""
        self._con.close()

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"

    def __len__(self) -> int:
        return int(self.info().get("n_places", 0))

    def info(self) -> dict[str, Any]:
        """Build metadata: date, sources, counts by country and kind."""
        if self._meta is None:
            try:
                self._meta = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise GazetteerError(f"{self.path / 'meta.json'} is missing or unreadable; rebuild the gazetteer") from exc
        return self._meta

    # -- rows -> records ------------------------------------------------------------------------
    def _admin1_table(self) -> dict[str, tuple[str, int | None]]:
        if self._admin1 is None:
            with self._lock:
                rows = self._con.execute("SELECT code, name, rid FROM admin1").fetchall()
            self._admin1 = {code: (_admin1_display(code, name), rid) for code, name, rid in rows}
        return self._admin1

    _COLS = "p.rid, p.pid, p.name, p.lat, p.lon, p.kind, p.country, p.admin1, p.admin2, p.population, p.source, p.precision, p.fcode, p.names"

    def _make_place(self, row: Sequence[Any]) -> Place:
        rid = row[0]
        cached = self._place_cache.get(rid)
        if cached is not None:
            return cached
        c = self._codes
        a1 = c["admin1"][row[7]] if row[7] is not None else None
        a1name = self._admin1_table().get(a1, (None, None))[0] if a1 else None
        place = Place(
            place_id=row[1], name=row[2], lat=row[3] / 1e5, lon=row[4] / 1e5, kind=KINDS[row[5]],
            country=c["country"][row[6]] if row[6] is not None else "", admin1=a1, admin1_name=a1name,
            admin2=c["admin2"][row[8]] if row[8] is not None else None, population=row[9] or 0,
            source=c["source"][row[10]], precision=c["precision"][row[11]],
            feature_code=c["fcode"][row[12]] if row[12] is not None else None,
        )
        if len(self._place_cache) >= _CACHE_MAX:
            self._place_cache.clear()
        self._place_cache[rid] = place
        return place

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._con.execute(sql, params).fetchall()

    # -- public lookups -------------------------------------------------------------------------
    def get(self, place_id: str) -> Place:
        """The place with this id.

        Raises
        ------
        KeyError
            When no place has that id.
        """
        rid = self._rid_of(str(place_id))
        if rid is None:
            raise KeyError(place_id)
        return self._by_rid([rid])[0]

    def _rid_of(self, pid: str) -> int | None:
        """Row of a place id: rows are sorted by id, so bisect (no index needed on disk)."""
        rid = self._pid_cache.get(pid)
        if rid is not None:
            return rid
        if self._n_rows is None:
            self._n_rows = self._query("SELECT MAX(rid) FROM places")[0][0] + 1
        lo, hi = 0, self._n_rows
        with self._lock:
            cur = self._con.cursor()
            while lo < hi:
                mid = (lo + hi) // 2
                (val,) = cur.execute("SELECT pid FROM places WHERE rid = ?", (mid,)).fetchone()
                if val < pid:
                    lo = mid + 1
                else:
                    hi = mid
            found = lo < self._n_rows and cur.execute("SELECT pid FROM places WHERE rid = ?", (lo,)).fetchone()[0] == pid
        if not found:
            return None
        if len(self._pid_cache) >= _CACHE_MAX:
            self._pid_cache.clear()
        self._pid_cache[pid] = lo
        return lo

    def _by_rid(self, rids: Iterable[int]) -> list[Place]:
        rids = [int(r) for r in rids]
        out: dict[int, Place] = {}
        missing = []
        for r in rids:
            p = self._place_cache.get(r)
            if p is not None:
                out[r] = p
            else:
                missing.append(r)
        for i in range(0, len(missing), 900):
            chunk = missing[i : i + 900]
            q = f"SELECT {self._COLS} FROM places p WHERE p.rid IN ({','.join('?' * len(chunk))})"
            for row in self._query(q, chunk):
                out[row[0]] = self._make_place(row)
        return [out[r] for r in rids if r in out]

    def admin1(self, code: str) -> Place:
        """The first-level region with this GeoNames admin1 code (``"RU.41"``, ``"UA.05"``).

        Raises
        ------
        KeyError
            When the code is unknown or the region has no point.
        """
        entry = self._admin1_table().get(code)
        if entry is None or entry[1] is None:
            raise KeyError(code)
        return self._by_rid([entry[1]])[0]

    def admin1_name(self, code: str) -> str | None:
        """Display name of an admin1 code, e.g. ``"Kursk Oblast"``; None when unknown."""
        entry = self._admin1_table().get(code)
        return entry[0] if entry else None

    def names(self, place_id: str) -> tuple[str, ...]:
        """Every name of a place: its display name first, then alternates (Latin and Cyrillic).

        Raises
        ------
        KeyError
            When no place has that id.
        """
        rid = self._rid_of(str(place_id))
        if rid is None:
            raise KeyError(place_id)
        rows = self._query("SELECT name, names FROM places WHERE rid = ?", (rid,))
        name, others = rows[0]
        return (name, *(others.split("\x1f") if others else ()))

    def candidates(
        self,
        name: str,
        *,
        country: str | Iterable[str] | None = None,
        near: tuple[float, float] | None = None,
        kinds: Iterable[str] | None = None,
        limit: int = 10,
        fuzzy: bool = True,
    ) -> list[Candidate]:
        """Places a name may refer to, best first.

        Parameters
        ----------
        name : str
            The name as written: Latin or Cyrillic, any case, with or without
            diacritics, apostrophes or hyphens; "the Kursk region" and
            "Pokrovsk raion" look among regions.
        country : str or iterable of str, optional
            ISO 3166-1 alpha-2 code(s); only places there are returned.
        near : (lat, lon), optional
            Prefer places close to this point.
        kinds : iterable of str, optional
            Only these kinds (settlement, admin1, admin2, country, airport, water, area, facility).
        limit : int
            At most this many candidates.
        fuzzy : bool
            Fall back to fuzzy matching (rapidfuzz) when no spelling matches
            (never for names with a region word, e.g. "Laurel County").

        Returns
        -------
        list of Candidate
            Ranked by match tier (exact and folded > translit > fuzzy), then by a
            prior from kind, population, own name vs alternate name and the hints;
            ``score`` follows the order.
        """
        # fast path: the same call seen before (hashable arguments only)
        try:
            hit = self._cand_cache.get((name, country, kinds, near, limit, fuzzy))
        except TypeError:
            hit = None
        if hit is not None:
            return list(hit)
        if not isinstance(name, str):
            raise TypeError(f"name must be a str, not {type(name).__name__}")
        cc = _norm_countries(country)
        kset = frozenset(kinds) if kinds is not None else None
        if kset is not None and not kset <= set(KINDS):
            raise ValueError(f"unknown kind(s) {sorted(kset - set(KINDS))}; use some of {', '.join(KINDS)}")
        cache_key = (name, cc, kset, near, limit, fuzzy)
        hit = self._cand_cache.get(cache_key)
        if hit is not None:
            return list(hit)
        result = self._candidates(name, cc, kset, near, limit, fuzzy)
        if len(self._cand_cache) >= _CACHE_MAX:
            self._cand_cache.clear()
        self._cand_cache[cache_key] = result
        try:
            self._cand_cache[(name, country, kinds, near, limit, fuzzy)] = result
        except TypeError:
            pass
        return list(result)

    def _rows_for_keys(self, fkeys: Sequence[str]) -> list[tuple[Any, ...]]:
        q = (f"SELECT k.key, k.tier, {self._COLS} FROM keys k JOIN places p ON p.rid = k.rid "
             f"WHERE k.key IN ({','.join('?' * len(fkeys))})")
        return self._query(q, list(fkeys))

    def _candidates(self, name: str, cc: frozenset[str] | None, kset: frozenset[str] | None,
                    near: tuple[float, float] | None, limit: int, fuzzy: bool) -> list[Candidate]:
        full = unicodedata.normalize("NFC", name).strip()
        text = strip_article(full)
        if not text:
            return []
        if fold(text) in _GENERIC_WORDS:
            return []  # "the region", "oblast": a word, not a name
        stem, level = split_region_suffix(text)
        # (query text, kinds it may match, prior bonus)
        queries: list[tuple[str, tuple[str, ...] | None, float]] = [(text, None, 0.0)]
        if full != text:  # "The Hague" is a name, "the Donbas" is not
            queries.append((full, None, 0.0))
        if level is not None and stem:
            queries.append((stem, _LEVEL_KINDS[level], 0.6))
        best: dict[int, tuple[int, float, str, tuple[Any, ...], str]] = {}  # rid -> (tier rank, prior, match, row, query)
        for qtext, qkinds, bonus in queries:
            f = fold(qtext)
            if not f:
                continue
            lo = loose(f)
            keys = [f] if lo == f else [f, lo]
            cf = qtext.casefold()
            for row in self._rows_for_keys(keys):
                key, tier, prow = row[0], row[1], row[2:]
                kind = KINDS[prow[5]]
                if qkinds is not None and kind not in qkinds:
                    continue
                if not _keep(self, prow, kind, cc, kset):
                    continue
                if key == f and tier != 1:
                    match = "exact" if _has_exact(prow, cf) else "folded"
                else:
                    match = "translit"
                # a curated alias (tier 2) or the place's own name (tier 3) beats an alternate name:
                # "Pokrovsk" is the town in Donetsk oblast before it is Engels' old name
                prior = self._prior(prow, kind, near) + bonus + _TIER_BONUS.get(tier, 0.0)
                if match == "folded":
                    prior -= _FOLDED_PENALTY
                rank = _TIER_RANK[match]
                old = best.get(prow[0])
                if old is None or (rank, -prior) < (old[0], -old[1]):
                    best[prow[0]] = (rank, prior, match, prow, qtext)
        if not best and fuzzy and level is None:
            # no fuzzy guess for "Laurel County": a region word the gazetteer lacks is not a typo
            return self._fuzzy_candidates(text, cc, kset, near, limit)
        ranked = sorted(best.values(), key=lambda t: (t[0], -t[1], t[3][0]))[: max(0, limit)]
        out = []
        for rank, prior, match, prow, qtext in ranked:
            place = self._make_place(prow)
            lo_b, hi_b = _BANDS[match]
            score = lo_b + (hi_b - lo_b) * min(1.0, max(0.0, prior) / 1.6)
            if rank > 0:
                score = min(score, hi_b - 1e-4)
            out.append(Candidate(place, round(score, 4), match, _matched_name(prow, qtext, match)))
        return out

    def _prior(self, prow: Sequence[Any], kind: str, near: tuple[float, float] | None) -> float:
        pop = prow[9] or 0
        p = min(math.log10(pop + 1) / 7.0, 1.0) * 0.6 + _KIND_PRIOR.get(kind, 0.0)
        fcode = self._codes["fcode"][prow[12]] if prow[12] is not None else None
        if fcode:
            p -= _WEAK_FCODES.get(fcode, 0.0)
        if self._codes["precision"][prow[11]] == "approximate":
            p -= 0.05
        if prow[6] is not None and self._codes["country"][prow[6]] in self.focus_countries:
            p += _FOCUS_BONUS
        if near is not None:
            d = _distance_km(near[0], near[1], prow[3] / 1e5, prow[4] / 1e5)
            p += 0.7 * math.exp(-d / 150.0)
        return p

    # -- fuzzy ----------------------------------------------------------------------------------
    def _vocabulary(self) -> dict[str, list[str]]:
        """Distinct name keys, bucketed by first letter (typos rarely hit the first letter)."""
        if self._vocab is None:
            log.debug("loading the fuzzy-match vocabulary")
            buckets: dict[str, list[str]] = {}
            for (key,) in self._query("SELECT DISTINCT key FROM keys WHERE tier != 1"):
                buckets.setdefault(key[:1], []).append(key)
            self._vocab = buckets
        return self._vocab

    def _fuzzy_keys(self, text: str, n: int, cutoff: float = 80.0) -> list[tuple[str, float]]:
        from rapidfuzz import fuzz, process

        f = fold(text)
        if len(f) < 3:
            return []
        hits = process.extract(f, self._vocabulary().get(f[:1], []), scorer=fuzz.ratio, limit=n, score_cutoff=cutoff)
        return [(key, score) for key, score, _ in hits]

    def _fuzzy_candidates(self, text: str, cc: frozenset[str] | None, kset: frozenset[str] | None,
                          near: tuple[float, float] | None, limit: int) -> list[Candidate]:
        hits = self._fuzzy_keys(text, 8)
        if not hits:
            return []
        ratio = dict(hits)
        best: dict[int, tuple[float, tuple[Any, ...], str]] = {}
        for row in self._rows_for_keys(list(ratio)):
            key, prow = row[0], row[2:]
            kind = KINDS[prow[5]]
            if not _keep(self, prow, kind, cc, kset):
                continue
            r = ratio[key] / 100.0
            s = r * 2.0 + self._prior(prow, kind, near) * 0.5
            if prow[0] not in best or s > best[prow[0]][0]:
                best[prow[0]] = (s, prow, key)
        ranked = sorted(best.values(), key=lambda t: -t[0])[:limit]
        lo_b, hi_b = _BANDS["fuzzy"]
        out = []
        for s, prow, key in ranked:
            r = ratio[key] / 100.0
            score = lo_b + (hi_b - lo_b - 1e-6) * max(0.0, (r - 0.8) / 0.2)
            out.append(Candidate(self._make_place(prow), round(score, 4), "fuzzy", _matched_name(prow, key, "fuzzy")))
        return out

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """Up to ``n`` gazetteer names close to ``name`` (for "did you mean" messages)."""
        scored: list[tuple[float, int, str]] = []
        for key, score in self._fuzzy_keys(name, n * 3, cutoff=70.0):
            rows = self._rows_for_keys([key])
            if not rows:
                continue
            prow = max((r[2:] for r in rows), key=lambda p: p[9] or 0)
            scored.append((score, prow[9] or 0, _matched_name(prow, key, "fuzzy")))
        # closest spelling first; among equally close ones, the bigger place
        scored.sort(key=lambda t: (-round(t[0]), -t[1]))
        out: list[str] = []
        for _s, _p, nm in scored:
            if nm not in out:
                out.append(nm)
        return out[:n]

    # -- spatial --------------------------------------------------------------------------------
    def _arrays(self) -> tuple[Any, Any]:
        if self._points is None:
            import numpy as np

            pts = np.load(self.path / "points.npy")
            kinds = np.load(self.path / "kinds.npy")
            self._points, self._kinds = pts.astype(np.float64), kinds
        return self._points, self._kinds

    def _kind_mask(self, kinds: Iterable[str] | None) -> Any:
        import numpy as np

        _, k = self._arrays()
        if kinds is None:
            return np.ones(len(k), dtype=bool)
        if isinstance(kinds, str):
            kinds = (kinds,)
        codes = [KINDS.index(x) for x in kinds]
        return np.isin(k, codes)

    def _grid(self, kinds: tuple[str, ...] | None) -> dict[tuple[int, int], Any]:
        """Place rows of the given kinds bucketed by 1-degree cell (built once per kinds)."""
        grid = self._grids.get(kinds)
        if grid is None:
            import numpy as np

            pts, _ = self._arrays()
            idx = np.flatnonzero(self._kind_mask(kinds))
            cells = np.floor(pts[idx]).astype(np.int64)
            cell_key = cells[:, 0] * 1000 + cells[:, 1]
            order = np.argsort(cell_key, kind="stable")
            sorted_keys, sorted_idx = cell_key[order], idx[order]
            uniq, starts = np.unique(sorted_keys, return_index=True)
            ends = np.append(starts[1:], len(sorted_keys))
            grid = {}
            for k, a, b in zip(uniq.tolist(), starts.tolist(), ends.tolist()):
                la, lo = divmod(k, 1000)
                if lo >= 500:  # divmod of negative longitudes
                    la, lo = la + 1, lo - 1000
                grid[(la, lo)] = sorted_idx[a:b]
            self._grids[kinds] = grid
        return grid

    def reverse(self, lat: float, lon: float, *, kinds: Iterable[str] | None = ("settlement",),
                max_km: float | None = 50.0) -> Place | None:
        """The nearest place of the given kinds.

        Parameters
        ----------
        lat, lon : float
            The point (WGS84 degrees).
        kinds : iterable of str, optional
            Kinds to consider (default settlements); None for every kind.
        max_km : float, optional
            Return None when the nearest place is farther than this (None: no limit).

        Returns
        -------
        Place or None
        """
        import numpy as np

        kt = (kinds,) if isinstance(kinds, str) else (tuple(sorted(kinds)) if kinds is not None else None)
        pts, _ = self._arrays()
        grid = self._grid(kt)
        if not grid:
            return None
        coslat = max(math.cos(math.radians(lat)), 0.05)
        reach_km = max_km if max_km is not None else 20000.0
        # search rings of 1-degree cells until the nearest hit cannot be beaten by a farther ring
        clat, clon = math.floor(lat), math.floor(lon)
        max_ring = min(180, int(reach_km / (111.0 * coslat)) + 2)
        best_d2, best = math.inf, -1
        for ring in range(max_ring + 1):
            parts = [grid[(clat + i, clon + j)] for i in range(-ring, ring + 1) for j in range(-ring, ring + 1)
                     if max(abs(i), abs(j)) == ring and (clat + i, clon + j) in grid]
            if parts:
                idx = np.concatenate(parts)
                sub = pts[idx]
                # equirectangular distance is exact enough to pick the nearest point
                dlat = np.radians(sub[:, 0] - lat)
                dlon = np.radians(sub[:, 1] - lon) * coslat
                d2 = dlat * dlat + dlon * dlon
                i = int(np.argmin(d2))
                if d2[i] < best_d2:
                    best_d2, best = float(d2[i]), int(idx[i])
            # every point in ring r+1 is at least r cells (>= r * 111 km * cos(lat)) away
            if best >= 0 and math.sqrt(best_d2) * 6371.0 <= ring * 111.0 * coslat * 0.99:
                break
        if best < 0:
            return None
        place = self._by_rid([best])[0]
        if max_km is not None and _distance_km(lat, lon, place.lat, place.lon) > max_km:
            return None
        return place

    def within_bbox(self, minlon: float, minlat: float, maxlon: float, maxlat: float, *,
                    kinds: Iterable[str] | None = None, limit: int | None = None) -> list[Place]:
        """Places inside a lon/lat box, most populous first.

        Parameters
        ----------
        minlon, minlat, maxlon, maxlat : float
            The box in WGS84 degrees.
        kinds : iterable of str, optional
            Only these kinds.
        limit : int, optional
            At most this many places.
        """
        import numpy as np

        pts, _ = self._arrays()
        m = self._kind_mask(kinds) & (pts[:, 0] >= minlat) & (pts[:, 0] <= maxlat) & (pts[:, 1] >= minlon) & (pts[:, 1] <= maxlon)
        places = self._by_rid(np.flatnonzero(m).tolist())
        places.sort(key=lambda p: -p.population)
        return places[:limit] if limit is not None else places


# ---------------------------------------------------------------------------------------------
# helpers


def _norm_countries(country: str | Iterable[str] | None) -> frozenset[str] | None:
    if country is None:
        return None
    if isinstance(country, str):
        country = [c for c in country.replace(";", ",").split(",")]
    out = frozenset(c.strip().upper() for c in country if c and c.strip())
    for c in out:
        if len(c) != 2 or not c.isalpha():
            raise ValueError(f"country {c!r} is not an ISO 3166-1 alpha-2 code such as 'UA' or 'RU'")
    return out or None


def _keep(gz: Gazetteer, prow: Sequence[Any], kind: str, cc: frozenset[str] | None, kset: frozenset[str] | None) -> bool:
    if kset is not None and kind not in kset:
        return False
    if cc is not None:
        country = gz._codes["country"][prow[6]] if prow[6] is not None else ""
        if country not in cc:
            return False
    return True


def _names_of(prow: Sequence[Any]) -> list[str]:
    return [prow[2], *(prow[13].split("\x1f") if prow[13] else ())]


def _has_exact(prow: Sequence[Any], cf: str) -> bool:
    return any(unicodedata.normalize("NFC", n).casefold() == cf for n in _names_of(prow))


def _matched_name(prow: Sequence[Any], qtext_or_key: str, match: str) -> str:
    names = _names_of(prow)
    if match == "exact":
        cf = qtext_or_key.casefold()
        for n in names:
            if unicodedata.normalize("NFC", n).casefold() == cf:
                return n
    key = fold(qtext_or_key) if match != "fuzzy" else qtext_or_key
    for n in names:
        f = fold(n)
        if f == key:
            return n
    lk = loose(key)
    for n in names:
        if loose(fold(n)) == lk:
            return n
    return names[0]


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance; geopy's great_circle, imported only when a hint needs it."""
    from geopy.distance import great_circle

    return great_circle((lat1, lon1), (lat2, lon2)).km


# GeoNames admin1CodesASCII spells Ukraine's oblasts inconsistently ("Donetsk", "Kharkivs'ka Oblast'", "Kiev")
_UA_ADMIN1 = {
    "UA.01": "Cherkasy Oblast", "UA.02": "Chernihiv Oblast", "UA.03": "Chernivtsi Oblast", "UA.04": "Dnipropetrovsk Oblast",
    "UA.05": "Donetsk Oblast", "UA.06": "Ivano-Frankivsk Oblast", "UA.07": "Kharkiv Oblast", "UA.08": "Kherson Oblast",
    "UA.09": "Khmelnytskyi Oblast", "UA.10": "Kirovohrad Oblast", "UA.11": "Crimea", "UA.12": "Kyiv City",
    "UA.13": "Kyiv Oblast", "UA.14": "Luhansk Oblast", "UA.15": "Lviv Oblast", "UA.16": "Mykolaiv Oblast",
    "UA.17": "Odesa Oblast", "UA.18": "Poltava Oblast", "UA.19": "Rivne Oblast", "UA.20": "Sevastopol",
    "UA.21": "Sumy Oblast", "UA.22": "Ternopil Oblast", "UA.23": "Vinnytsia Oblast", "UA.24": "Volyn Oblast",
    "UA.25": "Zakarpattia Oblast", "UA.26": "Zaporizhzhia Oblast", "UA.27": "Zhytomyr Oblast",
}


# ... and some of Russia's without their type ("Rostov", "Murmansk")
_RU_ADMIN1 = {
    "RU.61": "Rostov Oblast", "RU.49": "Murmansk Oblast", "RU.81": "Ulyanovsk Oblast", "RU.13": "Chelyabinsk Oblast",
    "RU.06": "Arkhangelsk Oblast", "RU.42": "Leningrad Oblast", "RU.56": "Oryol Oblast", "RU.66": "Saint Petersburg",
    "RU.30": "Khabarovsk Krai", "RU.59": "Primorsky Krai", "RU.92": "Kamchatka Krai", "RU.70": "Stavropol Krai",
    "RU.93": "Zabaykalsky Krai", "RU.29": "Kemerovo Oblast", "RU.50": "Nenets Autonomous Okrug",
    "RU.87": "Yamalo-Nenets Autonomous Okrug", "RU.32": "Khanty-Mansi Autonomous Okrug", "RU.03": "Altai Republic",
    "RU.63": "Sakha Republic", "RU.34": "Komi Republic", "RU.28": "Republic of Karelia", "RU.17": "Republic of Dagestan",
    "RU.12": "Chechen Republic", "RU.15": "Chukotka Autonomous Okrug",
}


def _admin1_display(code: str, name: str) -> str:
    """English display name of an admin1 code."""
    return _UA_ADMIN1.get(code) or _RU_ADMIN1.get(code) or name


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The shipped (or ``$FRONTMAP_GAZETTEER``) gazetteer, opened once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Gazetteer.load()
    return _DEFAULT
