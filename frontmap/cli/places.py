"""``frontmap places``: find and resolve every place the articles name."""

from __future__ import annotations

import json
import sys
from typing import IO, Any, Iterator

import click

from frontmap.cli.options import (
    check_output,
    date_option,
    friendly_errors,
    gazetteer_option,
    inputs_argument,
    max_bytes_option,
    overwrite_option,
)

#: Keys of each JSON line, in order.
JSON_KEYS = ("article", "start", "end", "text", "name", "lat", "lon", "kind", "country", "admin1", "place_id", "score")


def mention_rows(articles: Any, gazetteer: Any, on_article: Any = None) -> Iterator[dict[str, Any]]:
    """One dict (``JSON_KEYS``) per resolved mention of each article."""
    from frontmap.mentions import find_places

    for art in articles:
        for m in find_places(art, gazetteer=gazetteer):
            p = m.place
            if p is None:
                continue
            yield {
                "article": art.id, "start": m.start, "end": m.end, "text": m.text, "name": p.name,
                "lat": round(p.lat, 5), "lon": round(p.lon, 5), "kind": p.kind, "country": p.country,
                "admin1": p.admin1, "place_id": p.place_id, "score": m.score,
            }
        if on_article is not None:
            on_article(art)


@click.command("places")
@inputs_argument
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson"]), default="table",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write here instead of standard output.")
@date_option
@gazetteer_option
@overwrite_option
@max_bytes_option
@friendly_errors
def places(inputs: tuple[str, ...], fmt: str, output: str, default_date: Any, gazetteer_path: str | None,
           overwrite: bool, max_bytes: int) -> None:
    """Find and resolve every place the articles in INPUTS name.

    INPUTS are article files (text with a ' date YYYY-MM-DD' first line, HTML, JSON
    Lines), directories of them, or '-' for standard input.  Bad files are reported on
    standard error and skipped; the exit status is 1 when nothing could be read.

    \b
    Examples:
      frontmap places seeds/
      frontmap places articles/ --format jsonl -o places.jsonl
      frontmap places report.html --format geojson -o places.geojson
    """
    from rich.console import Console
    from rich.markup import escape

    from frontmap.articles import ReadReport, read_articles

    check_output(output, overwrite)
    err = Console(stderr=True)
    gz = _load_gazetteer(gazetteer_path)
    report = ReadReport()
    articles = read_articles(list(inputs), default_date=default_date, max_bytes=max_bytes, errors="skip", report=report)

    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"),
                        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)
    with progress:
        task = progress.add_task("finding places", total=None)
        rows = list(mention_rows(articles, gz, on_article=lambda a: progress.advance(task)))

    for source, problem in report.skipped:
        err.print(f"[yellow]skipped[/] {escape(source)}: {escape(problem)}", highlight=False)
    if report.read == 0:
        raise click.ClickException("no article could be read from the inputs" + (
            f" ({len(report.skipped)} bad)" if report.skipped else ""))

    if fmt == "table":
        _write(output, lambda fh: _table(rows, fh))
    elif fmt == "jsonl":
        _write(output, lambda fh: fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    else:
        _write(output, lambda fh: fh.write(_geojson(rows)))
    if report.skipped:
        err.print(report.summary(), highlight=False)


def _load_gazetteer(path: str | None) -> Any:
    from frontmap.gazetteer import Gazetteer, default_gazetteer

    return Gazetteer.load(path) if path else default_gazetteer()


def _write(output: str, writer: Any) -> None:
    if output == "-":
        writer(sys.stdout)
        return
    from frontmap._io import atomic_open

    with atomic_open(output) as fh:
        writer(fh)


def _table(rows: list[dict[str, Any]], fh: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(rows)} place mention(s)")
    for col, kw in (("article", {}), ("span", {"justify": "right"}), ("text", {}), ("place", {}), ("kind", {}),
                    ("country", {}), ("admin1", {}), ("lat, lon", {"justify": "right"}), ("score", {"justify": "right"})):
        table.add_column(col, **kw)
    for r in rows:
        # article text is untrusted: plain Text cells, never rich markup
        cells = (r["article"], f"{r['start']}-{r['end']}", r["text"], r["name"], r["kind"], r["country"],
                 r["admin1"] or "", f"{r['lat']:.4f}, {r['lon']:.4f}", f"{r['score']:.2f}")
        table.add_row(*(Text(str(c)) for c in cells))
    Console(file=fh, width=160 if not getattr(fh, "isatty", lambda: False)() else None).print(table)


def _geojson(rows: list[dict[str, Any]]) -> str:
    import geopandas as gpd

    gdf = gpd.GeoDataFrame(
        rows, columns=list(JSON_KEYS), geometry=gpd.points_from_xy([r["lon"] for r in rows], [r["lat"] for r in rows]),
        crs="EPSG:4326",
    )
    return gdf.to_json(drop_id=True)
