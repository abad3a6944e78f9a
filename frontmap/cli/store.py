"""``frontmap ingest | query | control | export``: the claim store from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from frontmap.cli.options import (
    check_output,
    date_option,
    friendly_errors,
    gazetteer_option,
    inputs_argument,
    overwrite_option,
    parse_date,
)

# inputs with these suffixes are claims tables (e.g. from `frontmap extract -o`), not articles
_CLAIM_TABLE_SUFFIXES = (".geojson", ".parquet", ".geoparquet", ".gpkg")

store_option = click.option(
    "--store",
    "store_path",
    required=True,
    type=click.Path(dir_okay=False),
    envvar="FRONTMAP_STORE",
    help="The claim store, a GeoPackage file (also: $FRONTMAP_STORE).",
)


def _gazetteer(path: str | None) -> Any:
    if path is None:
        return None
    from frontmap.gazetteer import Gazetteer

    return Gazetteer.load(path)


def _read_claims_table(path: str):
    import geopandas as gpd

    if path.lower().endswith((".parquet", ".geoparquet")):
        return gpd.read_parquet(path)
    return gpd.read_file(path)


@click.command("ingest")
@inputs_argument
@store_option
@click.option("--window-days", type=click.IntRange(0, 365), default=None,
              help="Reports within this many days are one claim (set when the store is created; default 3).")
@date_option
@gazetteer_option
@friendly_errors
def ingest(inputs: tuple[str, ...], store_path: str, window_days: int | None, default_date, gazetteer_path: str | None) -> None:
    """Add the claims of INPUTS (articles, or claims tables: .geojson/.parquet/.gpkg) to a store.

    Idempotent: an article already stored with the same content adds nothing; a
    changed article replaces its own claims.  Each article is written in one
    transaction, so an interrupted run leaves the store as it was before that article.
    """
    from frontmap.store import ClaimStore, IngestReport

    tables = [p for p in inputs if p.lower().endswith(_CLAIM_TABLE_SUFFIXES)]
    articles = [p for p in inputs if p not in tables]
    with ClaimStore(store_path, window_days=window_days) as store:
        total = IngestReport()
        for path in tables:
            rep = store.ingest_claims(_read_claims_table(path))
            _add(total, rep)
        if articles:
            rep = store.ingest(articles, default_date=default_date, gazetteer=_gazetteer(gazetteer_path))
            _add(total, rep)
        stats = store.stats()
    click.echo(f"{store_path}: {total}")
    click.echo(
        f"{store_path} now holds {stats['articles']} articles, {stats['reports']} reports, "
        f"{stats['claims']} claims ({stats['contested']} contested)"
    )


def _add(total: Any, rep: Any) -> None:
    for f in ("added", "replaced", "unchanged", "failed", "claims", "seconds"):
        setattr(total, f, getattr(total, f) + getattr(rep, f))


_TABLE_COLUMNS = ["event_date", "name", "event", "controller", "claimant", "hedged", "n_sources", "contested", "article"]


@click.command("query")
@store_option
@click.option("--near", "near_name", metavar="PLACE", help="Only claims near this place (a gazetteer name, or LAT,LON).")
@click.option("--km", type=click.FloatRange(0), default=30.0, show_default=True, help="Radius for --near, in km.")
@click.option("--within", "region", metavar="REGION",
              help="Only claims inside a region name ('Kursk Oblast') or a bbox MINLON,MINLAT,MAXLON,MAXLAT.")
@click.option("--from", "start", callback=parse_date, metavar="YYYY-MM-DD", help="Event date on or after.")
@click.option("--to", "end", callback=parse_date, metavar="YYYY-MM-DD", help="Event date on or before.")
@click.option("--include-undated", is_flag=True,
              help="With --from/--to: also claims with no event date in their text, counted on their publication "
                   "date (they are only known true on or before it, so they are left out by default).")
@click.option("--side", type=click.Choice(["RU", "UA"], case_sensitive=False), help="The side the claim gives the place to.")
@click.option("--event", multiple=True,
              type=click.Choice(["capture", "withdrawal", "advance", "attack", "incursion", "other", "mention"]),
              help="Event type (repeatable).")
@click.option("--claimant", help="Substring of the claimant.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson"]), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Output file (default stdout).")
@overwrite_option
@gazetteer_option
@friendly_errors
def query(store_path: str, near_name: str | None, km: float, region: str | None, start, end, side: str | None,
          event: tuple[str, ...], claimant: str | None, fmt: str, output: str, overwrite: bool,
          gazetteer_path: str | None, include_undated: bool = False) -> None:
    """Query a claim store: near a place, within a region, between dates, by side or event.

    --from/--to select by event date; claims whose text gives no event date are left
    out unless --include-undated (then they count on their publication date).
    """
    from frontmap.query import Claims

    check_output(output, overwrite)
    claims = Claims.from_store(store_path, gazetteer=_gazetteer(gazetteer_path))
    if near_name:
        claims = claims.near(_point_or_name(near_name), km)
    if region:
        claims = claims.within(_bbox_or_name(region))
    if start or end:
        claims = claims.between(start, end, include_undated=include_undated)
    if side or event or claimant:
        claims = claims.by(side=side.upper() if side else None, event=list(event) or None, claimant=claimant)
    _emit(claims.gdf, fmt, output, columns=_TABLE_COLUMNS + (["distance_km"] if near_name else []))


def _point_or_name(text: str) -> Any:
    parts = text.split(",")
    if len(parts) == 2:
        try:
            return (float(parts[0]), float(parts[1]))
        except ValueError:
            pass
    return text


def _bbox_or_name(text: str) -> Any:
    parts = text.split(",")
    if len(parts) == 4:
        try:
            return tuple(float(p) for p in parts)
        except ValueError:
            pass
    return text


def _emit(gdf: Any, fmt: str, output: str, *, columns: list[str]) -> None:
    """Write a GeoDataFrame as a table, JSON Lines or GeoJSON to a file (atomically) or stdout."""
    import pandas as pd

    from frontmap._io import atomic_open
    from frontmap.store import _jsonable

    if fmt == "table":
        cols = [c for c in columns if c in gdf.columns]
        frame = pd.DataFrame(gdf[cols])
        text = frame.to_string(index=False, max_colwidth=40, na_rep="-") if len(frame) else "(no rows)"
        text += f"\n{len(frame)} rows\n"
    elif fmt == "jsonl":
        frame = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
        text = "".join(
            json.dumps({k: _jsonable(v) for k, v in rec.items()}, ensure_ascii=False, default=str) + "\n"
            for rec in frame.astype(object).to_dict("records")
        )
    else:
        text = gdf.to_json(drop_id=True, ensure_ascii=False) + "\n"
    if output == "-":
        click.echo(text, nl=False)
    else:
        with atomic_open(output, "w") as fh:
            fh.write(text)
        click.echo(f"wrote {len(gdf)} rows to {output}", err=True)


@click.command("control")
@store_option
@click.option("--date", "day", required=True, callback=parse_date, metavar="YYYY-MM-DD", help="The day asked about.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write areas, front line and places as GeoJSON.")
@click.option("--reference", type=click.Path(exists=True, dir_okay=False),
              help="A reference control layer (GeoJSON polygons with a 'class' property) as the starting state.")
@click.option("--class-map", "class_map", metavar="CLASS=SIDE,...",
              help="Reference class -> side, e.g. 'ru_controlled=RU,ua_controlled_in_russia=UA' (default: built in).")
@click.option("--cell-km", type=click.FloatRange(1), default=15.0, show_default=True,
              help="How far a claimed place's control reaches.")
@click.option("--since", callback=parse_date, metavar="YYYY-MM-DD",
              help="Also report the places and km² that changed hands since this date.")
@click.option("--places/--no-places", "show_places", default=True, help="Print the per-place table.")
@overwrite_option
@friendly_errors
def control(store_path: str, day, output: str | None, reference: str | None, class_map: str | None, cell_km: float,
            since, show_places: bool, overwrite: bool) -> None:
    """Who held what on --date: per-place table, control areas (km²) and the front line."""
    import geopandas as gpd
    import pandas as pd

    from frontmap import timeline
    from frontmap._io import atomic_path
    from frontmap.query import Claims

    check_output(output, overwrite)
    baseline = None
    if reference:
        classes = None
        if class_map:
            classes = {}
            for item in class_map.split(","):
                name, _, side = item.partition("=")
                classes[name.strip()] = side.strip() or None
        baseline = timeline.Baseline.from_reference(reference, classes=classes)
    claims = Claims.from_store(store_path, baseline=baseline)
    held = claims.held_on(day)
    areas = claims.control_areas(day, held=held, cell_km=cell_km)
    front = claims.front_line(day, areas=areas)
    if show_places:
        cols = ["name", "controller", "status", "n_claims", "as_of", "event"]
        click.echo(pd.DataFrame(held[cols]).to_string(index=False) if len(held) else "(no places)")
    for side, km2 in zip(areas["side"], areas["area_km2"]):
        click.echo(f"{side}: {km2:,.0f} km²")
    click.echo(f"front line: {float(front['length_km'].sum()):,.0f} km")
    if since:
        changed = claims.changes(since, day)
        click.echo(f"since {since.isoformat()}: {len(changed)} places changed hands")
        for _, r in changed.iterrows():
            click.echo(f"  {r['name']}: {r['controller_before']} -> {r['controller_after']} ({r['status_after']})")
        moved = claims.area_changes(since, day, cell_km=cell_km)
        for a, b, km2 in zip(moved["from_side"], moved["to_side"], moved["area_km2"]):
            click.echo(f"  {a} -> {b}: {km2:,.0f} km²")
    if output:
        layers = [
            areas.assign(layer="area"),
            front.assign(layer="front_line"),
            held.assign(layer="place"),
        ]
        out = gpd.GeoDataFrame(pd.concat(layers, ignore_index=True), geometry="geometry", crs=4326)
        for col in ("claimants", "claim_ids", "articles"):  # lists -> JSON text properties
            if col in out:
                out[col] = [json.dumps([str(x) for x in v], ensure_ascii=False) if _listlike(v) else None for v in out[col]]
        out["date"] = day.isoformat()
        with atomic_path(output) as tmp:
            out.to_file(tmp, driver="GeoJSON", engine="pyogrio")
        click.echo(f"wrote {output}", err=True)


def _listlike(value: Any) -> bool:
    return value is not None and not isinstance(value, (str, float)) and hasattr(value, "__iter__")


@click.command("export")
@store_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Output file: .geojson, .parquet, .csv, .jsonl or .gpkg.")
@click.option("--raw", is_flag=True, help="Every claim as extracted, not one row per deduplicated claim.")
@overwrite_option
@friendly_errors
def export(store_path: str, output: str, raw: bool, overwrite: bool) -> None:
    """Export a claim store (format from the output's suffix)."""
    from frontmap.store import ClaimStore

    check_output(output, overwrite)
    if not Path(store_path).exists():
        raise click.ClickException(f"no claim store at {store_path}; create one with `frontmap ingest FILES --store {store_path}`")
    with ClaimStore(store_path, readonly=True) as store:
        gdf = store.read(merged=not raw)
        from frontmap.store import export_claims

        export_claims(gdf, output)
    click.echo(f"wrote {len(gdf)} claims to {output}", err=True)
