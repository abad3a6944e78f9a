"""The ``frontmap`` command line.

One module per command family (``frontmap/cli/<family>.py``); this group imports a
module only when one of its commands runs, so ``frontmap geocode`` never pays for
geopandas or folium.  The CLI parses, calls the library and reports: no logic here.
"""

from __future__ import annotations

import importlib
import logging

import click

# command name -> "module:attribute" (a click.Command or click.Group)
COMMANDS: dict[str, str] = {
    "geocode": "frontmap.cli.gazetteer:geocode",
    "gazetteer": "frontmap.cli.gazetteer:gazetteer",
    "places": "frontmap.cli.places:places",
    "extract": "frontmap.cli.extract:extract",
    "ingest": "frontmap.cli.store:ingest",
    "query": "frontmap.cli.store:query",
    "control": "frontmap.cli.store:control",
    "export": "frontmap.cli.store:export",
    "map": "frontmap.cli.map:map_command",
}

SHORT_HELP: dict[str, str] = {
    "geocode": "Look a place name up in the offline gazetteer.",
    "gazetteer": "Inspect or rebuild the shipped gazetteer.",
    "places": "Find and resolve every place the articles name.",
    "extract": "Extract claimed events (capture, withdrawal, advance, ...) from articles.",
    "ingest": "Add articles' claims to a claim store (idempotent, atomic).",
    "query": "Query a claim store: near a place, within a region, between dates, by side.",
    "control": "Who held what on a date: control areas, front line, per-place table.",
    "export": "Export a claim store to GeoJSON, GeoParquet, CSV or JSON Lines.",
    "map": "Render a layered HTML map (or a PNG/SVG figure) of control claims.",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # List commands from SHORT_HELP so that `frontmap --help` imports nothing heavy.
        rows = [(name, SHORT_HELP.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _version() -> str:
    from frontmap import __version__

    return __version__


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", count=True, help="Less log output.")
@click.version_option(version=_version(), prog_name="frontmap")
def main(verbose: int, quiet: int) -> None:
    """Turn war reporting into maps, offline.

    \b
    Typical session:
      frontmap places seeds/                      # which places do the articles name?
      frontmap extract seeds/ -o claims.geojson   # who claims to hold what, and when
      frontmap map seeds/ -o maps/seed.html       # a layered, time-aware HTML map
      frontmap ingest articles/ --store claims.gpkg
      frontmap control --store claims.gpkg --date 2025-03-13 -o control.geojson

    Inputs are plain-text articles (first line ' date YYYY-MM-DD'), HTML files,
    JSON Lines ({"id","date","text"}), directories of those, or '-' for stdin.
    Every place resolves against the gazetteer shipped with frontmap; nothing is
    fetched from the network unless a command is given --online.
    """
    level = max(logging.DEBUG, logging.WARNING - 10 * verbose + 10 * quiet)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


if __name__ == "__main__":  # pragma: no cover
    main()
