"""A persistent claim store: one GeoPackage file that QGIS opens as it is.

Layout of ``claims.gpkg`` (store schema :data:`SCHEMA_VERSION`)
----------------------------------------------------------------
``claims``
    Point layer (EPSG:4326): one row per *deduplicated* claim: the same place, event and
    controller reported within ``window_days`` of each other by one or many articles.
    Columns: the claim columns of a representative report, plus ``cluster_id``,
    ``place_key``, ``n_sources`` (reports), ``n_articles``, ``n_claimants``, ``claimants``
    and ``articles`` and ``sources`` (JSON lists: every article and sentence),
    ``first_reported``/``last_reported`` (publication dates), ``contested`` and
    ``contested_with`` (clusters at the same place and window naming the other controller).
``claim_sources``
    Attribute table: every claim as extracted, one row per article sentence, with its
    ``cluster_id`` (all :data:`frontmap.claims.CLAIM_COLUMNS`; unknown extra columns in ``extra``).
``articles``
    Attribute table: one row per ingested article with its ``content_hash``.
``frontmap_metadata``
    Key/value: ``schema_version``, ``window_days``, ``created``, ``frontmap_version``.

The ``claims`` layer carries a GeoPackage R-tree spatial index (the ``gpkg_rtree_index``
extension: the ``rtree_claims_geom`` virtual table, kept in step by the standard triggers),
so QGIS and GDAL filter it by bounding box without a scan.  The triggers call
``ST_IsEmpty``/``ST_MinX``/...; every connection frontmap opens registers them.

Writes go through :mod:`sqlite3` in WAL mode, one ``BEGIN IMMEDIATE`` transaction per
article: a crash or Ctrl-C mid-run leaves the store as it was before that article, and
readers always see a committed state.  Closing a writer checkpoints the WAL and returns
the file to rollback-journal mode, so a store at rest is one file; read-only opens
(``mode=ro``; ``immutable`` for a WAL-mode file no writer has open) leave no
``-wal``/``-shm`` files beside it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import logging
import math
import os
import sqlite3
import struct
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from frontmap._io import atomic_open, atomic_path
from frontmap.errors import StoreError, ValidationError
from frontmap.timeline import _flags, claimant_key

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

    from frontmap.articles import Article

__all__ = ["ClaimStore", "IngestReport", "SCHEMA_VERSION", "EXPORT_FORMATS", "export_claims", "article_hash"]

log = logging.getLogger(__name__)

#: Version of the store layout this frontmap writes and reads.
SCHEMA_VERSION = 1
#: File suffix -> export format.
EXPORT_FORMATS = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".gpkg": "gpkg",
}

# The claims table contract (docs/contracts.md); frontmap.claims.CLAIM_COLUMNS is the authority.
_CONTRACT_COLUMNS = (
    "article", "published", "url", "outlet", "place", "name", "place_id", "lat", "lon", "kind",
    "coord_precision", "admin1", "country", "event", "controller", "actor", "claimant", "claimant_class",
    "hedged", "event_date", "date_precision", "date_start", "date_end", "sentence", "sentence_start",
    "sentence_end", "mention_start", "mention_end", "confidence", "claim_id",
)
_INT_COLUMNS = {"sentence_start", "sentence_end", "mention_start", "mention_end"}
_REAL_COLUMNS = {"lat", "lon", "confidence"}
_BOOL_COLUMNS = {"hedged", "negated"}


def claim_columns() -> tuple[str, ...]:
    """The claim columns (without geometry), from :mod:`frontmap.claims` when it is importable."""
    try:
        from frontmap.claims import CLAIM_COLUMNS
    except ImportError:
        return _CONTRACT_COLUMNS
    return tuple(c for c in CLAIM_COLUMNS if c != "geometry")


def _sql_type(col: str) -> str:
    if col in _INT_COLUMNS:
        return "INTEGER"
    if col in _REAL_COLUMNS:
        return "REAL"
    if col in _BOOL_COLUMNS:
        return "BOOLEAN"
    return "TEXT"


# cluster columns of the `claims` layer, after the claim columns
_CLUSTER_COLUMNS = {
    "cluster_id": "TEXT NOT NULL UNIQUE",
    "place_key": "TEXT NOT NULL",
    "n_sources": "INTEGER",
    "n_articles": "INTEGER",
    "n_claimants": "INTEGER",
    "claimants": "TEXT",
    "articles": "TEXT",
    "sources": "TEXT",
    "first_reported": "TEXT",
    "last_reported": "TEXT",
    "cluster_start": "TEXT",
    "cluster_end": "TEXT",
    "contested": "BOOLEAN",
    "contested_with": "TEXT",
}

_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],'
    'AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)
_GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
_GPKG_USER_VERSION = 10400  # GeoPackage 1.4
# GeoPackage binary header: magic, version 0, flags (little endian, no envelope), srs_id
_GP_HEADER = b"GP\x00\x01" + struct.pack("<i", 4326)


def _point_blob(lon: Any, lat: Any) -> bytes | None:
    try:
        x, y = float(lon), float(lat)
    except (TypeError, ValueError):
        return None
    if math.isnan(x) or math.isnan(y):
        return None
    return _GP_HEADER + struct.pack("<BIdd", 1, 1, x, y)


#: The claims layer's R-tree (GeoPackage naming: rtree_<table>_<geometry column>).
_RTREE = "rtree_claims_geom"
_RTREE_DEFINITION = "http://www.geopackage.org/spec120/#extension_rtree"
_ENVELOPE_DOUBLES = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}  # GeoPackage header envelope indicator -> doubles


@functools.lru_cache(maxsize=256)
def _gpkg_envelope(blob: bytes) -> tuple[float, float, float, float] | None:
    """``(minx, maxx, miny, maxy)`` of a GeoPackage geometry blob; None when empty or unreadable."""
    if len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & 0x10:  # the empty-geometry flag
        return None
    order = "<" if flags & 0x01 else ">"
    n_env = _ENVELOPE_DOUBLES.get((flags >> 1) & 0x07)
    if n_env is None:
        return None
    if n_env:
        box = struct.unpack_from(order + "4d", blob, 8)
        return None if any(math.isnan(v) for v in box) else box
    wkb = blob[8:]
    if len(wkb) >= 21 and wkb[0] in (0, 1):
        bo = "<" if wkb[0] == 1 else ">"
        gtype = struct.unpack_from(bo + "I", wkb, 1)[0]
        if gtype % 1000 == 1 and gtype < 4000:  # a point (XY, Z, M or ZM): no parsing library needed
            x, y = struct.unpack_from(bo + "2d", wkb, 5)
            return None if math.isnan(x) or math.isnan(y) else (x, x, y, y)
    import shapely
    from shapely.errors import ShapelyError

    try:
        geom = shapely.from_wkb(wkb)
    except (ShapelyError, ValueError):
        return None
    if geom is None or geom.is_empty:
        return None
    minx, miny, maxx, maxy = geom.bounds
    return (minx, maxx, miny, maxy)


def _envelope_part(i: int):
    def fn(blob: Any) -> float | None:
        if not isinstance(blob, bytes):
            return None
        box = _gpkg_envelope(blob)
        return None if box is None else box[i]

    return fn


def _st_isempty(blob: Any) -> int | None:
    if blob is None:
        return None
    return int(not isinstance(blob, bytes) or _gpkg_envelope(blob) is None)


def _register_functions(db: sqlite3.Connection) -> None:
    """The SQL functions the GeoPackage R-tree triggers call (GDAL and QGIS bring their own)."""
    db.create_function("ST_IsEmpty", 1, _st_isempty, deterministic=True)
    for i, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        db.create_function(name, 1, _envelope_part(i), deterministic=True)


def _rtree_statements(table: str = "claims", column: str = "geom", pk: str = "fid") -> list[str]:
    """The GeoPackage 1.4 R-tree virtual table and its triggers for ``table.column``."""
    rt = f"rtree_{table}_{column}"
    c, i = f'"{column}"', f'"{pk}"'
    box = f"ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}), ST_MinY(NEW.{c}), ST_MaxY(NEW.{c})"
    new_full, new_void = f"(NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c}))", f"(NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c}))"
    old_full, old_void = f"(OLD.{c} NOTNULL AND NOT ST_IsEmpty(OLD.{c}))", f"(OLD.{c} ISNULL OR ST_IsEmpty(OLD.{c}))"
    same, moved = f"OLD.{i} = NEW.{i}", f"OLD.{i} != NEW.{i}"
    put = f'INSERT OR REPLACE INTO "{rt}" VALUES (NEW.{i}, {box});'
    drop = f'DELETE FROM "{rt}" WHERE id = OLD.{i};'
    move = (f'UPDATE "{rt}" SET minx = ST_MinX(NEW.{c}), maxx = ST_MaxX(NEW.{c}), miny = ST_MinY(NEW.{c}), '
            f"maxy = ST_MaxY(NEW.{c}) WHERE id = NEW.{i};")
    triggers = [  # (name suffix, event, condition, body)
        ("insert", "INSERT", new_full, put),
        ("update6", f"UPDATE OF {c}", f"{same} AND {new_full} AND {old_full}", move),  # geometry moved
        ("update7", f"UPDATE OF {c}", f"{same} AND {new_full} AND {old_void}", put),  # geometry set where none was
        ("update2", f"UPDATE OF {c}", f"{same} AND {new_void}", drop),  # geometry removed
        ("update5", "UPDATE", f"{moved} AND {new_full}", f"{drop} {put}"),  # row id changed
        ("update4", "UPDATE", f"{moved} AND {new_void}", f'DELETE FROM "{rt}" WHERE id IN (OLD.{i}, NEW.{i});'),
        ("delete", "DELETE", f"OLD.{c} NOT NULL", drop),
    ]
    return [f'CREATE VIRTUAL TABLE "{rt}" USING rtree(id, minx, maxx, miny, maxy)'] + [
        f'CREATE TRIGGER "{rt}_{name}" AFTER {event} ON "{table}" WHEN {cond} BEGIN {body} END'
        for name, event, cond, body in triggers
    ]


_GPKG_EXTENSIONS_DDL = """CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT,
   extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL,
   CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))"""


def _wal_mode_file(path: Path) -> bool:
    """Whether the database file's header says WAL mode (bytes 18-19 are 2)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(20)
    except OSError:
        return False
    return len(head) == 20 and head[18] == 2 and head[19] == 2


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def article_hash(article: Article) -> str:
    """Content hash of an article: its text and publication date."""
    h = hashlib.sha256()
    h.update((article.published.isoformat() if article.published else "").encode())
    h.update(b"\0")
    h.update(article.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _rows_hash(rows: list[dict[str, Any]]) -> str:
    """Content hash of an article's extracted claims (when the article text is not at hand)."""
    payload = json.dumps(sorted(rows, key=lambda r: str(r.get("claim_id"))), sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclasses.dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    added: int = 0  # new articles
    replaced: int = 0  # articles whose content changed (their claims were replaced)
    unchanged: int = 0  # articles already in the store with the same content
    failed: int = 0  # articles whose extraction or write failed (store left as before them)
    claims: int = 0  # claim rows written
    seconds: float = 0.0

    def __str__(self) -> str:
        return (
            f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, {self.failed} failed; "
            f"{self.claims} claims written in {self.seconds:.2f}s"
        )


def _clean(value: Any) -> Any:
    """A Python scalar sqlite3 can bind (None for NaN/NA)."""
    if value is None:
        return None
    if isinstance(value, (np.bool_, bool)):
        return int(bool(value))
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _jsonable(value: Any) -> Any:
    """A JSON-ready scalar: like :func:`_clean` but booleans stay booleans."""
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):  # numpy arrays, Arrow lists
        return [_jsonable(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return _clean(value)


def _ordinal(value: Any) -> int | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10]).toordinal()
        except ValueError:
            return None
    return None


def _place_key(row: Mapping[str, Any]) -> str:
    pid = row.get("place_id")
    if pid not in (None, ""):
        return str(pid)
    return f"name:{row.get('name') or row.get('place') or '?'}"


class ClaimStore:
    """A GeoPackage of claims, deduplicated across articles.

    Parameters
    ----------
    path : path
        The ``.gpkg`` file; created when missing (unless ``readonly``).
    window_days : int, optional
        Reports of the same place, event and controller within this many days are one
        claim; opposite controllers within it are ``contested``.  Stored in the file on
        creation (default 3) and read back when omitted.
    readonly : bool
        Open for reading only (a missing file is an error).

    Examples
    --------
    >>> with ClaimStore("claims.gpkg") as store:          # doctest: +SKIP
    ...     store.ingest(["articles/"])
    ...     store.export("claims.geojson")
    """

    def __init__(self, path: str | os.PathLike[str], *, window_days: int | None = None, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        if readonly and not self.path.exists():
            raise StoreError(f"no claim store at {str(self.path)!r}; create one with `frontmap ingest FILES --store {self.path}`")
        self._immutable = False
        self._closed = False
        try:
            if readonly:
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                if _wal_mode_file(self.path) and not Path(f"{self.path}-wal").exists():
                    # WAL mode but no writer (an open writer always has its -wal file): SQLite would
                    # create -wal/-shm files beside the store and, read-only, could not remove them
                    self._immutable = True
                    uri += "&immutable=1"
                self._db = sqlite3.connect(uri, uri=True, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open claim store {str(self.path)!r}: {exc}") from exc
        self._db.row_factory = sqlite3.Row
        _register_functions(self._db)
        try:
            self._open(window_days)
        except BaseException:
            self._db.close()
            raise

    # ------------------------------------------------------------------ lifecycle
    def _open(self, window_days: int | None) -> None:
        db = self._db
        try:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{str(self.path)!r} is not a GeoPackage claim store ({exc}); pick another --store path") from exc
        db.execute("PRAGMA foreign_keys=ON")
        self.columns = claim_columns()
        if "frontmap_metadata" not in tables:
            if tables - {"sqlite_sequence"}:
                raise StoreError(
                    f"{str(self.path)!r} is a database but not a frontmap claim store "
                    f"(tables: {', '.join(sorted(tables)[:6])}); pick a new --store path"
                )
            if self.readonly:
                raise StoreError(f"{str(self.path)!r} is empty, not a claim store; run `frontmap ingest` first")
            # created before WAL is on, so the GeoPackage header lands in the main file at once
            self._create(3 if window_days is None else int(window_days))
        if not self.readonly:
            # WAL: readers keep a consistent snapshot while a writer commits article by article
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a commit is durable once checkpointed
        db.execute("PRAGMA cache_size=-65536")  # 64 MB page cache: the place_key/article indexes stay hot
        db.execute("PRAGMA temp_store=MEMORY")
        meta = self.metadata()
        try:
            version = int(meta.get("schema_version", "0"))
        except ValueError:
            version = -1
        if version != SCHEMA_VERSION:
            from frontmap import __version__

            newer = version > SCHEMA_VERSION
            raise StoreError(
                f"{str(self.path)!r} uses claim-store schema {meta.get('schema_version')!r} "
                f"(written by frontmap {meta.get('frontmap_version', '?')}); this frontmap ({__version__}) reads schema "
                f"{SCHEMA_VERSION}. "
                + ("Upgrade frontmap to read it." if newer else "Re-ingest the articles into a new store.")
            )
        stored_window = int(meta.get("window_days", 3))
        if window_days is not None and int(window_days) != stored_window:
            raise StoreError(
                f"{str(self.path)!r} groups reports within {stored_window} days; it cannot switch to {window_days}. "
                f"Omit the window, or ingest into a new store"
            )
        self.window_days = stored_window
        stored_cols = [r[1] for r in db.execute("PRAGMA table_info(claim_sources)")]
        self._source_cols = [c for c in stored_cols if c not in ("fid", "place_key", "cluster_id", "extra")]
        if not self.readonly:
            self._ensure_rtree()
            n = self.pending()
            if n:  # a run stopped between an article's commit and the rebuild of its places
                log.info("%s: rebuilding the deduplicated claims of %d places left by an interrupted run", self.path, n)
                self.refresh()

    def _create(self, window_days: int) -> None:
        from frontmap import __version__

        db = self._db
        cols = self.columns
        claim_defs = ", ".join(f'"{c}" {_sql_type(c)}' for c in cols)
        cluster_defs = ", ".join(f'"{c}" {t}' for c, t in _CLUSTER_COLUMNS.items())
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(f"PRAGMA application_id={_GPKG_APPLICATION_ID}")
            db.execute(f"PRAGMA user_version={_GPKG_USER_VERSION}")
            for stmt in (
                """CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
                   organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
                   definition TEXT NOT NULL, description TEXT)""",
                """CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
                   identifier TEXT UNIQUE, description TEXT DEFAULT '',
                   last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                   min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
                   CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""",
                """CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
                   geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
                   CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
                   CONSTRAINT uk_gc_table_name UNIQUE (table_name),
                   CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
                   CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""",
                f"""CREATE TABLE claims (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, {claim_defs}, {cluster_defs})""",
                f"""CREATE TABLE claim_sources (fid INTEGER PRIMARY KEY AUTOINCREMENT, {claim_defs},
                   place_key TEXT NOT NULL, cluster_id TEXT, extra TEXT)""",
                """CREATE TABLE articles (fid INTEGER PRIMARY KEY AUTOINCREMENT, article TEXT NOT NULL UNIQUE,
                   content_hash TEXT NOT NULL, published TEXT, url TEXT, outlet TEXT, title TEXT, source TEXT,
                   n_claims INTEGER, ingested_at TEXT)""",
                """CREATE TABLE frontmap_metadata (fid INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE,
                   value TEXT)""",
                # places whose deduplicated claims await a rebuild (internal; not a GeoPackage layer)
                """CREATE TABLE frontmap_pending (fid INTEGER PRIMARY KEY AUTOINCREMENT, place_key TEXT NOT NULL UNIQUE)""",
                "CREATE INDEX claims_place_key ON claims(place_key)",
                "CREATE INDEX claim_sources_place_key ON claim_sources(place_key)",
                "CREATE INDEX claim_sources_article ON claim_sources(article)",
            ):
                db.execute(stmt)
            db.executemany(
                "INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
                [
                    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
                    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
                    ("WGS 84 geodetic", 4326, "EPSG", 4326, _WGS84_WKT, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
                ],
            )
            now = _now()
            db.executemany(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id) VALUES (?,?,?,?,?,?)",
                [
                    ("claims", "features", "claims", "deduplicated control claims (frontmap)", now, 4326),
                    ("claim_sources", "attributes", "claim_sources", "every claim as extracted, per article sentence", now, None),
                    ("articles", "attributes", "articles", "ingested articles", now, None),
                    ("frontmap_metadata", "attributes", "frontmap_metadata", "frontmap store metadata", now, None),
                ],
            )
            db.execute("INSERT INTO gpkg_geometry_columns VALUES ('claims', 'geom', 'POINT', 4326, 0, 0)")
            db.execute(_GPKG_EXTENSIONS_DDL)
            db.execute("INSERT INTO gpkg_extensions VALUES ('claims', 'geom', 'gpkg_rtree_index', ?, 'write-only')",
                       (_RTREE_DEFINITION,))
            for stmt in _rtree_statements():
                db.execute(stmt)
            db.executemany(
                "INSERT INTO frontmap_metadata (key, value) VALUES (?, ?)",
                [
                    ("schema_version", str(SCHEMA_VERSION)),
                    ("window_days", str(window_days)),
                    ("created", now),
                    ("frontmap_version", __version__),
                ],
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _ensure_rtree(self) -> None:
        """Add the R-tree spatial index to a store written before frontmap made one (filled from the layer)."""
        db = self._db
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (_RTREE,)).fetchone():
            return
        log.info("%s: adding a spatial index to the claims layer", self.path)
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(_GPKG_EXTENSIONS_DDL)
            db.execute("INSERT OR IGNORE INTO gpkg_extensions VALUES ('claims', 'geom', 'gpkg_rtree_index', ?, 'write-only')",
                       (_RTREE_DEFINITION,))
            for stmt in _rtree_statements():
                db.execute(stmt)
            db.execute(f'INSERT INTO "{_RTREE}" SELECT fid, ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom) '
                       "FROM claims WHERE geom NOT NULL AND NOT ST_IsEmpty(geom)")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close the database connection.

        A writer checkpoints the WAL and switches the file back to rollback-journal
        mode first, so the store at rest is a single file that read-only opens (and
        QGIS) read without creating ``-wal``/``-shm`` files.  While another connection
        has it open the switch is skipped (that connection's last writer does it).
        """
        if self._closed:
            return
        self._closed = True
        db = self._db
        if not self.readonly:
            try:
                db.execute("PRAGMA busy_timeout=200")
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                db.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.Error as exc:  # another connection is open: it keeps the WAL
                log.debug("%s: left in WAL mode (%s)", self.path, exc)
        db.close()

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ClaimStore({str(self.path)!r}, window_days={self.window_days})"

    # ------------------------------------------------------------------ info
    def metadata(self) -> dict[str, str]:
        """The store's key/value metadata (``schema_version``, ``window_days``, ...)."""
        return {r["key"]: r["value"] for r in self._db.execute("SELECT key, value FROM frontmap_metadata")}

    def stats(self) -> dict[str, int]:
        """Counts: ``articles``, ``reports`` (claims as extracted), ``claims`` (deduplicated), ``contested``."""
        q = self._db.execute
        return {
            "articles": q("SELECT count(*) FROM articles").fetchone()[0],
            "reports": q("SELECT count(*) FROM claim_sources").fetchone()[0],
            "claims": q("SELECT count(*) FROM claims").fetchone()[0],
            "contested": q("SELECT count(*) FROM claims WHERE contested").fetchone()[0],
        }

    def articles(self) -> pd.DataFrame:
        """The ingested articles (``article, content_hash, published, url, outlet, title, n_claims, ingested_at``)."""
        return pd.read_sql_query("SELECT * FROM articles ORDER BY fid", self._db).drop(columns="fid")

    # ------------------------------------------------------------------ ingest
    def ingest(
        self,
        inputs: Iterable[str | os.PathLike[str]] | Iterable[Article],
        *,
        default_date: dt.date | None = None,
        gazetteer: Any = None,
        errors: str = "skip",
        extract_article: Any = None,
    ) -> IngestReport:
        """Read articles, extract their claims and add them, one transaction per article.

        Parameters
        ----------
        inputs : paths or Articles
            Files, directories, ``-`` (see :func:`frontmap.articles.read_articles`), or Article objects.
        default_date : date, optional
            Publication date of articles that have none.
        gazetteer : Gazetteer, optional
            Passed to the extractor.
        errors : {"skip", "raise"}
            On an unreadable article or a failed extraction: log and go on, or raise.
        extract_article : callable, optional
            ``Article -> claims GeoDataFrame``; default :func:`frontmap.claims.extract_article`.

        Returns
        -------
        IngestReport
        """
        from frontmap.articles import Article, read_articles

        t0 = time.perf_counter()
        report = IngestReport()
        items = list(inputs)
        if items and all(isinstance(a, Article) for a in items):
            articles: Iterable[Article] = items
        else:
            articles = read_articles(items, default_date=default_date, errors=errors)
        extractor = extract_article or _default_extractor(gazetteer)
        for article in articles:
            digest = article_hash(article)
            if self._stored_hash(article.id) == digest:
                report.unchanged += 1
                continue
            try:
                gdf = extractor(article)
                if isinstance(gdf, list):
                    gdf = pd.DataFrame([c.to_dict() if hasattr(c, "to_dict") else dict(c) for c in gdf])
            except Exception as exc:  # an extractor bug must not stop a long run; logged with traceback
                if errors == "raise":
                    raise
                log.warning("%s: claim extraction failed (%s); article skipped", article.id, exc, exc_info=True)
                report.failed += 1
                continue
            meta = {
                "published": article.published.isoformat() if article.published else None,
                "url": article.url, "outlet": article.outlet, "title": article.title, "source": article.source,
            }
            outcome = self.add_article(article.id, gdf, content_hash=digest, meta=meta, defer=True)
            setattr(report, outcome, getattr(report, outcome) + 1)
            if outcome != "unchanged":
                report.claims += len(gdf)
            if (report.added + report.replaced) % 200 == 0:
                self.refresh()
        self.refresh()
        self._touch_contents()
        report.seconds = time.perf_counter() - t0
        log.info("ingest into %s: %s", self.path, report)
        return report

    def ingest_claims(self, claims: gpd.GeoDataFrame | pd.DataFrame, *, hashes: Mapping[str, str] | None = None) -> IngestReport:
        """Add an already extracted claims table, one transaction per article.

        The content hash of each article is ``hashes[article]`` when given, else a hash
        of its claim rows: ingesting the same table twice adds nothing.
        """
        t0 = time.perf_counter()
        report = IngestReport()
        if len(claims) == 0:
            return report
        if "article" not in claims.columns:
            raise ValidationError("the claims table has no 'article' column; see frontmap.claims.CLAIM_COLUMNS")
        by_article: dict[str, list[dict[str, Any]]] = {}
        for row in self._rows(claims):
            by_article.setdefault(str(row["article"]), []).append(row)
        for i, (article_id, rows) in enumerate(by_article.items(), 1):
            outcome = self.add_article(article_id, rows, content_hash=(hashes or {}).get(article_id), defer=True)
            setattr(report, outcome, getattr(report, outcome) + 1)
            if outcome != "unchanged":
                report.claims += len(rows)
            if i % 2000 == 0:
                self.refresh()
        self.refresh()
        self._touch_contents()
        report.seconds = time.perf_counter() - t0
        return report

    def _stored_hash(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT content_hash FROM articles WHERE article = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def _rows(self, claims: pd.DataFrame) -> list[dict[str, Any]]:
        """Claim rows as dicts of sqlite-ready scalars; columns outside the schema go to ``_extra``."""
        geom_name = claims.geometry.name if hasattr(claims, "geometry") and "geometry" in claims.columns else None
        frame = pd.DataFrame(claims.drop(columns=[geom_name])) if geom_name else pd.DataFrame(claims)
        if geom_name and len(claims):
            for c, fn in (("lon", lambda g: g.x), ("lat", lambda g: g.y)):
                if c not in frame.columns:
                    frame[c] = fn(claims.geometry).to_numpy()
        n = len(frame)
        columns: dict[str, list[Any]] = {}
        for c in frame.columns:
            col = frame[c]
            if pd.api.types.is_bool_dtype(col):
                columns[c] = [int(v) for v in col.to_numpy()]
            elif pd.api.types.is_float_dtype(col):
                arr = col.to_numpy(dtype=float)
                columns[c] = [None if v != v else v for v in arr.tolist()]
            elif pd.api.types.is_integer_dtype(col) and not col.hasnans:
                columns[c] = col.to_numpy().tolist()
            elif pd.api.types.is_string_dtype(col) and not pd.api.types.is_object_dtype(col):
                columns[c] = col.astype(object).where(col.notna(), None).tolist()  # str dtype: only NA to map
            else:
                columns[c] = [_clean(v) for v in col.astype(object).tolist()]
        known = [c for c in self._source_cols]
        extras = [c for c in columns if c not in set(known)]
        none = [None] * n
        known_lists = [columns.get(c, none) for c in known]
        extra_lists = [columns[c] for c in extras]
        rows = []
        for i, vals in enumerate(zip(*known_lists)) if known_lists else enumerate([()] * n):
            row = dict(zip(known, vals))
            if extras:
                extra = {c: lst[i] for c, lst in zip(extras, extra_lists) if lst[i] is not None}
                row["_extra"] = json.dumps(extra, default=str, sort_keys=True) if extra else None
            else:
                row["_extra"] = None
            rows.append(row)
        return rows

    def add_article(
        self,
        article_id: str,
        claims: gpd.GeoDataFrame | pd.DataFrame | list[dict[str, Any]],
        *,
        content_hash: str | None = None,
        meta: Mapping[str, Any] | None = None,
        defer: bool = False,
    ) -> str:
        """Add (or replace) one article's claims (a table, or rows from ``_rows``) in one transaction.

        With ``defer``, the deduplicated ``claims`` layer of the places it touches is
        rebuilt later by :meth:`refresh` (the places are queued in the same
        transaction, so nothing is lost if the run stops in between); without, in
        the article's own transaction.

        Returns
        -------
        str
            ``"added"``, ``"replaced"`` or ``"unchanged"`` (same content hash as stored).
        """
        if self.readonly:
            raise StoreError(f"{str(self.path)!r} was opened read-only")
        rows = claims if isinstance(claims, list) else self._rows(claims)
        for r in rows:
            r["article"] = article_id
        digest = content_hash or _rows_hash(rows)
        if self._stored_hash(article_id) == digest:  # cheap check before taking the write lock
            return "unchanged"
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"claim store {str(self.path)!r} is locked by another writer ({exc}); try again") from exc
        try:
            old = db.execute("SELECT content_hash FROM articles WHERE article = ?", (article_id,)).fetchone()
            if old is not None and old[0] == digest:
                db.execute("ROLLBACK")
                return "unchanged"
            affected = {r[0] for r in db.execute("SELECT DISTINCT place_key FROM claim_sources WHERE article = ?", (article_id,))}
            db.execute("DELETE FROM claim_sources WHERE article = ?", (article_id,))
            cols = self._source_cols
            placeholders = ", ".join("?" for _ in range(len(cols) + 2))
            names = ", ".join(f'"{c}"' for c in cols) + ", place_key, extra"
            values = []
            for r in rows:
                key = _place_key(r)
                affected.add(key)
                values.append([r[c] for c in cols] + [key, r["_extra"]])
            db.executemany(f"INSERT INTO claim_sources ({names}) VALUES ({placeholders})", values)
            if defer:
                self._mark_pending(affected)
            else:
                self._recluster(affected)
            m = dict(meta or {})
            if m.get("published") is None and rows:
                m["published"] = rows[0].get("published")
            for k in ("url", "outlet"):
                if m.get(k) is None and rows:
                    m[k] = rows[0].get(k)
            db.execute(
                """INSERT INTO articles (article, content_hash, published, url, outlet, title, source, n_claims, ingested_at)
                   VALUES (?,?,?,?,?,?,?,?,?)
                   ON CONFLICT(article) DO UPDATE SET content_hash=excluded.content_hash, published=excluded.published,
                   url=excluded.url, outlet=excluded.outlet, title=excluded.title, source=excluded.source,
                   n_claims=excluded.n_claims, ingested_at=excluded.ingested_at""",
                (article_id, digest, m.get("published"), m.get("url"), m.get("outlet"), m.get("title"), m.get("source"),
                 len(rows), _now()),
            )
            db.execute("COMMIT")
        except BaseException:  # Ctrl-C included: the article is all or nothing
            db.execute("ROLLBACK")
            raise
        return "replaced" if old is not None else "added"

    # ------------------------------------------------------------------ dedup
    def _mark_pending(self, place_keys: Iterable[str]) -> None:
        """Queue places whose deduplicated claims need rebuilding (inside the caller's transaction)."""
        self._db.executemany("INSERT OR IGNORE INTO frontmap_pending (place_key) VALUES (?)", [(k,) for k in place_keys])

    def pending(self) -> int:
        """Places queued for :meth:`refresh` (0 when the ``claims`` layer is up to date)."""
        return self._db.execute("SELECT count(*) FROM frontmap_pending").fetchone()[0]

    def refresh(self, *, batch: int = 5000) -> int:
        """Rebuild the deduplicated claims of every queued place, ``batch`` places per transaction.

        Returns
        -------
        int
            Places rebuilt.
        """
        if self.readonly:
            raise StoreError(f"{str(self.path)!r} was opened read-only; open it writable to refresh")
        db = self._db
        done = 0
        while True:
            keys = [r[0] for r in db.execute("SELECT place_key FROM frontmap_pending ORDER BY fid LIMIT ?", (batch,))]
            if not keys:
                return done
            db.execute("BEGIN IMMEDIATE")
            try:
                self._recluster(keys)
                db.executemany("DELETE FROM frontmap_pending WHERE place_key = ?", [(k,) for k in keys])
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            done += len(keys)

    def _recluster(self, place_keys: Iterable[str]) -> None:
        """Recompute the deduplicated claims of these places (inside the caller's transaction)."""
        keys = sorted(set(place_keys))
        db = self._db
        cols = self._source_cols
        quoted = ", ".join(f'"{c}"' for c in cols)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            db.execute(f"DELETE FROM claims WHERE place_key IN ({marks})", chunk)
            cur = db.execute(
                f"SELECT fid, place_key, {quoted} "
                f"FROM claim_sources WHERE place_key IN ({marks}) ORDER BY place_key, fid",
                chunk,
            )
            by_place: dict[str, list[dict[str, Any]]] = {}
            for row in cur:
                by_place.setdefault(row["place_key"], []).append(dict(row))
            out_rows: list[list[Any]] = []
            updates: list[tuple[str, int]] = []
            for key, reports in by_place.items():
                for cluster in cluster_reports(reports, self.window_days):
                    rep = cluster["representative"]
                    out_rows.append(
                        [_point_blob(rep.get("lon"), rep.get("lat"))]
                        + [rep.get(c) for c in cols]
                        + [cluster[c] for c in _CLUSTER_COLUMNS]
                    )
                    updates.extend((cluster["cluster_id"], r["fid"]) for r in cluster["reports"])
            names = "geom, " + ", ".join(f'"{c}"' for c in cols) + ", " + ", ".join(_CLUSTER_COLUMNS)
            marks2 = ", ".join("?" for _ in range(1 + len(cols) + len(_CLUSTER_COLUMNS)))
            db.executemany(f"INSERT INTO claims ({names}) VALUES ({marks2})", out_rows)
            db.executemany("UPDATE claim_sources SET cluster_id = ? WHERE fid = ?", updates)

    def _touch_contents(self) -> None:
        """Refresh the layer's extent and last_change in gpkg_contents (QGIS zooms to it)."""
        if self.readonly:
            return
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            ext = db.execute("SELECT min(lon), min(lat), max(lon), max(lat) FROM claims").fetchone()
            db.execute(
                "UPDATE gpkg_contents SET last_change=?, min_x=?, min_y=?, max_x=?, max_y=? WHERE table_name='claims'",
                (_now(), *ext),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------------ read
    def read(self, *, merged: bool = False) -> gpd.GeoDataFrame:
        """The stored claims as a GeoDataFrame (EPSG:4326).

        Parameters
        ----------
        merged : bool
            False (default): every claim as extracted (the claims-table columns) with
            its cluster's ``cluster_id, n_sources, n_claimants, claimants,
            first_reported, last_reported, contested``; this is what
            :class:`frontmap.query.Claims` works on.  True: one row per deduplicated
            claim (the ``claims`` layer).
        """
        import geopandas as gpd

        if self.pending():
            if self.readonly:
                log.warning("%s: the deduplicated claims of %d places are being rebuilt by a writer; "
                            "their cluster columns may lag", self.path, self.pending())
            else:
                self.refresh()
        if merged:
            sql = "SELECT * FROM claims ORDER BY fid"
        else:
            cols = ", ".join(f's."{c}"' for c in self._source_cols)
            sql = (
                f"SELECT {cols}, s.place_key, s.cluster_id, s.extra, c.n_sources, c.n_articles, c.n_claimants, "
                "c.claimants, c.first_reported, c.last_reported, c.contested "
                "FROM claim_sources s LEFT JOIN claims c ON c.cluster_id = s.cluster_id ORDER BY s.fid"
            )
        frame = self._query(sql)
        frame = frame.drop(columns=[c for c in ("fid", "geom") if c in frame.columns])
        for c in ("hedged", "contested", "negated"):
            if c in frame:  # BOOLEAN columns; a store made before a flag was BOOLEAN holds it as "0"/"1" text
                frame[c] = _flags(frame[c]).to_numpy()
        if "extra" in frame:
            extras = frame.pop("extra")
            if extras.notna().any():
                ext = pd.DataFrame([json.loads(e) if isinstance(e, str) else {} for e in extras], index=frame.index)
                for c in ext.columns:
                    if c not in frame:
                        frame[c] = ext[c]
        geometry = gpd.points_from_xy(frame["lon"], frame["lat"], crs=4326)
        return gpd.GeoDataFrame(frame, geometry=geometry, crs=4326)

    def _query(self, sql: str) -> pd.DataFrame:
        """Run one SELECT (one statement: one consistent snapshot) into a DataFrame.

        Through GDAL's Arrow stream when pyogrio can (several times faster on big
        stores), else through sqlite3.
        """
        try:
            import pyogrio
            from pyogrio.errors import DataLayerError, DataSourceError, FieldError
        except ImportError:  # pragma: no cover - pyogrio is a dependency
            pyogrio = None
        if pyogrio is not None and not self._immutable:
            try:
                frame = pyogrio.read_dataframe(self.path, sql=sql, use_arrow=True, read_geometry=False)
                return pd.DataFrame(frame)
            except (DataSourceError, DataLayerError, FieldError, RuntimeError, ImportError) as exc:
                log.debug("pyogrio could not read %s (%s); reading through sqlite3", self.path, exc)
        db = self._db
        db.execute("BEGIN")
        try:
            return pd.read_sql_query(sql, db)
        finally:
            db.execute("COMMIT")

    def export(self, path: str | os.PathLike[str], *, format: str | None = None, merged: bool = True) -> Path:
        """Write the claims to a file, atomically.

        Parameters
        ----------
        path : path
            Output; the format follows the suffix (:data:`EXPORT_FORMATS`) unless ``format`` is given.
        format : {"geojson", "parquet", "csv", "jsonl", "gpkg"}, optional
        merged : bool
            Deduplicated claims (default) or every claim as extracted.
        """
        return export_claims(self.read(merged=merged), path, format=format)


def _default_extractor(gazetteer: Any):
    """``Article -> claims table`` with :func:`frontmap.claims.extract_article`."""
    from frontmap import claims as claims_mod

    def run(article: Article) -> Any:
        found = claims_mod.extract_article(article, gazetteer=gazetteer)
        if isinstance(found, list):  # Claim records -> the claims table
            return claims_mod.claims_frame(found)
        return found

    return run


# ---------------------------------------------------------------------- clustering


def cluster_reports(reports: list[dict[str, Any]], window_days: int = 3) -> list[dict[str, Any]]:
    """Group one place's reports into claims and mark disagreeing ones contested.

    Reports with the same event and controller whose dates (``date_start``..``date_end``)
    lie within ``window_days`` of each other form one claim (chained: each report joins
    the claim whose latest date is within the window).  Two claims naming different
    controllers within the window of each other are both ``contested``; so is a claim
    and a report denying it (an extra ``negated``/``denied`` flag, when the extractor
    provides one).

    Undated reports (no event date in the text) are only known to be true at some time
    on or before publication: they group with undated reports published within the
    window, keep a null ``cluster_start``/``cluster_end``, and are contested only by
    other undated claims, never by dated ones.  ``n_claimants`` counts claimant names
    folded by :func:`frontmap.timeline.claimant_key`.

    Parameters
    ----------
    reports : list of dict
        Claim rows of a single place (claims-table columns; ``fid`` optional).

    Returns
    -------
    list of dict
        One per claim: ``representative`` (a report row), ``reports``, and the cluster
        columns of the store (``cluster_id``, ``n_sources``, ``contested``...).
    """
    groups: dict[tuple[Any, ...], list[tuple[int | None, int | None, dict[str, Any]]]] = {}
    for r in reports:
        start = _ordinal(r.get("date_start")) or _ordinal(r.get("date_end"))
        undated = start is None
        if undated:  # windowed by publication date, among undated reports only
            start = _ordinal(r.get("published"))
            end = start
        else:
            end = _ordinal(r.get("date_end")) or start
        negated = _is_negated(r)
        groups.setdefault((r.get("event"), r.get("controller"), negated, undated), []).append((start, end, r))
    clusters: list[dict[str, Any]] = []
    for (event, controller, negated, undated), items in groups.items():
        items.sort(key=lambda t: (t[0] is None, t[0] or 0, t[1] or 0))
        current: list[Any] = []
        cur_end: int | None = None
        for start, end, r in items:
            if current and (
                (start is None and current[0][0] is None)
                or (start is not None and cur_end is not None and start - cur_end <= window_days)
            ):
                current.append((start, end, r))
                cur_end = max(cur_end or 0, end or 0) if start is not None else None
            else:
                if current:
                    clusters.append(_make_cluster(current, event, controller, negated, undated))
                current = [(start, end, r)]
                cur_end = end
        if current:
            clusters.append(_make_cluster(current, event, controller, negated, undated))
    # disagreement: different controllers (or a claim and its denial) within the window
    for i, a in enumerate(clusters):
        for b in clusters[i + 1 :]:
            if a["_mention"] or b["_mention"] or a["_undated"] != b["_undated"]:
                continue
            differ = (
                a["_controller"] is not None and b["_controller"] is not None and a["_controller"] != b["_controller"]
            ) or (a["_negated"] != b["_negated"] and a["_controller"] == b["_controller"])
            if not differ:
                continue
            if a["_start"] is None or b["_start"] is None:
                near = a["_start"] is None and b["_start"] is None
            else:
                near = a["_start"] - b["_end"] <= window_days and b["_start"] - a["_end"] <= window_days
            if near:
                a["_against"].append(b["cluster_id"])
                b["_against"].append(a["cluster_id"])
    for c in clusters:
        c["contested"] = 1 if c["_against"] else 0
        c["contested_with"] = json.dumps(sorted(c["_against"])) if c["_against"] else None
    return clusters


def _is_negated(r: Mapping[str, Any]) -> bool:
    for k in ("negated", "denied"):
        v = r.get(k)
        if v not in (None, 0, False, "", "0", "false", "False"):
            return True
    extra = r.get("extra") or r.get("_extra")
    if isinstance(extra, str) and ("negated" in extra or "denied" in extra):
        try:
            e = json.loads(extra)
        except ValueError:
            return False
        return bool(e.get("negated") or e.get("denied"))
    return False


def _make_cluster(items: list[Any], event: Any, controller: Any, negated: bool, undated: bool = False) -> dict[str, Any]:
    reports = [r for _, _, r in items]
    starts = [s for s, _, _ in items if s is not None]
    ends = [e for _, e, _ in items if e is not None]
    rep = max(
        reports,
        key=lambda r: (not r.get("hedged"), float(r.get("confidence") or 0.0), -(_ordinal(r.get("published")) or 0)),
    )
    ids = sorted(str(r.get("claim_id")) for r in reports)
    key = reports[0].get("place_key") or _place_key(reports[0])
    cluster_id = hashlib.sha1(f"{key}|{event}|{controller}|{negated}|{ids[0]}".encode()).hexdigest()[:16]
    claimants = sorted({str(r.get("claimant")).strip() for r in reports if r.get("claimant")}, key=str.casefold)
    distinct = {claimant_key(c) for c in claimants}
    pubs = sorted(p[:10] for p in (r.get("published") for r in reports) if isinstance(p, str))
    return {
        "representative": rep,
        "reports": reports,
        "cluster_id": cluster_id,
        "place_key": key,
        "n_sources": len(reports),
        "n_articles": len({r.get("article") for r in reports}),
        "n_claimants": len(distinct),
        "claimants": json.dumps(claimants, ensure_ascii=False),
        "articles": json.dumps(sorted({str(r.get("article")) for r in reports})),
        "sources": json.dumps(
            [{"article": r.get("article"), "claim_id": r.get("claim_id"), "sentence": r.get("sentence"),
              "sentence_start": r.get("sentence_start"), "sentence_end": r.get("sentence_end")} for r in reports],
            ensure_ascii=False,
        ),
        "first_reported": pubs[0] if pubs else None,
        "last_reported": pubs[-1] if pubs else None,
        # an undated claim has no event date: not its publication date dressed up as one
        "cluster_start": dt.date.fromordinal(min(starts)).isoformat() if starts and not undated else None,
        "cluster_end": dt.date.fromordinal(max(ends)).isoformat() if ends and not undated else None,
        "_start": min(starts) if starts else None,
        "_end": max(ends) if ends else None,
        "_controller": controller,
        "_negated": negated,
        "_mention": event == "mention",
        "_undated": undated,
        "_against": [],
    }


# ---------------------------------------------------------------------- export


def export_claims(gdf: gpd.GeoDataFrame, path: str | os.PathLike[str], *, format: str | None = None) -> Path:
    """Write a claims GeoDataFrame as GeoJSON, GeoParquet, CSV, JSON Lines or GeoPackage, atomically.

    Parameters
    ----------
    gdf : GeoDataFrame
        Claims (EPSG:4326).
    path : path
        Output file; its suffix picks the format unless ``format`` is given.
    format : str, optional
        ``geojson`` | ``parquet`` | ``csv`` | ``jsonl`` | ``gpkg``.
    """
    target = Path(path)
    fmt = format or EXPORT_FORMATS.get(target.suffix.lower())
    if fmt not in set(EXPORT_FORMATS.values()):
        raise ValidationError(
            f"cannot tell the export format of {str(target)!r}; use a suffix among "
            f"{', '.join(sorted(EXPORT_FORMATS))} or pass format="
        )
    gdf = gdf.to_crs(4326) if gdf.crs is not None and gdf.crs.to_epsg() != 4326 else gdf
    if fmt == "geojson":
        with atomic_path(target) as tmp:
            gdf.to_file(tmp, driver="GeoJSON", engine="pyogrio")
    elif fmt == "gpkg":
        with atomic_path(target) as tmp:
            tmp.unlink()
            gdf.to_file(tmp, driver="GPKG", layer="claims", engine="pyogrio")
    elif fmt == "parquet":
        with atomic_path(target) as tmp:
            gdf.to_parquet(tmp, index=False)
    elif fmt == "csv":
        frame = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
        frame["wkt"] = gdf.geometry.to_wkt()
        with atomic_open(target, "w", encoding="utf-8") as fh:
            frame.to_csv(fh, index=False)
    else:  # jsonl
        frame = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
        with atomic_open(target, "w", encoding="utf-8") as fh:
            for rec in frame.astype(object).to_dict("records"):
                fh.write(json.dumps({k: _jsonable(v) for k, v in rec.items()}, ensure_ascii=False, default=str) + "\n")
    log.info("wrote %d claims to %s (%s)", len(gdf), target, fmt)
    return target
