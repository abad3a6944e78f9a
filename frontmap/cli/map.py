"""``frontmap map``: a layered HTML map (or a PNG/SVG/PDF figure) of control claims."""

from __future__ import annotations

import datetime as dt
import inspect
import logging
from pathlib import Path
from typing import Any

import click

from frontmap.cli.options import check_output, date_option, friendly_errors, gazetteer_option, overwrite_option, parse_date
from frontmap.errors import FrontmapError

log = logging.getLogger(__name__)

STATIC_FORMATS = ("png", "svg", "pdf")


def _claims_from_inputs(inputs: tuple[str, ...], default_date: dt.date | None, gazetteer_path: str | None) -> Any:
    try:
        from frontmap.claims import extract
    except ImportError as exc:
        raise FrontmapError("claim extraction (frontmap.claims) is not available in this build; use --store S") from exc
    params = inspect.signature(extract).parameters
    kwargs: dict[str, Any] = {}
    if default_date is not None and "default_date" in params:
        kwargs["default_date"] = default_date
    if gazetteer_path and "gazetteer" in params:
        from frontmap.gazetteer import Gazetteer

        kwargs["gazetteer"] = Gazetteer.load(gazetteer_path)
    return extract(list(inputs), **kwargs)


def _claims_from_store(store: str) -> Any:
    try:
        from frontmap.query import Claims
    except ImportError as exc:
        raise FrontmapError("the claim store (frontmap.query) is not available in this build; pass article files") from exc
    return Claims.from_store(store).gdf


def _side(row_controller: Any, row_actor: Any) -> str | None:
    for v in (row_controller, row_actor):
        if isinstance(v, str) and v:
            return v
    return None


def filter_claims(gdf: Any, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
                  side: str | None = None, within: str | None = None) -> Any:
    """Apply the CLI's --from/--to/--side/--within filters to a claims GeoDataFrame.

    A claim passes the date filter when the days its event date covers
    (``date_start``..``date_end``) overlap the range; an undated claim or a
    mention when its article's publication date falls in it.
    """
    out = gdf
    if date_from or date_to:
        lo = date_from.isoformat() if date_from else "0000-01-01"
        hi = date_to.isoformat() if date_to else "9999-12-31"
        start = out["date_start"].astype("string").str.slice(0, 10)
        end = out["date_end"].astype("string").str.slice(0, 10).fillna(start)
        pub = out["published"].astype("string").str.slice(0, 10)
        dated = start.notna()
        keep = (dated & (start <= hi) & (end >= lo)) | (~dated & pub.notna() & (pub >= lo) & (pub <= hi))
        out = out[keep.fillna(False).to_numpy()]
    if side:
        sides = [_side(c, a) for c, a in zip(out["controller"], out["actor"])]
        out = out[[s == side for s in sides]]
    if within:
        try:
            from frontmap.query import Claims
        except ImportError as exc:
            raise FrontmapError("--within needs frontmap.query (the store/query module), which is not available") from exc
        out = Claims(out).within(within).gdf
    return out


@click.command("map")
@click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="Output file: .html (interactive map) or .png/.svg/.pdf (static figure).")
@click.option("--store", "store", type=click.Path(exists=True, dir_okay=False), help="Map the claims in this claim store instead of articles.")
@click.option("--from", "date_from", callback=parse_date, metavar="YYYY-MM-DD", help="Only events on or after this day.")
@click.option("--to", "date_to", callback=parse_date, metavar="YYYY-MM-DD", help="Only events on or before this day.")
@click.option("--at", "at", callback=parse_date, metavar="YYYY-MM-DD",
              help="Snapshot: claims up to this day, with its control areas and front line.")
@click.option("--within", "within", metavar="REGION", help="Only claims inside this region (e.g. 'Donetsk Oblast').")
@click.option("--side", "side", type=click.Choice(["RU", "UA"]), help="Only claims for this side.")
@click.option("--format", "fmt", type=click.Choice(["html", *STATIC_FORMATS]),
              help="Output format (default: from the -o extension).")
@click.option("--title", "title", help="Map title.")
@click.option("--self-contained", "self_contained", is_flag=True,
              help="One HTML file that opens with no network: Leaflet and plugins inlined, offline basemap only.")
@date_option
@gazetteer_option
@overwrite_option
@friendly_errors
def map_command(inputs: tuple[str, ...], output: str, store: str | None, date_from: dt.date | None,
                date_to: dt.date | None, at: dt.date | None, within: str | None, side: str | None, fmt: str | None,
                title: str | None, self_contained: bool, default_date: dt.date | None, gazetteer_path: str | None,
                overwrite: bool) -> None:
    """Render a layered, time-aware HTML map (or a static figure) of control claims.

    \b
    INPUTS are article files or directories (their claims are extracted), or use --store.
      frontmap map seeds/ -o maps/seed.html
      frontmap map seeds/ -o maps/seed.png
      frontmap map --store claims.gpkg --at 2025-03-13 -o maps/snapshot.html --self-contained
    """
    if bool(inputs) == bool(store):
        raise click.UsageError("give article INPUTS or --store S (exactly one of them)")
    suffix = Path(output).suffix.lower().lstrip(".")
    fmt = fmt or ("html" if suffix in ("html", "htm", "") else suffix)
    if fmt not in ("html", *STATIC_FORMATS):
        raise click.BadParameter(f"cannot infer a format from {output!r}; use .html, .png, .svg or .pdf, or --format",
                                 param_hint="-o")
    if fmt in STATIC_FORMATS and suffix in ("html", "htm"):
        raise click.BadParameter(f"--format {fmt} writes a static figure; give -o a .{fmt} name", param_hint="-o")
    if self_contained and fmt != "html":
        raise click.UsageError("--self-contained applies to HTML maps only")
    if at and (date_from or date_to):
        raise click.UsageError("--at is a single-day snapshot; do not combine it with --from/--to")
    check_output(output, overwrite)

    gdf = _claims_from_store(store) if store else _claims_from_inputs(inputs, default_date, gazetteer_path)
    gdf = filter_claims(gdf, date_from=date_from, date_to=date_to, side=side, within=within)
    if len(gdf) == 0:
        click.echo("warning: no claims left to map after filtering; writing an empty map", err=True)

    from frontmap import render

    if fmt == "html":
        render.to_html(gdf, output, self_contained=self_contained, title=title, at=at)
    else:
        render.to_png(gdf, output, format=fmt, title=title, at=at)
    n = len(gdf)
    click.echo(f"wrote {output} ({n} claim rows)")
