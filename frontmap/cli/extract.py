"""``frontmap extract``: claimed events (capture, withdrawal, advance, ...) from articles."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any

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

#: file suffix -> output format
SUFFIXES = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl"}
_TABLE_COLUMNS = ("article", "place", "event", "controller", "claimant_class", "hedged", "event_date", "confidence")


def _open_gazetteer(path: str | None) -> Any:
    if path is None:
        return None
    from frontmap.gazetteer import Gazetteer

    return Gazetteer.load(path)


def _write_file(claims: list[Any], output: str) -> None:
    """Write claims to ``output`` atomically, in the format its suffix names."""
    from frontmap._io import atomic_open, atomic_path
    from frontmap.claims import claims_frame

    fmt = SUFFIXES[Path(output).suffix.lower()]
    if fmt == "jsonl":
        with atomic_open(output) as fh:
            for c in claims:
                fh.write(json.dumps(c.to_json_dict(), ensure_ascii=False) + "\n")
        return
    gdf = claims_frame(claims)
    with atomic_path(output) as tmp:
        tmp.unlink()  # the writers create the file themselves
        if fmt == "csv":
            gdf.drop(columns="geometry").to_csv(tmp, index=False)
        elif fmt == "parquet":
            gdf.to_parquet(tmp, index=False)
        elif fmt == "gpkg":
            gdf.to_file(tmp, driver="GPKG", layer="claims")
        else:
            gdf.to_file(tmp, driver="GeoJSON", layer="claims")


@click.command("extract")
@inputs_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Write the claims here; the suffix picks the format: "
                   ".geojson, .gpkg, .parquet (GeoParquet), .csv or .jsonl.  Default: standard output.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="Standard-output format (JSON Lines, or a readable table).")
@date_option
@click.option("--lexicon", "lexicon_path", type=click.Path(exists=True, dir_okay=False),
              help="A claim lexicon (TOML) for another conflict; default: the shipped Russia-Ukraine lexicon.")
@gazetteer_option
@overwrite_option
@max_bytes_option
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on standard error (default: when standard error is a terminal).")
@friendly_errors
def extract(inputs: tuple[str, ...], output: str | None, fmt: str, default_date: Any, lexicon_path: str | None,
            gazetteer_path: str | None, overwrite: bool, max_bytes: int, progress: bool | None) -> None:
    """Extract every claimed event from the articles in INPUTS.

    One claim per sentence, place and event: who says which side took, lost,
    entered or struck the place, the side that holds it by that claim, and the
    event date resolved against the publication date.

    \b
    Examples:
      frontmap extract seeds/                       # JSON Lines on standard output
      frontmap extract seeds/ --format table
      frontmap extract news/ -o claims.geojson      # or .gpkg .parquet .csv .jsonl
      frontmap extract article.txt --date 2025-03-13 --lexicon my_war.toml
    """
    from frontmap.articles import ReadReport, read_articles
    from frontmap.claims import iter_claims
    from frontmap.lexicon import load_lexicon

    if output and output != "-" and Path(output).suffix.lower() not in SUFFIXES:
        raise click.BadParameter(
            f"{output!r}: unknown suffix; use one of {', '.join(sorted(SUFFIXES))}", param_hint="-o/--output"
        )
    to_stdout = output in (None, "-")
    if not to_stdout:
        check_output(output, overwrite)
    lexicon = load_lexicon(lexicon_path)
    gazetteer = _open_gazetteer(gazetteer_path)
    report = ReadReport()
    articles = read_articles(list(inputs), default_date=default_date, max_bytes=max_bytes, report=report)
    show = sys.stderr.isatty() if progress is None else progress
    claims = iter_claims(articles, lexicon=lexicon, gazetteer=gazetteer, progress=show)

    if to_stdout and fmt == "jsonl":
        n = 0
        for c in claims:
            click.echo(json.dumps(c.to_json_dict(), ensure_ascii=False))
            n += 1
    else:
        collected = list(claims)
        n = len(collected)
        if to_stdout:
            _print_table(collected)
        else:
            _write_file(collected, output)
            click.echo(f"wrote {n} claims from {report.read} articles to {output}", err=True)
    if report.read == 0:
        raise click.ClickException("no article could be read from the inputs; see the messages above")


def _print_table(claims: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(*_TABLE_COLUMNS, show_lines=False)
    for c in claims:
        d = c.to_dict()
        # Text(), not markup: article text is untrusted
        table.add_row(*[Text("" if d[k] is None else str(d[k])) for k in _TABLE_COLUMNS])
    with contextlib.suppress(BrokenPipeError):
        Console(width=160).print(table)
