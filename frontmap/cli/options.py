"""Options and helpers shared by several commands (defined once, used everywhere)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, Callable

import click

from frontmap.errors import FrontmapError


def parse_date(ctx: click.Context | None, param: click.Parameter | None, value: str | None) -> dt.date | None:
    """click callback: an ISO date (YYYY-MM-DD) or None."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-13") from None


inputs_argument = click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True))

date_option = click.option(
    "--date",
    "default_date",
    callback=parse_date,
    metavar="YYYY-MM-DD",
    help="Publication date for articles that have no date header.",
)

gazetteer_option = click.option(
    "--gazetteer",
    "gazetteer_path",
    type=click.Path(exists=True, file_okay=True, dir_okay=True),
    envvar="FRONTMAP_GAZETTEER",
    help="Use this gazetteer instead of the shipped one (also: $FRONTMAP_GAZETTEER).",
)

overwrite_option = click.option("--overwrite", is_flag=True, help="Replace an existing output file.")

max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=5_000_000,
    show_default=True,
    help="Skip (and report) input files larger than this many bytes.",
)


def friendly_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn frontmap's own errors into a clean one-line CLI error (exit 1)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except FrontmapError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def check_output(path: str | None, overwrite: bool) -> None:
    """Refuse to clobber an existing output file unless --overwrite was given."""
    import os

    if path and path != "-" and os.path.exists(path) and not overwrite:
        raise click.ClickException(f"{path} exists; pass --overwrite to replace it")
